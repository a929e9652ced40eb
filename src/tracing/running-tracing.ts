import { ProxyTracerProvider, trace, type TracerProvider } from '@opentelemetry/api';

interface ShutdownCapable extends TracerProvider {
  shutdown(): Promise<void>;
}

/**
 * The tracer provider the tracing preload registered, or undefined when tracing was not started in
 * this process (no `--import`, or no endpoint): the API's global is a no-op then. Read through the
 * API's global registry, so the server finds what the preload (a separate module) set up.
 */
export function runningTracerProvider(): ShutdownCapable | undefined {
  const global = trace.getTracerProvider();
  const provider = global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  return typeof (provider as Partial<ShutdownCapable>).shutdown === 'function' ? (provider as ShutdownCapable) : undefined;
}

/**
 * How long the spans still buffered may take to reach the collector at shutdown. An unreachable
 * collector would otherwise hold the stop for the exporter's retries (about 8 s, longer with a
 * larger OTEL_EXPORTER_OTLP_TIMEOUT), delaying every restart behind a tracing outage.
 */
export const tracingFlushAtShutdownMs = 2_000;

/** Sends the spans still buffered (for at most `tracingFlushAtShutdownMs`) and stops tracing; nothing when tracing is off. Never throws. */
export async function stopTracing(): Promise<void> {
  const provider = runningTracerProvider();
  if (!provider) return;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, tracingFlushAtShutdownMs);
  });
  await Promise.race([provider.shutdown().catch(() => undefined), deadline]);
  clearTimeout(timer);
}

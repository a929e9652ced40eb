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

/** Sends the spans still buffered and stops tracing (at shutdown); nothing when tracing is off. Never throws. */
export async function stopTracing(): Promise<void> {
  await runningTracerProvider()
    ?.shutdown()
    .catch(() => undefined);
}

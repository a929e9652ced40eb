import { trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stopTracing, tracingFlushAtShutdownMs } from '../../src/tracing/running-tracing.js';

/** A tracer provider whose shutdown ends as `shutdown` says: what the preload would have registered. */
function register(shutdown: () => Promise<void>): void {
  const provider: TracerProvider & { shutdown(): Promise<void> } = {
    getTracer: () => trace.getTracer('noop') as Tracer,
    shutdown,
  };
  trace.setGlobalTracerProvider(provider);
}

afterEach(() => {
  trace.disable();
  vi.useRealTimers();
});

/** At shutdown the buffered spans get a bounded time: a collector that never answers does not hold the stop. */
describe('stopTracing', () => {
  it.each([
    { collector: 'answers at once', shutdown: () => Promise.resolve(), resolvedBy: 0 },
    { collector: 'refuses (the exporter rejects)', shutdown: () => Promise.reject(new Error('ECONNREFUSED')), resolvedBy: 0 },
    { collector: 'never answers', shutdown: () => new Promise<void>(() => {}), resolvedBy: tracingFlushAtShutdownMs },
  ])('when the collector $collector, it resolves after $resolvedBy ms and never throws', async ({ shutdown, resolvedBy }) => {
    vi.useFakeTimers();
    register(shutdown);
    let stopped = false;
    const stopping = stopTracing().then(() => (stopped = true));
    if (resolvedBy > 0) {
      await vi.advanceTimersByTimeAsync(resolvedBy - 1);
      expect(stopped, 'still flushing before the bound').toBe(false);
    }
    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    expect(stopped).toBe(true);
  });

  it('does nothing when tracing was never started', async () => {
    await expect(stopTracing()).resolves.toBeUndefined();
  });
});

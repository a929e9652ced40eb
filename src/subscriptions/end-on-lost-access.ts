import type { ExecutionResult } from 'graphql';
import type { LiveMetrics } from '../metrics/live-metrics.js';
import type { LiveOperation } from './live-operation.js';

/** Codes that, at the subscription's root field, mean the viewer may no longer have it at all. */
const endingCodes = new Set(['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED']);

/** True when a result's root field failed its authorization: the subscription ends after sending it. */
export function endsSubscription(result: ExecutionResult): boolean {
  return (result.errors ?? []).some((error) => error.path?.length === 1 && endingCodes.has(String(error.extensions?.code)));
}

/**
 * A subscription's results as the client receives them: an event whose root field fails its
 * authorization (the viewer lost sight of the resource) is sent, with the same error a query gets,
 * and ends the subscription; a re-check asked for by a revocation is sent only when it ends it, and
 * an event whose root field resolves to null without an error (nothing this viewer may be shown) not at all.
 * An iterator of its own rather than an async generator: closing it must reach the source at once,
 * even while it waits for an event (a generator's `return` would wait for that event).
 */
export function endOnLostAccess(
  results: AsyncGenerator<ExecutionResult>,
  operation: LiveOperation,
  metrics: LiveMetrics | undefined,
): AsyncGenerator<ExecutionResult> {
  let ended = false;
  const iterator = {
    async next(): Promise<IteratorResult<ExecutionResult>> {
      for (;;) {
        if (ended) return { value: undefined, done: true };
        const step = await results.next();
        if (step.done) return step;
        const ends = endsSubscription(step.value);
        if (operation.lastItem === 'recheck') {
          metrics?.reauthorizations.inc({ outcome: ends ? 'ended' : 'allowed' });
          if (!ends) continue;
          if (operation.recheckSince !== undefined) metrics?.revocationSeconds.observe((Date.now() - operation.recheckSince) / 1000);
        }
        // A payload that resolves to nothing (an event this viewer may not be shown, a re-check) is not sent.
        if (!ends && !step.value.errors && Object.values(step.value.data ?? {}).every((value) => value === null)) continue;
        if (ends) {
          ended = true;
          await results.return(undefined);
        }
        return step;
      }
    },
    async return(): Promise<IteratorResult<ExecutionResult>> {
      ended = true;
      await results.return(undefined);
      return { value: undefined, done: true };
    },
    async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
      ended = true;
      await results.return(undefined);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator as unknown as AsyncGenerator<ExecutionResult>;
}

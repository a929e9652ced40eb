/**
 * The bench's load generator, in a process of its own so that generating load never shares an
 * event loop with a server under test. Told what to send over IPC; answers with what it saw.
 */
import autocannon from 'autocannon';

/** What to send, to where, how hard and for how long. */
export interface LoadOrder {
  readonly url: string;
  readonly token: string;
  readonly body: string;
  readonly connections: number;
  readonly seconds: number;
}

/** What one load round saw: answered requests, over how long, and their latencies (ms). */
export interface LoadResult {
  readonly answered: number;
  readonly seconds: number;
  readonly failures: number;
  readonly latencies: number[];
}

process.on('message', (order: LoadOrder) => {
  const latencies: number[] = [];
  const started = performance.now();
  const instance = autocannon(
    {
      url: order.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${order.token}` },
      body: order.body,
      connections: order.connections,
      duration: order.seconds,
      timeout: 60,
    },
    (error, result) => {
      if (error) throw error;
      const answer: LoadResult = {
        answered: latencies.length,
        seconds: (performance.now() - started) / 1000,
        failures: result.errors + result.timeouts + result.non2xx,
        latencies,
      };
      process.send?.(answer);
    },
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
});

import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** How a connection ended: the WebSocket close code and reason. */
export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** A graphql-ws client on a test server, signed in with a token (or anonymous), that never retries. */
export interface LiveClient {
  readonly client: Client;
  /** Resolves when the socket closes, with its code. */
  readonly closed: Promise<Closed>;
  subscribe(query: string, variables?: Record<string, unknown>): LiveSubscription;
  dispose(): Promise<void>;
}

/** One subscription's messages as they arrive. */
export interface LiveSubscription {
  /** Every `next` payload received so far. */
  readonly results: ExecutionResult[];
  /** The next payload not yet taken, waiting up to `timeoutMs`. */
  next(timeoutMs?: number): Promise<ExecutionResult>;
  /** Resolves with how the subscription ended: `complete`, an `error` message's errors, or the socket's close. */
  readonly ended: Promise<{ readonly complete: true } | { readonly errors: unknown } | { readonly closed: Closed }>;
  /** Whether it has ended. */
  isEnded(): boolean;
  unsubscribe(): void;
}

/** The WebSocket URL of a test server's HTTP URL. */
export function wsUrlOf(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** Connects to `url` with `{authorization: "Bearer <token>"}` in connection_init (none when token is undefined); resolves once acknowledged. */
export async function connectLive(url: string, token: string | undefined, options: { origin?: string } = {}): Promise<LiveClient> {
  let resolveClosed: (closed: Closed) => void = () => {};
  const closed = new Promise<Closed>((resolve) => (resolveClosed = resolve));
  const headers = options.origin ? { origin: options.origin } : {};
  class HeadedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  let acknowledged: () => void = () => {};
  const ready = new Promise<void>((resolve) => (acknowledged = resolve));
  const client = createClient({
    url: wsUrlOf(url),
    webSocketImpl: HeadedWebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
    on: {
      connected: () => acknowledged(),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolveClosed({ code, reason: String(reason) });
      },
    },
    onNonLazyError: () => {},
  });
  await Promise.race([ready, closed]);
  return {
    client,
    closed,
    subscribe: (query, variables) => subscribeLive(client, closed, query, variables),
    dispose: () => Promise.resolve(client.dispose()),
  };
}

function subscribeLive(client: Client, closed: Promise<Closed>, query: string, variables?: Record<string, unknown>): LiveSubscription {
  const results: ExecutionResult[] = [];
  let taken = 0;
  let wake: () => void = () => {};
  let ended = false;
  let end: (how: { complete: true } | { errors: unknown } | { closed: Closed }) => void = () => {};
  const endedPromise = new Promise<{ complete: true } | { errors: unknown } | { closed: Closed }>((resolve) => {
    end = (how) => {
      ended = true;
      resolve(how);
      wake();
    };
  });
  void closed.then((how) => end({ closed: how }));
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        results.push(result as ExecutionResult);
        wake();
      },
      error: (errors) => end({ errors: Array.isArray(errors) ? errors : String((errors as { code?: number }).code ?? errors) }),
      complete: () => end({ complete: true }),
    },
  );
  return {
    results,
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (taken >= results.length) {
        if (ended) throw new Error(`The subscription ended before another result: ${JSON.stringify(await endedPromise)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`No result within ${timeoutMs} ms.`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return results[taken++] as ExecutionResult;
    },
    ended: endedPromise,
    isEnded: () => ended,
    unsubscribe,
  };
}

/** The query of issueEvents selecting what the tests compare. */
export const issueEventsQuery = `subscription($repositoryId: ID!) {
  issueEvents(repositoryId: $repositoryId) { action issue { id title state } }
}`;

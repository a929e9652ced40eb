import { afterAll, beforeAll, expect } from 'vitest';
import type { Config } from '../../src/config.js';
import type { LiveEvent } from '../../src/subscriptions/live-event.js';
import { startTestServer, type GraphQLResponse, type Persona, type TestServer } from '../helpers/test-server.js';
import { connectLive, type LiveClient, type LiveSubscription } from './live-client.js';

/** A test file's server and its live clients, all closed after the file. */
export interface LiveTestServer {
  /** The server (set once `beforeAll` has run). */
  readonly t: TestServer;
  /** A graphql-ws client signed in as the persona (anonymous: no authorization). */
  live(persona: Persona): Promise<LiveClient>;
  /** A subscription as the persona, given time to start on the server. */
  watch(persona: Persona, query: string, variables: Record<string, unknown>): Promise<LiveSubscription>;
}

/** Starts this file's server (`env` and `beyondLimits` as `startTestServer` takes them) before its tests and stops it, with every client, after. */
export function liveTestServer(env: Record<string, string> = {}, beyondLimits?: (config: Config) => Config): LiveTestServer {
  let server: TestServer | undefined;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({}, env, undefined, beyondLimits);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await server?.stop();
  });
  const harness: LiveTestServer = {
    get t() {
      if (!server) throw new Error('The server starts in beforeAll.');
      return server;
    },
    async live(persona) {
      const client = await connectLive(harness.t.server.url, persona === 'anonymous' ? undefined : await harness.t.tokenOf(persona));
      clients.push(client);
      return client;
    },
    async watch(persona, query, variables) {
      const subscription = (await harness.live(persona)).subscribe(query, variables);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return subscription;
    },
  };
  return harness;
}

/** Publishes `event` on the server's bus until the subscription receives something: then it surely runs. */
export async function untilRunning(t: TestServer, subscription: LiveSubscription, event: LiveEvent): Promise<void> {
  for (;;) {
    if (subscription.isEnded()) throw new Error(`The subscription ended: ${JSON.stringify(await subscription.ended)}`);
    t.server.bus.publish(event);
    const received = await subscription.next(100).then(
      () => true,
      () => false,
    );
    if (received) return;
  }
}

/**
 * Expects a subscription refused with one error of `code` at its root, then ended; and, when a
 * query's response is given, that error said as the query says it (message and extensions, byte for byte).
 */
export async function expectRefused(subscription: LiveSubscription, code: string, asQuery?: GraphQLResponse): Promise<void> {
  const result = await subscription.next();
  expect(result.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  expect(await subscription.ended).toEqual({ complete: true });
  if (!asQuery) return;
  const said = (error: { message?: string; extensions?: unknown } | undefined) => ({
    message: error?.message,
    extensions: error?.extensions,
  });
  expect(said(result.errors?.[0])).toEqual(said(asQuery.errors?.[0]));
}

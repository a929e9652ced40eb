import { createPdpClient } from '../../src/authzen/pdp-clients.js';
import type { TestServer } from '../helpers/test-server.js';

/** An AuthZEN answer as a test sees it. */
export interface AuthzenAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/** Sends JSON to an AuthZEN path of a test server, with an `Authorization` value (or none). */
export async function postAuthzen(api: TestServer, path: string, authorization: string | undefined, body: unknown): Promise<AuthzenAnswer> {
  const response = await fetch(new URL(path, api.server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** A new PDP client of the test server's database, as `npm run pdp:client -- create` makes one: its `Authorization` value. */
export async function pdpClientOf(api: TestServer, name: string): Promise<string> {
  const { secret } = await createPdpClient(api.server.db.em.fork(), name, 'test');
  return `Bearer ${secret}`;
}

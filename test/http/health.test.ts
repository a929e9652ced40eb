import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStore } from '../../src/auth/session-store.js';
import type { Database } from '../../src/db/database.js';
import { healthRoutes } from '../../src/http/health-routes.js';
import { captureLogs, type LogCapture } from '../helpers/log-capture.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Liveness and readiness: `/healthz` answers while the process is up, whatever its dependencies
 * do; `/readyz` is 503 as soon as the database or the session store stops answering.
 */
const answering = async () => undefined;
const failing = async () => {
  throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
};

function database(execute: () => Promise<unknown>): Database {
  return { em: { fork: () => ({ execute }) } } as unknown as Database;
}

function sessionStore(ping: () => Promise<unknown>): SessionStore {
  return { ping } as unknown as SessionStore;
}

const cases = [
  { database: answering, sessionStore: answering, live: 200, ready: 200, failing: [] },
  { database: failing, sessionStore: answering, live: 200, ready: 503, failing: ['database'] },
  { database: answering, sessionStore: failing, live: 200, ready: 503, failing: ['sessionStore'] },
  { database: failing, sessionStore: failing, live: 200, ready: 503, failing: ['database', 'sessionStore'] },
];

const servers: { close(): void }[] = [];
afterAll(() => servers.forEach((server) => server.close()));

async function serve(routes: express.Router): Promise<string> {
  const app = express().use(routes);
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.each(cases)('database $database.name, session store $sessionStore.name', (row) => {
  let base: string;
  let logs: LogCapture;
  beforeAll(async () => {
    logs = captureLogs();
    base = await serve(
      healthRoutes({ db: database(row.database), sessions: sessionStore(row.sessionStore), jwks: { keys: [] }, logger: logs.logger }),
    );
  });

  it(`/healthz is ${row.live}`, async () => {
    const response = await fetch(`${base}/healthz`);
    expect([response.status, await response.json()]).toEqual([row.live, { status: 'ok' }]);
  });

  it(`/readyz is ${row.ready}, naming what fails`, async () => {
    const response = await fetch(`${base}/readyz`);
    const body = (await response.json()) as { status: string; checks: Record<string, string> };
    expect(response.status).toBe(row.ready);
    expect(body.status).toBe(row.ready === 200 ? 'ready' : 'unavailable');
    const failed = Object.entries(body.checks)
      .filter(([, outcome]) => outcome !== 'ok')
      .map(([check]) => check);
    expect(failed).toEqual(row.failing);
  });

  it('logs why a check fails, and keeps it out of the answer (it can name internal hosts)', async () => {
    const body = await (await fetch(`${base}/readyz`)).text();
    expect(body).not.toContain('ECONNREFUSED');
    const logged = logs
      .lines()
      .filter((line) => line.msg === 'readiness check failed')
      .map((line) => line.check);
    expect(new Set(logged)).toEqual(new Set(row.failing));
    if (row.failing.length) expect(logs.text()).toContain('ECONNREFUSED 127.0.0.1:5432');
  });
});

describe('a server draining before a stop, on keep-alive connections', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({}, { HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '70' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  const query = () =>
    fetch(api.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });

  it('keeps idle connections HTTP_KEEP_ALIVE_TIMEOUT_SECONDS (above the proxy idle timeout), and says so', async () => {
    const response = await query();
    expect([response.status, response.headers.get('keep-alive'), response.headers.get('connection')]).toEqual([
      200,
      'timeout=70',
      'keep-alive',
    ]);
  });

  it('once draining: /readyz is 503 "draining" at once, requests are still answered, each telling its client to close the connection', async () => {
    api.server.drain();
    const ready = await fetch(new URL('/readyz', api.server.url));
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'draining' }]);
    const response = await query();
    expect([response.status, await response.json(), response.headers.get('connection')]).toEqual([
      200,
      { data: { __typename: 'Query' } },
      'close',
    ]);
  });
});

// GET /metrics: Prometheus text with requests, operations, error codes, authorization decisions by
// outcome and coordinate, token verifications, access batch sizes and the database pool; labels
// never take a value a client chooses; METRICS_TOKEN protects it; METRICS turns it off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observedSessionStore } from '../../src/auth/observed-session-store.js';
import { SessionStoreUnavailableError, type SessionStore } from '../../src/auth/session-store.js';
import { loadConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
let metricsUrl: string;
beforeAll(async () => {
  api = await startTestServer({}, { METRICS_TOKEN: 'scrape-secret' });
  metricsUrl = new URL('/metrics', api.server.url).href;
});
afterAll(async () => {
  await api?.stop();
});

const scrape = async (authorization = 'Bearer scrape-secret') => {
  const response = await fetch(metricsUrl, { headers: { authorization } });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

/** The value of one sample line (`name{labels} value`), or undefined when the line is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics after some traffic', () => {
  let text: string;
  beforeAll(async () => {
    // Allowed reads on a list, a FORBIDDEN (george may not read infra's code), a NOT_FOUND (mike is no member of beatles).
    await api.gql('john', '{ organization(login: "beatles") { repositories { nodes { name readme } } } }');
    await api.gql('george', '{ repository(owner: "beatles", name: "infra") { readme } }');
    await api.gql('mike', '{ repository(owner: "beatles", name: "abbey-road") { name } }');
    await api.send(`Bearer ${await api.tokenOf('john')}`, {
      query: 'query Chosen_By_The_Client_123 { viewer { login } }',
      operationName: 'Chosen_By_The_Client_123',
    });
    await fetch(new URL('/no-such-path-chosen-by-a-client', api.server.url));
    // A keyed mutation, then its repeat: answered from the stored answer.
    const keyed = {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await api.tokenOf('john')}`,
        'idempotency-key': 'metrics-key',
      },
      body: JSON.stringify({
        query: `mutation { createIssue(input: {repositoryId: "${api.ids['abbey-road']}", title: "Keyed"}) { issue { id } } }`,
      }),
    };
    await fetch(api.server.url, keyed);
    await fetch(api.server.url, keyed);
    ({ text } = await scrape());
  });

  it.each([
    ['rolegate_authz_decisions_total{outcome="allow",coordinate="Repository.readme"}'],
    ['rolegate_authz_decisions_total{outcome="forbidden",coordinate="Repository.readme"}'],
    ['rolegate_authz_decisions_total{outcome="not_found",coordinate="Query.repository"}'],
    ['rolegate_graphql_errors_total{code="FORBIDDEN"}'],
    ['rolegate_graphql_errors_total{code="NOT_FOUND"}'],
    ['rolegate_http_requests_total{method="POST",route="/graphql",status="200"}'],
    ['rolegate_http_requests_total{method="GET",route="other",status="404"}'],
    ['rolegate_graphql_operation_duration_seconds_count{type="query",root_field="organization"}'],
    ['rolegate_graphql_operation_duration_seconds_count{type="query",root_field="viewer"}'],
    ['rolegate_token_verifications_total{result="verified"}'],
    ['rolegate_token_verifications_total{result="cached"}'],
    ['rolegate_dataloader_batch_size_count{loader="access:organization"}'],
    // Every request loader, not only role resolution: the organization's repository page.
    ['rolegate_dataloader_batch_size_count{loader="repositoryPages"}'],
    ['rolegate_process_resident_memory_bytes'],
    ['rolegate_idempotent_replays_total'],
  ])('counts %s', (series) => {
    expect(sample(text, series)).toBeGreaterThan(0);
  });

  it('labels nothing with what a client chose (operation names, paths)', () => {
    expect(text).not.toContain('Chosen_By_The_Client_123');
    expect(text).not.toContain('no-such-path');
  });

  it('reports the database pool on PostgreSQL only (the embedded database has one connection)', () => {
    const total = sample(text, 'rolegate_db_pool_connections{state="total"}');
    if (process.env.DATABASE_URL) expect(total).toBeGreaterThan(0);
    else expect(total).toBeUndefined();
  });

  it('reports database connection faults by kind and retried statements, none here', () => {
    for (const kind of ['terminated', 'refused', 'timeout', 'saturated', 'broken']) {
      expect(sample(text, `rolegate_db_connection_faults_total{kind="${kind}"}`), kind).toBe(0);
    }
    expect(sample(text, 'rolegate_db_retried_statements_total')).toBe(0);
  });

  it("answers in Prometheus' text format", async () => {
    expect((await scrape()).type).toContain('text/plain');
  });
});

describe('METRICS_TOKEN', () => {
  it.each([
    ['no token', '', 401],
    ['another token', 'Bearer not-the-secret', 401],
    ['a token one character short', 'Bearer scrape-secre', 401],
    ['the token', 'Bearer scrape-secret', 200],
  ])('%s: %i', async (_name, authorization, status) => {
    const response = await scrape(authorization);
    expect(response.status).toBe(status);
    if (status === 401) expect(JSON.parse(response.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('METRICS', () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', METRICS: 'true', METRICS_TOKEN: 'token' }, true],
    [{ METRICS: 'false' }, false],
  ])('%j: metrics %s', (env, on) => {
    expect(loadConfig(env).metrics).toBe(on);
  });

  it('off: /metrics is not served', async () => {
    const off = await startTestServer({}, { METRICS: 'false' });
    try {
      expect((await fetch(new URL('/metrics', off.server.url))).status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});

describe('session store failures', () => {
  const failing = (error: Error): SessionStore => {
    const fail = async () => {
      throw error;
    };
    return { standing: fail, publish: fail, revoke: fail, revokeSession: fail, ping: fail, close: async () => {} };
  };
  it.each([
    ['an unreachable store', new SessionStoreUnavailableError('down'), 1],
    ['any other error', new Error('a bug'), 0],
  ])('%s: counted %i time(s), and still thrown', async (_name, error, counted) => {
    let failures = 0;
    const store = observedSessionStore(failing(error), () => failures++);
    await expect(store.standing('user', 'jti')).rejects.toBe(error);
    expect(failures).toBe(counted);
  });
});

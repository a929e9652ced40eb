import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';
import { serverProcessEnv } from '../helpers/server-process-env.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * Tracing end to end, as an operator runs it: the real process started the production way
 * (`--import` the tracing preload, then the server) with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an
 * OTLP/HTTP receiver in this test. One GraphQL request carrying a W3C `traceparent` must come back
 * as one trace: the HTTP server span under the caller's span, Express and GraphQL spans, the
 * database statements (pg on PostgreSQL, the ORM's spans on the embedded database) under it, and
 * the authorization decisions as span events. Nothing secret leaves: no password, no email.
 * Runs on the embedded database, or on a fresh database of DATABASE_URL's server (and REDIS_URL's
 * Redis) when they are set, as in CI.
 */
interface OtlpAttribute {
  readonly key: string;
  readonly value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}
interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly attributes?: OtlpAttribute[];
  readonly events?: { name: string; attributes?: OtlpAttribute[] }[];
  scope: string;
}
interface OtlpExport {
  resourceSpans: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[];
}

const bodies: string[] = [];
let receiver: Server;
let database: TestDatabase;
let dataDir: string;
let output = '';
let exitCode: number | null;
const callerTraceId = randomBytes(16).toString('hex');
const callerSpanId = randomBytes(8).toString('hex');
let responses: unknown[] = [];

function attribute(attributes: OtlpAttribute[] | undefined, key: string): string | undefined {
  const value = attributes?.find((candidate) => candidate.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : String(value.intValue));
}

function allSpans(): OtlpSpan[] {
  return bodies.flatMap((body) =>
    (JSON.parse(body) as OtlpExport).resourceSpans.flatMap((resource) =>
      resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => ({ ...span, scope: scope.scope.name }))),
    ),
  );
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (request.url === '/v1/traces') bodies.push((request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString());
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  // The demo cast (george signs in), copied rather than seeded.
  database = await createTestDatabase({ from: 'seeded' });
  dataDir = mkdtempSync(join(tmpdir(), 'rolegate-tracing-'));
  await database.prepareDataDir(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './src/tracing/preload.ts', 'src/main.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: serverProcessEnv(dataDir, database.databaseUrl, {
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
      OTEL_SERVICE_NAME: 'rolegate-under-test',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const deadline = Date.now() + 90_000;
    let port: string | undefined;
    while (!(port = /ready at http:\/\/localhost:(\d+)\/graphql/.exec(output)?.[1])) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`The server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const graphql = async (query: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data?: Record<string, unknown> };
    };
    const login = await graphql(
      `mutation { login(input: {email: "${demoEmail('george')}", password: "${demoPassword}"}) { accessToken } }`,
    );
    const token = (login.data?.login as { accessToken: string }).accessToken;
    // A GET whose URL carries a document and variables (a value that must not reach a span).
    const query = 'query Who($login: String!) { user(login: $login) { login } }';
    const variables = JSON.stringify({ login: 'variablevalue7f3a' });
    await fetch(`http://127.0.0.1:${port}/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    responses = [
      login,
      await graphql('query Readme { repository(owner: "beatles", name: "infra") { name readme } }', {
        authorization: `Bearer ${token}`,
        traceparent: `00-${callerTraceId}-${callerSpanId}-01`,
      }),
    ];
  } finally {
    // SIGTERM: the server drains and the buffered spans are sent before it exits.
    child.kill('SIGTERM');
    exitCode = await exited;
  }
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  it('says where spans go at start-up, answers as usual, and flushes at shutdown', () => {
    expect(output).toContain(
      `Tracing: spans to http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/traces as service "rolegate-under-test"`,
    );
    expect(exitCode).toBe(0);
    // The module hook intercepts only what the instrumentations patch: no warning about other modules.
    expect(output).not.toMatch(/import-in-the-middle|Warning/);
    expect(responses[1]).toMatchObject({ data: { repository: { name: 'infra', readme: null } } });
    expect(bodies.length).toBeGreaterThan(0);
  });

  it('exports one trace for the request, continuing the caller’s traceparent, with HTTP, Express and GraphQL spans', () => {
    const trace = allSpans().filter((span) => span.traceId === callerTraceId);
    const server = trace.filter((span) => span.parentSpanId === callerSpanId);
    expect(server.map((span) => span.scope)).toEqual(['@opentelemetry/instrumentation-http']);
    const scopes = new Set(trace.map((span) => span.scope));
    for (const scope of [
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-express',
      '@opentelemetry/instrumentation-graphql',
    ]) {
      expect(scopes).toContain(scope);
    }
    expect(trace.some((span) => span.name === 'query Readme')).toBe(true);
    // The session check (revocation) goes to Redis when REDIS_URL is set.
    if (process.env.REDIS_URL) expect(scopes).toContain('@opentelemetry/instrumentation-ioredis');
    const resource = (JSON.parse(bodies[0] as string) as OtlpExport).resourceSpans[0]?.resource?.attributes;
    expect(attribute(resource, 'service.name')).toBe('rolegate-under-test');
  });

  it('puts the database statements under the request’s server span', () => {
    const trace = allSpans().filter((span) => span.traceId === callerTraceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const databaseScope = process.env.DATABASE_URL ? '@opentelemetry/instrumentation-pg' : 'rolegate.database';
    const statements = trace.filter((span) => span.scope === databaseScope && attribute(span.attributes, 'db.query.text'));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const ancestors: string[] = [];
      for (let span: OtlpSpan | undefined = statement; span?.parentSpanId; span = byId.get(span.parentSpanId)) {
        ancestors.push(span.parentSpanId);
      }
      expect(ancestors.at(-1)).toBe(callerSpanId);
    }
  });

  it('records each authorization decision as an event: the allow and the FORBIDDEN', () => {
    const events = allSpans()
      .filter((span) => span.traceId === callerTraceId)
      .flatMap((span) => (span.events ?? []).filter((event) => event.name === 'authz.decision'));
    const decisions = events.map((event) => [
      attribute(event.attributes, 'authz.coordinate'),
      attribute(event.attributes, 'authz.outcome'),
      attribute(event.attributes, 'authz.permission'),
    ]);
    expect(decisions).toEqual(
      expect.arrayContaining([
        ['Query.repository', 'allow', 'read:repository'],
        ['Repository.readme', 'forbidden', 'read_code:repository'],
      ]),
    );
  });

  it("sends no password, email or token: literals in GraphQL documents and SQL are masked, a GET's query string redacted", () => {
    const exported = bodies.join('\n');
    expect(exported).not.toContain(demoPassword);
    expect(exported).not.toContain('@gitclub.test');
    expect(exported).not.toContain('variablevalue7f3a');
    expect(exported).not.toMatch(/Bearer|eyJ[\w-]{10,}/);
  });
});

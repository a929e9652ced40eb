import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { demoEmail, demoPassword, type DemoLogin } from '../../src/gitclub/demo/demo-cast.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A GraphQL response as a test sees it, with the HTTP status and headers. */
export interface GraphQLResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly data: Record<string, unknown> | null | undefined;
  readonly errors: readonly GraphQLFormattedError[] | undefined;
}

/** A persona: a demo login, or `anonymous`. */
export type Persona = DemoLogin | 'anonymous';

/** A server private to one test file, seeded with the demo cast, and ways to talk to it. */
export interface TestServer {
  readonly server: RunningServer;
  /** The PostgreSQL URL of this file's database, when running on PostgreSQL. */
  readonly databaseUrl: string | undefined;
  readonly database: TestDatabase;
  /** Sends a GraphQL request as a persona (or with an explicit Authorization header). */
  gql(persona: Persona, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  send(authorization: string | undefined, body: unknown): Promise<GraphQLResponse>;
  /** Arranges a test: sends a request as a persona that must succeed (a failure names the query) and returns its data. */
  setup(persona: Persona, query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Ids of demo objects by name: `beatles`, `abbey-road`, `infra`, `john`, `abbey-road#1`, ... */
  readonly ids: Record<string, string>;
  /** SQL statements sent since the last reset: how many, and their text (to tell two counts apart). */
  readonly queries: { count: number; readonly statements: string[]; reset(): void };
  tokenOf(persona: DemoLogin): Promise<string>;
  /** Stops the server but keeps its database (for tools that open it afterwards). */
  stopServer(): Promise<void>;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

/** Starts a fresh, seeded server on an ephemeral port. */
export async function startTestServer(
  options: ServerOptions = {},
  env: Record<string, string | undefined> = {},
  /** Reuse the database of an earlier server of this file (after `stopServer`). */
  existing?: TestDatabase,
  /** Settings below what the configuration allows (a 3-second token lifetime, say), for a test that must not wait. */
  beyondLimits: (config: Config) => Config = (config) => config,
): Promise<TestServer> {
  // A seeded server starts from a copy of the run's demo database (see test/setup/demo-database-template.ts).
  const seeded = (env.SEED_DEMO_DATA ?? 'true') === 'true';
  const database = existing ?? (await createTestDatabase(seeded ? { from: 'seeded' } : {}));
  const queries = {
    count: 0,
    statements: [] as string[],
    reset() {
      this.count = 0;
      this.statements = [];
    },
  };
  const config = beyondLimits({
    ...loadConfig({
      PORT: '0',
      DATA_DIR: 'memory://',
      SEED_DEMO_DATA: 'true',
      // With REDIS_URL set (CI does), the shared session store is exercised; keys are private to this server.
      REDIS_URL: process.env.REDIS_URL,
      REDIS_KEY_PREFIX: `rolegate-test:${randomUUID()}:`,
      // Quiet tests; a test that reads the logs passes its own logger (options.logger).
      LOG_LEVEL: 'silent',
      // Every request of a test file comes from 127.0.0.1: limits generous enough for suites that sign in often.
      RATE_LIMIT_PER_IP: '100000',
      RATE_LIMIT_LOGIN_PER_EMAIL: '1000',
      // CI's second stage compiles every document from its first execution (0), so the whole suite runs on graphql-jit there.
      GRAPHQL_COMPILE_AFTER: process.env.GRAPHQL_COMPILE_AFTER,
      ...env,
    }),
    databaseUrl: database.databaseUrl,
  });
  // A server on a data folder (DATA_DIR) finds the template's copy there, as an in-memory one loads it.
  if (!existing && config.dataDir !== 'memory://') await database.prepareDataDir(config.dataDir);
  const server = await startServer(config, {
    host: '127.0.0.1',
    pgliteTemplate: config.dataDir === 'memory://' ? database.pgliteTemplate : undefined,
    onQuery: (sql) => (queries.count++, queries.statements.push(sql)),
    ...options,
  });
  const send = async (authorization: string | undefined, body: unknown): Promise<GraphQLResponse> => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };
    return { status: response.status, headers: response.headers, data: json.data, errors: json.errors };
  };
  const tokens = new Map<DemoLogin, Promise<string>>();
  const tokenOf = (persona: DemoLogin): Promise<string> => {
    let token = tokens.get(persona);
    if (!token) {
      token = send(undefined, {
        query: 'mutation($email: String!, $password: String!) { login(input: {email: $email, password: $password}) { accessToken } }',
        variables: { email: demoEmail(persona), password: demoPassword },
      }).then((response) => {
        const login = response.data?.login as { accessToken: string } | undefined;
        if (!login) throw new Error(`Could not sign in as ${persona}: ${JSON.stringify(response.errors)}`);
        return login.accessToken;
      });
      tokens.set(persona, token);
    }
    return token;
  };
  const gql = async (persona: Persona, query: string, variables?: Record<string, unknown>) =>
    send(persona === 'anonymous' ? undefined : `Bearer ${await tokenOf(persona)}`, { query, variables });

  const setup = async (persona: Persona, query: string, variables?: Record<string, unknown>) => {
    const response = await gql(persona, query, variables);
    expect(response.errors, `setup: ${query}`).toBeUndefined();
    return response.data ?? {};
  };

  const ids = await demoIds(server);
  let stopping: Promise<void> | undefined;
  const stopServer = () => (stopping ??= server.stop());
  return {
    server,
    databaseUrl: database.databaseUrl,
    database,
    gql,
    send,
    setup,
    ids,
    queries,
    tokenOf,
    stopServer,
    async stop() {
      await stopServer();
      await database.drop();
    },
  };
}

async function demoIds(server: RunningServer): Promise<Record<string, string>> {
  const em = server.db.em.fork();
  const rows = await em.execute<{ key: string; id: string }[]>(
    `select login as key, id from users
     union all select login, id from organizations
     union all select name, id from repositories
     union all select r.name || '#' || i.number, i.id from issues i join repositories r on r.id = i.repository_id
     union all select 'role:' || name, id from roles where not built_in`,
  );
  return Object.fromEntries(rows.map((row) => [row.key, row.id]));
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';
import { serverProcessEnv } from '../helpers/server-process-env.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { testNodeFlags } from '../helpers/run-process.js';

/**
 * SIGTERM on the real process (`src/main.ts`): new connections are refused at once, a request
 * already in flight (its body still arriving) is answered in full, then the process exits 0; one
 * that outlives SHUTDOWN_TIMEOUT_SECONDS makes it exit 1. Runs on the embedded database, or on a
 * fresh database of DATABASE_URL's server when that is set (as in CI).
 */
interface Instance {
  readonly process: ChildProcess;
  readonly port: number;
  /** Everything the process printed so far. */
  output(): string;
  /** The exit code, once it exits. */
  readonly exited: Promise<number | null>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startInstance(env: Record<string, string>): Promise<Instance> {
  // The demo cast (the in-flight request signs in as john), copied rather than seeded.
  const database: TestDatabase = await createTestDatabase({ from: 'seeded' });
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-shutdown-'));
  await database.prepareDataDir(dataDir);
  cleanups.push(
    () => database.drop(),
    () => rmSync(dataDir, { recursive: true, force: true }),
  );
  const child = spawn(process.execPath, [...testNodeFlags, '--import', 'tsx', 'src/main.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: serverProcessEnv(dataDir, database.databaseUrl, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.unshift(() => void child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await until(
    () => /ready at http:\/\/localhost:(\d+)\/graphql/.exec(output)?.[1],
    90_000,
    () => `The server did not start:\n${output}`,
  );
  return { process: child, port: Number(port), output: () => output, exited };
}

/** Polls until `probe` returns a value; fails after `timeoutMs` with `why()`. */
async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, why: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(why());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A login request whose headers the server has read (it answered `100 Continue`) and whose body is half sent. */
async function halfSentLogin(port: number): Promise<{ finish(): void; response: Promise<{ status: number; body: string }> }> {
  const body = JSON.stringify({
    query: 'mutation Login($email: String!, $password: String!) { login(input: {email: $email, password: $password}) { accessToken } }',
    variables: { email: demoEmail('john'), password: demoPassword },
  });
  const half = Math.floor(body.length / 2);
  const sent: ClientRequest = request({
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    agent: false,
    // Node's server answers 100 Continue right when it emits 'request': the drain then counts this request as in flight.
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    sent.on('response', (answer: IncomingMessage) => {
      let text = '';
      answer.on('data', (chunk: Buffer) => (text += chunk.toString()));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body: text }));
    });
    sent.on('error', reject);
  });
  await new Promise<void>((resolve) => sent.once('continue', resolve));
  sent.write(body.slice(0, half));
  return { finish: () => sent.end(body.slice(half)), response };
}

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** The JSON log lines the process wrote (the start-up guide is plain text, for people). */
function logLines(instance: Instance): Record<string, unknown>[] {
  return instance
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('SIGTERM', () => {
  it('refuses new connections, answers the request in flight in full, and exits 0', async () => {
    const instance = await startInstance({ SHUTDOWN_TIMEOUT_SECONDS: '20' });
    const inFlight = await halfSentLogin(instance.port);

    instance.process.kill('SIGTERM');
    await until(
      () =>
        logLines(instance).some((line) => line.msg === 'shutting down: draining, then finishing in-flight requests') ? true : undefined,
      10_000,
      instance.output,
    );
    await until(
      async () => ((await refused(instance.port)) ? true : undefined),
      5_000,
      () => 'New connections are still accepted while shutting down.',
    );
    expect(instance.process.exitCode).toBeNull();

    inFlight.finish();
    const answer = await inFlight.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ data: { login: { accessToken: expect.any(String) } } });

    expect(await instance.exited).toBe(0);
    expect(logLines(instance).map((line) => line.msg)).toEqual(
      expect.arrayContaining(['graphql request', 'shutting down: draining, then finishing in-flight requests', 'stopped']),
    );
    expect(logLines(instance).find((line) => line.msg === 'graphql request')).toMatchObject({
      operationName: 'Login',
      status: 200,
      outcome: 'ok',
    });
  }, 120_000);

  it('exits 1 when a request outlives SHUTDOWN_TIMEOUT_SECONDS', async () => {
    const instance = await startInstance({ SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const inFlight = await halfSentLogin(instance.port);
    const cutOff = inFlight.response.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    const signalled = Date.now();
    instance.process.kill('SIGTERM');

    expect(await instance.exited).toBe(1);
    expect(await cutOff).toMatch(/socket hang up|ECONNRESET/);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(logLines(instance).map((line) => line.msg)).toContain('shutdown timed out; exiting anyway');
  }, 120_000);
});

describe('SIGTERM under load, with a drain', () => {
  it('says draining on /readyz while it still answers; a client that stops on it (as a load balancer) sees no failed request', async () => {
    const instance = await startInstance({ SHUTDOWN_DRAIN_SECONDS: '2', SHUTDOWN_TIMEOUT_SECONDS: '10' });
    const base = `http://127.0.0.1:${instance.port}`;
    const answers: { at: number; status: number; ok: boolean; connection: string | null }[] = [];
    const failures: string[] = [];
    let routed = true;
    let drainingSeenAt: number | undefined;
    // The load balancer: polls /readyz, and stops routing here at its first 503.
    const balancer = (async () => {
      while (routed) {
        const response = await fetch(`${base}/readyz`).catch(() => undefined);
        if (response?.status === 503) {
          expect(await response.json()).toEqual({ status: 'draining' });
          drainingSeenAt = Date.now();
          routed = false;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const client = async () => {
      while (routed) {
        try {
          const response = await fetch(`${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ __typename }' }),
          });
          const body = (await response.json()) as { data?: unknown };
          answers.push({
            at: Date.now(),
            status: response.status,
            ok: body.data !== undefined,
            connection: response.headers.get('connection'),
          });
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    const clients = Promise.all(Array.from({ length: 4 }, client));
    await until(
      () => (answers.length >= 20 ? true : undefined),
      10_000,
      () => 'no load',
    );
    const signalled = Date.now();
    instance.process.kill('SIGTERM');
    await Promise.all([balancer, clients]);
    expect(await instance.exited).toBe(0);

    expect(failures).toEqual([]);
    expect(answers.filter((answer) => answer.status !== 200 || !answer.ok)).toEqual([]);
    expect(drainingSeenAt, 'the balancer saw /readyz say draining').toBeDefined();
    // Requests kept being answered after the signal, while draining, told to close their connection.
    const duringDrain = answers.filter((answer) => answer.at > signalled);
    expect(duringDrain.length).toBeGreaterThan(0);
    expect(duringDrain.some((answer) => answer.connection === 'close')).toBe(true);
    expect(logLines(instance).map((line) => line.msg)).toEqual(
      expect.arrayContaining(['shutting down: draining, then finishing in-flight requests', 'stopped']),
    );
  }, 120_000);
});

describe.skipIf(!process.env.DATABASE_URL)('SIGTERM during start-up', () => {
  it('stops at once while start-up waits for the start-up lock, instead of ignoring the signal', async () => {
    const database: TestDatabase = await createTestDatabase({ from: 'seeded' });
    cleanups.push(() => database.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-shutdown-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // Another instance holds the start-up lock (src/db/startup-lock.ts): this one waits for it.
    const holder = new pg.Client({ connectionString: database.databaseUrl });
    await holder.connect();
    cleanups.push(() => holder.end());
    await holder.query('select pg_advisory_lock($1)', [0x526f6c65]);
    const child = spawn(process.execPath, [...testNodeFlags, '--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: serverProcessEnv(dataDir, database.databaseUrl),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.unshift(() => void child.kill('SIGKILL'));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(
      async () => {
        const { rows } = await holder.query<{ waiting: string }>(
          "select count(*) as waiting from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())",
        );
        return Number(rows[0]?.waiting) > 0 ? true : undefined;
      },
      60_000,
      () => `The server never waited for the start-up lock:\n${output}`,
    );
    const signalled = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(output).toContain('stopping during start-up: nothing was serving');
    expect(output).not.toContain('ready at');
  }, 120_000);
});

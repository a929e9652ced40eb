/**
 * What the authorization layer costs.
 *
 * Starts the same server twice, each on its own fresh in-memory PGlite database holding the demo
 * data plus 100 extra repositories in `beatles`: once with the `@auth` directive transform (the
 * real server) and once without it (same resolvers, same data). Both are called as `john` (admin
 * of beatles) with a bearer token from the `login` mutation, so authentication costs the same and
 * only authorization differs. The load query lists 100 repositories with three protected fields
 * each. Each server is checked once (100 nodes, no errors), warmed up, then loaded with autocannon
 * in alternating rounds (baseline, auth, auth, baseline: drift during the run, such as other
 * processes on the machine, hits both alike) and its two rounds are pooled.
 *
 * Why requests/s is counted on the server and not taken from autocannon: a request here costs
 * hundreds of milliseconds of one thread (PGlite runs in-process), so with 10 connections a
 * 10 s window holds only a few dozen completions, the first ones seconds late, and autocannon drops
 * the ones still in flight when time is up while the server goes on serving them. So each round
 * runs from an idle server to an idle server, and counts the requests served as SQL statements
 * sent / statements per request (fixed for this query), over the time to the last statement.
 * Latencies are autocannon's, for the requests it saw answered ("answered" below).
 *
 * Then the verified-token cache: one token verified many times, with and without the cache.
 *
 * Env: BENCH_SECONDS (load per server, split into two rounds; default 10), BENCH_CONNECTIONS (default 10).
 */
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { demoEmail, demoPassword } from '../src/gitclub/demo/demo-cast.js';
import { startServer, type RunningServer } from '../src/server.js';
import { measureTokenCache } from './token-cache.js';

const seconds = positiveInteger('BENCH_SECONDS', 10);
const connections = positiveInteger('BENCH_CONNECTIONS', 10);
const roundSeconds = seconds / 2;
const warmUpSeconds = 3;
const extraRepositories = 100;

/** 100 repositories, each with three protected fields (read_code, manage_roles, trigger_workflow). */
const loadQuery = `{
  organization(login: "beatles") {
    repositories(first: 100) {
      nodes { id name readme collaborators { role { name } } workflowRuns(first: 1) { totalCount } }
    }
  }
}`;

type Label = 'baseline' | 'auth';

/** SQL statements a server sent, and when it sent the last one (performance.now()). */
interface StatementCounter {
  count: number;
  lastAt: number;
}

/** One server under test, with its statement counter and john's token. */
interface Target {
  readonly label: Label;
  readonly server: RunningServer;
  readonly token: string;
  readonly statements: StatementCounter;
}

/** One round: the SQL statements the server sent, over how long, and the latencies (ms) autocannon saw. */
interface Round {
  readonly statements: number;
  readonly seconds: number;
  readonly latencies: number[];
}

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number; got "${raw}".`);
  return value;
}

async function startTarget(label: Label): Promise<Target> {
  const statements: StatementCounter = { count: 0, lastAt: 0 };
  // Request logs off: one line per request would flood the bench's output (LOG_LEVEL to see them).
  const config = {
    ...loadConfig({ PORT: '0', SEED_DEMO_DATA: 'true', LOG_LEVEL: process.env.LOG_LEVEL || 'silent' }),
    dataDir: 'memory://',
  };
  const server = await startServer(config, {
    authorization: label === 'auth',
    host: '127.0.0.1',
    onQuery: () => {
      statements.count++;
      statements.lastAt = performance.now();
    },
  });
  try {
    await addRepositories(server);
    return { label, server, token: await login(server.url), statements };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Adds the bench's repositories to beatles, each with one explicit collaborator (ringo, contributor). */
async function addRepositories(server: RunningServer): Promise<void> {
  const em = server.db.em.fork();
  await em.execute(
    `insert into repositories (id, organization_id, name, description, readme, created_at)
     select gen_random_uuid(), o.id, 'bench-' || lpad(i::text, 3, '0'), 'Bench repository ' || i, '# Bench ' || i, now()
     from organizations o cross join generate_series(1, ?) as i where o.login = 'beatles'`,
    [extraRepositories],
    'run',
  );
  await em.execute(
    `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
     select gen_random_uuid(), u.id, r.id, 'repository', rep.id, now()
     from repositories rep, users u, roles r
     where rep.name like 'bench-%' and u.login = 'ringo' and r.name = 'contributor' and r.resource_type = 'repository' and r.built_in`,
    [],
    'run',
  );
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

async function post(url: string, body: unknown, token?: string): Promise<GraphQLBody> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as GraphQLBody;
}

/** John's access token, through the `login` mutation like any client. */
async function login(url: string): Promise<string> {
  const response = await post(url, {
    query: 'mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }',
    variables: { email: demoEmail('john'), password: demoPassword },
  });
  const token = (response.data?.login as { accessToken?: string } | undefined)?.accessToken;
  if (!token) throw new Error(`Could not log in as john: ${JSON.stringify(response.errors)}`);
  return token;
}

/** Sends the load query once and refuses to go on unless it returns 100 repositories and no errors. */
async function checkResponse(target: Target): Promise<void> {
  const response = await post(target.server.url, { query: loadQuery }, target.token);
  const organization = response.data?.organization as { repositories?: { nodes?: unknown[] } } | null | undefined;
  const nodes = organization?.repositories?.nodes?.length ?? 0;
  if (response.errors?.length || nodes !== 100) {
    throw new Error(
      `The ${target.label} server answered ${nodes} repositories and errors ${JSON.stringify(response.errors ?? [])}; expected 100 and none.`,
    );
  }
}

/**
 * Waits until the server has sent no SQL for a while: autocannon stops when its time is up, but
 * the server still finishes the requests in flight, which would spill into the next measurement.
 */
async function settle(target: Target, quietMs = 300): Promise<void> {
  let seen = -1;
  while (seen !== target.statements.count) {
    seen = target.statements.count;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

/** SQL statements sent while serving one load query on an otherwise idle server. */
async function statementsPerRequest(target: Target): Promise<number> {
  await settle(target);
  target.statements.count = 0;
  await checkResponse(target);
  return target.statements.count;
}

/** Loads an idle server for `duration` seconds, then lets it finish what it was sent; aborts when any request failed. */
async function hammer(target: Target, duration: number, clients = connections): Promise<Round> {
  await settle(target);
  const statementsBefore = target.statements.count;
  const started = performance.now();
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.server.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
        body: JSON.stringify({ query: loadQuery }),
        connections: clients,
        duration,
        timeout: 60,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  await settle(target);
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(
      `The ${target.label} run failed: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses.`,
    );
  }
  return { statements: target.statements.count - statementsBefore, seconds: (target.statements.lastAt - started) / 1000, latencies };
}

/** Runs `measure` on the targets in ABBA order: baseline, auth, auth, baseline. */
async function alternate(baseline: Target, auth: Target, measure: (target: Target) => Promise<Round>): Promise<Map<Label, Round[]>> {
  const rounds = new Map<Label, Round[]>([
    ['baseline', []],
    ['auth', []],
  ]);
  for (const target of [baseline, auth, auth, baseline]) rounds.get(target.label)?.push(await measure(target));
  return rounds;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

/** Requests/s over all rounds (requests served = statements / `perRequest`), and all latencies pooled. */
function summarize(rounds: readonly Round[], perRequest: number): { requestsPerSecond: number; line: string } {
  const served = Math.round(rounds.reduce((sum, round) => sum + round.statements, 0) / perRequest);
  const requestsPerSecond = served / rounds.reduce((sum, round) => sum + round.seconds, 0);
  const sorted = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
  if (sorted.length === 0)
    throw new Error(`No request was answered within ${roundSeconds} s; raise BENCH_SECONDS or lower BENCH_CONNECTIONS.`);
  const average = sorted.reduce((sum, latency) => sum + latency, 0) / sorted.length;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const line =
    `${requestsPerSecond.toFixed(2)} req/s (${served} served, ${sorted.length} answered), latency p50 ${ms(percentile(sorted, 0.5))}, ` +
    `p97.5 ${ms(percentile(sorted, 0.975))}, p99 ${ms(percentile(sorted, 0.99))}, avg ${ms(average)}`;
  return { requestsPerSecond, line };
}

async function main(): Promise<void> {
  const started = await Promise.allSettled([startTarget('baseline'), startTarget('auth')]);
  const targets = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  try {
    const failure = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    const [baseline, auth] = targets as [Target, Target];
    await measureBoth(baseline, auth);
  } finally {
    await Promise.all(targets.map((target) => target.server.stop()));
  }
}

async function measureBoth(baseline: Target, auth: Target): Promise<void> {
  for (const target of [baseline, auth]) await checkResponse(target);
  // One connection: enough to warm the JIT and caches, and no long tail of requests in flight.
  for (const target of [baseline, auth]) await hammer(target, warmUpSeconds, 1);
  const perRequest = { auth: await statementsPerRequest(auth), baseline: await statementsPerRequest(baseline) };

  console.log(
    `Load: ${extraRepositories} repositories x 3 protected fields; ${connections} connections; 2 rounds of ${roundSeconds} s per server`,
  );
  const rounds = await alternate(baseline, auth, (target) => hammer(target, roundSeconds));
  const baselineSummary = summarize(rounds.get('baseline') ?? [], perRequest.baseline);
  const authSummary = summarize(rounds.get('auth') ?? [], perRequest.auth);
  console.log(`baseline: ${baselineSummary.line}`);
  console.log(`auth:     ${authSummary.line}`);
  console.log(`SQL statements per request: auth ${perRequest.auth}, baseline ${perRequest.baseline}`);
  await measureTokenCache();
  console.log(`auth/baseline throughput ratio: ${(authSummary.requestsPerSecond / baselineSummary.requestsPerSecond).toFixed(2)}`);
}

await main();

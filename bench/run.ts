/**
 * `npm run bench`: the servers side by side, each in its own process, loaded from another process.
 *
 * Servers: auth (the real server, `@auth` on), baseline (the same server without the transform),
 * shield (the same schema and resolvers guarded by graphql-shield rules asking the same access
 * sources, see shield-schema.ts) and floor (bare graphql-js over the driver, the lean list only).
 * On embedded PGlite by default (each server its own in-memory copy of the same data); with
 * DATABASE_URL, one fresh database on that PostgreSQL server, shared by all and dropped at the end.
 *
 * For each shape, every server it runs on is checked once (a wrong answer fast proves nothing),
 * warmed up, then loaded in rounds in mirrored order (A B C C B A: drift during the run, such as
 * other processes on this noisy machine, hits all alike). Printed: one line per shape and server
 * (its rounds pooled), SQL statements per request, the auth server's RSS idle and after the load
 * (as it is, and after a full garbage collection), and the ratio lines: each the median of the
 * rounds paired as they ran, with the lowest and highest pair (paired-ratio.ts).
 *
 * Env: BENCH_SECONDS (one round; default 3), BENCH_ROUNDS (per server and shape; default 8), BENCH_CONNECTIONS (default 10),
 * BENCH_SHAPES (names, comma-separated),
 * BENCH_ABLATION_ITEMS (with --ablation: the items to leave out, and `baseline`, comma-separated; default all).
 *
 * `npm run bench -- --ablation`: instead, the lean list and one repository on the whole auth server
 * beside, one at a time, the auth server with each per-request item left out (src/http/per-request-items.ts),
 * the baseline (the `@auth` wrappers out) and the floor, in alternating rounds, printing requests/s
 * and the share of the time per request above the floor that each item accounts for.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import pg from 'pg';
import { openGitClubDatabase } from '../src/gitclub/gitclub-database.js';
import { addBenchData } from './bench-data.js';
import type { LiveAnswer, LiveOrder } from './live-process.js';
import type { LoadOrder, LoadResult } from './load-process.js';
import type { MemoryBreakdown, ServerMessage, ServerOrder } from './server-process.js';
import { shapes, type ServerInfo, type ServerKind, type Shape } from './shapes.js';
import { measureTokenCache } from './token-cache.js';
import { formatPairedRatio, pairedRatio } from './paired-ratio.js';
import { perRequestItems } from '../src/http/per-request-items.js';

const roundSeconds = positiveNumber('BENCH_SECONDS', 3);
/**
 * Rounds per server and shape, in mirrored pairs (A B C C B A, again for each pair): more, shorter
 * rounds give the paired ratios more pairs, each measured within seconds of its partner. Eight by
 * default: one pair of 3 s rounds spreads by about 0.1 on this machine even for two copies of the
 * same server, so a median of four moved by 0.1 between runs of the same code.
 */
const roundPairs = Math.ceil(positiveNumber('BENCH_ROUNDS', 8) / 2);
const connections = positiveNumber('BENCH_CONNECTIONS', 10);
const warmUpSeconds = 2;
const selected = process.env.BENCH_SHAPES ? shapes.filter((shape) => process.env.BENCH_SHAPES?.split(',').includes(shape.name)) : shapes;
/** The subscriptions line runs unless BENCH_SHAPES leaves out `subscriptions`. */
const selectsSubscriptions = !process.env.BENCH_SHAPES || process.env.BENCH_SHAPES.split(',').includes('subscriptions');

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number; got "${raw}".`);
  return value;
}

/** A child process that runs TypeScript (tsx), with IPC. */
function forkTs(file: string, env: Record<string, string | undefined>): ChildProcess {
  return fork(join(import.meta.dirname, file), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: 'inherit' });
}

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Where the compiled server process is bundled: in dist/, like the production build (see src/project-root.ts). */
const compiledServer = join(import.meta.dirname, '..', 'dist', 'bench-server.js');

/**
 * The servers run compiled, as in production (`npm run build`): server-process.ts and what it
 * imports bundled into one file, without a TypeScript loader in the measured processes.
 */
async function compileServerProcess(): Promise<void> {
  await build({
    entryPoints: [join(import.meta.dirname, 'server-process.ts')],
    outfile: compiledServer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Every package stays in node_modules but graphql-shield, bundled with a `util` that still has what it imports (util-shim.ts).
    external: Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
      (name) => name !== 'graphql-shield' && name !== '@rolegate/authz',
    ),
    // graphql-shield's own dependencies are CommonJS that require Node's modules.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    alias: {
      '@rolegate/authz': join(import.meta.dirname, '..', 'packages', 'authz', 'src', 'index.ts'),
      util: join(import.meta.dirname, 'util-shim.ts'),
    },
    logLevel: 'warning',
  });
}

/** The next message of a child that satisfies `accept`; fails when the child exits first. */
function nextMessage<T>(child: ChildProcess, accept: (message: unknown) => message is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!accept(message)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`A bench process exited (code ${code}) before answering.`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const isType =
  <K extends ServerMessage['type']>(type: K) =>
  (message: unknown): message is Extract<ServerMessage, { type: K }> =>
    (message as { type?: string }).type === type;

/** What a server has done so far: SQL statements sent, and CPU time used (user and system, in microseconds). */
interface ServerCounters {
  readonly statements: number;
  readonly cpuMicros: number;
}

/** A server process of the bench. */
interface BenchServer {
  readonly kind: ServerKind;
  readonly info: ServerInfo;
  stats(): Promise<{ statements: number; rssBytes: number; rssAfterGcBytes: number; memoryAfterGc: MemoryBreakdown }>;
  /** The SQL statements sent so far and the CPU time used, and nothing else: no collection, so the next round starts as the last one ended. */
  counters(): Promise<ServerCounters>;
  stop(): Promise<void>;
}

async function startBenchServer(kind: ServerKind, databaseUrl: string | undefined, without = ''): Promise<BenchServer> {
  const child = fork(compiledServer, [], {
    // The heap the server is started with (`npm start`, the image): see docs/contributors.md, Benchmark, and docs/deployment.md.
    execArgv: ['--expose-gc', '--max-semi-space-size=16', '--heap-growing-percent=100'],
    env: { ...process.env, BENCH_SERVER_KIND: kind, BENCH_DATABASE_URL: databaseUrl, BENCH_WITHOUT: without },
    stdio: 'inherit',
  });
  const ready = await nextMessage(child, isType('ready'));
  const order = (message: ServerOrder) => child.send(message);
  return {
    kind,
    info: ready,
    async stats() {
      const answer = nextMessage(child, isType('stats'));
      order({ type: 'stats' });
      return answer;
    },
    async counters() {
      const answer = nextMessage(child, isType('statements'));
      order({ type: 'statements' });
      const { statements, cpuMicros } = await answer;
      return { statements, cpuMicros };
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      order({ type: 'stop' });
      await exited;
    },
  };
}

/** The load generator's process, reused for every round. */
function startLoadGenerator(): { run(order: LoadOrder): Promise<LoadResult>; stop(): void } {
  const child = forkTs('load-process.ts', {});
  return {
    run(order) {
      const answer = nextMessage(child, (message): message is LoadResult => typeof (message as LoadResult).answered === 'number');
      child.send(order);
      return answer;
    },
    stop: () => child.kill(),
  };
}

/** How many subscriptions the subscriptions line holds on one repository: connections times subscriptions on each. */
const liveConnections = 50;
const subscriptionsPerConnection = 20;
/** Issues filed, one at a time, while the subscriptions are held. */
const liveEvents = 20;

/**
 * The `subscriptions:` line: 1,000 `issueEvents` subscriptions of one repository on the auth server
 * (bench/live-process.ts, a process of its own), issues filed one at a time (event-to-delivery,
 * every subscription's receipt), then the subscribers' logout (revocation-to-close, every socket),
 * and the server's resident memory per 1,000 subscriptions (after a GC, held against before).
 */
async function measureSubscriptions(auth: BenchServer): Promise<string> {
  const child = forkTs('live-process.ts', {});
  const ask = <T extends LiveAnswer['type']>(order: LiveOrder, type: T) => {
    const answer = nextMessage(child, (message): message is Extract<LiveAnswer, { type: T }> => (message as LiveAnswer).type === type);
    child.send(order);
    return answer;
  };
  try {
    const before = await auth.stats();
    const { subscriptions } = await ask(
      {
        type: 'subscribe',
        url: auth.info.url,
        repositoryId: auth.info.repositoryId,
        connections: liveConnections,
        perConnection: subscriptionsPerConnection,
      },
      'subscribed',
    );
    const held = await auth.stats();
    const { deliveries, missed, closes, unclosed } = await ask({ type: 'measure', events: liveEvents }, 'measured');
    const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
    const [delivered, closed] = [sorted(deliveries), sorted(closes)];
    const perThousand = ((held.rssAfterGcBytes - before.rssAfterGcBytes) / subscriptions) * 1000;
    return (
      `subscriptions: ${subscriptions} subscribers, event-to-delivery p50 ${percentile(delivered, 0.5).toFixed(1)} ms / p99 ` +
      `${percentile(delivered, 0.99).toFixed(1)} ms (${liveEvents} events, ${missed} missed), revocation-to-close p99 ` +
      `${percentile(closed, 0.99).toFixed(1)} ms (${closed.length} sockets, ${unclosed} left open), RSS per 1,000 subscriptions ` +
      `${(perThousand / 1024 / 1024).toFixed(1)} MB`
    );
  } finally {
    child.kill();
  }
}

/** Where a shape is sent on a server: its GraphQL endpoint, or the shape's own path on the same origin. */
const urlOf = (server: BenchServer, shape: Shape) => (shape.path ? new URL(shape.path, server.info.url).toString() : server.info.url);

async function post(server: BenchServer, url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.info.token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${server.kind} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Waits until a server has sent no SQL for a while: a load round ends when its time is up, but the
 * server still finishes the requests in flight, whose statements must not count for what follows.
 * It asks for the count alone: asked for `stats`, each server ran a full, memory-reducing collection
 * before every round, so every round started from a shrunken heap, and the memory line's "at the end
 * of load" had been collected between rounds (it read 186 MB that way, 320 MB without, on one machine).
 */
async function settle(server: BenchServer, quietMs = 300): Promise<ServerCounters> {
  let seen = -1;
  for (;;) {
    const counters = await server.counters();
    if (counters.statements === seen) return counters;
    seen = counters.statements;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

/**
 * Sends a shape twice, refuses a wrong answer, and counts the SQL statements it took: the fewer of
 * the two counts, since the server's minutely sweep (expired grants, due reviews, old idempotency
 * keys) may send its own statements while a request runs, and a count that took them printed 2 or
 * 3 statements for a createIssue that sends 1.
 */
async function checkAndCount(server: BenchServer, shape: Shape): Promise<number> {
  return Math.min(await checkAndCountOnce(server, shape), await checkAndCountOnce(server, shape));
}

async function checkAndCountOnce(server: BenchServer, shape: Shape): Promise<number> {
  const before = (await settle(server)).statements;
  const response = await post(server, urlOf(server, shape), shape.body(server.info));
  if (shape.path) shape.check(response);
  else {
    const { data, errors } = response as { data?: Record<string, unknown>; errors?: unknown[] };
    if (errors?.length || !data) throw new Error(`${shape.name} on ${server.kind}: ${JSON.stringify(errors)}`);
    shape.check(data);
  }
  return (await server.counters()).statements - before;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}

/** One load round, with the CPU time the server process used for it (from before the round until its requests in flight were done). */
interface Round extends LoadResult {
  readonly serverCpuMicros: number;
}

/**
 * One server's rounds on one shape: pooled, and each round's requests/s and server CPU time per
 * request in the order they ran (for paired ratios).
 */
interface Measured {
  readonly requestsPerSecond: number;
  readonly rounds: readonly number[];
  /** Each round's server CPU milliseconds per request: the server's own work, which the machine's other load moves less than throughput. */
  readonly cpuPerRequest: readonly number[];
  readonly line: string;
}

function summarize(kind: ServerKind, rounds: readonly Round[], statements: number): Measured {
  const answered = rounds.reduce((sum, round) => sum + round.answered, 0);
  const requestsPerSecond = answered / rounds.reduce((sum, round) => sum + round.seconds, 0);
  const cpuMs = rounds.reduce((sum, round) => sum + round.serverCpuMicros, 0) / 1000 / answered;
  const sorted = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return {
    requestsPerSecond,
    rounds: rounds.map((round) => round.answered / round.seconds),
    cpuPerRequest: rounds.map((round) => round.serverCpuMicros / 1000 / round.answered),
    line:
      `  ${kind.padEnd(8)} ${requestsPerSecond.toFixed(1).padStart(8)} req/s  p50 ${ms(percentile(sorted, 0.5))}  p99 ${ms(percentile(sorted, 0.99))}` +
      `  server CPU ${cpuMs.toFixed(3)} ms/request  ${statements} SQL statements/request`,
  };
}

/** Loads a server for one round, with the CPU time it used: from when it is quiet before the round until it is quiet after. */
async function measuredRound(
  load: ReturnType<typeof startLoadGenerator>,
  server: BenchServer,
  order: LoadOrder,
  what: string,
): Promise<Round> {
  const before = await settle(server);
  const result = await load.run(order);
  if (result.failures > 0) throw new Error(`${what}: ${result.failures} failed requests.`);
  const after = await settle(server);
  return { ...result, serverCpuMicros: after.cpuMicros - before.cpuMicros };
}

/** What the load generator sends to a server for a shape: its URL, token and body, how many clients and how long. */
function loadOrder(server: BenchServer, shape: Shape, seconds: number, clients: number): LoadOrder {
  return {
    url: urlOf(server, shape),
    token: server.info.token,
    body: JSON.stringify(shape.body(server.info)),
    connections: clients,
    seconds,
  };
}

/**
 * Warms a server for a shape as a round loads it: one connection first (the compiler's first pass),
 * then all of them for a round's length. Warmed with one connection alone, the first measured round
 * of a server with more code to optimize ran with its compiler still at work: the auth server's
 * first nested issues round took 11.0 ms of CPU per request against 6.6-9.6 in its later rounds,
 * and the first pair (auth first in it) read 0.80 where the others read 0.89-1.14.
 */
async function warmUp(server: BenchServer, shape: Shape, load: ReturnType<typeof startLoadGenerator>): Promise<void> {
  await load.run(loadOrder(server, shape, warmUpSeconds, 1));
  await load.run(loadOrder(server, shape, roundSeconds, connections));
}

async function measureShape(shape: Shape, servers: readonly BenchServer[], load: ReturnType<typeof startLoadGenerator>) {
  const onShape = servers.filter((server) => shape.servers.includes(server.kind));
  const statements = new Map<ServerKind, number>();
  for (const server of onShape) statements.set(server.kind, await checkAndCount(server, shape));
  const order = (server: BenchServer, seconds: number, clients: number) => loadOrder(server, shape, seconds, clients);
  for (const server of onShape) {
    await warmUp(server, shape, load);
    await settle(server);
  }
  const rounds = new Map<ServerKind, Round[]>(onShape.map((server) => [server.kind, []]));
  const mirrored = [...onShape, ...[...onShape].reverse()];
  for (const server of Array.from({ length: roundPairs }, () => mirrored).flat()) {
    rounds
      .get(server.kind)
      ?.push(await measuredRound(load, server, order(server, roundSeconds, connections), `${shape.name} on ${server.kind}`));
  }
  console.log(`${shape.name}:`);
  const measured = new Map<ServerKind, Measured>();
  for (const server of onShape) {
    const summary = summarize(server.kind, rounds.get(server.kind) ?? [], statements.get(server.kind) ?? 0);
    measured.set(server.kind, summary);
    console.log(summary.line);
  }
  return measured;
}

/** A fresh database on DATABASE_URL's server, prepared once for every server process, and how to drop it. */
async function benchDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rolegate_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openGitClubDatabase({ databaseUrl: url.toString(), pgliteDataDir: 'memory://' }, { seedDemoData: true });
  await addBenchData(db.em.fork());
  await db.close();
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? (a / b).toFixed(2) : 'n/a');

/** One variant of the ablation beside the whole server: requests/s of each in the same rounds, per shape. */
interface AblationRow {
  readonly label: string;
  /** Per shape: the variant's requests/s and the whole server's, measured in alternating rounds. */
  readonly rates: Map<string, { readonly variant: number; readonly whole: number }>;
}

/**
 * Loads the whole server and a variant on each shape they both serve, in alternating rounds (whole,
 * variant, variant, whole): the two are measured in the same minute, so the machine's drift over the
 * run (larger than any one item's cost) hits both alike.
 */
async function ablationRow(
  label: string,
  whole: BenchServer,
  variant: BenchServer,
  onShapes: readonly Shape[],
  load: ReturnType<typeof startLoadGenerator>,
): Promise<AblationRow> {
  const rates = new Map<string, { variant: number; whole: number }>();
  for (const shape of onShapes.filter((candidate) => candidate.servers.includes(variant.kind))) {
    const order = (server: BenchServer, seconds: number, clients: number) => loadOrder(server, shape, seconds, clients);
    await checkAndCount(variant, shape);
    // A fresh process against one warmed for minutes: warmed as a round loads it, or the compiler's first minute shows up as the item's cost.
    await warmUp(variant, shape, load);
    const rounds = new Map<BenchServer, Round[]>([
      [whole, []],
      [variant, []],
    ]);
    for (const server of [whole, variant, variant, whole]) {
      rounds.get(server)?.push(await measuredRound(load, server, order(server, roundSeconds, connections), `${shape.name} (${label})`));
    }
    const rate = (server: BenchServer) => summarize(server.kind, rounds.get(server) ?? [], 0).requestsPerSecond;
    rates.set(shape.name, { variant: rate(variant), whole: rate(whole) });
  }
  return { label, rates };
}

/**
 * `--ablation`: the whole auth server stays up; beside it, one variant at a time (each per-request
 * item left out in turn, the baseline without the `@auth` wrappers, the floor), each measured with
 * the whole server in alternating rounds. For the lean list, each row's share is the time per request
 * it saves over the time per request above the floor (1/whole - 1/without over 1/whole - 1/floor,
 * the floor's own rounds giving the gap); for one repository, which has no floor, its gain in requests/s.
 */
async function ablation(databaseUrl: string | undefined, load: ReturnType<typeof startLoadGenerator>): Promise<void> {
  const onShapes = shapes.filter((shape) => shape.name === 'lean list' || shape.name === 'one repository');
  // BENCH_ABLATION_ITEMS (names, comma-separated) measures only those items (each variant takes about half a minute).
  const items: readonly string[] = process.env.BENCH_ABLATION_ITEMS?.split(',') ?? [...perRequestItems, 'baseline'];
  const variants: { label: string; kind: ServerKind; without?: string }[] = [
    { label: 'floor', kind: 'floor' },
    ...perRequestItems
      .filter((item) => items.includes(item))
      .map((item) => ({ label: `without ${item}`, kind: 'auth' as const, without: item })),
    ...(items.includes('baseline') ? [{ label: 'without @auth wrappers (baseline)', kind: 'baseline' as const }] : []),
  ];
  const whole = await startBenchServer('auth', databaseUrl);
  const rows: AblationRow[] = [];
  try {
    for (const shape of onShapes) {
      await checkAndCount(whole, shape);
      await warmUp(whole, shape, load);
    }
    for (const variant of variants) {
      const server = await startBenchServer(variant.kind, databaseUrl, variant.without);
      try {
        rows.push(await ablationRow(variant.label, whole, server, onShapes, load));
      } finally {
        await server.stop();
      }
      console.error(`  measured ${variant.label}`);
    }
  } finally {
    await whole.stop();
  }
  const floorRow = rows.find((row) => row.label === 'floor')?.rates.get('lean list');
  console.log(
    `${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}, Node ${process.version}; ${connections} connections; rounds of ${roundSeconds} s, whole and variant alternating (W V V W)`,
  );
  console.log(
    `ablation: floor ${floorRow?.variant.toFixed(1) ?? 'n/a'} req/s beside the whole auth server's ${floorRow?.whole.toFixed(1) ?? 'n/a'} (lean list)`,
  );
  console.log(
    `${'left out'.padEnd(36)} ${'lean list'.padStart(10)} ${'whole'.padStart(8)} ${'share of gap'.padStart(13)} ${'one repository'.padStart(15)} ${'whole'.padStart(8)} ${'gain'.padStart(7)}`,
  );
  const percent = (value: number | undefined) => (value === undefined ? 'n/a' : `${(value * 100).toFixed(1)}%`);
  for (const row of rows.filter((candidate) => candidate.label !== 'floor')) {
    const lean = row.rates.get('lean list');
    const one = row.rates.get('one repository');
    const share = lean && floorRow ? (1 / lean.whole - 1 / lean.variant) / (1 / floorRow.whole - 1 / floorRow.variant) : undefined;
    const gain = one ? one.variant / one.whole - 1 : undefined;
    console.log(
      `${row.label.padEnd(36)} ${(lean?.variant.toFixed(1) ?? 'n/a').padStart(10)} ${(lean?.whole.toFixed(1) ?? 'n/a').padStart(8)} ${percent(share).padStart(13)} ${(one?.variant.toFixed(1) ?? 'n/a').padStart(15)} ${(one?.whole.toFixed(1) ?? 'n/a').padStart(8)} ${percent(gain).padStart(7)}`,
    );
  }
}

async function main(): Promise<void> {
  await compileServerProcess();
  const database = process.env.DATABASE_URL ? await benchDatabase(process.env.DATABASE_URL) : undefined;
  if (process.argv.includes('--ablation')) {
    const load = startLoadGenerator();
    try {
      await ablation(database?.url, load);
    } finally {
      load.stop();
      await database?.drop();
    }
    return;
  }
  const kinds = [...new Set([...selected.flatMap((shape) => shape.servers), ...(selectsSubscriptions ? (['auth'] as const) : [])])];
  const servers: BenchServer[] = [];
  const load = startLoadGenerator();
  try {
    // One at a time: embedded servers seed their own data, which is all CPU.
    for (const kind of kinds) servers.push(await startBenchServer(kind, database?.url));
    const auth = servers.find((server) => server.kind === 'auth');
    const idle = await auth?.stats();
    console.log(
      `${database ? 'PostgreSQL' : 'embedded PGlite'}, Node ${process.version}; ${connections} connections; ${2 * roundPairs} rounds of ${roundSeconds} s per server and shape`,
    );
    const results = new Map<string, Map<ServerKind, Measured>>();
    for (const shape of selected) results.set(shape.name, await measureShape(shape, servers, load));
    const loaded = await auth?.stats();
    await measureTokenCache();
    // After the shapes: the subscribers' logout revokes only their own token, not the one the shapes use.
    const subscriptionsLine = auth && selectsSubscriptions ? await measureSubscriptions(auth) : 'subscriptions: n/a';
    const mb = (bytes: number | undefined) => `${Math.round((bytes ?? 0) / 1024 / 1024)} MB`;
    const loadSeconds =
      selected.filter((shape) => shape.servers.includes('auth')).length * (warmUpSeconds + (2 * roundPairs + 1) * roundSeconds);
    console.log(
      `auth server RSS: ${mb(idle?.rssAfterGcBytes)} idle (after a memory-reducing GC); ${mb(loaded?.rssBytes)} at the end of ${loadSeconds} s of load, ${mb(loaded?.rssAfterGcBytes)} after a memory-reducing GC`,
    );
    // Where that memory is: the V8 heap, used and reserved (young and old generation), what objects hold outside it, and the rest (code, stacks, the allocator's arenas).
    const breakdown = (stats: typeof loaded) => {
      if (!stats) return 'n/a';
      const { heapUsedBytes, heapReservedBytes, externalBytes, spaces } = stats.memoryAfterGc;
      return `heap ${mb(heapUsedBytes)} used of ${mb(heapReservedBytes)} reserved (young ${mb(spaces.new_space)}, old ${mb(spaces.old_space)}), external ${mb(externalBytes)}, outside them ${mb(stats.rssAfterGcBytes - heapReservedBytes - externalBytes)}`;
    };
    console.log(`auth server memory after a GC: idle ${breakdown(idle)}; after load ${breakdown(loaded)}`);
    const rate = (shape: string, kind: ServerKind) => results.get(shape)?.get(kind)?.requestsPerSecond;
    // Ratios between servers: the median of the rounds paired as they ran (paired-ratio.ts), with the lowest and highest pair.
    const paired = (shape: string, a: ServerKind, b: ServerKind) =>
      pairedRatio(results.get(shape)?.get(a)?.rounds ?? [], results.get(shape)?.get(b)?.rounds ?? []);
    const baselineRatios = selected
      .filter((shape) => shape.servers.includes('baseline'))
      .map((shape) => ({ shape: shape.name, ratio: paired(shape.name, 'auth', 'baseline') }));
    const lowest = baselineRatios.reduce<number | undefined>(
      (low, entry) => (entry.ratio && (low === undefined || entry.ratio.median < low) ? entry.ratio.median : low),
      undefined,
    );
    console.log(`auth/baseline per shape: ${baselineRatios.map((entry) => `${entry.shape} ${formatPairedRatio(entry.ratio)}`).join(', ')}`);
    // The same pairs in server CPU per request (baseline's over auth's, so that below 1 is auth's cost, as above): what auth's own work costs, whatever else the machine ran.
    const cpuRatios = selected
      .filter((shape) => shape.servers.includes('baseline'))
      .map(
        (shape) =>
          `${shape.name} ${formatPairedRatio(pairedRatio(results.get(shape.name)?.get('baseline')?.cpuPerRequest ?? [], results.get(shape.name)?.get('auth')?.cpuPerRequest ?? []))}`,
      );
    console.log(`baseline/auth server CPU per request: ${cpuRatios.join(', ')}`);
    console.log(`auth/baseline throughput ratio: ${lowest?.toFixed(2) ?? 'n/a'}`);
    console.log(`auth/floor throughput ratio: ${formatPairedRatio(paired('lean list', 'auth', 'floor'))}`);
    console.log(`auth/graphql-shield throughput ratio: ${formatPairedRatio(paired('bench list', 'auth', 'shield'))}`);
    // Time per request is the inverse of throughput: a page of who has access against a page of members, the same size.
    console.log(`peopleWithAccess/members time ratio: ${ratio(rate('members page', 'auth'), rate('people with access', 'auth'))}`);
    const perSecond = (shape: string) => {
      const requests = rate(shape, 'auth');
      const decisions = selected.find((candidate) => candidate.name === shape)?.decisions ?? 0;
      return requests === undefined ? 'n/a' : `${Math.round(requests * decisions)} (${requests.toFixed(1)} req/s)`;
    };
    console.log(
      `authzen evaluations per second (batches of 100): ${perSecond('authzen batch')}; GraphQL viewerCan on a page of 100: ${perSecond('viewerCan page')}`,
    );
    console.log(subscriptionsLine);
  } finally {
    load.stop();
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  }
}

await main();

// Production runs compiled JavaScript: `npm run build` bundles the server into dist/main.js, which
// serves the API (schema files and all), the console and the explorer (their browser files built
// into dist/assets/) without a TypeScript loader and without esbuild, and `npm start` picks it while
// it is newer than the sources, and the sources again once one changes. Each command-line tool is
// compiled too (dist/cli/<name>.js) and runs without tsx. One build; one server starts on a new
// database, the others on copies of it, at once.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePageHeaders } from '../../src/console/console-headers.js';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';
import { runProcess, testNodeFlags } from '../helpers/run-process.js';

const root = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'rolegate-build-'));

/**
 * Loaded first (`node --import`), it makes importing esbuild or tsx fail: a server that starts and
 * serves its pages under it needs no bundler and no TypeScript loader at run time.
 */
const withoutBundlers = join(scratch, 'without-bundlers.mjs');
writeFileSync(
  withoutBundlers,
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`export async function resolve(specifier, context, next) {
  if (/^(esbuild|tsx)(\\\\/|$)/.test(specifier)) throw new Error('the compiled server imported ' + specifier);
  return next(specifier, context);
}\`));
`,
);

interface Served {
  readonly output: string;
  readonly origin: string;
  /** SIGTERM, resolved once the process has exited (its database closed). */
  stop(): Promise<void>;
}

/** Starts `node <args>` on DATA_DIR `dataDir`; resolves with its output once it says ready (or rejects when it exits first). */
function serve(args: string[], dataDir: string, extraEnv: Record<string, string> = {}): Promise<Served> {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...env } = process.env;
  const child = spawn(process.execPath, [...testNodeFlags, ...args], {
    cwd: root,
    env: { ...env, PORT: '0', DATA_DIR: dataDir, SEED_DEMO_DATA: 'true', LOG_LEVEL: 'silent', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /ready at http:\/\/localhost:(\d+)\/graphql/.exec(output)?.[1];
      if (port) resolve({ output, origin: `http://localhost:${port}`, stop: () => (child.kill('SIGTERM'), exited) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code} before it was ready:\n${output}`)));
  });
}

/** A new DATA_DIR: empty, or holding a copy of the database the first server made (see `seeded`). */
function dataDir(copyOf?: string): string {
  const folder = mkdtempSync(join(scratch, 'data-'));
  if (copyOf) cpSync(join(copyOf, 'pglite'), join(folder, 'pglite'), { recursive: true });
  return folder;
}

async function signInAndList(origin: string): Promise<unknown> {
  const post = async (body: unknown, token?: string) =>
    (await (
      await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      })
    ).json()) as { data?: Record<string, unknown> };
  const login = await post({
    query: 'mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }',
    variables: { email: demoEmail('john'), password: demoPassword },
  });
  const token = (login.data?.login as { accessToken: string }).accessToken;
  return (await post({ query: '{ organization(login: "beatles") { repositories { nodes { name } } } }' }, token)).data;
}

/** Fetches a page, then every file it links (attributes and the explorer's worker settings); checks each is the file in dist/assets/<app>/. */
async function expectServedFromDist(origin: string, path: string, app: string, headers: Record<string, string> = {}): Promise<Response> {
  const page = await fetch(`${origin}${path}`, { headers });
  const html = await page.clone().text();
  const linked = [...html.matchAll(/(?:href|src)="(\/[^"]+)"|"(\/[\w/]+\/assets\/[^"]+)"/g)].map((match) => match[1] ?? match[2]!);
  expect(linked.length, `${path} links files`).toBeGreaterThanOrEqual(2);
  for (const file of linked) {
    const [, folder, name] = /^\/(\w+)\/assets\/([\w.-]+)$/.exec(file) ?? [];
    expect(folder, file).toBe(app);
    const response = await fetch(`${origin}${file}`);
    expect([response.status, response.headers.get('cache-control')], file).toEqual([200, 'public, max-age=31536000, immutable']);
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(root, 'dist', 'assets', app, name!))), file).toBe(true);
  }
  return page;
}

/** The DATA_DIR of the first server's database, closed: migrated and seeded, it starts every other server. */
let seeded: string;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
}, 120_000);
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('the compiled build', () => {
  it('serves the API, the console and the explorer from dist/ alone, on a new database, loading neither esbuild nor tsx', async () => {
    expect(readFileSync(join(root, 'dist', 'main.js'), 'utf8')).not.toMatch(/["']esbuild["']/);
    const folder = dataDir();
    const server = await serve(['--import', withoutBundlers, 'dist/main.js'], folder);
    try {
      expect(await signInAndList(server.origin)).toEqual({
        organization: { repositories: { nodes: [{ name: 'abbey-road' }, { name: 'infra' }] } },
      });
      const consolePage = await expectServedFromDist(server.origin, '/console', 'console');
      expect(Object.fromEntries(Object.keys(consolePageHeaders).map((name) => [name, consolePage.headers.get(name)]))).toEqual(
        consolePageHeaders,
      );
      const explorerPage = await expectServedFromDist(server.origin, '/graphql', 'explorer', { accept: 'text/html' });
      expect(explorerPage.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self'; /);
      expect(await explorerPage.text()).toContain('<title>Rolegate explorer</title>');
    } finally {
      await server.stop();
    }
    seeded = folder;
  }, 120_000);

  describe.concurrent('from copies of that database, at once', () => {
    it.each([
      [
        'starts tracing first when an OTLP endpoint is set',
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' },
        'Tracing: spans to http://127.0.0.1:9/v1/traces',
      ],
      ['says nothing of tracing without one', {}, undefined],
    ])(
      "with the image's command (node --import ./dist/tracing.js dist/main.js) %s",
      async (_case, env, banner) => {
        const server = await serve(['--import', './dist/tracing.js', 'dist/main.js'], dataDir(seeded), env);
        await server.stop();
        if (banner) expect(server.output).toContain(banner);
        else expect(server.output).not.toContain('Tracing');
      },
      120_000,
    );

    // One test, in order: the two cases set the same files' times the opposite way.
    it('npm start runs dist/main.js while it is newer than every source (no tsx, no esbuild), and the sources, saying so, once one is newer', async () => {
      const built = join(root, 'dist', 'main.js');
      const source = join(root, 'src', 'project-root.ts');
      const [builtTimes, sourceTimes] = [statSync(built), statSync(source)];
      try {
        // Later than any source edited meanwhile.
        const later = new Date(Date.now() + 3_600_000);
        utimesSync(built, later, later);
        const compiled = await serve(['--import', withoutBundlers, 'scripts/start.mjs'], dataDir(seeded));
        await compiled.stop();
        expect(compiled.output).not.toContain('older than the sources');

        const newer = new Date(later.getTime() + 60_000);
        utimesSync(source, newer, newer);
        const sources = await serve(['scripts/start.mjs'], dataDir(seeded));
        await sources.stop();
        expect(sources.output).toContain('dist/ is older than the sources: running the sources');
      } finally {
        // Their own times again.
        utimesSync(built, builtTimes.atime, builtTimes.mtime);
        utimesSync(source, sourceTimes.atime, sourceTimes.mtime);
      }
    }, 180_000);
  });
});

describe('the compiled command-line tools (what the production image runs)', () => {
  /** The commands of package.json that run a TypeScript tool, by the name of their compiled file. */
  const commands = Object.entries(
    (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
  ).flatMap(([name, script]) => {
    const source = /^tsx src\/cli\/([\w-]+)\.ts$/.exec(script)?.[1];
    return source ? [{ name, compiled: `dist/cli/${source}.js` }] : [];
  });

  it('are every command of package.json, and nothing else', () => {
    expect(commands.length).toBeGreaterThanOrEqual(13);
    const built = readdirSync(join(root, 'dist', 'cli')).filter((file) => file.endsWith('.js'));
    expect(built.map((file) => `dist/cli/${file}`).sort()).toEqual(commands.map(({ compiled }) => compiled).sort());
    for (const { compiled } of commands) expect(existsSync(join(root, compiled)), compiled).toBe(true);
  });

  it.concurrent.each(commands)('npm run $name: $compiled --help answers without a TypeScript loader', async ({ compiled }) => {
    const { DATABASE_URL: _database, REDIS_URL: _redis, ...env } = process.env;
    const help = await runProcess(process.execPath, ['--import', withoutBundlers, compiled, '--help'], {
      cwd: root,
      env: { ...env, DATA_DIR: 'memory://' },
    });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/npm run /);
  });
});

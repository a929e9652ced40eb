// Production runs compiled JavaScript: `npm run build` bundles the server into dist/main.js, which
// serves the API (schema files and all) without a TypeScript loader, and `npm start` picks it while
// it is newer than the sources, and the sources again once one changes. Each command-line tool is
// compiled too (dist/cli/<name>.js) and runs without tsx.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';

const root = join(import.meta.dirname, '..', '..');
const dataDirs: string[] = [];

/** Starts `node <args>` on a fresh embedded database; resolves with its output once it says ready (or exits). */
function serve(args: string[], extraEnv: Record<string, string> = {}): Promise<{ output: string; port: number; stop: () => void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-build-'));
  dataDirs.push(dataDir);
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...env } = process.env;
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, PORT: '0', DATA_DIR: dataDir, SEED_DEMO_DATA: 'true', LOG_LEVEL: 'silent', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /ready at http:\/\/localhost:(\d+)\/graphql/.exec(output)?.[1];
      if (port) resolve({ output, port: Number(port), stop: () => child.kill('SIGKILL') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code} before it was ready:\n${output}`)));
  });
}

async function signInAndList(port: number): Promise<unknown> {
  const post = async (body: unknown, token?: string) =>
    (await (
      await fetch(`http://localhost:${port}/graphql`, {
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

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
}, 120_000);
afterAll(() => {
  for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled build', () => {
  it('serves the API from dist/main.js alone', async () => {
    const server = await serve(['dist/main.js']);
    try {
      expect(await signInAndList(server.port)).toEqual({
        organization: { repositories: { nodes: [{ name: 'abbey-road' }, { name: 'infra' }] } },
      });
    } finally {
      server.stop();
    }
  }, 120_000);

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
      const server = await serve(['--import', './dist/tracing.js', 'dist/main.js'], env);
      server.stop();
      if (banner) expect(server.output).toContain(banner);
      else expect(server.output).not.toContain('Tracing');
    },
    120_000,
  );

  it('is what npm start runs while it is newer than the sources', async () => {
    const server = await serve(['scripts/start.mjs']);
    server.stop();
    expect(server.output).not.toContain('older than the sources');
  }, 120_000);

  it('is passed over by npm start once a source is newer', async () => {
    const future = new Date(Date.now() + 60_000);
    const source = join(root, 'src', 'project-root.ts');
    utimesSync(source, future, future);
    try {
      const server = await serve(['scripts/start.mjs']);
      server.stop();
      expect(server.output).toContain('dist/ is older than the sources: running the sources');
    } finally {
      const now = new Date();
      utimesSync(source, now, now);
    }
  }, 120_000);
});

describe('the compiled command-line tools (what the production image runs)', () => {
  /** The commands of package.json that run a TypeScript tool, by the name of their compiled file. */
  const commands = Object.entries(
    (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
  ).flatMap(([name, script]) => {
    const source = /^tsx src\/cli\/([\w-]+)\.ts$/.exec(script)?.[1];
    return source ? [{ name, compiled: `dist/cli/${source}.js` }] : [];
  });

  it('cover every command of package.json', () => {
    expect(commands.length).toBeGreaterThanOrEqual(13);
    for (const { compiled } of commands) expect(existsSync(join(root, compiled)), compiled).toBe(true);
  });

  it.each(commands)('npm run $name: $compiled --help answers without a TypeScript loader', ({ compiled }) => {
    const { DATABASE_URL: _database, REDIS_URL: _redis, ...env } = process.env;
    const help = spawnSync(process.execPath, [compiled, '--help'], { cwd: root, env: { ...env, DATA_DIR: 'memory://' }, encoding: 'utf8' });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/npm run /);
  });
});

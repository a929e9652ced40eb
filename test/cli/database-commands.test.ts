import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { migrations } from '../../src/db/migrations/index.js';
import { projectRoot } from '../../src/project-root.js';
import { runCommand } from '../helpers/run-cli.js';
import { embedded, freshDataDir, scriptOf } from './commands.js';
import { compiledCommands, type CompiledCommands } from './compiled-commands.js';

/**
 * The commands on embedded databases. First, in order on one fresh DATA_DIR: db:status before
 * anything exists (all pending, nothing created), db:migrate (through tsx, as `npm run` runs it),
 * db:status (all applied). Then every other row on a copy of that migrated database of its own, so
 * they run at once: the reports saying when they found nothing; legacy:load naming bad rows by
 * their line in the file (on copies holding legacy:generate's users); db:reset refusing (DATABASE_URL
 * set, the folder held, no terminal and no --yes, NODE_ENV=production without
 * --force-in-production) and deleting, after which everything is pending again. Apart from
 * db:migrate, the commands run compiled (what the production image runs).
 */
let compiled: CompiledCommands;
const dataDirs: string[] = [];
beforeAll(async () => {
  compiled = await compiledCommands();
}, 60_000);
afterAll(async () => {
  await compiled?.remove();
  await Promise.all(dataDirs.map((dataDir) => rm(dataDir, { recursive: true, force: true })));
});

const names = migrations.map((migration) => migration.name);
const pglite = (dataDir: string) => join(dataDir, 'pglite');

/** A fresh, empty DATA_DIR, removed after the file. */
async function emptyDataDir(prefix: string): Promise<string> {
  const dataDir = await freshDataDir(prefix);
  dataDirs.push(dataDir);
  return dataDir;
}

/** A DATA_DIR holding a copy of the database in `from` (a closed database's folder copies whole). */
async function copyOf(from: string, prefix: string): Promise<string> {
  const dataDir = await emptyDataDir(prefix);
  await cp(pglite(from), pglite(dataDir), { recursive: true });
  return dataDir;
}

/** Runs the compiled `npm run <name>` on the embedded database in `dataDir`. */
const run = (dataDir: string, name: string, args: readonly string[], extra: Record<string, string> = {}) =>
  compiled.run(name, args, { ...embedded(dataDir), ...extra });

/** Runs a compiled command on a terminal (through `script`), answering its question once asked; resolves with everything it showed. */
function onTerminal(name: string, answer: string, environment: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/script', ['-qec', `'${process.execPath}' '${compiled.file(name)}'`, '/dev/null'], {
      cwd: projectRoot,
      env: { ...process.env, ...environment },
    });
    let output = '';
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!answered && output.includes('[y/N]')) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The DATA_DIR of the database db:migrate made (below): every later row starts from a copy of it. */
let migrated: string;

describe('npm run db:status and db:migrate', () => {
  beforeAll(async () => {
    migrated = await emptyDataDir('database');
  });

  it('db:status on a DATA_DIR without a database lists every migration as pending and creates nothing', async () => {
    const result = await run(migrated, 'db:status', []);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Embedded database in ${pglite(migrated)}: not created yet`);
    expect(result.stdout).toContain('Applied: none.');
    expect(result.stdout).toContain(
      `Pending (${names.length}; \`npm run db:migrate\` or the next start applies them):\n  ${names.join('\n  ')}\n`,
    );
    expect(existsSync(pglite(migrated))).toBe(false);
  });

  it('db:migrate applies them all and says so', async () => {
    const result = await runCommand(scriptOf('db:migrate'), [], embedded(migrated));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`Up to date: ${names.length} migrations applied (latest ${names.at(-1)}); policy synced.\n`);
  }, 120_000);

  it('db:status then lists them all as applied, with when, and none pending', async () => {
    const result = await run(migrated, 'db:status', []);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Applied (${names.length}):`);
    for (const name of names) expect(result.stdout).toMatch(new RegExp(`^  ${name}  \\d{4}-\\d\\d-\\d\\dT`, 'm'));
    expect(result.stdout).toContain('Pending: none.');
  }, 60_000);
});

/**
 * A copy of the migrated database holding legacy:generate's data set (legacy-user-000001 and
 * legacy-user-000002, organization legacy-org-00001 and its repositories repo-1 to repo-3), made
 * once for the rows that need it; each of them works on a copy of its own.
 */
let legacyData: Promise<string> | undefined;
function withLegacyData(prefix: string): Promise<string> {
  legacyData ??= (async () => {
    const dataDir = await copyOf(migrated, 'legacy');
    const generated = await run(dataDir, 'legacy:generate', ['--users', '2']);
    expect(generated.stdout).toMatch(/^Generated 2 legacy users, 1 organizations, 3 repositories/);
    expect(generated.stderr, 'no progress off a terminal').toBe('');
    return dataDir;
  })();
  return legacyData.then((dataDir) => copyOf(dataDir, prefix));
}

describe('npm run pdp:client', () => {
  it('creates a client (its secret on stdout, once), lists it without the secret, revokes it; refuses a malformed name', async () => {
    const dataDir = await copyOf(migrated, 'pdp');
    const created = await run(dataDir, 'pdp:client', ['create', 'git-server']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^rgpdp_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/^Created PDP client git-server \([0-9a-f-]{36}\)\. Its secret, shown this once:\n$/);
    const listed = await run(dataDir, 'pdp:client', ['list']);
    expect(listed.stdout).toContain('git-server');
    expect(listed.stdout).not.toContain(created.stdout.trim());
    const revoked = await run(dataDir, 'pdp:client', ['revoke', 'git-server']);
    expect(revoked.stdout).toMatch(/^Revoked PDP client git-server \([0-9a-f-]{36}\): its secret no longer works\.\n$/);
    // A name the command refuses before it opens the database.
    const badName = await run(dataDir, 'pdp:client', ['create', 'Git Server']);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/^"Git Server" is not a client name/);
  }, 60_000);
});

describe.concurrent('a command that finds nothing says so', () => {
  it.each([
    ['roles:report', [], /^No organizations: nothing to report\.\n$/],
    ['shadow:report', [], /^No disagreements recorded\.\n$/],
    ['platform', ['list'], /^No user holds a platform role\.\n$/],
    ['pdp:client', ['list'], /^No PDP client yet: npm run pdp:client -- create <NAME>\.\n$/],
  ])(
    'npm run %s -- %j',
    async (name, args, printed) => {
      const result = await run(await copyOf(migrated, 'report'), name, args);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(printed);
    },
    60_000,
  );

  it('audit:export with no entries: stdout empty (still valid JSON Lines), a note on stderr', async () => {
    const result = await run(await withLegacyData('audit'), 'audit:export', ['--org', 'legacy-org-00001', '--since', '2024-01-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('No audit entries for organization "legacy-org-00001" matching since 2024-01-01: nothing exported.\n');
  }, 120_000);

  it('audit:export of an unknown organization names it, exit 1', async () => {
    const result = await run(await copyOf(migrated, 'audit'), 'audit:export', ['--org', 'nowhere']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('No organization "nowhere".\n');
  }, 60_000);
});

describe.concurrent('npm run legacy:load names a bad row by its line in the file', () => {
  const rows: [string, string, string[]][] = [
    [
      'CSV: the header is line 1, blank lines count',
      [
        'user,flag,scope',
        'legacy-user-000001,can_view,legacy-org-00001',
        '',
        'ghost,can_view,legacy-org-00001',
        'legacy-user-000002,can_edit_post,legacy-org-00001/repo-9',
        'legacy-user-000002,can_view,',
      ].join('\n'),
      ['line 4: unknown user "ghost"', 'line 5: unknown scope "legacy-org-00001/repo-9"'],
    ],
    [
      'CSV with Windows line ends and rows without a flag',
      'user,flag,scope\r\nlegacy-user-000001,,legacy-org-00001\r\nlegacy-user-000002,can_view\r\n\r\n,can_view,\r\n',
      ['line 2: no flag', 'line 5: no user'],
    ],
    [
      'JSON: an entry by its position and the line it starts on',
      [
        '[',
        '  { "user": "legacy-user-000001", "flag": "can_view", "scope": "legacy-org-00001" },',
        '  {',
        '    "user": "ghost",',
        '    "flag": "can_view"',
        '  },',
        '  { "user": "legacy-user-000002", "flag": "can_view", "scope": "elsewhere" }',
        ']',
      ].join('\n'),
      ['entry 2 (line 3): unknown user "ghost"', 'entry 3 (line 7): unknown scope "elsewhere"'],
    ],
    [
      'JSON: an entry that is not a flag',
      '[{ "user": "legacy-user-000001", "flag": "can_view" },\n "can_edit_post",\n { "user": "legacy-user-000002" }]',
      [
        'entry 2 (line 2): a string, expected { "user", "flag", "scope" }',
        'entry 3 (line 3): "flag" must be a flag name (a non-empty string)',
      ],
    ],
  ];
  it.each(rows)(
    '%s',
    async (name, text, problems) => {
      const dataDir = await withLegacyData('load');
      const file = join(dataDir, name.startsWith('JSON') ? 'flags.json' : 'flags.csv');
      await writeFile(file, text);
      const result = await run(dataDir, 'legacy:load', [file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`${file} was not loaded:\n  - ${problems.join('\n  - ')}\n`);
    },
    120_000,
  );

  it('loads a good file and says how many flags were new; an empty one says it holds none', async () => {
    const dataDir = await withLegacyData('load');
    const file = join(dataDir, 'good.csv');
    await writeFile(file, 'user,flag,scope\nlegacy-user-000001,cli_test_flag,legacy-org-00001/repo-2\nlegacy-user-000002,cli_test_flag,\n');
    expect((await run(dataDir, 'legacy:load', [file])).stdout).toBe(`Loaded 2 new flags (2 in ${file}).\n`);
    const empty = join(dataDir, 'empty.json');
    await writeFile(empty, '[]\n');
    const result = await run(dataDir, 'legacy:load', [empty]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${empty} holds no flags: nothing loaded.\n`);
  }, 120_000);

  it('migrate:legacy analyze writes the draft where --out says; apply shows no progress off a terminal, only its summary', async () => {
    const dataDir = await withLegacyData('migrate');
    const draft = join(dataDir, 'draft.json');
    const analyzed = await run(dataDir, 'migrate:legacy', ['analyze', '--out', draft]);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    expect(analyzed.stdout).toContain(`Draft written to ${draft}`);
    const applied = await run(dataDir, 'migrate:legacy', ['apply', '--mapping', draft, '--batch-size', '1']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/^Applied: [1-9]\d* assignments added/m);
    expect(applied.stderr).toBe('');
  }, 120_000);
});

describe.concurrent('npm run db:reset', () => {
  it('refuses while DATABASE_URL is set: it only deletes the embedded database', async () => {
    const dataDir = await copyOf(migrated, 'reset');
    const result = await run(dataDir, 'db:reset', ['--yes'], { DATABASE_URL: 'postgres://rolegate@127.0.0.1:1/rolegate' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Refusing to reset: DATABASE_URL is set, and db:reset only deletes the embedded database\./);
    expect(result.stderr).not.toContain('127.0.0.1');
    expect(existsSync(join(pglite(dataDir), 'PG_VERSION'))).toBe(true);
  });

  it('refuses while another process holds the folder, naming it', async () => {
    const dataDir = await copyOf(migrated, 'reset');
    const lock = await lockDataDir(pglite(dataDir));
    try {
      const result = await run(dataDir, 'db:reset', ['--yes']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(`^The embedded database in ${pglite(dataDir)} is in use by process ${process.pid} on this host`),
      );
    } finally {
      await lock.release();
    }
    expect(existsSync(join(pglite(dataDir), 'PG_VERSION'))).toBe(true);
  });

  it('refuses without a terminal and without --yes, rather than wait for an answer', async () => {
    const dataDir = await copyOf(migrated, 'reset');
    const result = await run(dataDir, 'db:reset', []);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Refusing to delete ${pglite(dataDir)} without confirmation: not on a terminal, so nothing can be asked. Pass --yes to delete it.\n`,
    );
    expect(existsSync(join(pglite(dataDir), 'PG_VERSION'))).toBe(true);
  });

  // `script` (util-linux) gives the command a terminal to ask on.
  it.skipIf(!existsSync('/usr/bin/script')).each([
    ['n', 'keeps it', 'Nothing deleted.', true],
    ['y', 'deletes it', `Deleted ${join('DATA_DIR', 'pglite')}`, false],
  ])('asks on a terminal: answered "%s", it %s', async (answer, _does, printed, kept) => {
    // Only the folder matters to db:reset: a stand-in folder spares a copy.
    const folder = await emptyDataDir('asked');
    await mkdir(pglite(folder));
    const result = await onTerminal('db:reset', answer, embedded(folder));
    expect(result.output).toContain(`Delete the embedded database in ${pglite(folder)}, with all its data? [y/N]`);
    expect(result.output).toContain(printed.replace('DATA_DIR', folder));
    expect(result.code).toBe(0);
    expect(existsSync(pglite(folder))).toBe(kept);
  });

  it.each([
    [
      'NODE_ENV=production with --yes alone: refused, naming the flag that forces it, the database kept',
      ['--yes'],
      1,
      /^Refusing to reset with NODE_ENV=production: db:reset deletes the embedded database and all its data\. Pass --force-in-production to delete it anyway\.\n$/,
      true,
    ],
    [
      'NODE_ENV=production with --yes and --force-in-production: deleted, with a warning',
      ['--yes', '--force-in-production'],
      0,
      /^NODE_ENV=production and --force-in-production: resetting the embedded database\.\n$/,
      false,
    ],
  ])('%s', async (_case, args, code, stderr, kept) => {
    const dataDir = await copyOf(migrated, 'production');
    const result = await run(dataDir, 'db:reset', args, { NODE_ENV: 'production' });
    expect(result.code, result.stderr).toBe(code);
    expect(result.stderr).toMatch(stderr);
    expect(existsSync(join(pglite(dataDir), 'PG_VERSION'))).toBe(kept);
  });

  it('with --yes deletes DATA_DIR/pglite (and only it): everything is pending again', async () => {
    const dataDir = await copyOf(migrated, 'reset');
    await writeFile(join(dataDir, 'keep-me'), 'the rest of DATA_DIR stays');
    const result = await run(dataDir, 'db:reset', ['--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`Deleted ${pglite(dataDir)}: the next \`npm start\` creates, migrates and seeds it afresh.\n`);
    expect(existsSync(pglite(dataDir))).toBe(false);
    expect(existsSync(join(dataDir, 'keep-me'))).toBe(true);
    const status = await run(dataDir, 'db:status', []);
    expect(status.stdout).toContain(`Pending (${names.length};`);
    const again = await run(dataDir, 'db:reset', ['--yes']);
    expect(again.stdout).toBe(`No embedded database in ${pglite(dataDir)}: nothing to reset.\n`);
  }, 60_000);

  it('with DATA_DIR=memory:// has nothing to reset', async () => {
    const result = await run(migrated, 'db:reset', [], { DATA_DIR: 'memory://' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('DATA_DIR=memory:// keeps nothing between runs: nothing to reset.\n');
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/run-cli.js';
import { contentsOf, embedded, freshDataDir, scriptOf } from './commands.js';

/**
 * Mistakes are refused before any database is opened: a malformed or missing flag value names the
 * command's own flag (never a GraphQL argument such as `filter.since`), exit 2 with the usage; a
 * malformed input file is explained in one line naming the file, exit 1. Either way DATA_DIR stays
 * empty. Each row: command, arguments (`FILES/x` is a file written below), exit code, the first
 * line of stderr, and environment variables if any.
 */
let files: string;
const dataDirs: string[] = [];
beforeAll(async () => {
  files = await mkdtemp(join(tmpdir(), 'rolegate-cli-files-'));
  const contents: Record<string, string> = {
    'object.json': '{ "user": "paul", "flag": "can_view" }\n',
    'broken.json': '[{ "user": "paul", "flag": "can_view" },\n',
    'header.csv': 'login,flag\npaul,can_view\n',
    'no-rules.json': '{ "ignoredFlags": [] }\n',
    'rules-object.json': '{ "rules": { "scope": "organization" } }\n',
    'bad-rules.json': JSON.stringify({
      rules: [
        { scope: 'organization', flags: ['can_view'], role: 'member' },
        { scope: 'org', flags: ['can_view'], role: 'member' },
        { scope: 'repository', flags: [], role: 'contributor' },
      ],
      ignoredFlags: [],
    }),
    'array.json': '[]\n',
    'legacy-null.json': 'null\n',
    'legacy-not-json.json': '{ flags: {} }\n',
    'mapping.json': '{ "rules": [], "ignoredFlags": [] }\n',
  };
  await Promise.all(Object.entries(contents).map(([name, text]) => writeFile(join(files, name), text)));
});
afterAll(async () => {
  await rm(files, { recursive: true, force: true });
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const iso = (flag: string, value: string) =>
  `${flag} must be an ISO 8601 date or instant with a time zone (such as 2024-05-01 or 2024-05-01T12:00:00Z) between 1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z; got "${value}".`;
type Row = [name: string, args: string, code: 1 | 2, firstLine: string | RegExp, env?: Record<string, string>];
const rows: Row[] = [
  // Flags named as the command names them.
  ['audit:export', '--since 2024-01-01', 2, '--org is required: the login of the organization whose audit log to export.'],
  ['audit:export', '--org beatles --since yesterday', 2, iso('--since', 'yesterday')],
  ['audit:export', '--org beatles --until 2023-02-29', 2, iso('--until', '2023-02-29')],
  ['audit:export', '--org beatles --since 2024-05-02 --until 2024-05-01', 2, '--since (2024-05-02) must be before --until (2024-05-01).'],
  ['access-review:export', '', 2, '--review is required: the id of the access review to export.'],
  ['access-review:export', '--review q3', 2, `--review must be an access review's id (a UUID); got "q3".`],
  ['roles:report', '--unused-days 0', 2, '--unused-days must be a positive whole number, at most 3650; got "0".'],
  ['roles:report', '--unused-days ninety', 2, '--unused-days must be a positive whole number, at most 3650; got "ninety".'],
  ['roles:report', '--unused-days 1.5', 2, '--unused-days must be a positive whole number, at most 3650; got "1.5".'],
  ['legacy:generate', '--users 0', 2, '--users must be a positive whole number, at most 1000000; got "0".'],
  ['legacy:generate', '--users 10k', 2, '--users must be a positive whole number, at most 1000000; got "10k".'],
  ['legacy:generate', '--seed soup', 2, '--seed must be a whole number from 0 to 4294967295; got "soup".'],
  ['migrate:legacy', '', 2, 'Missing STEP (analyze, plan or apply).'],
  ['migrate:legacy', 'migrate', 2, 'Unknown step "migrate": expected analyze, plan or apply.'],
  ['migrate:legacy', 'apply', 2, 'apply needs --mapping FILE: the mapping to apply (`analyze` writes a draft to edit).'],
  ['migrate:legacy', 'plan --mapping FILES/mapping.json --out x.json', 2, '--out applies to analyze, not to plan.'],
  [
    'migrate:legacy',
    'apply --mapping FILES/mapping.json --batch-size 0',
    2,
    '--batch-size must be a positive whole number, at most 100000; got "0".',
  ],
  ['platform', '', 2, 'Missing a step (grant, revoke or list).'],
  ['platform', 'promote support paul', 2, 'Unknown step "promote": expected grant, revoke or list.'],
  ['platform', 'grant admin paul', 2, '"admin" is not a platform role: expected support or platform_admin.'],
  ['platform', 'grant support', 2, 'grant needs a platform role and a user login.'],
  ['legacy:load', '', 2, 'Missing FILE (.csv or .json).'],
  ['legacy:load', 'flags.txt', 2, 'flags.txt must end in .csv or .json.'],
  // Input files: missing, not JSON, not the expected shape.
  ['legacy:load', 'FILES/missing.csv', 1, /^Cannot read \S+missing\.csv: no such file\.$/],
  [
    'legacy:load',
    'FILES/object.json',
    1,
    /object\.json must hold a JSON array of \{ "user", "flag", "scope" \} objects; it holds an object\.$/,
  ],
  ['legacy:load', 'FILES/broken.json', 1, /broken\.json is not valid JSON: /],
  ['legacy:load', 'FILES/header.csv', 1, /header\.csv must start with the header "user,flag,scope"; line 1 is "login,flag"\.$/],
  ['migrate:legacy', 'plan --mapping FILES/missing.json', 1, /^Cannot read --mapping \S+missing\.json: no such file\.$/],
  [
    'migrate:legacy',
    'plan --mapping FILES/no-rules.json',
    1,
    /no-rules\.json is not a migration mapping: "rules" is missing; expected an object with "rules"/,
  ],
  [
    'migrate:legacy',
    'apply --mapping FILES/rules-object.json',
    1,
    /rules-object\.json is not a migration mapping: "rules" is an object; expected/,
  ],
  ['migrate:legacy', 'plan --mapping FILES/array.json', 1, /array\.json is not a migration mapping: it holds an array, not an object/],
  ['migrate:legacy', 'plan --mapping FILES/broken.json', 1, /broken\.json is not valid JSON: /],
  [
    'migrate:legacy',
    'plan --mapping FILES/bad-rules.json',
    1,
    /bad-rules\.json is not a migration mapping: rules\[1\]\.scope must be "organization" or "repository"; rules\[2\]\.flags must be a non-empty list of flag names\.$/,
  ],
  [
    'migrate:legacy',
    'analyze',
    1,
    /legacy-null\.json \(LEGACY_MAPPING_FILE\) must be an object with "flags"/,
    { LEGACY_MAPPING_FILE: 'FILES/legacy-null.json' },
  ],
  [
    'migrate:legacy',
    'analyze',
    1,
    /legacy-not-json\.json \(LEGACY_MAPPING_FILE\) is not valid JSON: /,
    { LEGACY_MAPPING_FILE: 'FILES/legacy-not-json.json' },
  ],
  [
    'migrate:legacy',
    'analyze',
    1,
    /gone\.json \(LEGACY_MAPPING_FILE\) cannot be read: no such file\.$/,
    { LEGACY_MAPPING_FILE: 'FILES/gone.json' },
  ],
  [
    'migrate:legacy',
    'analyze --out FILES/no-such-folder/draft.json',
    1,
    /^Cannot write the draft to \S+draft\.json: the folder \S+no-such-folder does not exist\.$/,
  ],
];

describe.concurrent('a mistake, refused before anything is opened', () => {
  it.each(rows)('npm run %s -- %s: exit %i, %s', async (name, args, code, firstLine, env = {}) => {
    const dataDir = await freshDataDir('errors');
    dataDirs.push(dataDir);
    const inFiles = (value: string) => value.replace(/^FILES\//, `${files}/`);
    const result = await runCommand(scriptOf(name), args.split(' ').filter(Boolean).map(inFiles), {
      ...embedded(dataDir),
      ...Object.fromEntries(Object.entries(env).map(([key, value]) => [key, inFiles(value)])),
    });
    expect(result.code, result.stderr).toBe(code);
    const [first = '', ...more] = result.stderr.trimEnd().split('\n');
    if (typeof firstLine === 'string') expect(first).toBe(firstLine);
    else expect(first).toMatch(firstLine);
    // A usage error is followed by the usage; a bad file is one line.
    if (code === 2) expect(more.join('\n')).toMatch(/^\nUsage:/);
    else expect(more).toEqual([]);
    expect(result.stderr).not.toMatch(/filter\.|input\.|unusedDays|is not a function|TypeError|ENOENT/);
    expect(result.stdout).toBe('');
    expect(await contentsOf(dataDir), 'nothing written to DATA_DIR').toEqual([]);
  });
});

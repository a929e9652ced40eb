import { cliArguments, refuseArguments, type CommandUsage } from './cli-arguments.js';
import { describeJson, parseJsonFile, readInputFile } from './input-file.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

/** One legacy flag as a file gives it: a user login, a flag, an optional scope (`org` or `org/repo`), and where it stands. */
interface FlagRecord {
  readonly user: string;
  readonly flag: string;
  readonly scope?: string;
  /** Where the record is, for messages: `line 4` (CSV), `entry 2 (line 5)` (JSON). */
  readonly at: string;
}

const command: CommandUsage = {
  usage:
    'npm run legacy:load -- FILE.csv|FILE.json\n\nLoads legacy flags into legacy_permission_flags. CSV has the header "user,flag,scope"; JSON is an array of { "user", "flag", "scope" }. A scope is an organization login or organization/repository; empty means global. Loading the same file twice adds nothing; a file naming unknown users or scopes is refused as a whole, each problem named by its line.',
  positionals: { names: ['FILE (.csv or .json)'], min: 1, max: 1 },
};

/**
 * `npm run legacy:load -- FILE.csv|FILE.json`: loads legacy flags into legacy_permission_flags.
 * CSV has a header `user,flag,scope`; JSON is an array of `{ "user", "flag", "scope" }`. A scope
 * is an organization login or `organization/repository`; empty means global. Loading the same
 * file twice adds nothing; unknown users or scopes are listed and refused as a whole. Lines are
 * the file's own, counted from 1 (a CSV header is line 1, blank lines count).
 */
const { positionals } = cliArguments(command, {});
const file = positionals[0] ?? '';
const format = /\.json$/i.test(file)
  ? 'json'
  : /\.csv$/i.test(file)
    ? 'csv'
    : refuseArguments(command, `${file} must end in .csv or .json.`);

runCli(async () => {
  const text = readInputFile(file).replace(/^\uFEFF/, '');
  const records = format === 'json' ? parseJsonFlags(text) : parseCsvFlags(text);
  if (records.length === 0) {
    console.log(`${file} holds no flags: nothing loaded.`);
    return;
  }
  const { sqlArray } = await import('../db/sql-array.js');
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    const users = new Map(
      (
        await em.execute<{ id: string; login: string }[]>('select id, login from users where login = any(?::text[])', [
          sqlArray([...new Set(records.map((record) => record.user))]),
        ])
      ).map((row) => [row.login, row.id]),
    );
    const scopes = new Map(
      (
        await em.execute<{ key: string; type: string; id: string }[]>(
          `select login as key, 'organization' as type, id from organizations union all
         select o.login || '/' || r.name, 'repository', r.id from repositories r join organizations o on o.id = r.organization_id`,
        )
      ).map((row) => [row.key, row]),
    );
    refuseProblems(
      records.flatMap((record) => [
        ...(users.has(record.user) ? [] : [`${record.at}: unknown user "${record.user}"`]),
        ...(!record.scope || scopes.has(record.scope) ? [] : [`${record.at}: unknown scope "${record.scope}"`]),
      ]),
    );
    const rows = records.map((record) => {
      const scope = record.scope ? scopes.get(record.scope) : undefined;
      return [users.get(record.user) ?? '', record.flag, scope?.type ?? '', scope?.id ?? ''] as const;
    });
    const [inserted] = await em.execute<{ n: string }[]>(
      `with added as (insert into legacy_permission_flags (id, user_id, flag, scope_type, scope_id)
         select gen_random_uuid(), u::uuid, f, nullif(t, ''), nullif(s, '')::uuid from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as x(u, f, t, s)
         on conflict do nothing returning 1) select count(*) as n from added`,
      [
        sqlArray(rows.map((row) => row[0])),
        sqlArray(rows.map((row) => row[1])),
        sqlArray(rows.map((row) => row[2])),
        sqlArray(rows.map((row) => row[3])),
      ],
    );
    console.log(`Loaded ${inserted?.n ?? 0} new flags (${records.length} in ${file}).`);
  } finally {
    await db.close();
  }
});

/** Refuses the whole file when anything is wrong, listing the problems (the first 20) with their lines. */
function refuseProblems(problems: readonly string[]): void {
  if (problems.length === 0) return;
  const shown = problems.length > 20 ? [...problems.slice(0, 20), `... and ${problems.length - 20} more`] : problems;
  throw new Error(`${file} was not loaded:\n  - ${shown.join('\n  - ')}`);
}

/** CSV: a header line `user,flag[,scope]`, then one flag a line; blank lines are skipped but counted. */
function parseCsvFlags(text: string): FlagRecord[] {
  const lines = text
    .split(/\r?\n/)
    .map((content, index) => ({ content, number: index + 1 }))
    .filter(({ content }) => content.trim() !== '');
  const [header, ...rows] = lines;
  if (!header) return [];
  const columns = header.content.split(',').map((column) => column.trim());
  if (columns[0] !== 'user' || columns[1] !== 'flag' || columns.length > 3 || (columns[2] !== undefined && columns[2] !== 'scope'))
    throw new Error(`${file} must start with the header "user,flag,scope"; line ${header.number} is "${header.content.trim()}".`);
  const records: FlagRecord[] = [];
  const problems: string[] = [];
  for (const { content, number } of rows) {
    const cells = content.split(',').map((cell) => cell.trim());
    const [user = '', flag = '', scope = ''] = cells;
    const at = `line ${number}`;
    if (cells.length > 3) problems.push(`${at}: ${cells.length} cells, expected user,flag,scope`);
    else if (!user) problems.push(`${at}: no user`);
    else if (!flag) problems.push(`${at}: no flag`);
    else records.push({ user, flag, scope: scope || undefined, at });
  }
  refuseProblems(problems);
  return records;
}

/** JSON: an array of `{ "user", "flag", "scope" }`; each entry is named by its position and the line it starts on. */
function parseJsonFlags(text: string): FlagRecord[] {
  const parsed = parseJsonFile(text, file);
  if (!Array.isArray(parsed))
    throw new Error(`${file} must hold a JSON array of { "user", "flag", "scope" } objects; it holds ${describeJson(parsed)}.`);
  const lines = entryLines(text);
  const records: FlagRecord[] = [];
  const problems: string[] = [];
  parsed.forEach((entry: unknown, index) => {
    const at = `entry ${index + 1} (line ${lines[index] ?? '?'})`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${at}: ${describeJson(entry)}, expected { "user", "flag", "scope" }`);
      return;
    }
    const { user, flag, scope } = entry as { user?: unknown; flag?: unknown; scope?: unknown };
    if (typeof user !== 'string' || user.trim() === '') problems.push(`${at}: "user" must be a login (a non-empty string)`);
    else if (typeof flag !== 'string' || flag.trim() === '') problems.push(`${at}: "flag" must be a flag name (a non-empty string)`);
    else if (scope != null && typeof scope !== 'string') problems.push(`${at}: "scope" must be a string (org or org/repo) or absent`);
    else records.push({ user: user.trim(), flag: flag.trim(), scope: scope?.trim() || undefined, at });
  });
  refuseProblems(problems);
  return records;
}

/** The line on which each entry of a (valid) top-level JSON array starts, in order. */
function entryLines(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let escaped = false;
  let expectEntry = false;
  for (const char of text) {
    if (char === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (/\s/.test(char)) continue;
    if (depth === 1 && expectEntry && char !== ']') {
      starts.push(line);
      expectEntry = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') expectEntry = ++depth === 1;
    else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expectEntry = true;
  }
  return starts;
}

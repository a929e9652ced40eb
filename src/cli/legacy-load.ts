import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sqlArray } from '../db/sql-array.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

/** One legacy flag as a file gives it: a user login, a flag, and an optional scope (`org` or `org/repo`). */
interface FlagRecord {
  readonly user: string;
  readonly flag: string;
  readonly scope?: string;
}

/**
 * `npm run legacy:load -- FILE.csv|FILE.json`: loads legacy flags into legacy_permission_flags.
 * CSV has a header `user,flag,scope`; JSON is an array of `{ "user", "flag", "scope" }`. A scope
 * is an organization login or `organization/repository`; empty means global. Loading the same
 * file twice adds nothing; unknown users or scopes are listed and refused as a whole.
 */
runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new Error('Usage: npm run legacy:load -- FILE.csv|FILE.json');
  const records = parseFlags(readFileSync(file, 'utf8'), file);
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
    const problems = records.flatMap((record, index) => [
      ...(users.has(record.user) ? [] : [`line ${index + 1}: unknown user "${record.user}"`]),
      ...(!record.scope || scopes.has(record.scope) ? [] : [`line ${index + 1}: unknown scope "${record.scope}"`]),
    ]);
    if (problems.length > 0) throw new Error(`${file} was not loaded:\n  - ${problems.join('\n  - ')}`);
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

function parseFlags(text: string, file: string): FlagRecord[] {
  if (file.endsWith('.json')) return JSON.parse(text) as FlagRecord[];
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const columns = (header ?? '').split(',').map((column) => column.trim());
  if (columns[0] !== 'user' || columns[1] !== 'flag') throw new Error(`${file} must start with the header "user,flag,scope".`);
  return lines.map((line) => {
    const [user = '', flag = '', scope = ''] = line.split(',').map((cell) => cell.trim());
    return { user, flag, scope: scope || undefined };
  });
}

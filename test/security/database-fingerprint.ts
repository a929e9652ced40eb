import type { EntityManager } from '../../src/db/database.js';

/** Each table's row count and a digest of its rows: any insert, update or delete changes it. */
export type Fingerprint = Readonly<Record<string, string>>;

/**
 * Fingerprints every table of the schema but the migrations' own. Tables are read at call time,
 * so a table added later is watched without editing the fuzzer.
 * Note: one statement, so the tables are read in one snapshot.
 */
export async function databaseFingerprint(em: EntityManager): Promise<Fingerprint> {
  const tables = await em.execute<{ name: string }[]>(
    `select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations' order by 1`,
  );
  const parts = tables.map(
    ({ name }) =>
      `select '${name}' as name, count(*)::text || ':' || md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as digest from "${name}" t`,
  );
  const rows = await em.execute<{ name: string; digest: string }[]>(parts.join(' union all '));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/** The tables whose fingerprint differs, with their row counts before and after (`audit_log_entries 12 -> 13`). */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const count = (digest: string | undefined) => digest?.split(':')[0] ?? 'none';
  return names.filter((name) => before[name] !== after[name]).map((name) => `${name} ${count(before[name])} -> ${count(after[name])}`);
}

/**
 * A `databaseFingerprint` that skips the table scan when nothing can have been written: every
 * writing transaction takes a transaction id, and asking for one takes one too, so an id just one
 * above the previous call's means no one wrote in between. Any other id (a write, a rolled-back
 * write, another database on the same PostgreSQL server) falls back to the full scan.
 */
export function databaseFingerprinter(em: () => EntityManager): () => Promise<Fingerprint> {
  let last: { xid: bigint; fingerprint: Fingerprint } | undefined;
  return async () => {
    const [row] = await em().execute<{ xid: string }[]>('select txid_current()::text as xid');
    const xid = BigInt(row?.xid ?? '0');
    const fingerprint = last && xid === last.xid + 1n ? last.fingerprint : await databaseFingerprint(em());
    last = { xid, fingerprint };
    return fingerprint;
  };
}

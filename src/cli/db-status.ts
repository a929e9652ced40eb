import { cliArguments } from './cli-arguments.js';
import { runCli } from './open-cli-database.js';

/**
 * `npm run db:status`: the migrations applied to the database and those pending, without applying
 * any (unlike every other tool, it opens the database without migrating it). An embedded database
 * that does not exist yet is not created: every migration is pending.
 */
cliArguments(
  {
    usage:
      'npm run db:status [-- --help]\n\nLists the migrations applied to DATABASE_URL, or to the embedded database in DATA_DIR, and those pending, without applying any (`npm run db:migrate` or the next start applies them).',
  },
  {},
);

runCli(async () => {
  const [{ existsSync }, { join }, { loadConfig }, { migrations }] = await Promise.all([
    import('node:fs'),
    import('node:path'),
    import('../config.js'),
    import('../db/migrations/index.js'),
  ]);
  const config = loadConfig();
  const pgliteDataDir = join(config.dataDir, 'pglite');
  let where: string;
  let applied: readonly { name: string; executedAt?: Date }[];
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    where = `PostgreSQL database ${url.pathname.slice(1) || '(default)'} on ${url.host} (DATABASE_URL)`;
    applied = await appliedMigrations(config.databaseUrl, '');
  } else if (config.dataDir === 'memory://') {
    where = 'DATA_DIR=memory:// (a new, empty database in every process)';
    applied = [];
  } else if (!existsSync(join(pgliteDataDir, 'PG_VERSION'))) {
    where = `Embedded database in ${pgliteDataDir}: not created yet (the next start or \`npm run db:migrate\` creates it)`;
    applied = [];
  } else {
    where = `Embedded database in ${pgliteDataDir}`;
    applied = await appliedMigrations(undefined, pgliteDataDir);
  }
  const known = new Set(migrations.map((migration) => migration.name));
  const done = new Set(applied.map((migration) => migration.name));
  const pending = migrations.filter((migration) => !done.has(migration.name)).map((migration) => migration.name);
  const unknown = applied.filter((migration) => !known.has(migration.name));
  console.log(`${where}.`);
  console.log(applied.length === 0 ? 'Applied: none.' : `Applied (${applied.length}):`);
  for (const migration of applied) console.log(`  ${migration.name}  ${migration.executedAt?.toISOString() ?? ''}`.trimEnd());
  console.log(
    pending.length === 0 ? 'Pending: none.' : `Pending (${pending.length}; \`npm run db:migrate\` or the next start applies them):`,
  );
  for (const name of pending) console.log(`  ${name}`);
  if (unknown.length > 0) {
    console.log(
      `Applied but unknown to this code (a newer version migrated this database?): ${unknown.map((migration) => migration.name).join(', ')}.`,
    );
  }
});

/**
 * The migrations recorded in the database, oldest first, read through MikroORM's migrator without
 * running any. An embedded folder is locked meanwhile, as every tool does (refused while a server holds it).
 */
async function appliedMigrations(databaseUrl: string | undefined, pgliteDataDir: string): Promise<{ name: string; executedAt: Date }[]> {
  const [{ Migrator }, { entities }, { migrations }, { lockDataDir }] = await Promise.all([
    import('@mikro-orm/migrations'),
    import('../gitclub/entities/index.js'),
    import('../db/migrations/index.js'),
    import('../db/data-dir-lock.js'),
  ]);
  const common = {
    entities,
    extensions: [Migrator],
    migrations: { migrationsList: migrations, silent: true, snapshot: false },
    debug: false,
  };
  const lock = databaseUrl ? undefined : await lockDataDir(pgliteDataDir);
  try {
    const orm = databaseUrl
      ? await (await import('@mikro-orm/postgresql')).MikroORM.init({ ...common, clientUrl: databaseUrl, pool: { min: 0, max: 1 } })
      : await (await import('@mikro-orm/pglite')).MikroORM.init({ ...common, dbName: pgliteDataDir });
    try {
      const rows = await orm.migrator.getExecuted();
      return rows.map((row) => ({ name: row.name, executedAt: new Date(row.executed_at) }));
    } finally {
      await orm.close();
    }
  } finally {
    await lock?.release();
  }
}

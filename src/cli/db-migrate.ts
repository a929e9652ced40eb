import { cliArguments } from './cli-arguments.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

/** `npm run db:migrate`: applies pending migrations and syncs the policy table, then exits. */
cliArguments(
  {
    usage:
      'npm run db:migrate [-- --help]\n\nApplies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR (created when absent), and syncs the policy table; the server does the same at every start. `npm run db:status` lists them.',
  },
  {},
);
runCli(async () => {
  const db = await openCliDatabase();
  try {
    const applied = await db.migrator.getExecuted();
    console.log(`Up to date: ${applied.length} migrations applied (latest ${applied.at(-1)?.name ?? 'none'}); policy synced.`);
  } finally {
    await db.close();
  }
});

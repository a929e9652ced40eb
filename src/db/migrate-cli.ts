import { openCliDatabase, runCli } from '../cli/open-cli-database.js';

/** `npm run db:migrate`: applies pending migrations and syncs the policy table, then exits. */
runCli(async () => {
  const db = await openCliDatabase();
  console.log('Migrations applied and policy synced.');
  await db.close();
});

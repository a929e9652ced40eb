import { loadConfig } from '../config.js';
import { openDatabase } from './database.js';
import { syncPolicy } from './sync-policy.js';

/** `npm run db:migrate`: applies pending migrations and syncs the policy table, then exits. */
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: `${config.dataDir}/pglite` });
await syncPolicy(db.em.fork());
console.log(`Migrations applied to ${config.databaseUrl ? 'DATABASE_URL' : `${config.dataDir}/pglite`}.`);
await db.close();

import { openDatabase, type Database, type DatabaseLocation } from '../db/database.js';
import { seedDemoData } from './demo/seed-demo-data.js';
import { entities } from './entities/index.js';
import { syncPolicy } from './policy/sync-policy.js';

/** How to prepare the GitClub database once migrated. */
export interface GitClubDatabaseOptions {
  /** Seed the demo cast when the database has none (`SEED_DEMO_DATA`). */
  readonly seedDemoData: boolean;
}

/**
 * Prepares a freshly migrated GitClub database: the policy table made what the code says (every
 * start, so built-in roles follow the code), then the demo data seeded once when asked.
 */
export async function prepareGitClubDatabase(db: Database, options: GitClubDatabaseOptions): Promise<void> {
  await syncPolicy(db.em.fork());
  if (options.seedDemoData) await seedDemoData(db.em.fork());
}

/** Opens the GitClub database (its entities, migrated, then prepared under the start-up lock): what the server and the command-line tools work on. */
export function openGitClubDatabase(location: DatabaseLocation, options: GitClubDatabaseOptions): Promise<Database> {
  return openDatabase(location, entities, (db) => prepareGitClubDatabase(db, options));
}

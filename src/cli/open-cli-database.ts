import { loadConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { openGitClubDatabase } from '../gitclub/gitclub-database.js';

/**
 * The database a command-line tool works on: DATABASE_URL, or the embedded one in DATA_DIR (stop
 * `npm start` first: an embedded database has one process at a time).
 */
export async function openCliDatabase(): Promise<Database> {
  const config = loadConfig();
  return openGitClubDatabase(
    { databaseUrl: config.databaseUrl, pgliteDataDir: config.dataDir === 'memory://' ? 'memory://' : `${config.dataDir}/pglite` },
    { seedDemoData: false },
  );
}

/** Runs a command-line tool: prints a clean message and exits 1 on failure. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

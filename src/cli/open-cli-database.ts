import type { Database } from '../db/database.js';

/**
 * The database a command-line tool works on: DATABASE_URL, or the embedded one in DATA_DIR (stop
 * `npm start` first: an embedded database has one process at a time). Its modules load only when
 * called, so a command that stops at its arguments (`--help`) loads no ORM.
 */
export async function openCliDatabase(): Promise<Database> {
  const [{ loadConfig }, { openGitClubDatabase }] = await Promise.all([import('../config.js'), import('../gitclub/gitclub-database.js')]);
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

/**
 * A progress line on stderr, redrawn in place, only when stderr is a terminal (or `force`): a log
 * file or a pipe gets the command's final summary, not hundreds of carriage returns.
 */
export function progressLine(force = false): { update(text: string): void; done(): void } {
  const shown = force || process.stderr.isTTY === true;
  let drawn = false;
  return {
    update(text) {
      if (!shown) return;
      process.stderr.write(`\r${text}`);
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}

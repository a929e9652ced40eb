import { cliArguments } from './cli-arguments.js';
import { runCli } from './open-cli-database.js';

/**
 * `npm run db:reset [-- --yes] [--force-in-production]`: deletes the embedded database
 * (DATA_DIR/pglite) so that the next `npm start` creates, migrates and seeds it afresh (`npm run
 * db:migrate` creates and migrates it, unseeded). Never a PostgreSQL database (refused while
 * DATABASE_URL is set), never with NODE_ENV=production unless `--force-in-production` says so (a
 * `--yes` in a deployment script is no answer to that), never while another process holds the
 * folder's lock, and only once confirmed: asked on a terminal, `--yes` otherwise (without a terminal
 * and without `--yes` it refuses instead of waiting for an answer nobody can type). The rest of
 * DATA_DIR (the generated signing key) stays.
 */
const { values } = cliArguments(
  {
    usage:
      'npm run db:reset [-- --yes] [--force-in-production]\n\nDeletes the embedded database (DATA_DIR/pglite; the rest of DATA_DIR, such as the generated signing key, stays) so that the next `npm start` creates, migrates and seeds it afresh. Refused while DATABASE_URL is set, with NODE_ENV=production unless forced, or while a server uses the folder. Asks for confirmation on a terminal.',
    flags: [
      '--yes, -y                delete without asking (required when not on a terminal)',
      '--force-in-production    delete even with NODE_ENV=production (confirmation is still asked, or --yes)',
    ],
  },
  { yes: { type: 'boolean', short: 'y', default: false }, 'force-in-production': { type: 'boolean', default: false } },
);

runCli(async () => {
  const [{ existsSync }, { rm }, { join }, { loadConfig }, { lockDataDir }] = await Promise.all([
    import('node:fs'),
    import('node:fs/promises'),
    import('node:path'),
    import('../config.js'),
    import('../db/data-dir-lock.js'),
  ]);
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new Error(
      'Refusing to reset: DATABASE_URL is set, and db:reset only deletes the embedded database. Drop and recreate a PostgreSQL database with its own tools (dropdb, createdb), or unset DATABASE_URL to reset DATA_DIR/pglite.',
    );
  }
  // Note: the same test as loadConfig's production defaults (src/config.ts), as legacy:generate makes.
  if (process.env.NODE_ENV === 'production') {
    if (!values['force-in-production']) {
      throw new Error(
        'Refusing to reset with NODE_ENV=production: db:reset deletes the embedded database and all its data. Pass --force-in-production to delete it anyway.',
      );
    }
    console.warn('NODE_ENV=production and --force-in-production: resetting the embedded database.');
  }
  if (config.dataDir === 'memory://') {
    console.log('DATA_DIR=memory:// keeps nothing between runs: nothing to reset.');
    return;
  }
  const pgliteDataDir = join(config.dataDir, 'pglite');
  if (!existsSync(pgliteDataDir)) {
    console.log(`No embedded database in ${pgliteDataDir}: nothing to reset.`);
    return;
  }
  // Refused at once, naming the holder, while a server or another tool has the database open.
  const lock = await lockDataDir(pgliteDataDir);
  try {
    if (!values.yes) {
      if (!process.stdin.isTTY) {
        throw new Error(
          `Refusing to delete ${pgliteDataDir} without confirmation: not on a terminal, so nothing can be asked. Pass --yes to delete it.`,
        );
      }
      if (!(await confirm(`Delete the embedded database in ${pgliteDataDir}, with all its data? [y/N] `))) {
        console.log('Nothing deleted.');
        return;
      }
    }
    await rm(pgliteDataDir, { recursive: true, force: true });
  } finally {
    await lock.release();
  }
  console.log(`Deleted ${pgliteDataDir}: the next \`npm start\` creates, migrates and seeds it afresh.`);
});

/** Asks a yes/no question on the terminal; only "y" or "yes" is a yes. */
async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}

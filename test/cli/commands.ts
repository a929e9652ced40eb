import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every command-line tool (`npm run <name>`): its script name, the file it runs, and whether it takes positional arguments. */
export const commands = [
  { name: 'db:migrate', script: 'src/cli/db-migrate.ts', takesArguments: false },
  { name: 'db:status', script: 'src/cli/db-status.ts', takesArguments: false },
  { name: 'db:reset', script: 'src/cli/db-reset.ts', takesArguments: false },
  { name: 'audit:export', script: 'src/cli/audit-export.ts', takesArguments: false },
  { name: 'access-review:export', script: 'src/cli/access-review-export.ts', takesArguments: false },
  { name: 'platform', script: 'src/cli/platform.ts', takesArguments: true },
  { name: 'offboard', script: 'src/cli/offboard.ts', takesArguments: false },
  { name: 'pdp:client', script: 'src/cli/pdp-client.ts', takesArguments: true },
  { name: 'policy:test', script: 'src/cli/policy-test.ts', takesArguments: true },
  { name: 'policy:impact', script: 'src/cli/policy-impact.ts', takesArguments: true },
  { name: 'roles:report', script: 'src/cli/roles-report.ts', takesArguments: false },
  { name: 'matrix', script: 'src/cli/permission-matrix.ts', takesArguments: false },
  { name: 'legacy:generate', script: 'src/cli/legacy-generate.ts', takesArguments: false },
  { name: 'migrate:legacy', script: 'src/cli/migrate-legacy.ts', takesArguments: true },
  { name: 'shadow:report', script: 'src/cli/shadow-report.ts', takesArguments: false },
  { name: 'legacy:load', script: 'src/cli/legacy-load.ts', takesArguments: true },
  { name: 'schema:print', script: 'src/cli/schema-print.ts', takesArguments: false },
  { name: 'docs:config', script: 'src/cli/configuration-doc.ts', takesArguments: false },
  { name: 'docs:errors', script: 'src/cli/errors-doc.ts', takesArguments: false },
] as const;

/** The file a command runs. */
export function scriptOf(name: string): string {
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) throw new Error(`No command ${name}.`);
  return command.script;
}

/** A fresh, empty DATA_DIR, so a test can tell whether a command touched it. */
export function freshDataDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `rolegate-cli-${prefix}-`));
}

/** What a DATA_DIR holds (empty when nothing was written). */
export function contentsOf(dataDir: string): Promise<string[]> {
  return readdir(dataDir);
}

/**
 * The environment of a tool run on the embedded database in `dataDir`, whatever the suite's own
 * environment says (DATABASE_URL empty: never a PostgreSQL server).
 */
export function embedded(dataDir: string): Record<string, string> {
  return { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', NODE_ENV: 'test', LEGACY_MAPPING_FILE: '' };
}

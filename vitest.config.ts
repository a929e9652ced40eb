import { configDefaults, defineConfig } from 'vitest/config';
import { filesOutsideThisStage } from './test/helpers/stage-independent.js';

export default defineConfig({
  // One graphql instance: without this, ESM (.mjs) and CommonJS copies meet ("another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // CI runs a few whole files in one of its two stages only (ROLEGATE_CI_STAGE; see the helper).
    exclude: [...configDefaults.exclude, ...filesOutsideThisStage()],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One migrated, seeded database per run; each file's server starts from a copy of it.
    globalSetup: ['test/setup/demo-database-template.ts'],
    // The usual report, then the ten slowest files (CI prints it for each stage).
    reporters: ['default', './test/setup/slowest-files-reporter.ts'],
    // Each file boots its own database; two workers match the two cores CI has. Worker threads, not
    // child processes: the suite is bound by CPU, and a thread per file costs less to start than a
    // process (measured on the embedded database: 567 against 656 CPU-seconds, 303 against 345 s).
    pool: 'threads',
    maxWorkers: 2,
    // A worker keeps its modules from one file to the next instead of importing the whole server again
    // for each of the hundred files (measured on the embedded database: 94 s of imports summed over the
    // workers became 12 s, and the run 338 s became 280 s). Files share no state but what they start
    // themselves: each starts its own server, database and registry of metrics, and restores real timers.
    isolate: false,
  },
});

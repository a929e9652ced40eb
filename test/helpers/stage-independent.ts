/** The two stages of CI's suite: embedded PGlite on Node 20, and PostgreSQL + Redis on Node 24. */
export type CiStage = 'embedded' | 'postgres';

/** The stage CI names in `ROLEGATE_CI_STAGE`, or undefined for a plain `npm test` (which runs everything). */
function currentStage(): CiStage | undefined {
  const stage = process.env.ROLEGATE_CI_STAGE;
  return stage === 'embedded' || stage === 'postgres' ? stage : undefined;
}

/**
 * For a test whose outcome depends on neither the database nor the Node version (a typecheck of
 * the sources in the compiler's memory, the SQL statements a request sends, a command that always
 * runs on the embedded database): true when CI runs the suite in a stage other than the test's
 * `home`, so CI runs it once, as it runs the browser journeys once. The homes balance the two
 * stages' time.
 */
export function runsInAnotherStage(home: CiStage): boolean {
  const stage = currentStage();
  return stage !== undefined && stage !== home;
}

/**
 * Whole files that run the same whatever database the suite is given (they start the embedded
 * database themselves, or none: commands, their help and argument errors, start-up failures, the
 * data folder's lock), so only Node could tell the stages apart: CI runs them once, in the
 * PostgreSQL stage, on Node 24 (a version users run; Node 20 is the embedded stage's). vitest.config.ts
 * leaves them out of the embedded stage.
 */
export const postgresStageFiles = [
  'test/cli/database-commands.test.ts',
  'test/cli/help-and-flags.test.ts',
  'test/cli/argument-errors.test.ts',
  'test/http/startup-failures.test.ts',
  'test/db/data-dir-lock.test.ts',
] as const;

/** The files `vitest` leaves out in this stage. */
export function filesOutsideThisStage(): readonly string[] {
  return currentStage() === 'embedded' ? postgresStageFiles : [];
}

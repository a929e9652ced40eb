/** The two stages of CI's suite: embedded PGlite on Node 20, and PostgreSQL + Redis on Node 24. */
export type CiStage = 'embedded' | 'postgres';

/**
 * For a test whose outcome depends on neither the database nor the Node version (a typecheck of
 * the sources in the compiler's memory, the SQL statements a request sends, a command that always
 * runs on the embedded database): true when CI runs the suite in a stage other than the test's
 * `home`, so CI runs it once, as it runs the browser journeys once. CI names its stage in
 * `ROLEGATE_CI_STAGE`; a plain `npm test` names none and runs them all. The homes balance the
 * two stages' time.
 */
export function runsInAnotherStage(home: CiStage): boolean {
  const stage = process.env.ROLEGATE_CI_STAGE;
  return stage !== undefined && stage !== '' && stage !== home;
}

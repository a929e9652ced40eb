/**
 * Tests whose outcome depends on neither the database nor the Node version (a typecheck of the
 * sources in the compiler's memory, the SQL statements a request sends): CI runs them once, in its
 * PostgreSQL stage, as it runs the browser journeys once; `ROLEGATE_STAGE_INDEPENDENT_TESTS=skip`
 * leaves them out of its other stage. A plain `npm test` runs them.
 */
export const stageIndependentTestsSkipped = process.env.ROLEGATE_STAGE_INDEPENDENT_TESTS === 'skip';

import type { EntityManager } from '../db/database.js';
import type { ExpectationSpec } from './format/policy-test-format.js';
import { durationSeconds } from './format/durations.js';
import { runCheck } from './expectations/check-expectation.js';
import type { ExpectationKind, ExpectationOutcome, ExpectationResult, ExpectationScope } from './expectations/expectation-result.js';
import { runList } from './expectations/list-expectation.js';
import { runQuery } from './expectations/query-expectation.js';
import { runWho } from './expectations/who-expectation.js';
import { policyTestApi } from './policy-test-api.js';
import { PolicyTestFileError, readPolicyTestFile, type FileProblem, type PolicyTestFile } from './read-policy-test-file.js';
import type { OpenWorldDatabase } from './world-databases.js';
import { insertWorld } from './world/insert-world.js';

/** A file run: each expectation's result, or the problems that kept it from running. */
export interface FileOutcome {
  readonly file: string;
  readonly problems: readonly FileProblem[];
  readonly results: readonly ExpectationResult[];
}

/** What an expectation checks, in a line (`check george read_code:repository beatles/infra`): how reports and test names call it. */
export function expectationTitle(spec: ExpectationSpec): string {
  const at = (when: string | undefined) => (when ? ` at ${when}` : '');
  if (spec.check) return `check ${spec.check.user} ${spec.check.permission} ${spec.check.resource}${at(spec.check.at)}`;
  if (spec.who) return `who ${spec.who.permission} ${spec.who.resource}${at(spec.who.at)}`;
  if (spec.list) return `list ${spec.list.user} ${spec.list.permission}${at(spec.list.at)}`;
  const query = spec.query as NonNullable<ExpectationSpec['query']>;
  const summary = query.document.replace(/\s+/g, ' ').trim();
  return `query as ${query.as}${at(query.at)}: ${summary.length > 60 ? `${summary.slice(0, 57)}...` : summary}`;
}

/** One expectation's kind and how to run it. */
function planOf(spec: ExpectationSpec): { kind: ExpectationKind; run: (scope: ExpectationScope) => Promise<ExpectationOutcome> } {
  if (spec.check) return { kind: 'check', run: (scope) => runCheck(spec.check as NonNullable<typeof spec.check>, scope) };
  if (spec.who) return { kind: 'who', run: (scope) => runWho(spec.who as NonNullable<typeof spec.who>, scope) };
  if (spec.list) return { kind: 'list', run: (scope) => runList(spec.list as NonNullable<typeof spec.list>, scope) };
  return { kind: 'query', run: (scope) => runQuery(spec.query as NonNullable<typeof spec.query>, scope) };
}

/** What every kind of expectation may say besides its own fields: when it is answered, and why it must hold. */
function commonOf(spec: ExpectationSpec): { readonly at?: string; readonly why?: string } {
  return spec.check ?? spec.who ?? spec.list ?? spec.query ?? {};
}

/**
 * Moves the world's clock to `seconds` after it was made, from `current`: every grant's expiry comes
 * that much closer (what expires is decided against the database's `now()`, in SQL and in memory alike).
 */
async function moveClock(em: EntityManager, current: number, seconds: number): Promise<void> {
  if (seconds !== current)
    await em.execute(`update permission_grants set expires_at = expires_at - ? * interval '1 second'`, [seconds - current], 'run');
}

/** Runs the expectations of a checked file against its world, in order, in a database of its own. */
export async function runPolicyTestFile(file: PolicyTestFile, openDatabase: OpenWorldDatabase): Promise<ExpectationResult[]> {
  const database = await openDatabase();
  try {
    const em = database.db.em.fork();
    const ids = await insertWorld(em, file.document.world);
    const scope: ExpectationScope = { api: await policyTestApi(database.db), ids };
    const results: ExpectationResult[] = [];
    let clock = 0;
    for (const [index, spec] of file.document.expectations.entries()) {
      const { kind, run } = planOf(spec);
      const title = expectationTitle(spec);
      const { at, why } = commonOf(spec);
      const seconds = at ? durationSeconds(at) : 0;
      await moveClock(em, clock, seconds);
      clock = seconds;
      const outcome = await run(scope).catch((error: unknown): ExpectationOutcome => ({
        passed: false,
        actual: { error: error instanceof Error ? error.message : String(error) },
        rows: [{ expected: 'an answer', actual: `the runner failed: ${error instanceof Error ? error.message : String(error)}` }],
      }));
      results.push({ file: file.file, line: file.lineOf(['expectations', index]), kind, title, ...(why ? { why } : {}), ...outcome });
    }
    return results;
  } finally {
    await database.close();
  }
}

/** Reads, checks and runs one file; a file that cannot run gives its problems instead of results. */
export async function runPolicyTestPath(path: string, file: string, openDatabase: OpenWorldDatabase): Promise<FileOutcome> {
  try {
    const checked = await readPolicyTestFile(path, file);
    return { file, problems: [], results: await runPolicyTestFile(checked, openDatabase) };
  } catch (error) {
    if (error instanceof PolicyTestFileError) return { file, problems: error.problems, results: [] };
    throw error;
  }
}

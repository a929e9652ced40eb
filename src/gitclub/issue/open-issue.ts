import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/database.js';
import { builtOnce } from '../../db/built-once.js';
import { preparedInTransaction } from '../../db/prepared-reads.js';
import { IssueEntity, type Issue } from '../entities/issue.entity.js';
import type { RepositoryWriteGuard } from '../access/repository-write-guard.js';

/** What a new issue says and who opens it. */
export interface NewIssue {
  readonly repositoryId: string;
  readonly title: string;
  readonly body: string | null;
  readonly authorId: string;
}

const issueColumns = 'id, repository_id, number, title, body, state, author_id, created_at';

/**
 * The statement that opens an issue in the repository `target` names (`?`, or the guard's row),
 * with a guard's select first when there is one, and any further `condition` on the repository's
 * row; its values: the repository's id when `target` binds it, the condition's, then the issue's
 * id, title, body, author and time. Marked to be prepared in its transaction.
 */
function openingText(target: string, guardSql?: string, condition?: string): string {
  return preparedInTransaction(`with ${guardSql ? `guard as (${guardSql}),` : ''}
     numbered as (
       update repositories
          set last_issue_number = greatest(last_issue_number, (select coalesce(max(number), 0) from issues where repository_id = repositories.id)) + 1
        where id = ${target}${condition ? ` and ${condition}` : ''}
        returning id, last_issue_number),
     opened as (
       insert into issues (${issueColumns})
       select ?::uuid, numbered.id, numbered.last_issue_number, ?, ?, 'OPEN', ?::uuid, ?::timestamptz from numbered
       returning ${issueColumns})
     select opened.*${guardSql ? ', to_jsonb(guard) as guard from opened cross join guard' : ' from opened'}`);
}

const unguardedText = openingText('?::uuid');

/**
 * Opens an issue in one statement: the repository's counter gives the number and the insert
 * follows in the same statement. The counter's row stays locked until commit, so concurrent issues
 * of one repository take turns for that statement and the commit only, not for a locking read, a
 * read of the highest number and an insert. `greatest` with the highest number already there keeps
 * numbers unique after issues written without the counter (seeds, fixtures, imports). Undefined
 * when the repository is gone. Run it inside the transaction that commits the issue.
 *
 * With a `guard`, the same statement reads the viewer's access and counts, inserts and locks only
 * where it allows, in the repository the guard read (the one its check names); the guard
 * settles the check from that read before the statement's result is used. Undefined then also when it does not allow (the check is then made the usual way).
 * A guard that remembers the viewer's access (`unchanged`) is tried first: while the organization's
 * access is unchanged the statement reads no role facts; when it has changed, it opens nothing and
 * the full guard's statement follows in the same transaction.
 */
export async function openIssue(tx: EntityManager, issue: NewIssue, guard?: RepositoryWriteGuard): Promise<Issue | undefined> {
  // The time as text: a statement prepared in its transaction binds values one to one, and a Date would send it the usual way.
  const values = [issue.title, issue.body, issue.authorId, new Date().toISOString()];
  if (!guard) {
    const [row] = await tx.execute<Record<string, unknown>[]>(unguardedText, [issue.repositoryId, randomUUID(), ...values]);
    return row && tx.map(IssueEntity, row);
  }
  if (guard.unchanged) {
    const [opened] = await tx.execute<Record<string, unknown>[]>(unchangedTextOf(guard.unchanged.condition), [
      issue.repositoryId,
      ...guard.unchanged.params,
      randomUUID(),
      ...values,
    ]);
    if (opened) {
      guard.unchanged.settle();
      return tx.map(IssueEntity, opened);
    }
    guard.unchanged.stale();
  }
  const [row] = await tx.execute<Record<string, unknown>[]>(guardedTextOf(guard.sql), [...guard.params, randomUUID(), ...values]);
  if (!row) return undefined;
  const { guard: guardRow, ...opened } = row;
  guard.settle(guardRow);
  return tx.map(IssueEntity, opened);
}

/** The guarded statement by its guard's text (a handful: one per permission and kind of token), built and marked once. */
const guardedTextOf = builtOnce(
  (guardSql: string) => guardSql,
  (guardSql: string) => openingText('(select id from guard where allowed)', guardSql),
);

/** The statement guarded by remembered access (`unchanged`): a condition on the repository's row, no guard row; the engine settles from what was remembered. */
const unchangedTextOf = builtOnce(
  (condition: string) => condition,
  (condition: string) => openingText('?::uuid', undefined, condition),
);

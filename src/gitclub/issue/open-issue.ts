import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/database.js';
import { IssueEntity, type Issue } from '../entities/issue.entity.js';

/** What a new issue says and who opens it. */
export interface NewIssue {
  readonly repositoryId: string;
  readonly title: string;
  readonly body: string | null;
  readonly authorId: string;
}

/**
 * Opens an issue in one statement: the repository's counter gives the number and the insert
 * follows in the same statement. The counter's row stays locked until commit, so concurrent issues
 * of one repository take turns for that statement and the commit only, not for a locking read, a
 * read of the highest number and an insert. `greatest` with the highest number already there keeps
 * numbers unique after issues written without the counter (seeds, fixtures, imports). Undefined
 * when the repository is gone. Run it inside the transaction that commits the issue.
 */
export async function openIssue(tx: EntityManager, issue: NewIssue): Promise<Issue | undefined> {
  const [row] = await tx.execute<Record<string, unknown>[]>(
    `with numbered as (
       update repositories
          set last_issue_number = greatest(last_issue_number, (select coalesce(max(number), 0) from issues where repository_id = ?)) + 1
        where id = ?
        returning id, last_issue_number)
     insert into issues (id, repository_id, number, title, body, state, author_id, created_at)
     select ?::uuid, numbered.id, numbered.last_issue_number, ?, ?, 'OPEN', ?::uuid, ?::timestamptz from numbered
     returning id, repository_id, number, title, body, state, author_id, created_at`,
    [issue.repositoryId, issue.repositoryId, randomUUID(), issue.title, issue.body, issue.authorId, new Date()],
  );
  return row && tx.map(IssueEntity, row);
}

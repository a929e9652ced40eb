import type DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import { byIds } from '../batch-loaders.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { childCountLoader, childPagesLoader, pagePerParent, type ChildCountKey, type ChildPageKey } from '../child-pages.js';
import { sequencePositionOf } from '../pagination.js';
import { issueRead, type IssueRead } from '../read-models.js';

/** The request loaders of issues: issues by id, a repository's issues by number (the key's filter is a state or ''), and their counts. */
export interface IssueLoaders {
  /** Issues by id: what the subscriptions an issue event reaches share (one statement per event). */
  readonly issue: DataLoader<string, IssueRead | null>;
  readonly issuePages: DataLoader<ChildPageKey, IssueRead[], string>;
  readonly issueCount: DataLoader<ChildCountKey, number, string>;
}

/** Loaders over `issues`, batched across repositories: one statement per page request per batch. */
export function issueLoaders(em: EntityManager, observing: (name: keyof IssueLoaders) => BatchWrapper): IssueLoaders {
  return {
    issue: byIds(
      async (ids) =>
        (await em.execute<Record<string, unknown>[]>('select * from issues where id = any(?::uuid[])', [sqlArray(ids)])).map(issueRead),
      observing('issue'),
    ),
    issuePages: childPagesLoader(async ({ parentIds, filter: state, after, limit }) => {
      const page = pagePerParent(
        {
          columns: 'i.*',
          from: 'issues i',
          parentColumn: 'i.repository_id',
          conditions: `${state ? 'and i.state = ?' : ''} ${after === undefined ? '' : 'and i.number > ?'}`,
          conditionParams: [...(state ? [state] : []), ...(after === undefined ? [] : [sequencePositionOf(after)])],
          orderBy: 'i.number',
        },
        parentIds,
        limit,
      );
      const rows = await em.execute<Record<string, unknown>[]>(page.sql, page.params);
      return rows.map((row) => ({ parentId: row.repository_id as string, row: issueRead(row) }));
    }, observing('issuePages')),
    issueCount: childCountLoader(async (repositoryIds, state) => {
      const rows = await em.execute<{ repository_id: string; count: string }[]>(
        `select repository_id, count(*) from issues where repository_id = any(?::uuid[]) ${state ? 'and state = ?' : ''} group by repository_id`,
        [sqlArray(repositoryIds), ...(state ? [state] : [])],
      );
      return new Map(rows.map((row) => [row.repository_id, Number(row.count)]));
    }, observing('issueCount')),
  };
}

import { accessFromGrants, type Authorizer, type ViewerAccess } from '@rolegate/authz';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import { issueGrants } from '../policy/issue-permissions.js';
import { activeGrantsSql, grantAccess } from './active-grants.js';
import { uuidAmong } from '../../db/sql-array.js';
import type { AccessLoader } from './access-loader.js';

interface IssueRow {
  id: string;
  repository_id: string;
  author_id: string;
  granted: string[];
}

/** A viewer's access on one issue: from their access on its repository, authorship and direct grants on it. Pure. */
export function issueAccessOf(
  viewer: AuthenticatedViewer,
  issue: { readonly id: string; readonly authorId: string; readonly granted: readonly string[] },
  repository: ViewerAccess | null,
): ViewerAccess {
  const grants = [
    ...issueGrants(repository?.permissions ?? new Set(), issue.authorId === viewer.id),
    ...grantAccess('issue', issue.granted),
  ];
  return accessFromGrants('issue', issue.id, grants);
}

/**
 * Hands the authorizer its viewer's access on an issue they have just created, when their access
 * on the repository is already known (the check on creating it): no grant can name the issue yet,
 * so the payload's fields ask nothing more. Nothing is loaded for it. Not for viewers who may read
 * through platform support: their reads are audited by the access source.
 */
export function primeCreatedIssueAccess(
  authorizer: Authorizer<AuthenticatedViewer, string>,
  issue: { readonly id: string; readonly repositoryId: string },
): void {
  const repository = authorizer.peek('repository', issue.repositoryId);
  if (authorizer.viewer.platformRole !== null || repository === undefined) return;
  authorizer.prime(
    'issue',
    issue.id,
    issueAccessOf(authorizer.viewer, { id: issue.id, authorId: authorizer.viewer.id, granted: [] }, repository),
  );
}

/** Issue access: derived from the repository's access (batched) and authorship; one query per batch. */
export function issueAccessSource(em: () => EntityManager): AccessLoader {
  return {
    async loadAccess(ids, viewer, authorizer) {
      const among = uuidAmong('i.id', ids);
      const rows = await em().execute<IssueRow[]>(
        `select i.id, i.repository_id, i.author_id, ${activeGrantsSql('issue', 'i.id')} as granted from issues i where ${among.sql}`,
        [viewer.id, ...among.params],
      );
      const repositories = await Promise.all(rows.map((row) => authorizer.access('repository', row.repository_id)));
      const byId = new Map(
        rows.map((row, index) => [
          row.id,
          issueAccessOf(viewer, { id: row.id, authorId: row.author_id, granted: row.granted }, repositories[index] ?? null),
        ]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    },
  };
}

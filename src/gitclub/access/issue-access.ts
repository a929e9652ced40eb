import { accessFromGrants } from '@rolegate/authz';
import type { EntityManager } from '../../db/database.js';
import { issueGrants } from '../policy/issue-permissions.js';
import { activeGrantsSql, grantAccess } from './active-grants.js';
import { sqlArray } from '../../db/sql-array.js';
import type { AccessLoader } from './access-loader.js';

interface IssueRow {
  id: string;
  repository_id: string;
  author_id: string;
  granted: string[];
}

/** Issue access: derived from the repository's access (batched) and authorship; one query per batch. */
export function issueAccessSource(em: () => EntityManager): AccessLoader {
  return {
    async loadAccess(ids, viewer, authorizer) {
      const rows = await em().execute<IssueRow[]>(
        `select i.id, i.repository_id, i.author_id, ${activeGrantsSql('issue', 'i.id')} as granted from issues i where i.id = any(?::uuid[])`,
        [viewer.id, sqlArray(ids)],
      );
      const repositories = await Promise.all(rows.map((row) => authorizer.access('repository', row.repository_id)));
      const byId = new Map(
        rows.map((row, index) => {
          const grants = [
            ...issueGrants(repositories[index]?.permissions ?? new Set(), row.author_id === viewer.id),
            ...grantAccess('issue', row.granted),
          ];
          return [row.id, accessFromGrants('issue', row.id, grants)];
        }),
      );
      return ids.map((id) => byId.get(id) ?? null);
    },
  };
}

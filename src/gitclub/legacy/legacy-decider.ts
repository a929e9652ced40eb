import DataLoader from 'dataloader';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import { groupedBy } from '../batch-loaders.js';
import { flagsAllowing, type LegacyMapping } from './legacy-mapping.js';

interface FlagRow {
  user_id: string;
  flag: string;
  scope_type: string | null;
  scope_id: string | null;
}

interface ResourceScope {
  readonly organizationId: string | undefined;
  readonly repositoryId: string | undefined;
}

/**
 * The legacy decision for one request: a user's flags allow a permission on a resource when a
 * flag maps to it and is global, or scoped to the resource's organization or repository. Flags
 * and resource scopes load through DataLoaders: one query per batch each.
 */
export function createLegacyDecider(em: () => EntityManager, mapping: LegacyMapping) {
  const flags = new DataLoader<string, FlagRow[]>(async (userIds) => {
    const rows = await em().execute<FlagRow[]>('select user_id, flag, scope_type, scope_id from legacy_permission_flags where user_id = any(?::uuid[])', [sqlArray(userIds)]);
    return groupedBy(userIds, rows, (row) => row.user_id);
  });
  const scopes = new DataLoader<string, ResourceScope>(async (keys) => {
    const ids = (type: string) => keys.filter((key) => key.startsWith(`${type}:`)).map((key) => key.slice(type.length + 1));
    const rows = await em().execute<{ key: string; organization_id: string; repository_id: string | null }[]>(
      `select 'repository:' || id as key, organization_id, id as repository_id from repositories where id = any(?::uuid[])
       union all select 'issue:' || i.id, r.organization_id, r.id from issues i join repositories r on r.id = i.repository_id where i.id = any(?::uuid[])`,
      [sqlArray(ids('repository')), sqlArray(ids('issue'))],
    );
    return keys.map((key) => {
      if (key.startsWith('organization:')) return { organizationId: key.slice('organization:'.length), repositoryId: undefined };
      const row = rows.find((candidate) => candidate.key === key);
      return { organizationId: row?.organization_id, repositoryId: row?.repository_id ?? undefined };
    });
  });
  return async (viewer: AuthenticatedViewer, permission: string, resourceType: string, resourceId: string): Promise<boolean> => {
    const allowing = new Set(flagsAllowing(mapping, permission));
    if (allowing.size === 0) return false;
    const [held, scope] = await Promise.all([flags.load(viewer.id), scopes.load(`${resourceType}:${resourceId}`)]);
    return held.some(
      (row) =>
        allowing.has(row.flag) &&
        (row.scope_type === null ||
          (row.scope_type === 'organization' && row.scope_id === scope.organizationId) ||
          (row.scope_type === 'repository' && row.scope_id === scope.repositoryId)),
    );
  };
}

/** The legacy rules for repository lists, as a SQL condition over `repositories r`: true where `permission` is allowed. */
export function legacyRepositoriesFilter(viewerId: string, mapping: LegacyMapping, permission: string): { sql: string; params: unknown[] } {
  const allowing = flagsAllowing(mapping, permission);
  if (allowing.length === 0) return { sql: 'false', params: [] };
  return {
    sql: `exists (select 1 from legacy_permission_flags f where f.user_id = ? and f.flag = any(?::text[])
      and (f.scope_type is null or (f.scope_type = 'organization' and f.scope_id = r.organization_id) or (f.scope_type = 'repository' and f.scope_id = r.id)))`,
    params: [viewerId, sqlArray(allowing)],
  };
}

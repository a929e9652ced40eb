import type { WriteGuard } from '@rolegate/authz';
import { builtOnce } from '../../db/built-once.js';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import { repositoryRoleFactsFilter } from '../policy/repository-roles.js';
import { resourceTypes } from '../resources.js';
import type { RepositoryWriteAccess } from './repository-write-access.js';
import { repositoryAccessOfRow, repositoryRoleFactsSql, repositoryRoleFactsText, type RepositoryRoleRow } from './repository-access.js';

/** The guard's row as the write's statement returns it: the viewer's role facts on the repository, their organization role, the organization's access version, and whether the write went ahead. */
interface RepositoryGuardRow extends RepositoryRoleRow {
  readonly organization_role: string | null;
  readonly access_version: string;
  readonly allowed: boolean;
}

/**
 * What a write to one repository puts in its own statement to settle its `@auth` check there:
 * a select of the repository as the viewer sees it, for `with guard as (...)`, whose `allowed`
 * column the write must require of the row it changes (so a viewer without the permission takes
 * no lock), and `settle`, which hands the same row's role facts to the engine before commit.
 */
export interface RepositoryWriteGuard {
  /** `select` of the repository's `id`, `organization_id`, the viewer's role facts, `organization_role`, `access_version` and `allowed`. */
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Settles the check from the guard's row as the statement returned it (`to_jsonb(guard)`); throws when the engine denies, rolling the write back. */
  settle(row: unknown): void;
  /**
   * When an earlier write of this viewer to this repository read access that allows this one
   * (`RepositoryWriteAccess`): instead of the guard, a condition on the repository's row for the
   * write to require (`where id = ... and <condition>`), true only while the row is in the
   * organization remembered and that organization's access is unchanged since. It reads no role
   * facts and no row beyond the organization's; the write settles with `settle()`. A write it stops
   * (the access changed, or the repository moved or went) changes nothing, calls `stale()` (the
   * remembered access is dropped) and is made again with the full guard.
   */
  readonly unchanged?: { readonly condition: string; readonly params: readonly unknown[]; settle(): void; stale(): void };
}

/**
 * The guard of a write to the repository a pending check names, or undefined when there is
 * nothing to settle in the write: the check was made before (an arbiter has the last word, or
 * there is no `@auth`), or it is made now, the usual way, for a viewer who may read through
 * platform support (those reads are audited by the access source) or whose platform role is unknown.
 * With `remembered`, what the full guard reads is kept for the viewer's next write to the same
 * repository (not for a viewer who may hold grants: those expire with time, which no version records).
 */
export async function repositoryWriteGuard(
  viewer: AuthenticatedViewer,
  guard: WriteGuard,
  remembered?: RepositoryWriteAccess,
): Promise<RepositoryWriteGuard | undefined> {
  const check = guard.pending;
  if (!check) return undefined;
  if (check.resourceType !== 'repository' || viewer.platformRole !== null) {
    await guard.decideNow();
    return undefined;
  }
  const repositoryId = check.resourceId;
  const facts = repositoryRoleFactsSql(viewer, 'r');
  const keeps = remembered && !viewer.mayHoldGrants ? remembered : undefined;
  const known = keeps?.lookup(viewer.id, repositoryId);
  const visibility = resourceTypes.repository.visibility;
  return {
    sql: guardTextOf(check.permission, viewer.mayHoldGrants),
    params: [...facts.columnParams, ...facts.joinParams, viewer.id, repositoryId],
    settle: (row) => {
      const facts = row as RepositoryGuardRow;
      const access = repositoryAccessOfRow(facts, facts.organization_role ?? undefined);
      keeps?.remember(viewer.id, repositoryId, {
        access,
        organizationId: facts.organization_id,
        accessVersion: String(facts.access_version),
      });
      guard.settle(access);
    },
    // Only access that allows: a denial is read again (it may be a role given since), so it never takes the row's lock.
    unchanged:
      known && known.access.permissions.has(visibility) && known.access.permissions.has(check.permission)
        ? {
            condition: unchangedCondition,
            params: [known.organizationId, known.organizationId, known.accessVersion],
            settle: () => guard.settle(known.access),
            stale: () => keeps?.forget(viewer.id, repositoryId),
          }
        : undefined,
  };
}

/**
 * The condition on the repository's row while remembered access holds: still in the organization
 * remembered, whose access version is the one remembered. Re-checked on the row's latest version
 * when the write waited for its lock, so a move committed meanwhile stops it too.
 */
const unchangedCondition = `organization_id = ?::uuid and (select o.access_version from organizations o where o.id = ?::uuid) = ?::bigint`;

/** The guard's text by permission and whether grants are read: a handful, each built once, the same string each time. */
const guardTextOf = builtOnce(
  (permission: string, readsGrants: boolean) => `${permission}:${readsGrants}`,
  (permission: string, readsGrants: boolean): string => {
    const facts = repositoryRoleFactsText('r', readsGrants);
    const visibility = resourceTypes.repository.visibility;
    const allowed = repositoryRoleFactsFilter([...new Set([visibility, permission])], {
      organizationRole: 'f.organization_role',
      explicitRole: 'f.explicit_role',
      explicitPermissions: 'f.explicit_permissions',
      defaultRole: 'f.default_role',
      defaultPermissions: 'f.default_permissions',
      // Null when the viewer holds no grants anywhere (repositoryRoleFactsSql): none here either.
      granted: `coalesce(f.granted, '{}')`,
    });
    // `offset 0` keeps the facts a subquery of their own: pulled up, each use of a custom role's permissions in
    // `allowed` would copy its subquery (twice the planning, half again the execution).
    return `select f.*, ${allowed} as allowed from (
        select r.id, r.organization_id, ${facts.columns}, orr.name as organization_role, o.access_version::text as access_version
        from repositories r join organizations o on o.id = r.organization_id ${facts.joins}
        left join role_assignments ora on ora.resource_type = 'organization' and ora.resource_id = r.organization_id and ora.user_id = ?
        left join roles orr on orr.id = ora.role_id
        where r.id = ?::uuid offset 0) f`;
  },
);

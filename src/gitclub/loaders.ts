import type { AuthenticatedViewer } from '../auth/viewer.js';
import { repositoryRoleFactsSql, type RepositoryRoleRow } from './access/repository-access.js';
import DataLoader from 'dataloader';
import { accessRequestLoaders, type AccessRequestLoaders } from './access-request/access-request-loaders.js';
import { observedBatch, type BatchSizeObserver, type BatchWrapper } from './batch-sizes.js';
import type { EntityManager } from '../db/database.js';
import {
  auditLogEntryRead,
  issueRead,
  organizationRead,
  repositoryRead,
  userColumns,
  userRead,
  workflowRunRead,
  type AuditLogEntryRead,
  type IssueRead,
  type OrganizationRead,
  type RepositoryRead,
  type UserRead,
  type WorkflowRunRead,
} from './read-models.js';
import { PermissionGrantEntity, type PermissionGrant } from './entities/permission-grant.entity.js';
import { childCountLoader, childPagesLoader, sqlFilterCondition, type ChildCountKey, type ChildPageKey } from './child-pages.js';
import { buildRoleReports, type RoleReport } from './governance/role-report.js';
import { newestFirstPosition, sequencePositionOf, type PageRequest } from './pagination.js';
import { findRoleViews, loadRoleViews, type RoleView } from './role/role-view.js';
import { sqlArray } from '../db/sql-array.js';

/**
 * Per-request batch loaders: the objects fields point at (authors, organizations, roles) and the
 * lists under a parent (pages and counts, memberships, custom roles, grants, role reports), each
 * one statement (or a handful) per batch, whatever the number of parents.
 */
export interface Loaders extends AccessRequestLoaders {
  readonly user: DataLoader<string, UserRead | null>;
  readonly organization: DataLoader<string, OrganizationRead | null>;
  readonly role: DataLoader<string, RoleView | null>;
  /** Roles by `organizationId|resourceType|name`: a built-in role, or that organization's custom role. */
  readonly roleByName: DataLoader<string, RoleView | null>;
  /** Pages of a repository's workflow runs, newest first, and their counts: one statement per page request per batch. */
  readonly workflowRunPages: DataLoader<ChildPageKey, WorkflowRunRead[], string>;
  readonly workflowRunCount: DataLoader<ChildCountKey, number, string>;
  /** Pages of a repository's issues by number (the filter is a state or ''), and their counts: one statement per page request per batch. */
  readonly issuePages: DataLoader<ChildPageKey, IssueRead[], string>;
  readonly issueCount: DataLoader<ChildCountKey, number, string>;
  /** Explicit repository role assignments by repository id, ordered by login. */
  readonly repositoryAssignments: DataLoader<string, { userId: string; roleId: string }[]>;
  /** Pages of an organization's members by login, and their counts. */
  readonly memberPages: DataLoader<ChildPageKey, MemberRow[], string>;
  readonly memberCount: DataLoader<ChildCountKey, number, string>;
  /**
   * Pages of an organization's repositories by name, and their counts, under the condition the key's filter carries
   * (`sqlFilter`: who may read them, over `repositories r` joined to `organizations o`).
   */
  readonly repositoryPages: DataLoader<ChildPageKey, RepositoryRead[], string>;
  readonly repositoryCount: DataLoader<ChildCountKey, number, string>;
  /** Pages of an organization's audit log, newest first, and their counts, under the condition the key's filter carries (`auditLogCondition`). */
  readonly auditLogPages: DataLoader<ChildPageKey, AuditLogEntryRead[], string>;
  readonly auditLogCount: DataLoader<ChildCountKey, number, string>;
  /** Custom roles by organization id, by name. */
  readonly customRoles: DataLoader<string, RoleView[]>;
  /** Active grants (not revoked, not expired) by organization id, soonest expiry first. */
  readonly activeGrants: DataLoader<string, PermissionGrant[]>;
  /** Role reports by organization and `unusedDays`: a handful of statements per `unusedDays` per batch. */
  readonly roleReport: DataLoader<RoleReportKey, RoleReport, string>;
  /** A user's memberships (organization role assignments) by user id, ordered by organization login. */
  readonly memberships: DataLoader<string, { organization: OrganizationRead; role: RoleView }[]>;
  /** Pages of the repositories the viewer can read across organizations, by page (`first` and `after`): each read once per request. */
  readonly viewerRepositories: DataLoader<PageRequest, ViewerRepositoriesPage, string>;
}

/** One page of the viewer's repositories across organizations, with each one's owner login (for cursors) and the count, read when asked. */
export interface ViewerRepositoriesPage {
  readonly repositories: readonly RepositoryRead[];
  readonly ownerOf: ReadonlyMap<string, string>;
  readonly count: () => Promise<number>;
}

/** One membership row of `memberPages`. */
export interface MemberRow {
  readonly userId: string;
  readonly roleId: string;
  readonly login: string;
}

/** The key of `roleReport`. */
export interface RoleReportKey {
  readonly organizationId: string;
  readonly unusedDays: number;
}

/** The key of `roleByName`. */
export function roleKey(organizationId: string, resourceType: string, name: string): string {
  return `${organizationId}|${resourceType}|${name}`;
}

function byIds<T extends { id: string }>(
  find: (ids: readonly string[]) => Promise<T[]>,
  observe: BatchWrapper,
): DataLoader<string, T | null> {
  return new DataLoader(
    observe(async (ids: readonly string[]) => {
      const found = new Map((await find(ids)).map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  );
}

/** Forgets what a request's loaders hold: after a change, so that the rest of the response reflects it. */
export function forgetLoaded(loaders: Loaders): void {
  for (const loader of Object.values(loaders)) loader.clearAll();
}

/** Groups rows by a key, each id of `ids` getting its rows in their order (none: an empty list). */
function groupedBy<T>(ids: readonly string[], rows: readonly T[], keyOf: (row: T) => string | null): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return ids.map((id) => groups.get(id) ?? []);
}

/** Fresh loaders for one request. */
export function createLoaders(
  em: EntityManager,
  viewer?: AuthenticatedViewer | null,
  /** Reads one page of the viewer's repositories (it needs the whole request context: see readable-repositories.ts). */
  viewerRepositoryPage: (page: PageRequest) => Promise<ViewerRepositoriesPage> = () => Promise.reject(new Error('No viewer.')),
  /** Told each loader's batch sizes (the metrics' `rolegate_dataloader_batch_size`). */
  onBatch?: BatchSizeObserver,
): Loaders {
  const observing =
    (name: keyof Loaders): BatchWrapper =>
    (load) =>
      observedBatch(name, load, onBatch);
  const user = byIds(
    async (ids) =>
      (await em.execute<Record<string, unknown>[]>(`select ${userColumns} from users where id = any(?::uuid[])`, [sqlArray(ids)])).map(
        userRead,
      ),
    observing('user'),
  );
  const organization = byIds(
    async (ids) =>
      (await em.execute<Record<string, unknown>[]>('select * from organizations where id = any(?::uuid[])', [sqlArray(ids)])).map(
        organizationRead,
      ),
    observing('organization'),
  );
  const role = new DataLoader(observing('role')((ids: readonly string[]) => loadRoleViews(em, ids)));
  return {
    user,
    organization,
    role,
    ...accessRequestLoaders(em, observing, byIds),
    roleByName: new DataLoader(
      observing('roleByName')(async (keys) => {
        const names = [...new Set(keys.map((key) => key.split('|')[2] ?? ''))];
        const roles = await findRoleViews(em, 'r.name = any(?::text[])', [sqlArray(names)]);
        return keys.map((key) => {
          const [organizationId, resourceType, name] = key.split('|');
          const candidates = roles.filter((role) => role.name === name && role.resourceType === resourceType?.toUpperCase());
          return candidates.find((role) => role.organizationId === organizationId) ?? candidates.find((role) => role.builtIn) ?? null;
        });
      }),
    ),
    workflowRunPages: childPagesLoader(async ({ parentIds, after, limit }) => {
      const position = after === undefined ? undefined : newestFirstPosition(after);
      const rows = await em.execute<Record<string, unknown>[]>(
        `select * from (select w.*, row_number() over (partition by w.repository_id order by w.created_at desc, w.id desc) as position
         from workflow_runs w where w.repository_id = any(?::uuid[]) ${position ? 'and (w.created_at, w.id) < (?, ?)' : ''}) ranked
         where position <= ? order by repository_id, position`,
        [sqlArray(parentIds), ...(position ? [position.createdAt, position.id] : []), limit],
      );
      return rows.map((row) => ({ parentId: row.repository_id as string, row: workflowRunRead(row) }));
    }, observing('workflowRunPages')),
    workflowRunCount: childCountLoader(async (repositoryIds) => {
      const rows = await em.execute<{ repository_id: string; count: string }[]>(
        'select repository_id, count(*) from workflow_runs where repository_id = any(?::uuid[]) group by repository_id',
        [sqlArray(repositoryIds)],
      );
      return new Map(rows.map((row) => [row.repository_id, Number(row.count)]));
    }, observing('workflowRunCount')),
    issuePages: childPagesLoader(async ({ parentIds, filter: state, after, limit }) => {
      const rows = await em.execute<Record<string, unknown>[]>(
        `select * from (select i.*, row_number() over (partition by i.repository_id order by i.number) as position
         from issues i where i.repository_id = any(?::uuid[]) ${state ? 'and i.state = ?' : ''} ${after === undefined ? '' : 'and i.number > ?'}) ranked
         where position <= ? order by repository_id, position`,
        [sqlArray(parentIds), ...(state ? [state] : []), ...(after === undefined ? [] : [sequencePositionOf(after)]), limit],
      );
      return rows.map((row) => ({ parentId: row.repository_id as string, row: issueRead(row) }));
    }, observing('issuePages')),
    issueCount: childCountLoader(async (repositoryIds, state) => {
      const rows = await em.execute<{ repository_id: string; count: string }[]>(
        `select repository_id, count(*) from issues where repository_id = any(?::uuid[]) ${state ? 'and state = ?' : ''} group by repository_id`,
        [sqlArray(repositoryIds), ...(state ? [state] : [])],
      );
      return new Map(rows.map((row) => [row.repository_id, Number(row.count)]));
    }, observing('issueCount')),
    repositoryAssignments: new DataLoader(
      observing('repositoryAssignments')(async (repositoryIds) => {
        const rows = await em.execute<{ resource_id: string; user_id: string; role_id: string }[]>(
          `select ra.resource_id, ra.user_id, ra.role_id from role_assignments ra join users u on u.id = ra.user_id
         where ra.resource_type = 'repository' and ra.resource_id = any(?::uuid[]) order by u.login`,
          [sqlArray(repositoryIds)],
        );
        return repositoryIds.map((id) =>
          rows.filter((row) => row.resource_id === id).map((row) => ({ userId: row.user_id, roleId: row.role_id })),
        );
      }),
    ),
    memberPages: childPagesLoader(async ({ parentIds, after, limit }) => {
      const rows = await em.execute<{ organization_id: string; user_id: string; role_id: string; login: string }[]>(
        `select * from (select ra.resource_id as organization_id, ra.user_id, ra.role_id, u.login,
           row_number() over (partition by ra.resource_id order by u.login) as position
         from role_assignments ra join users u on u.id = ra.user_id
         where ra.resource_type = 'organization' and ra.resource_id = any(?::uuid[]) ${after === undefined ? '' : 'and u.login > ?'}) ranked
         where position <= ? order by organization_id, position`,
        [sqlArray(parentIds), ...(after === undefined ? [] : [after]), limit],
      );
      return rows.map((row) => ({ parentId: row.organization_id, row: { userId: row.user_id, roleId: row.role_id, login: row.login } }));
    }, observing('memberPages')),
    memberCount: childCountLoader(async (organizationIds) => {
      const rows = await em.execute<{ organization_id: string; count: string }[]>(
        `select ra.resource_id as organization_id, count(*) from role_assignments ra join users u on u.id = ra.user_id
         where ra.resource_type = 'organization' and ra.resource_id = any(?::uuid[]) group by ra.resource_id`,
        [sqlArray(organizationIds)],
      );
      return new Map(rows.map((row) => [row.organization_id, Number(row.count)]));
    }, observing('memberCount')),
    repositoryPages: childPagesLoader(async ({ parentIds, filter, after, limit }) => {
      const readable = sqlFilterCondition(filter);
      // The viewer's role facts come with each row, for the authorizer (primeRepositoryAccess): no second statement.
      const facts = viewer ? repositoryRoleFactsSql(viewer, 'r') : undefined;
      const rows = await em.execute<Record<string, unknown>[]>(
        `select * from (select r.*, ${facts ? `${facts.columns},` : ''} row_number() over (partition by r.organization_id order by r.name) as position
         from repositories r join organizations o on o.id = r.organization_id ${facts?.joins ?? ''}
         where r.organization_id = any(?::uuid[]) and ${readable.sql} ${after === undefined ? '' : 'and r.name > ?'}) ranked
         where position <= ? order by organization_id, position`,
        [
          ...(facts?.columnParams ?? []),
          ...(facts?.joinParams ?? []),
          sqlArray(parentIds),
          ...readable.params,
          ...(after === undefined ? [] : [after]),
          limit,
        ],
      );
      return rows.map((row) => ({
        parentId: row.organization_id as string,
        row: facts ? { ...repositoryRead(row), viewerRoleFacts: row as unknown as RepositoryRoleRow } : repositoryRead(row),
      }));
    }, observing('repositoryPages')),
    repositoryCount: childCountLoader(async (organizationIds, filter) => {
      const readable = sqlFilterCondition(filter);
      const rows = await em.execute<{ organization_id: string; count: string }[]>(
        `select r.organization_id, count(*) from repositories r join organizations o on o.id = r.organization_id
         where r.organization_id = any(?::uuid[]) and ${readable.sql} group by r.organization_id`,
        [sqlArray(organizationIds), ...readable.params],
      );
      return new Map(rows.map((row) => [row.organization_id, Number(row.count)]));
    }, observing('repositoryCount')),
    auditLogPages: childPagesLoader(async ({ parentIds, filter, after, limit }) => {
      const matching = sqlFilterCondition(filter);
      const position = after === undefined ? undefined : newestFirstPosition(after);
      const rows = await em.execute<Record<string, unknown>[]>(
        `select * from (select a.*, row_number() over (partition by a.organization_id order by a.created_at desc, a.id desc) as position
         from audit_log_entries a where a.organization_id = any(?::uuid[]) and ${matching.sql}
         ${position ? 'and (a.created_at, a.id) < (?, ?)' : ''}) ranked
         where position <= ? order by organization_id, position`,
        [sqlArray(parentIds), ...matching.params, ...(position ? [position.createdAt, position.id] : []), limit],
      );
      return rows.map((row) => ({ parentId: row.organization_id as string, row: auditLogEntryRead(row) }));
    }, observing('auditLogPages')),
    auditLogCount: childCountLoader(async (organizationIds, filter) => {
      const matching = sqlFilterCondition(filter);
      const rows = await em.execute<{ organization_id: string; count: string }[]>(
        `select a.organization_id, count(*) from audit_log_entries a where a.organization_id = any(?::uuid[]) and ${matching.sql}
         group by a.organization_id`,
        [sqlArray(organizationIds), ...matching.params],
      );
      return new Map(rows.map((row) => [row.organization_id, Number(row.count)]));
    }, observing('auditLogCount')),
    customRoles: new DataLoader(
      observing('customRoles')(async (organizationIds) =>
        groupedBy(
          organizationIds,
          await findRoleViews(em, 'r.organization_id = any(?::uuid[])', [sqlArray(organizationIds)]),
          (role) => role.organizationId,
        ),
      ),
    ),
    activeGrants: new DataLoader(
      observing('activeGrants')(async (organizationIds) =>
        groupedBy(
          organizationIds,
          await em.find(
            PermissionGrantEntity,
            { organizationId: { $in: [...organizationIds] }, revokedAt: null, expiresAt: { $gt: new Date() } },
            { orderBy: { expiresAt: 'asc' } },
          ),
          (grant) => grant.organizationId,
        ),
      ),
    ),
    roleReport: new DataLoader(
      observing('roleReport')(async (keys) => {
        const reports = new Map<number, ReadonlyMap<string, RoleReport> | Error>();
        for (const unusedDays of new Set(keys.map((key) => key.unusedDays))) {
          const organizationIds = [...new Set(keys.filter((key) => key.unusedDays === unusedDays).map((key) => key.organizationId))];
          reports.set(
            unusedDays,
            await buildRoleReports(em, organizationIds, unusedDays).catch((error: unknown) =>
              error instanceof Error ? error : new Error(String(error)),
            ),
          );
        }
        return keys.map((key) => {
          const report = reports.get(key.unusedDays);
          return report instanceof Error ? report : (report?.get(key.organizationId) ?? new Error('No role report.'));
        });
      }),
      { cacheKeyFn: (key) => `${key.organizationId}|${key.unusedDays}` },
    ),
    viewerRepositories: new DataLoader(
      observing('viewerRepositories')((pages) => Promise.all(pages.map((page) => viewerRepositoryPage(page)))),
      {
        cacheKeyFn: (page) => `${page.limit}|${page.after ?? ''}`,
      },
    ),
    memberships: new DataLoader(
      observing('memberships')(async (userIds) => {
        const rows = await em.execute<{ user_id: string; organization_id: string; role_id: string }[]>(
          `select ra.user_id, ra.resource_id as organization_id, ra.role_id from role_assignments ra
         join organizations o on o.id = ra.resource_id
         where ra.user_id = any(?::uuid[]) and ra.resource_type = 'organization' order by o.login`,
          [sqlArray(userIds)],
        );
        const [organizations, roles] = await Promise.all([
          organization.loadMany(rows.map((row) => row.organization_id)),
          role.loadMany(rows.map((row) => row.role_id)),
        ]);
        const failure = [...organizations, ...roles].find((loaded) => loaded instanceof Error);
        if (failure) throw failure;
        const memberships = rows.flatMap((row, index) => {
          const [found, held] = [organizations[index] as OrganizationRead | null, roles[index] as RoleView | null];
          return found && held ? [{ userId: row.user_id, organization: found, role: held }] : [];
        });
        return groupedBy(userIds, memberships, (membership) => membership.userId).map((group) =>
          group.map(({ organization, role }) => ({ organization, role })),
        );
      }),
    ),
  };
}

import DataLoader from 'dataloader';
import type { EntityManager } from '../db/database.js';
import { OrganizationEntity, type Organization } from './entities/organization.entity.js';
import { UserEntity, type User } from './entities/user.entity.js';
import { WorkflowRunEntity, type WorkflowRun } from './entities/workflow-run.entity.js';
import { IssueEntity, type Issue } from './entities/issue.entity.js';
import { childCountLoader, childPagesLoader, type ChildCountKey, type ChildPageKey } from './child-pages.js';
import { newestFirstPosition, sequencePositionOf } from './pagination.js';
import { findRoleViews, loadRoleViews, type RoleView } from './role/role-view.js';
import { sqlArray } from '../db/sql-array.js';

/** Per-request batch loaders for the objects fields point at (authors, organizations, roles). */
export interface Loaders {
  readonly user: DataLoader<string, User | null>;
  readonly organization: DataLoader<string, Organization | null>;
  readonly role: DataLoader<string, RoleView | null>;
  /** Roles by `organizationId|resourceType|name`: a built-in role, or that organization's custom role. */
  readonly roleByName: DataLoader<string, RoleView | null>;
  /** Pages of a repository's workflow runs, newest first, and their counts: one statement per page request per batch. */
  readonly workflowRunPages: DataLoader<ChildPageKey, WorkflowRun[], string>;
  readonly workflowRunCount: DataLoader<ChildCountKey, number, string>;
  /** Pages of a repository's issues by number (the filter is a state or ''), and their counts: one statement per page request per batch. */
  readonly issuePages: DataLoader<ChildPageKey, Issue[], string>;
  readonly issueCount: DataLoader<ChildCountKey, number, string>;
  /** Explicit repository role assignments by repository id, ordered by login. */
  readonly repositoryAssignments: DataLoader<string, { userId: string; roleId: string }[]>;
}

/** The key of `roleByName`. */
export function roleKey(organizationId: string, resourceType: string, name: string): string {
  return `${organizationId}|${resourceType}|${name}`;
}

function byIds<T extends { id: string }>(find: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const found = new Map((await find(ids)).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Fresh loaders for one request. */
export function createLoaders(em: EntityManager): Loaders {
  return {
    user: byIds((ids) => em.find(UserEntity, { id: { $in: [...ids] } })),
    organization: byIds((ids) => em.find(OrganizationEntity, { id: { $in: [...ids] } })),
    role: new DataLoader((ids) => loadRoleViews(em, ids)),
    roleByName: new DataLoader(async (keys) => {
      const names = [...new Set(keys.map((key) => key.split('|')[2] ?? ''))];
      const roles = await findRoleViews(em, 'r.name = any(?::text[])', [sqlArray(names)]);
      return keys.map((key) => {
        const [organizationId, resourceType, name] = key.split('|');
        const candidates = roles.filter((role) => role.name === name && role.resourceType === resourceType?.toUpperCase());
        return candidates.find((role) => role.organizationId === organizationId) ?? candidates.find((role) => role.builtIn) ?? null;
      });
    }),
    workflowRunPages: childPagesLoader(async ({ parentIds, after, limit }) => {
      const position = after === undefined ? undefined : newestFirstPosition(after);
      const rows = await em.execute<Record<string, unknown>[]>(
        `select * from (select w.*, row_number() over (partition by w.repository_id order by w.created_at desc, w.id desc) as position
         from workflow_runs w where w.repository_id = any(?::uuid[]) ${position ? 'and (w.created_at, w.id) < (?, ?)' : ''}) ranked
         where position <= ? order by repository_id, position`,
        [sqlArray(parentIds), ...(position ? [position.createdAt, position.id] : []), limit],
      );
      return rows.map((row) => ({ parentId: row.repository_id as string, row: em.map(WorkflowRunEntity, row) }));
    }),
    workflowRunCount: childCountLoader(async (repositoryIds) => {
      const rows = await em.execute<{ repository_id: string; count: string }[]>(
        'select repository_id, count(*) from workflow_runs where repository_id = any(?::uuid[]) group by repository_id',
        [sqlArray(repositoryIds)],
      );
      return new Map(rows.map((row) => [row.repository_id, Number(row.count)]));
    }),
    issuePages: childPagesLoader(async ({ parentIds, filter: state, after, limit }) => {
      const rows = await em.execute<Record<string, unknown>[]>(
        `select * from (select i.*, row_number() over (partition by i.repository_id order by i.number) as position
         from issues i where i.repository_id = any(?::uuid[]) ${state ? 'and i.state = ?' : ''} ${after === undefined ? '' : 'and i.number > ?'}) ranked
         where position <= ? order by repository_id, position`,
        [sqlArray(parentIds), ...(state ? [state] : []), ...(after === undefined ? [] : [sequencePositionOf(after)]), limit],
      );
      return rows.map((row) => ({ parentId: row.repository_id as string, row: em.map(IssueEntity, row) }));
    }),
    issueCount: childCountLoader(async (repositoryIds, state) => {
      const rows = await em.execute<{ repository_id: string; count: string }[]>(
        `select repository_id, count(*) from issues where repository_id = any(?::uuid[]) ${state ? 'and state = ?' : ''} group by repository_id`,
        [sqlArray(repositoryIds), ...(state ? [state] : [])],
      );
      return new Map(rows.map((row) => [row.repository_id, Number(row.count)]));
    }),
    repositoryAssignments: new DataLoader(async (repositoryIds) => {
      const rows = await em.execute<{ resource_id: string; user_id: string; role_id: string }[]>(
        `select ra.resource_id, ra.user_id, ra.role_id from role_assignments ra join users u on u.id = ra.user_id
         where ra.resource_type = 'repository' and ra.resource_id = any(?::uuid[]) order by u.login`,
        [sqlArray(repositoryIds)],
      );
      return repositoryIds.map((id) =>
        rows.filter((row) => row.resource_id === id).map((row) => ({ userId: row.user_id, roleId: row.role_id })),
      );
    }),
  };
}

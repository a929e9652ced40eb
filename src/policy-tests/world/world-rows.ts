import { randomUUID } from 'node:crypto';
import { initialDefaultRepositoryRole, platformId, type ResourceType } from '../../gitclub/policy/policy.js';
import type { WorldSpec } from '../format/policy-test-format.js';
import { durationSeconds } from '../format/durations.js';
import { platformName } from './world-names.js';

/** The rows of one table, as `json_to_recordset` reads them. */
type Rows = Record<string, unknown>[];

/** A world as rows of the GitClub tables, with the id of every named resource. Roles are named; the insert finds their ids. */
export interface WorldRows {
  readonly users: Rows;
  readonly organizations: Rows;
  readonly customRoles: Rows;
  /** `role_id` and `permission` (a name). */
  readonly rolePermissions: Rows;
  /** `user_id`, `role` (a name), `organization_id` (whose custom roles it may name), `resource_type`, `resource_id`. */
  readonly assignments: Rows;
  readonly repositories: Rows;
  readonly issues: Rows;
  /** With `expires_in_seconds` from the moment of the insert. */
  readonly grants: Rows;
  /** `resourceType:name` -> id. */
  readonly ids: ReadonlyMap<string, string>;
}

/** The key of a resource in `WorldRows.ids`. */
export const idKeyOf = (type: ResourceType, name: string) => `${type}:${name}`;

/**
 * Lays a world out as rows, with fresh ids. Pure but for the ids. Suspended users are stored as a
 * suspension leaves them (`suspended_at` set, their sessions ended: session version 2); nobody can
 * sign in with a password (none is set); a new organization's default repository role is
 * `contributor` unless the world says otherwise.
 */
export function worldRows(world: WorldSpec): WorldRows {
  const ids = new Map<string, string>([[idKeyOf('platform', platformName), platformId]]);
  const newId = (type: ResourceType, name: string) => {
    const id = randomUUID();
    ids.set(idKeyOf(type, name), id);
    return id;
  };
  const suspended = new Set(world.suspended ?? []);
  const users = world.users.map((login) => ({
    id: newId('user', login),
    login,
    email: `${login}@policy-test.invalid`,
    session_version: suspended.has(login) ? 2 : 1,
    suspended: suspended.has(login),
  }));
  const userId = (login: string) => ids.get(idKeyOf('user', login)) as string;
  const rows = {
    organizations: [] as Rows,
    customRoles: [] as Rows,
    rolePermissions: [] as Rows,
    repositories: [] as Rows,
    issues: [] as Rows,
  };
  const assignments: Rows = Object.entries(world.platform_roles ?? {}).map(([login, role]) => ({
    user_id: userId(login),
    role,
    organization_id: null,
    resource_type: 'platform',
    resource_id: platformId,
  }));
  for (const [login, organization] of Object.entries(world.organizations ?? {})) {
    const organizationId = newId('organization', login);
    const defaultRole =
      organization.default_repository_role === undefined ? initialDefaultRepositoryRole : organization.default_repository_role;
    rows.organizations.push({
      id: organizationId,
      login,
      name: organization.name ?? login,
      billing_email: organization.billing_email ?? null,
      default_role: defaultRole,
    });
    for (const [name, role] of Object.entries(organization.custom_roles ?? {})) {
      const roleId = randomUUID();
      const resourceType = role.permissions[0]?.split(':')[1];
      rows.customRoles.push({
        id: roleId,
        name,
        description: role.description ?? null,
        resource_type: resourceType,
        organization_id: organizationId,
      });
      rows.rolePermissions.push(...role.permissions.map((permission) => ({ role_id: roleId, permission })));
    }
    const assign = (login: string, role: string, resourceType: ResourceType, resourceId: string) =>
      assignments.push({
        user_id: userId(login),
        role,
        organization_id: organizationId,
        resource_type: resourceType,
        resource_id: resourceId,
      });
    for (const [member, role] of Object.entries(organization.members ?? {})) assign(member, role, 'organization', organizationId);
    for (const [name, repository] of Object.entries(organization.repositories ?? {})) {
      const repositoryId = newId('repository', `${login}/${name}`);
      rows.repositories.push({
        id: repositoryId,
        organization_id: organizationId,
        name,
        description: repository.description ?? null,
        readme: repository.readme ?? null,
      });
      for (const [collaborator, role] of Object.entries(repository.collaborators ?? {}))
        assign(collaborator, role, 'repository', repositoryId);
      (repository.issues ?? []).forEach((issue, index) =>
        rows.issues.push({
          id: newId('issue', `${login}/${name}#${index + 1}`),
          repository_id: repositoryId,
          number: index + 1,
          title: issue.title,
          body: issue.body ?? null,
          state: issue.state ?? 'OPEN',
          author_id: userId(issue.author),
        }),
      );
    }
  }
  const grants = (world.grants ?? []).map((grant) => {
    const resourceType = grant.permission.split(':')[1] as ResourceType;
    const resourceId = ids.get(idKeyOf(resourceType, grant.resource)) as string;
    const [organization = ''] = grant.resource.split('/');
    return {
      id: randomUUID(),
      user_id: userId(grant.user),
      permission: grant.permission,
      resource_type: resourceType,
      resource_id: resourceId,
      organization_id: ids.get(idKeyOf('organization', organization)),
      reason: grant.reason ?? 'Given in a policy test.',
      expires_in_seconds: durationSeconds(grant.expires_in),
      revoked: grant.revoked ?? false,
    };
  });
  return { users, assignments, grants, ids, ...rows };
}

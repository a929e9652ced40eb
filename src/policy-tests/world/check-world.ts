import { builtInRoles, isBuiltInRoleName } from '../../gitclub/policy/built-in-roles.js';
import { permissionCatalog, type ResourceType } from '../../gitclub/policy/policy.js';
import { isCustomRoleResourceType, resourceTypes } from '../../gitclub/resources.js';
import { quoted, type DataPath, type ShapeProblem } from '../format/check-shape.js';
import { anonymous, type OrganizationSpec, type WorldSpec } from '../format/policy-test-format.js';
import { platformName, resourceTypeNamed, type WorldNames } from './world-names.js';

/** Names the world may not give: the query login without a token, and the platform's own name. */
const reservedNames = new Set([anonymous, platformName]);

/**
 * Every name in a world that does not resolve, all at once: users that are not listed, roles that
 * are neither built in nor defined by the organization (or are of the wrong type), permissions the
 * policy lacks, grants on resources that are not there. What the database would refuse, or store
 * without meaning, is refused here with the line it is on.
 */
export function checkWorld(world: WorldSpec, names: WorldNames): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const refuse = (path: DataPath, message: string) => problems.push({ path, message });
  const seen = new Set<string>();
  world.users.forEach((login, index) => {
    if (seen.has(login)) refuse(['world', 'users', index], `User "${login}" is listed twice.`);
    if (reservedNames.has(login)) refuse(['world', 'users', index], `"${login}" is reserved: name the user otherwise.`);
    if (names.organization.has(login))
      refuse(['world', 'users', index], `"${login}" is both a user and an organization: logins are one namespace.`);
    seen.add(login);
  });
  const knownUser = (path: DataPath, login: string) => {
    if (!names.user.has(login)) refuse(path, `Unknown user "${login}": the world's users are ${quoted([...names.user], 'and')}.`);
  };
  (world.suspended ?? []).forEach((login, index) => knownUser(['world', 'suspended', index], login));
  for (const login of Object.keys(world.platform_roles ?? {})) knownUser(['world', 'platform_roles', login], login);
  for (const [login, organization] of Object.entries(world.organizations ?? {})) {
    const at = ['world', 'organizations', login];
    if (reservedNames.has(login)) refuse(at, `"${login}" is reserved: name the organization otherwise.`);
    checkOrganization(organization, at, login, knownUser, refuse);
  }
  (world.grants ?? []).forEach((grant, index) => {
    const at = ['world', 'grants', index];
    knownUser([...at, 'user'], grant.user);
    const type = permissionType([...at, 'permission'], grant.permission, refuse);
    if (!type) return;
    if (resourceTypes[type].organizationOfSql === null)
      return refuse(
        [...at, 'permission'],
        `"${grant.permission}" cannot be granted directly: grants are on organizations, repositories and issues.`,
      );
    checkResource([...at, 'resource'], names, type, grant.resource, refuse);
  });
  return problems;
}

type Refuse = (path: DataPath, message: string) => void;

function checkOrganization(
  organization: OrganizationSpec,
  at: DataPath,
  login: string,
  knownUser: (path: DataPath, login: string) => void,
  refuse: Refuse,
): void {
  const customTypes = new Map<string, ResourceType>();
  for (const [name, role] of Object.entries(organization.custom_roles ?? {})) {
    const path = [...at, 'custom_roles', name];
    if (isBuiltInRoleName(name)) {
      refuse(path, `"${name}" is a built-in role: a custom role needs another name.`);
      continue;
    }
    const types = new Set(role.permissions.map((permission, index) => permissionType([...path, 'permissions', index], permission, refuse)));
    const [type, ...others] = [...types].filter((candidate) => candidate !== undefined);
    if (!type) continue;
    if (others.length > 0)
      refuse(
        path,
        `Custom role "${name}" mixes permissions on ${quoted([type, ...others], 'and')}: all of its permissions are on one type.`,
      );
    else if (!isCustomRoleResourceType(type))
      refuse(path, `Custom role "${name}" is on ${type}s: custom roles are on organizations or repositories.`);
    else customTypes.set(name, type);
  }
  /** Refuses a role that is neither a built-in role of `type` nor a custom role of this organization on `type`. */
  const knownRole = (path: DataPath, role: string, type: 'organization' | 'repository') => {
    if (builtInRoles.get(role)?.resourceType === type || customTypes.get(role) === type) return;
    const choices = [...builtInRoles.values(), ...[...customTypes].map(([name, resourceType]) => ({ name, resourceType }))]
      .filter((candidate) => candidate.resourceType === type)
      .map((candidate) => candidate.name);
    refuse(
      path,
      `"${role}" is not ${type === 'organization' ? 'an organization' : 'a repository'} role of "${login}": expected ${quoted(choices)}.`,
    );
  };
  for (const [member, role] of Object.entries(organization.members ?? {})) {
    knownUser([...at, 'members', member], member);
    knownRole([...at, 'members', member], role, 'organization');
  }
  const defaultRole = organization.default_repository_role;
  if (typeof defaultRole === 'string') knownRole([...at, 'default_repository_role'], defaultRole, 'repository');
  for (const [name, repository] of Object.entries(organization.repositories ?? {})) {
    const path = [...at, 'repositories', name];
    for (const [collaborator, role] of Object.entries(repository.collaborators ?? {})) {
      knownUser([...path, 'collaborators', collaborator], collaborator);
      knownRole([...path, 'collaborators', collaborator], role, 'repository');
    }
    (repository.issues ?? []).forEach((issue, index) => knownUser([...path, 'issues', index, 'author'], issue.author));
  }
}

/** The resource type of a permission of the policy; refuses (and says undefined for) any other name. */
export function permissionType(path: DataPath, permission: string, refuse: Refuse): ResourceType | undefined {
  const type = permissionCatalog.resourceTypeOf(permission);
  if (!type) refuse(path, `Unknown permission "${permission}": the policy has no such permission (see docs/permissions.md).`);
  return type;
}

/** Refuses a resource name that is not a resource of `type` in the world. */
export function checkResource(path: DataPath, names: WorldNames, type: ResourceType, name: string, refuse: Refuse): void {
  if (names[type]?.has(name)) return;
  const actual = resourceTypeNamed(names, name);
  refuse(
    path,
    actual ? `"${name}" is ${article(actual)}, not ${article(type)}.` : `Unknown ${type} "${name}": the world has no such ${type}.`,
  );
}

function article(type: ResourceType): string {
  return `${type === 'organization' || type === 'issue' ? 'an' : 'a'} ${type}`;
}

import type { AccessGrant } from '@rolegate/authz';
import { heldVia, type GrantSource } from '../access/grant-source.js';
import { builtInRoles, roleSatisfies, rolesSatisfying } from './built-in-roles.js';
import { builtOnce } from '../../db/built-once.js';
import { sqlArray } from '../../db/sql-array.js';
import { defaultRoleRecipient, organizationOwnerRole, repositoryOwnerRole } from './policy.js';
import { resourceTypes } from '../resources.js';

/** A role as the database resolved it: its name and its expanded permissions. */
export interface ResolvedRole {
  readonly name: string;
  readonly permissions: ReadonlySet<string>;
}

/** What decides a viewer's roles on one repository. */
export interface RepositoryRoleFacts {
  /** The viewer's role in the repository's organization, if any. */
  readonly organizationRole: string | undefined;
  /** The role explicitly assigned to the viewer on this repository, if any. */
  readonly explicitRole: ResolvedRole | undefined;
  /** The organization's default repository role, if it has one. */
  readonly defaultRole: ResolvedRole | undefined;
}

/** Where a rule's role comes from: a built-in role, the role assigned on the repository, or the organization's default. */
export type RuleRole = { readonly builtIn: string } | 'explicit' | 'organization-default';

/** One way of holding a role on a repository. */
export interface RepositoryRoleRule {
  /** How a grant from this rule is explained. */
  readonly via: GrantSource;
  /** The organization role (or one implying it) the viewer must hold for the rule to apply. */
  readonly organizationRole?: string;
  readonly role: RuleRole;
}

/**
 * The rules of repository roles, in order of precedence: the first rule that gives the viewer a
 * role decides. Organization admins are maintainers whatever else holds; an explicit role replaces
 * the default; members (and roles implying member) get the organization's default role; anyone else
 * gets nothing. Both `repositoryGrants` (one repository, in memory) and `readableRepositoriesFilter`
 * (lists, in SQL) read this one statement.
 */
export const repositoryRoleRules: readonly RepositoryRoleRule[] = [
  { via: `organization-${organizationOwnerRole}`, organizationRole: organizationOwnerRole, role: { builtIn: repositoryOwnerRole } },
  { via: 'explicit', role: 'explicit' },
  { via: 'default-role', organizationRole: defaultRoleRecipient, role: 'organization-default' },
];

/** The rules that apply to a viewer with this organization role, in order. */
function rulesFor(organizationRole: string | undefined): RepositoryRoleRule[] {
  return repositoryRoleRules.filter((rule) => !rule.organizationRole || roleSatisfies(organizationRole, rule.organizationRole));
}

function builtIn(name: string): ResolvedRole {
  const role = builtInRoles.get(name);
  if (!role) throw new Error(`The repository role rules name an unknown built-in role "${name}".`);
  return role;
}

/** The viewer's grants on one repository, from `repositoryRoleRules`. Pure. */
export function repositoryGrants(facts: RepositoryRoleFacts): AccessGrant[] {
  for (const rule of rulesFor(facts.organizationRole)) {
    const role =
      rule.role === 'explicit' ? facts.explicitRole : rule.role === 'organization-default' ? facts.defaultRole : builtIn(rule.role.builtIn);
    if (role) return [heldVia(rule.via, role.permissions, role.name)];
  }
  return [];
}

/** A piece of SQL with its parameters, in order. */
interface SqlCondition {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * `repositoryRoleRules` as a SQL condition over `repositories r` joined to `organizations o`, for
 * lists filtered in the database: true where the viewer holds `permission` on `r`, through a rule
 * or a direct grant.
 */
export function readableRepositoriesFilter(
  viewerId: string,
  organizationRole: string | undefined,
  permission: string,
  /** The viewer reads through platform support (`supportAccess` of the resource registry). */
  supported = false,
): SqlCondition {
  const template = readableConditionTemplate(organizationRole, permission, supported);
  return { sql: template.sql, params: template.params.map((param) => (param === viewerSlot ? viewerId : param)) };
}

/** Where the viewer's id goes among a cached condition's parameters. */
const viewerSlot = Symbol('viewer');
/**
 * `readableRepositoriesFilter`'s conditions with a slot for the viewer, built once each: keyed by
 * the rules that apply (not the role's name: a tenant's custom role names are many, the rules'
 * subsets eight), the permission and support (a list built its condition on every request, and
 * keyed its statement by it).
 */
const readableConditionTemplate = builtOnce(
  (organizationRole: string | undefined, permission: string, supported: boolean) =>
    `${rulesFor(organizationRole)
      .map((rule) => repositoryRoleRules.indexOf(rule))
      .join(',')}\u0000${permission}\u0000${supported}`,
  (organizationRole: string | undefined, permission: string, supported: boolean) =>
    readableRepositoriesCondition(viewerSlot, organizationRole, permission, supported),
);

function readableRepositoriesCondition(
  viewerId: unknown,
  organizationRole: string | undefined,
  permission: string,
  supported: boolean,
): SqlCondition {
  if (supported && (resourceTypes.repository.supportAccess as readonly string[]).includes(permission)) return { sql: 'true', params: [] };
  const explicit = `select 1 from role_assignments ra where ra.user_id = ? and ra.resource_type = 'repository' and ra.resource_id = r.id`;
  const roleHolds = (roleColumn: string) =>
    `exists (select 1 from role_permissions rp join permissions p on p.id = rp.permission_id where rp.role_id = ${roleColumn} and p.name = ?)`;
  /** For each kind of role: when the rule gives one (`given`), and when that role holds the permission (`holds`). */
  const roleConditions = (role: RuleRole): { given: SqlCondition; holds: SqlCondition } => {
    if (role === 'explicit') {
      return {
        given: { sql: `exists (${explicit})`, params: [viewerId] },
        holds: { sql: `exists (${explicit} and ${roleHolds('ra.role_id')})`, params: [viewerId, permission] },
      };
    }
    if (role === 'organization-default') {
      return {
        given: { sql: 'o.default_repository_role_id is not null', params: [] },
        holds: { sql: roleHolds('o.default_repository_role_id'), params: [permission] },
      };
    }
    return { given: { sql: 'true', params: [] }, holds: { sql: String(builtIn(role.builtIn).permissions.has(permission)), params: [] } };
  };
  const alternatives: SqlCondition[] = [];
  const earlier: SqlCondition[] = [];
  for (const rule of rulesFor(organizationRole)) {
    const { given, holds } = roleConditions(rule.role);
    alternatives.push({
      sql: [...earlier.map((condition) => `not ${condition.sql}`), holds.sql].join(' and '),
      params: [...earlier.flatMap((condition) => condition.params), ...holds.params],
    });
    if (given.sql === 'true') break;
    earlier.push(given);
  }
  // A direct grant of any permission on a repository includes seeing it (see grantAccess).
  alternatives.push({
    sql: `exists (select 1 from permission_grants g where g.user_id = ? and g.resource_type = 'repository' and g.resource_id = r.id
    and g.revoked_at is null and g.expires_at > now() and (g.permission = ? or ? = ?))`,
    params: [viewerId, permission, permission, resourceTypes.repository.visibility],
  });
  return {
    sql: `(${alternatives.map((condition) => `(${condition.sql})`).join(' or ')})`,
    params: alternatives.flatMap((condition) => condition.params),
  };
}

/** The columns of a row of a viewer's role facts on a repository (as `repositoryRoleFactsSql` selects them) and their organization role. */
export interface RoleFactColumns {
  /** The viewer's role in the repository's organization: its name, null for none. */
  readonly organizationRole: string;
  readonly explicitRole: string;
  /** Null for a built-in role (its permissions are the policy's), the names of a custom role's permissions otherwise. */
  readonly explicitPermissions: string;
  readonly defaultRole: string;
  readonly defaultPermissions: string;
  /** The permissions of the viewer's active direct grants on the repository. */
  readonly granted: string;
}

/**
 * `repositoryRoleRules` and direct grants as a SQL condition over a row of role facts: true where
 * the viewer holds every one of `permissions`, as `repositoryGrants` and `grantAccess` decide from
 * the same row. Reads nothing but the row, so a write can require it of the row it changes in
 * the statement that reads the facts (see repository-write-guard.ts) at the cost of a few
 * comparisons: the first rule that gives a role decides, a built-in role's permissions come from
 * the policy table, a custom role's from the row.
 */
export function repositoryRoleFactsFilter(permissions: readonly string[], columns: RoleFactColumns): string {
  // The policy's own names (roles, permissions) are written in as literals: constants of the text, not values to bind.
  const holds = (permission: string): string => {
    const builtInHolding = textArrayLiteral(
      [...builtInRoles.values()].filter((role) => role.permissions.has(permission)).map((role) => role.name),
    );
    const roleHolds = (name: string, rolePermissions: string) =>
      `(case when ${rolePermissions} is null then ${name} = any(${builtInHolding}) else ${textLiteral(permission)} = any(${rolePermissions}) end)`;
    const whens = repositoryRoleRules.map((rule) => {
      const applies = rule.organizationRole
        ? `${columns.organizationRole} = any(${textArrayLiteral(rolesSatisfying(rule.organizationRole))})`
        : 'true';
      const [given, held] =
        rule.role === 'explicit'
          ? [`${columns.explicitRole} is not null`, roleHolds(columns.explicitRole, columns.explicitPermissions)]
          : rule.role === 'organization-default'
            ? [`${columns.defaultRole} is not null`, roleHolds(columns.defaultRole, columns.defaultPermissions)]
            : ['true', String(builtIn(rule.role.builtIn).permissions.has(permission))];
      return `when ${applies} and ${given} then ${held}`;
    });
    // A direct grant of any permission on a repository includes seeing it (see grantAccess).
    const granted =
      permission === resourceTypes.repository.visibility
        ? `cardinality(${columns.granted}) > 0`
        : `${textLiteral(permission)} = any(${columns.granted})`;
    return `((case ${whens.join(' ')} else false end) or ${granted})`;
  };
  return `(${permissions.map(holds).join(' and ')})`;
}

/** A SQL text literal of one of the policy's names. */
function textLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A SQL `text[]` literal of the policy's names. */
function textArrayLiteral(values: readonly string[]): string {
  return `${textLiteral(sqlArray(values))}::text[]`;
}

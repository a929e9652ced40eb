import type { AuditAction } from './audit/record-audit.js';
import type { PermissionOf, ResourceType } from './policy/policy.js';

/**
 * How one resource type of the policy lives in the domain. Every field is a question a new
 * resource type must answer; the registry below is keyed by the policy's resource types, so a
 * type added to the permission table fails the typecheck here until it is described.
 */
export interface ResourceTypeDefinition<T extends ResourceType> {
  /** The GraphQL object type of the resource, which gets a `viewerCan(permission)` field; null when the schema has none. */
  readonly graphqlType: string | null;
  /**
   * The permission that makes a resource of this type visible: without it, every check on it
   * answers NOT_FOUND, and every grant or custom role on it includes it. Null when the type is
   * always visible (users).
   */
  readonly visibility: PermissionOf<T> | null;
  /**
   * The SQL that finds a resource's organization and its name as people know it (`?` is its id;
   * two columns, `organization_id` and `name`, such as `beatles/infra`). Null for what belongs to no
   * organization (users, the platform): permissions on such a type cannot be granted directly,
   * explained or requested.
   */
  readonly organizationOfSql: string | null;
  /** What platform support (`read_tenants:platform`) may do on resources of this type: read-only, audited. */
  readonly supportAccess: readonly PermissionOf<T>[];
  /**
   * Roles assigned on resources of this type: whether organizations may define custom ones, and
   * the audit action of each change of an assignment. Null when none are assigned (issues derive
   * their access from the repository; a user's `self` is never stored).
   */
  readonly roles: {
    readonly custom: boolean;
    readonly audit: { readonly added: AuditAction; readonly changed: AuditAction; readonly removed: AuditAction };
  } | null;
}

const membershipAudit = { added: 'membership.added', changed: 'membership.changed', removed: 'membership.removed' } as const;
const repositoryRoleAudit = {
  added: 'repository_role.assigned',
  changed: 'repository_role.assigned',
  removed: 'repository_role.removed',
} as const;
const platformRoleAudit = { added: 'platform_role.changed', changed: 'platform_role.changed', removed: 'platform_role.changed' } as const;

/** Every resource type of the policy, described once (docs/contributors.md: "Adding a resource type"). */
export const resourceTypes = {
  organization: {
    graphqlType: 'Organization',
    visibility: 'read:organization',
    organizationOfSql: 'select id as organization_id, login as name from organizations where id = ?',
    supportAccess: ['read:organization', 'read_members:organization'],
    roles: { custom: true, audit: membershipAudit },
  },
  repository: {
    graphqlType: 'Repository',
    visibility: 'read:repository',
    organizationOfSql: `select r.organization_id, o.login || '/' || r.name as name from repositories r
      join organizations o on o.id = r.organization_id where r.id = ?`,
    supportAccess: ['read:repository'],
    roles: { custom: true, audit: repositoryRoleAudit },
  },
  issue: {
    graphqlType: 'Issue',
    visibility: 'read:issue',
    organizationOfSql: `select r.organization_id, o.login || '/' || r.name || '#' || i.number as name from issues i
      join repositories r on r.id = i.repository_id join organizations o on o.id = r.organization_id where i.id = ?`,
    supportAccess: [],
    roles: null,
  },
  user: { graphqlType: null, visibility: null, organizationOfSql: null, supportAccess: [], roles: null },
  platform: {
    graphqlType: null,
    visibility: null,
    organizationOfSql: null,
    supportAccess: [],
    roles: { custom: false, audit: platformRoleAudit },
  },
} as const satisfies { readonly [T in ResourceType]: ResourceTypeDefinition<T> };

/** A resource type that belongs to an organization: its permissions can be granted directly and explained. */
export type TenantResourceType = {
  [T in ResourceType]: (typeof resourceTypes)[T]['organizationOfSql'] extends string ? T : never;
}[ResourceType];

/** A resource type organizations may define custom roles on. */
export type CustomRoleResourceType = {
  [T in ResourceType]: (typeof resourceTypes)[T]['roles'] extends { custom: true } ? T : never;
}[ResourceType];

/** True when a resource type belongs to an organization. */
export function isTenantResourceType(type: string): type is TenantResourceType {
  return type in resourceTypes && resourceTypes[type as ResourceType].organizationOfSql !== null;
}

/** True when organizations may define custom roles on a resource type. */
export function isCustomRoleResourceType(type: string): type is CustomRoleResourceType {
  return type in resourceTypes && resourceTypes[type as ResourceType].roles?.custom === true;
}

/** The visibility permission of a resource type (see `ResourceTypeDefinition.visibility`). */
export function visibilityOf(type: ResourceType): PermissionOf<ResourceType> | null {
  return resourceTypes[type].visibility;
}

import { createPermissionCatalog, type PermissionNameOf } from '@rolegate/authz';

/**
 * The GitClub authorization policy: every permission, every built-in role and every implication,
 * in one readable table. It is the single source of truth: the database's built-in roles, the
 * schema's `@auth` checks and the docs are all derived from it.
 */
export const permissionTable = {
  organization: {
    read: 'See the organization and its name.',
    read_members: 'See who belongs to the organization and its custom roles.',
    create_repository: 'Create repositories in the organization.',
    manage_members: 'Add, remove and change the role of members; see who has access and what each person holds; offboard.',
    manage_roles: 'Create, edit and delete custom roles.',
    // Note: its own permission rather than manage_members, so that reviewing can be separated from
    // administering (a compliance officer's custom role may hold review_access without being able
    // to add members or grant anything), as auditors of recertification expect. A REVOKE still goes
    // through the write path's guards, which weigh what the reviewer holds: review_access alone
    // cannot take away more than its holder has.
    review_access: 'Start access reviews, see their items and decide them (keep or revoke).',
    read_billing: 'See the billing email.',
    manage_billing: 'Change the billing email.',
    read_audit_log: "Read the organization's audit log.",
    update: "Change the organization's name and default repository role.",
    delete: 'Delete the organization.',
  },
  repository: {
    read: 'See the repository, its issues and its description.',
    read_code: "Read the repository's code (its readme).",
    update: "Change the repository's description and readme.",
    delete: 'Delete the repository.',
    create_issue: 'Open issues.',
    manage_issues: 'Close and edit any issue.',
    trigger_workflow: 'Trigger workflows and see their runs.',
    manage_roles: 'Assign and remove repository roles; see collaborators and who has access.',
  },
  issue: {
    read: 'See the issue.',
    close: 'Close the issue.',
    update: "Edit the issue's title and body.",
  },
  user: {
    read_email: "See the user's email address.",
  },
  platform: {
    read_tenants: 'Read-only support access to every organization (read, read_members) and repository (read); every such read is audited.',
    manage_users: 'Suspend and reactivate users.',
  },
} as const;

/** The catalog built from the table above. */
export const permissionCatalog = createPermissionCatalog(permissionTable);

/** A resource type of the policy; `src/gitclub/resources.ts` says how each one lives in the domain. */
export type ResourceType = keyof typeof permissionTable;
/** A permission of the policy (`read_code:repository`): a typo in a literal fails the typecheck. */
export type Permission = PermissionNameOf<typeof permissionTable>;
/** The permissions on one resource type. */
export type PermissionOf<T extends ResourceType> = Extract<Permission, `${string}:${T}`>;

/** The actions of one resource type, as the permission table names them (`read_code` of `repository`). */
export type ActionOf<T extends ResourceType> = keyof (typeof permissionTable)[T] & string;

/** A role the product ships with, as the rest of the code reads it (the table below is typed more strictly). */
export interface BuiltInRole {
  readonly name: string;
  readonly resourceType: ResourceType;
  readonly description: string;
  /** Roles whose permissions this one includes, and whose rules it satisfies ("member if admin"). */
  readonly implies: readonly string[];
  /** Actions of its own, beyond those of the roles it implies. */
  readonly actions: readonly string[];
}

/** One built-in role as the table writes it, under its name among the roles of its resource type `T`. */
interface BuiltInRoleDefinition<T extends ResourceType, RoleName extends string> {
  readonly description: string;
  /** Roles of the same resource type whose permissions this one includes. */
  readonly implies: readonly RoleName[];
  /** Actions of `T` of its own, beyond those of the roles it implies. */
  readonly actions: readonly ActionOf<T>[];
}

/**
 * The built-in roles of one resource type, keyed by name, as table rows in the order written.
 * Note: the types make a typo a compile error rather than a permission the sync drops: `implies`
 * names only the roles defined beside it, `actions` only actions of `resourceType`.
 */
export function builtInRolesOn<T extends ResourceType, RoleName extends string>(
  resourceType: T,
  roles: { readonly [Name in RoleName]: BuiltInRoleDefinition<T, NoInfer<RoleName>> },
): (BuiltInRole & { readonly name: RoleName; readonly resourceType: T })[] {
  return (Object.entries(roles) as [RoleName, BuiltInRoleDefinition<T, RoleName>][]).map(([name, role]) => ({
    name,
    resourceType,
    ...role,
  }));
}

/** Built-in roles. Issues have no roles of their own: their permissions derive from the repository. */
export const builtInRoleTable = Object.freeze([
  ...builtInRolesOn('organization', {
    member: {
      description: 'Belongs to the organization and works on its repositories.',
      implies: [],
      actions: ['read', 'read_members', 'create_repository'],
    },
    billing: { description: 'Manages payment for the organization.', implies: [], actions: ['read', 'read_billing', 'manage_billing'] },
    admin: {
      description: 'Everything in the organization; maintainer of all its repositories.',
      implies: ['member', 'billing'],
      actions: ['manage_members', 'manage_roles', 'review_access', 'read_audit_log', 'update', 'delete'],
    },
  }),
  ...builtInRolesOn('repository', {
    contributor: { description: 'Reads the code and opens issues.', implies: [], actions: ['read', 'read_code', 'create_issue'] },
    maintainer: {
      description: 'Everything on the repository.',
      implies: ['contributor'],
      actions: ['update', 'delete', 'manage_issues', 'trigger_workflow', 'manage_roles'],
    },
  }),
  ...builtInRolesOn('user', {
    self: { description: "A user's relation to their own account.", implies: [], actions: ['read_email'] },
  }),
  ...builtInRolesOn('platform', {
    support: { description: 'Platform support staff: read-only on every tenant, audited.', implies: [], actions: ['read_tenants'] },
    platform_admin: {
      description: 'Operates the platform: support, plus suspending users.',
      implies: ['support'],
      actions: ['manage_users'],
    },
  }),
]);

/** The name of a built-in role on resource type `T` (any type by default): a typo in a literal fails the typecheck. */
export type BuiltInRoleName<T extends ResourceType = ResourceType> = Extract<
  (typeof builtInRoleTable)[number],
  { resourceType: T }
>['name'];

/** The single platform resource platform roles are held on. */
export const platformId = '00000000-0000-4000-8000-000000000000';

/** The organization role whose holders (and the holders of roles implying it) get the default repository role. */
export const defaultRoleRecipient = 'member';
/** The organization role that makes its holders maintainers of every repository of the organization. */
export const organizationOwnerRole = 'admin';
/** The repository role organization owners hold on every repository. */
export const repositoryOwnerRole = 'maintainer';
/** The role the creator of a resource receives. */
export const creatorRole = { organization: 'admin', repository: 'maintainer' } as const;
/** The default repository role of a new organization. */
export const initialDefaultRepositoryRole = 'contributor';

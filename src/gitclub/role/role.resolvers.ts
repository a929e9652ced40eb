import { notFoundError } from '@rolegate/authz';
import { badUserInputError } from '../../errors/graphql-errors.js';
import type { EntityManager } from '../../db/database.js';
import { transact } from '../access-changes.js';
import { reassignAll } from '../access-write/access-writes.js';
import { holdersOf } from '../access-write/assignment-rows.js';
import { assertCustomRoleRoom } from '../guards/custom-role-limit-guard.js';
import { refusal } from '../../errors/refusal.js';
import { requireViewer, type RequestContext } from '../context.js';
import { RoleEntity } from '../entities/role.entity.js';
import { builtInRoles, isBuiltInRoleName } from '../policy/built-in-roles.js';
import { permissionCatalog } from '../policy/policy.js';
import { assertHoldsCustomRole, assertNotRaisingOwnRole } from '../guards/custom-role-guard.js';
import type { CustomRole } from './custom-role.js';
import { assertHoldsAll, assertHoldsOrganizationWide } from '../guards/escalation-guard.js';
import { findRoleViews } from './role-view.js';
import { requireName, requireText, requireUuid } from '../validation.js';
import { sqlArray } from '../../db/sql-array.js';
import { isCustomRoleResourceType, resourceTypes, type CustomRoleResourceType } from '../resources.js';

/** Resolvers for the catalog, built-in roles and custom role mutations. */
export const roleResolvers = {
  Query: {
    permissionCatalog: () =>
      permissionCatalog.permissions.map((permission) => ({ ...permission, resourceType: permission.resourceType.toUpperCase() })),
    builtInRoles: (_: unknown, _args: unknown, context: RequestContext) => findRoleViews(context.em, 'r.built_in', []),
  },
  Mutation: {
    createCustomRole: async (
      _: unknown,
      {
        input,
      }: { input: { organizationId: string; name: string; description?: string | null; resourceType: string; permissions: string[] } },
      context: RequestContext,
    ) => {
      const { authorizer } = requireViewer(context);
      const name = requireRoleName(input.name);
      const resourceType = input.resourceType.toLowerCase();
      if (!isCustomRoleResourceType(resourceType)) {
        const types = Object.entries(resourceTypes).filter(([, definition]) => definition.roles?.custom);
        throw badUserInputError(`Custom roles apply to ${types.map(([type]) => `${type}s`).join(' or ')}.`, {
          argument: 'input.resourceType',
        });
      }
      const permissions = requirePermissions(input.permissions, resourceType);
      await assertMayDefine(context.em, authorizer, permissions, resourceType, input.organizationId);
      const taken = `A role named "${name}" already exists.`;
      const role = await transact(
        context,
        async ({ tx, audit, lockOrganization }) => {
          // The cap counts rows: concurrent creations take turns on the organization's row.
          await lockOrganization(input.organizationId);
          await assertCustomRoleRoom(tx, input.organizationId);
          await assertNameFree(tx, input.organizationId, name);
          const created = tx.create(RoleEntity, {
            name,
            description: describe(input.description),
            resourceType,
            builtIn: false,
            organizationId: input.organizationId,
          });
          await tx.flush();
          await setPermissions(tx, created.id, permissions);
          audit({
            organizationId: input.organizationId,
            action: 'custom_role.created',
            resourceType: 'role',
            resourceId: created.id,
            after: { name, permissions },
          });
          return created.id;
        },
        { alreadyExists: taken },
      );
      return { role: (await findRoleViews(context.em, 'r.id = ?', [role]))[0] };
    },

    updateCustomRole: async (
      _: unknown,
      { input }: { input: { roleId: string; name?: string; description?: string | null; permissions?: string[] } },
      context: RequestContext,
    ) => {
      const { viewer, authorizer } = requireViewer(context);
      const role = await requireCustomRole(context, input.roleId);
      const name = input.name === undefined ? undefined : requireRoleName(input.name);
      const permissions = input.permissions === undefined ? undefined : requirePermissions(input.permissions, role.resourceType);
      await transact(context, async ({ tx, audit, changed }) => {
        const current = await lockCustomRole(tx, role);
        const holders = await holdersOf(tx, current.id);
        assertNotRaisingOwnRole(viewer.id, current, permissions, holders);
        await assertHoldsCustomRole(tx, authorizer, current);
        if (permissions) await assertMayDefine(tx, authorizer, permissions, current.resourceType, current.organizationId);
        if (name !== undefined && name !== current.name) await assertNameFree(tx, current.organizationId, name);
        await tx.execute(
          'update roles set name = coalesce(?, name), description = case when ? then ? else description end where id = ?',
          [name ?? null, input.description !== undefined, describe(input.description), current.id],
          'run',
        );
        if (permissions) await setPermissions(tx, current.id, permissions);
        audit({
          organizationId: current.organizationId,
          action: 'custom_role.updated',
          resourceType: 'role',
          resourceId: current.id,
          before: { name: current.name, permissions: current.permissions },
          after: { name: name ?? current.name, permissions: permissions ?? current.permissions },
        });
        await changed(holders.map((holder) => holder.user_id));
      });
      return { role: (await findRoleViews(context.em, 'r.id = ?', [role.id]))[0] };
    },

    deleteCustomRole: async (_: unknown, { input }: { input: { roleId: string; reassignTo?: string | null } }, context: RequestContext) => {
      const role = await requireCustomRole(context, input.roleId);
      await reassignAll(context, role, input.reassignTo ?? undefined, async ({ tx, audit }, current) => {
        audit({
          organizationId: current.organizationId,
          action: 'custom_role.deleted',
          resourceType: 'role',
          resourceId: current.id,
          before: { name: current.name, permissions: current.permissions },
        });
        await tx.execute('delete from roles where id = ?', [current.id], 'run');
      });
      return { organization: await context.loaders.organization.load(role.organizationId) };
    },
  },
};

/**
 * Loads a custom role and checks `manage_roles` on its organization through the authorizer.
 * Built-in roles and roles of organizations the viewer cannot see answer NOT_FOUND.
 */
async function requireCustomRole(context: RequestContext, roleId: string): Promise<CustomRole> {
  const { authorizer } = requireViewer(context);
  const [role] = await findRoleViews(context.em, 'r.id = ? and not r.built_in', [requireUuid(roleId, 'input.roleId')]);
  if (!role?.organizationId) throw notFoundError();
  await authorizer.authorize('manage_roles:organization', 'organization', role.organizationId);
  return {
    ...role,
    organizationId: role.organizationId,
    resourceType: customRoleResourceType(role.resourceType.toLowerCase()),
  };
}

/**
 * The role as it is now, its row locked until the transaction ends: the guards check, and the
 * audit entry records, what is really replaced, even when someone edits the role at the same moment.
 */
async function lockCustomRole(tx: EntityManager, role: CustomRole): Promise<CustomRole> {
  await tx.execute('select id from roles where id = ? for update', [role.id]);
  const [current] = await findRoleViews(tx, 'r.id = ?', [role.id]);
  if (!current) throw notFoundError();
  return { ...role, name: current.name, permissions: current.permissions };
}

/** Nobody defines a role holding more than they hold: organization roles on the organization, repository roles organization-wide. */
async function assertMayDefine(
  em: EntityManager,
  authorizer: Parameters<typeof assertHoldsAll>[0],
  permissions: readonly string[],
  resourceType: CustomRoleResourceType,
  organizationId: string,
) {
  if (resourceType === 'organization') await assertHoldsAll(authorizer, permissions, 'organization', organizationId);
  else await assertHoldsOrganizationWide(em, authorizer, permissions, organizationId);
}

function requireRoleName(name: string): string {
  const checked = requireName(name, 'input.name');
  if (isBuiltInRoleName(checked)) throw badUserInputError(`"${checked}" is a built-in role name.`, { argument: 'input.name' });
  return checked;
}

/**
 * Validates a custom role's permissions: known, of the role's resource type. Every custom role
 * includes its resource type's `read`: a role on something its holder cannot see would grant
 * nothing (visibility comes first), and holding an organization role is membership.
 */
function requirePermissions(names: readonly string[], resourceType: CustomRoleResourceType): string[] {
  const unknown = names.filter((name) => permissionCatalog.resourceTypeOf(name) !== resourceType);
  if (unknown.length > 0) {
    throw badUserInputError(`Not ${resourceType} permissions of the catalog: ${unknown.map((name) => `"${name}"`).join(', ')}.`, {
      argument: 'input.permissions',
    });
  }
  if (names.length === 0) throw badUserInputError('A role needs at least one permission.', { argument: 'input.permissions' });
  const permissions = new Set(names).add(resourceTypes[resourceType].visibility);
  return [...permissions].sort();
}

async function assertNameFree(em: EntityManager, organizationId: string, name: string): Promise<void> {
  const [taken] = await findRoleViews(em, 'r.name = ? and r.organization_id = ?', [name, organizationId]);
  if (taken || builtInRoles.has(name))
    throw refusal('ALREADY_EXISTS', `A role named "${name}" already exists.`, { argument: 'input.name' });
}

async function setPermissions(em: EntityManager, roleId: string, permissions: readonly string[]): Promise<void> {
  await em.execute('delete from role_permissions where role_id = ?', [roleId], 'run');
  await em.execute(
    'insert into role_permissions (role_id, permission_id) select ?, id from permissions where name = any(?::text[])',
    [roleId, sqlArray(permissions)],
    'run',
  );
}

function describe(description: string | null | undefined): string | null {
  return description == null ? null : requireText(description, 'input.description', 500, 0);
}

/** A stored role's resource type, which the database only ever holds for types with custom roles. */
function customRoleResourceType(type: string): CustomRoleResourceType {
  if (!isCustomRoleResourceType(type)) throw new Error(`A custom role on "${type}", which has no custom roles.`);
  return type;
}

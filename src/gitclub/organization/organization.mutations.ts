import { notFoundError } from '@rolegate/authz';
import { badUserInputError } from '../../input/bad-user-input-error.js';
import type { EntityManager } from '../../db/database.js';
import { transact, usersWithAccessTo } from '../access-changes.js';
import { refusal } from '../errors.js';
import { assertAnotherAdmin } from '../guards/last-admin-guard.js';
import { revokeGrantsIn } from '../grant/revoke-grants-in.js';
import { requireViewer, type RequestContext } from '../context.js';
import { OrganizationEntity } from '../entities/organization.entity.js';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { initialDefaultRepositoryRole, organizationOwnerRole } from '../policy/policy.js';
import { createWithCreatorRole } from '../role/give-creator-role.js';
import { auditRoleChange } from '../role/audit-role-change.js';
import { roleSatisfies } from '../policy/built-in-roles.js';
import { assertHoldsOrganizationWide, assertMayAssign } from '../guards/escalation-guard.js';
import { findAssignableRole } from '../role/find-assignable-role.js';
import type { HeldRole } from '../guards/held-permissions.js';
import { roleChangeTarget } from '../guards/own-role-guard.js';
import { findRoleViews, type RoleView } from '../role/role-view.js';
import { assertHoldsTargetRole } from '../guards/target-guard.js';
import { requireEmail, requireLogin, requireText, requireUuid } from '../validation.js';

interface OrganizationInput {
  organizationId: string;
}

/** Mutations on organizations and their members. Checks live in the schema's `@auth`; these only change data. */
export const organizationMutations = {
  createOrganization: async (_: unknown, { input }: { input: { login: string; name: string } }, context: RequestContext) => {
    const { viewer } = requireViewer(context);
    const login = requireLogin(input.login, 'input.login');
    const name = requireText(input.name, 'input.name', 100);
    const taken = `The login "${login}" is already taken.`;
    if (await context.em.findOne(OrganizationEntity, { login })) throw refusal('ALREADY_EXISTS', taken, { argument: 'input.login' });
    const organization = await createWithCreatorRole(context, viewer.id, 'organization', taken, async ({ tx }) => {
      const [defaultRole] = await findRoleViews(tx, 'r.name = ? and r.organization_id is null', [initialDefaultRepositoryRole]);
      const created = tx.create(OrganizationEntity, { login, name, defaultRepositoryRole: defaultRole?.id ?? null, billingEmail: null });
      return { created, organizationId: created.id };
    });
    return { organization };
  },

  updateOrganization: async (
    _: unknown,
    { input }: { input: OrganizationInput & { name?: string; defaultRepositoryRole?: string | null; billingEmail?: string | null } },
    context: RequestContext,
  ) => {
    const { authorizer } = requireViewer(context);
    const name = input.name === undefined ? undefined : requireText(input.name, 'input.name', 100);
    const billingEmail = input.billingEmail == null ? input.billingEmail : requireEmail(input.billingEmail, 'input.billingEmail');
    const organization = await transact(context, async ({ tx, audit, changed }) => {
      const found = await requireOrganization(tx, input.organizationId);
      if (name !== undefined) found.name = name;
      if (billingEmail !== undefined) found.billingEmail = billingEmail;
      if (input.defaultRepositoryRole !== undefined) {
        const before = found.defaultRepositoryRole?.id ?? null;
        const role =
          input.defaultRepositoryRole === null ? null : await findAssignableRole(tx, found.id, input.defaultRepositoryRole, 'repository');
        if (role) await assertHoldsOrganizationWide(tx, authorizer, role.permissions, found.id);
        if ((role?.id ?? null) !== before) {
          const [previous] = before ? await findRoleViews(tx, 'r.id = ?', [before]) : [];
          await tx.execute('update organizations set default_repository_role_id = ? where id = ?', [role?.id ?? null, found.id], 'run');
          audit({
            organizationId: found.id,
            action: 'organization.default_repository_role_changed',
            resourceType: 'organization',
            resourceId: found.id,
            before: { role: previous?.name ?? null },
            after: { role: role?.name ?? null },
          });
          await changed(await usersWithAccessTo(tx, found.id));
        }
      }
      return found;
    });
    return { organization: await context.em.refresh(organization) };
  },

  deleteOrganization: async (_: unknown, { input }: { input: OrganizationInput }, context: RequestContext) => {
    await transact(context, async ({ tx, audit, changed }) => {
      const organization = await requireOrganization(tx, input.organizationId);
      const holders = await usersWithAccessTo(tx, organization.id);
      await tx.execute(
        `delete from role_assignments where (resource_type = 'organization' and resource_id = ?)
           or (resource_type = 'repository' and resource_id in (select id from repositories where organization_id = ?))`,
        [organization.id, organization.id],
        'run',
      );
      audit({
        organizationId: organization.id,
        action: 'organization.deleted',
        resourceType: 'organization',
        resourceId: organization.id,
        before: { login: organization.login },
      });
      await changed(holders);
      await tx.execute('delete from organizations where id = ?', [organization.id], 'run');
    });
    return { deletedOrganizationId: input.organizationId };
  },

  addMember: async (_: unknown, { input }: { input: OrganizationInput & { userId: string; role: string } }, context: RequestContext) => {
    const { authorizer, userId } = roleChangeTarget(context, input.userId);
    const alreadyMember = 'That user is already a member; use changeMemberRole.';
    await transact(
      context,
      async ({ tx, audit, changed }) => {
        await requireUser(tx, userId);
        const role = await findAssignableRole(tx, input.organizationId, input.role, 'organization');
        await assertMayAssign(tx, authorizer, heldOn(input.organizationId, role));
        if (await findMembership(tx, input.organizationId, userId))
          throw refusal('ALREADY_EXISTS', alreadyMember, { argument: 'input.userId' });
        tx.create(RoleAssignmentEntity, { user: userId, role: role.id, resourceType: 'organization', resourceId: input.organizationId });
        auditRoleChange(
          { audit },
          {
            kind: 'added',
            organizationId: input.organizationId,
            resourceType: 'organization',
            resourceId: input.organizationId,
            userId,
            after: role.name,
          },
        );
        await changed([userId]);
      },
      { alreadyExists: alreadyMember },
    );
    return { membership: await membershipView(context, input.organizationId, userId) };
  },

  changeMemberRole: async (
    _: unknown,
    { input }: { input: OrganizationInput & { userId: string; role: string } },
    context: RequestContext,
  ) => {
    const { authorizer, userId } = roleChangeTarget(context, input.userId);
    await transact(context, async ({ tx, audit, changed, lockOrganization }) => {
      await lockOrganization(input.organizationId);
      const membership = await requireMembership(tx, input.organizationId, userId);
      const role = await findAssignableRole(tx, input.organizationId, input.role, 'organization');
      const [previous] = await findRoleViews(tx, 'r.id = ?', [membership.role.id]);
      if (previous) await assertHoldsTargetRole(tx, authorizer, heldOn(input.organizationId, previous));
      await assertMayAssign(tx, authorizer, heldOn(input.organizationId, role));
      if (previous?.id === role.id) return;
      if (roleSatisfies(previous?.name, organizationOwnerRole) && !roleSatisfies(role.name, organizationOwnerRole))
        await assertAnotherAdmin(tx, input.organizationId, userId);
      await tx.execute('update role_assignments set role_id = ? where id = ?', [role.id, membership.id], 'run');
      auditRoleChange(
        { audit },
        {
          kind: 'changed',
          organizationId: input.organizationId,
          resourceType: 'organization',
          resourceId: input.organizationId,
          userId,
          before: previous?.name,
          after: role.name,
        },
      );
      await changed([userId]);
    });
    return { membership: await membershipView(context, input.organizationId, userId) };
  },

  removeMember: async (_: unknown, { input }: { input: OrganizationInput & { userId: string } }, context: RequestContext) => {
    const { authorizer } = requireViewer(context);
    const userId = requireUuid(input.userId, 'input.userId');
    const organizationId = input.organizationId;
    await transact(context, async (unit) => {
      const { tx, changed } = unit;
      await unit.lockOrganization(organizationId);
      const membership = await requireMembership(tx, organizationId, userId);
      const [previous] = await findRoleViews(tx, 'r.id = ?', [membership.role.id]);
      if (previous) await assertHoldsTargetRole(tx, authorizer, heldOn(organizationId, previous));
      if (roleSatisfies(previous?.name, organizationOwnerRole)) await assertAnotherAdmin(tx, organizationId, userId);
      // Leaving an organization also ends the explicit repository roles held in it, and the direct grants there.
      await tx.execute(
        `delete from role_assignments where user_id = ? and ((resource_type = 'organization' and resource_id = ?)
           or (resource_type = 'repository' and resource_id in (select id from repositories where organization_id = ?)))`,
        [userId, organizationId, organizationId],
        'run',
      );
      auditRoleChange(unit, {
        kind: 'removed',
        organizationId,
        resourceType: 'organization',
        resourceId: organizationId,
        userId,
        before: previous?.name,
      });
      await revokeGrantsIn(unit, organizationId, userId, 'membership.removed');
      await changed([userId]);
    });
    return { organization: await context.em.findOne(OrganizationEntity, { id: organizationId }) };
  },
};

async function requireOrganization(em: EntityManager, id: string) {
  const organization = await em.findOne(OrganizationEntity, { id });
  if (!organization) throw notFoundError();
  return organization;
}

async function requireUser(em: EntityManager, id: string) {
  const user = await em.findOne(UserEntity, { id });
  if (!user) throw notFoundError();
  return user;
}

function findMembership(em: EntityManager, organizationId: string, userId: string) {
  return em.findOne(RoleAssignmentEntity, { user: userId, resourceType: 'organization', resourceId: organizationId });
}

async function requireMembership(em: EntityManager, organizationId: string, userId: string) {
  const membership = await findMembership(em, organizationId, userId);
  if (!membership) throw badUserInputError('That user is not a member of the organization.', { argument: 'input.userId' });
  return membership;
}

/** An organization role as held (or to be held) on that organization, for the guards. */
function heldOn(organizationId: string, role: RoleView): HeldRole {
  return { role, resourceType: 'organization', resourceId: organizationId, organizationId };
}

async function membershipView(context: RequestContext, organizationId: string, userId: string) {
  const membership = await context.em
    .fork()
    .findOne(RoleAssignmentEntity, { user: userId, resourceType: 'organization', resourceId: organizationId });
  if (!membership) return null;
  const [user, organization, role] = await Promise.all([
    context.loaders.user.load(userId),
    context.loaders.organization.load(organizationId),
    context.loaders.role.load(membership.role.id),
  ]);
  return { user, organization, role };
}

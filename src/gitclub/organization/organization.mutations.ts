import { notFoundError } from '@rolegate/authz';
import type { EntityManager } from '../../db/database.js';
import { transact, usersWithAccessTo } from '../access-changes.js';
import { changeRole } from '../access-write/access-writes.js';
import { createWithCreatorRole } from '../access-write/create-with-creator-role.js';
import { organizationPlace } from '../access-write/place.js';
import { endAllAccessOn } from '../access-write/role-changes.js';
import { refusal } from '../../errors/refusal.js';
import { requireViewer, type RequestContext } from '../context.js';
import { OrganizationEntity } from '../entities/organization.entity.js';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity.js';
import { initialDefaultRepositoryRole } from '../policy/policy.js';
import { assertHoldsOrganizationWide } from '../guards/escalation-guard.js';
import { findAssignableRole } from '../role/find-assignable-role.js';
import { findRoleViews } from '../role/role-view.js';
import { requireEmail, requireLogin, requireText, requireUuid } from '../validation.js';

interface OrganizationInput {
  organizationId: string;
}

/** Mutations on organizations and their members. Checks live in the schema's `@auth`; these only change data. */
export const organizationMutations = {
  createOrganization: async (_: unknown, { input }: { input: { login: string; name: string } }, context: RequestContext) => {
    requireViewer(context);
    const login = requireLogin(input.login, 'input.login');
    const name = requireText(input.name, 'input.name', 100);
    const taken = `The login "${login}" is already taken.`;
    if (await context.em.findOne(OrganizationEntity, { login })) throw refusal('ALREADY_EXISTS', taken, { argument: 'input.login' });
    const organization = await createWithCreatorRole(context, 'organization', taken, async ({ tx }) => {
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
    await transact(context, async (unit) => {
      const organization = await requireOrganization(unit.tx, input.organizationId);
      await endAllAccessOn(unit, organizationPlace(organization.id));
      unit.audit({
        organizationId: organization.id,
        action: 'organization.deleted',
        resourceType: 'organization',
        resourceId: organization.id,
        before: { login: organization.login },
      });
      await unit.tx.execute('delete from organizations where id = ?', [organization.id], 'run');
    });
    return { deletedOrganizationId: input.organizationId };
  },

  addMember: async (_: unknown, { input }: { input: OrganizationInput & { userId: string; role: string } }, context: RequestContext) => {
    const userId = requireUuid(input.userId, 'input.userId');
    const place = organizationPlace(input.organizationId);
    await changeRole(
      context,
      { kind: 'assign', userId, place, roleName: input.role },
      'That user is already a member; use changeMemberRole.',
    );
    return { membership: await membershipView(context, input.organizationId, userId) };
  },

  changeMemberRole: async (
    _: unknown,
    { input }: { input: OrganizationInput & { userId: string; role: string } },
    context: RequestContext,
  ) => {
    const userId = requireUuid(input.userId, 'input.userId');
    await changeRole(context, { kind: 'change', userId, place: organizationPlace(input.organizationId), roleName: input.role });
    return { membership: await membershipView(context, input.organizationId, userId) };
  },

  removeMember: async (_: unknown, { input }: { input: OrganizationInput & { userId: string } }, context: RequestContext) => {
    const userId = requireUuid(input.userId, 'input.userId');
    await changeRole(context, { kind: 'remove', userId, place: organizationPlace(input.organizationId) });
    return { organization: await context.em.findOne(OrganizationEntity, { id: input.organizationId }) };
  },
};

async function requireOrganization(em: EntityManager, id: string) {
  const organization = await em.findOne(OrganizationEntity, { id });
  if (!organization) throw notFoundError();
  return organization;
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

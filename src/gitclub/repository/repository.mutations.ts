import { LockMode } from '@mikro-orm/core';
import { notFoundError } from '@rolegate/authz';
import { badUserInputError } from '../../input/bad-user-input-error.js';
import type { EntityManager } from '../../db/database.js';
import { transact } from '../access-changes.js';
import { updateFields } from '../update-fields.js';
import { refusal } from '../errors.js';
import { requireViewer, type RequestContext } from '../context.js';
import { RepositoryEntity } from '../entities/repository.entity.js';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { WorkflowRunEntity } from '../entities/workflow-run.entity.js';
import { createWithCreatorRole } from '../role/give-creator-role.js';
import { auditRoleChange } from '../role/audit-role-change.js';
import { assertMayAssign } from '../guards/escalation-guard.js';
import { findAssignableRole } from '../role/find-assignable-role.js';
import { heldOnRepository, type HeldRole } from '../guards/held-permissions.js';
import { roleChangeTarget } from '../guards/own-role-guard.js';
import { findRoleViews, type RoleView } from '../role/role-view.js';
import { assertHoldsTargetPermissions } from '../guards/target-guard.js';
import { defaultRepositoryRoleOf } from './default-repository-role.js';
import { requireName, requireText } from '../validation.js';

interface RepositoryInput {
  repositoryId: string;
}

/** Mutations on repositories and their roles. Checks live in the schema's `@auth`; these only change data. */
export const repositoryMutations = {
  createRepository: async (
    _: unknown,
    { input }: { input: { organizationId: string; name: string; description?: string | null; readme?: string | null } },
    context: RequestContext,
  ) => {
    const { viewer } = requireViewer(context);
    const name = requireName(input.name, 'input.name');
    const description = optionalText(input.description, 'input.description', 1000);
    const readme = optionalText(input.readme, 'input.readme', 100_000);
    const taken = `A repository named "${name}" already exists in this organization.`;
    const repository = await createWithCreatorRole(context, viewer.id, 'repository', taken, async ({ tx }) => {
      if (await tx.findOne(RepositoryEntity, { organization: input.organizationId, name }))
        throw refusal('ALREADY_EXISTS', taken, { argument: 'input.name' });
      const created = tx.create(RepositoryEntity, { organization: input.organizationId, name, description, readme });
      return { created, organizationId: input.organizationId };
    });
    return { repository };
  },

  updateRepository: async (
    _: unknown,
    { input }: { input: RepositoryInput & { description?: string | null; readme?: string | null } },
    context: RequestContext,
  ) => {
    const description = input.description === undefined ? undefined : optionalText(input.description, 'input.description', 1000);
    const readme = input.readme === undefined ? undefined : optionalText(input.readme, 'input.readme', 100_000);
    const repository = await updateFields(context, (tx) => requireRepository(tx, input.repositoryId), { description, readme });
    return { repository };
  },

  deleteRepository: async (_: unknown, { input }: { input: RepositoryInput }, context: RequestContext) => {
    const organizationId = await transact(context, async ({ tx, audit, changed }) => {
      const repository = await requireRepository(tx, input.repositoryId);
      const holders = await tx.execute<{ user_id: string }[]>(
        `select user_id from role_assignments where resource_type = 'repository' and resource_id = ?`,
        [repository.id],
      );
      await tx.execute(`delete from role_assignments where resource_type = 'repository' and resource_id = ?`, [repository.id], 'run');
      // Pending requests for access to it (or its issues) can no longer be granted; decided ones stay as history.
      await tx.execute(
        `delete from access_requests where status = 'pending'
           and (resource_id = ? or resource_id in (select id from issues where repository_id = ?))`,
        [repository.id, repository.id],
        'run',
      );
      audit({
        organizationId: repository.organization.id,
        action: 'repository.deleted',
        resourceType: 'repository',
        resourceId: repository.id,
        before: { name: repository.name },
      });
      await changed(holders.map((row) => row.user_id));
      await tx.execute('delete from repositories where id = ?', [repository.id], 'run');
      return repository.organization.id;
    });
    return { organization: await context.loaders.organization.load(organizationId) };
  },

  assignRepositoryRole: async (
    _: unknown,
    { input }: { input: RepositoryInput & { userId: string; role: string } },
    context: RequestContext,
  ) => {
    const { authorizer, userId } = roleChangeTarget(context, input.userId);
    const alreadyHeld = 'That user was given a role on this repository at the same moment; try again.';
    const repository = await transact(
      context,
      async ({ tx, audit, changed }) => {
        // Assignments to one repository take turns: a racing identical one finds the role in place (nothing to write).
        const found = await requireRepository(tx, input.repositoryId, { lock: true });
        if (!(await tx.findOne(UserEntity, { id: userId }))) throw notFoundError();
        const role = await findAssignableRole(tx, found.organization.id, input.role, 'repository');
        const existing = await tx.findOne(RoleAssignmentEntity, { user: userId, resourceType: 'repository', resourceId: found.id });
        const [previous] = existing ? await findRoleViews(tx, 'r.id = ?', [existing.role.id]) : [];
        // What the user holds there now (an admin holds everything, whatever their explicit role), which the new role replaces.
        await assertHoldsTargetPermissions(authorizer, await heldOnRepository(tx, found.id, userId), found.id);
        await assertMayAssign(tx, authorizer, heldOn(found, role));
        if (previous?.id === role.id) return found;
        if (existing) await tx.execute('update role_assignments set role_id = ? where id = ?', [role.id, existing.id], 'run');
        else tx.create(RoleAssignmentEntity, { user: userId, role: role.id, resourceType: 'repository', resourceId: found.id });
        auditRoleChange(
          { audit },
          {
            kind: previous ? 'changed' : 'added',
            organizationId: found.organization.id,
            resourceType: 'repository',
            resourceId: found.id,
            userId,
            before: previous?.name,
            after: role.name,
          },
        );
        await changed([userId]);
        return found;
      },
      { alreadyExists: alreadyHeld },
    );
    return { repository };
  },

  removeRepositoryRole: async (_: unknown, { input }: { input: RepositoryInput & { userId: string } }, context: RequestContext) => {
    const { authorizer, userId } = roleChangeTarget(context, input.userId);
    const repository = await transact(context, async ({ tx, audit, changed }) => {
      const found = await requireRepository(tx, input.repositoryId);
      const existing = await tx.findOne(RoleAssignmentEntity, { user: userId, resourceType: 'repository', resourceId: found.id });
      if (!existing) throw badUserInputError('That user holds no explicit role on this repository.', { argument: 'input.userId' });
      const [previous] = await findRoleViews(tx, 'r.id = ?', [existing.role.id]);
      await assertHoldsTargetPermissions(authorizer, await heldOnRepository(tx, found.id, userId), found.id);
      // A member falls back on the default role, which may hold more: removing gives it.
      const fallback = await defaultRepositoryRoleOf(tx, found.organization.id, userId);
      if (fallback) await assertMayAssign(tx, authorizer, heldOn(found, fallback));
      await tx.execute('delete from role_assignments where id = ?', [existing.id], 'run');
      auditRoleChange(
        { audit },
        {
          kind: 'removed',
          organizationId: found.organization.id,
          resourceType: 'repository',
          resourceId: found.id,
          userId,
          before: previous?.name,
        },
      );
      await changed([userId]);
      return found;
    });
    return { repository };
  },

  triggerWorkflow: async (_: unknown, { input }: { input: RepositoryInput & { workflow: string } }, context: RequestContext) => {
    const { viewer } = requireViewer(context);
    const workflow = requireName(input.workflow, 'input.workflow');
    const workflowRun = await transact(
      context,
      async ({ tx }) => {
        const repository = await requireRepository(tx, input.repositoryId);
        return tx.create(WorkflowRunEntity, { repository, workflow, triggeredBy: viewer.id });
      },
      { contentOnly: true },
    );
    return { workflowRun };
  },
};

/** A repository role as held (or to be held) on one repository, for the guards. */
function heldOn(repository: { id: string; organization: { id: string } }, role: RoleView): HeldRole {
  return { role, resourceType: 'repository', resourceId: repository.id, organizationId: repository.organization.id };
}

/**
 * Loads a repository the directive already checked; NOT_FOUND if it vanished meanwhile. With
 * `lock` (inside a transaction), its row stays locked until commit, so changes to one repository
 * that must see each other's writes (issue numbers, identical role assignments) take turns.
 */
export async function requireRepository(em: EntityManager, id: string, options: { lock?: boolean } = {}) {
  const repository = await em.findOne(RepositoryEntity, { id }, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!repository) throw notFoundError();
  return repository;
}

function optionalText(value: string | null | undefined, argument: string, maxLength: number): string | null {
  return value == null ? null : requireText(value, argument, maxLength, 0);
}

import { notFoundError } from '@rolegate/authz';
import type { EntityManager } from '../../db/database.js';
import { transact } from '../access-changes.js';
import { changeRole } from '../access-write/access-writes.js';
import { createWithCreatorRole } from '../access-write/create-with-creator-role.js';
import { endAllAccessOn } from '../access-write/role-changes.js';
import { updateFields } from '../update-fields.js';
import { refusal } from '../../errors/refusal.js';
import { requireViewer, type RequestContext } from '../context.js';
import { RepositoryEntity } from '../entities/repository.entity.js';
import { WorkflowRunEntity } from '../entities/workflow-run.entity.js';
import { requireName, requireText, requireUuid } from '../validation.js';

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
    requireViewer(context);
    const name = requireName(input.name, 'input.name');
    const description = optionalText(input.description, 'input.description', 1000);
    const readme = optionalText(input.readme, 'input.readme', 100_000);
    const taken = `A repository named "${name}" already exists in this organization.`;
    const repository = await createWithCreatorRole(context, 'repository', taken, async ({ tx }) => {
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
    const organizationId = await transact(context, async (unit) => {
      const repository = await requireRepository(unit.tx, input.repositoryId);
      await endAllAccessOn(unit, { resourceType: 'repository', resourceId: repository.id });
      unit.audit({
        organizationId: repository.organization.id,
        action: 'repository.deleted',
        resourceType: 'repository',
        resourceId: repository.id,
        before: { name: repository.name },
      });
      await unit.tx.execute('delete from repositories where id = ?', [repository.id], 'run');
      return repository.organization.id;
    });
    return { organization: await context.loaders.organization.load(organizationId) };
  },

  assignRepositoryRole: async (
    _: unknown,
    { input }: { input: RepositoryInput & { userId: string; role: string } },
    context: RequestContext,
  ) => {
    const userId = requireUuid(input.userId, 'input.userId');
    const place = { resourceType: 'repository', resourceId: input.repositoryId } as const;
    await changeRole(
      context,
      { kind: 'set', userId, place, roleName: input.role },
      'That user was given a role on this repository at the same moment; try again.',
    );
    return { repository: await requireRepository(context.em, input.repositoryId) };
  },

  removeRepositoryRole: async (_: unknown, { input }: { input: RepositoryInput & { userId: string } }, context: RequestContext) => {
    const userId = requireUuid(input.userId, 'input.userId');
    await changeRole(context, { kind: 'remove', userId, place: { resourceType: 'repository', resourceId: input.repositoryId } });
    return { repository: await requireRepository(context.em, input.repositoryId) };
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

/** Loads a repository the directive already checked; NOT_FOUND if it vanished meanwhile. */
export async function requireRepository(em: EntityManager, id: string) {
  const repository = await em.findOne(RepositoryEntity, { id });
  if (!repository) throw notFoundError();
  return repository;
}

function optionalText(value: string | null | undefined, argument: string, maxLength: number): string | null {
  return value == null ? null : requireText(value, argument, maxLength, 0);
}

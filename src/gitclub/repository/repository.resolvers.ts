import { notFoundError } from '@rolegate/authz';
import { requireViewer, type RequestContext } from '../context.js';
import { IssueEntity, type Issue } from '../entities/issue.entity.js';
import { OrganizationEntity } from '../entities/organization.entity.js';
import { RepositoryEntity, type Repository } from '../entities/repository.entity.js';
import { WorkflowRunEntity, type WorkflowRun } from '../entities/workflow-run.entity.js';
import { afterNewestFirst, connection, newestFirstKey, pageRequest, type PageArgs } from '../pagination.js';
import { viewerFieldsOf } from '../viewer-fields.js';
import { badUserInputError } from '../../input/bad-user-input-error.js';

const viewerFields = viewerFieldsOf('repository');

/** Resolvers for repositories, their issues, collaborators and workflow runs. */
export const repositoryResolvers = {
  Query: {
    repository: async (_: unknown, args: { owner: string; name: string }, context: RequestContext) => {
      const organization = await context.em.findOne(OrganizationEntity, { login: args.owner });
      const repository = organization && (await context.em.findOne(RepositoryEntity, { organization, name: args.name }));
      if (!repository) throw notFoundError();
      if (organization) context.loaders.organization.prime(organization.id, organization);
      return repository;
    },
  },
  Repository: {
    nameWithOwner: async (repository: Repository, _args: unknown, context: RequestContext) =>
      `${(await context.loaders.organization.load(repository.organization.id))?.login}/${repository.name}`,
    organization: (repository: Repository, _args: unknown, context: RequestContext) =>
      context.loaders.organization.load(repository.organization.id),
    viewerRole: (repository: Repository, _args: unknown, context: RequestContext) =>
      viewerFields.viewerRole(repository, repository.organization.id, context),
    viewerPermissions: viewerFields.viewerPermissions,
    collaborators: async (repository: Repository, _args: unknown, context: RequestContext) => {
      const assignments = await context.loaders.repositoryAssignments.load(repository.id);
      const [users, roles] = await Promise.all([
        context.loaders.user.loadMany(assignments.map((assignment) => assignment.userId)),
        context.loaders.role.loadMany(assignments.map((assignment) => assignment.roleId)),
      ]);
      return assignments.map((_assignment, index) => ({ user: users[index], role: roles[index] }));
    },
    issues: async (repository: Repository, args: PageArgs & { state?: 'OPEN' | 'CLOSED' | null }, context: RequestContext) => {
      requireViewer(context);
      const page = pageRequest(args);
      const after = page.after === undefined ? undefined : Number(page.after);
      if (after !== undefined && !Number.isInteger(after))
        throw badUserInputError('"after" is not a cursor this API issued.', { argument: 'after' });
      const where = { repository: repository.id, ...(args.state ? { state: args.state } : {}) };
      const issues = await context.em.find(
        IssueEntity,
        { ...where, ...(after === undefined ? {} : { number: { $gt: after } }) },
        { orderBy: { number: 'asc' }, limit: page.limit + 1 },
      );
      return connection(
        issues,
        page,
        (issue: Issue) => String(issue.number),
        () => context.em.count(IssueEntity, where),
      );
    },
    workflowRuns: async (repository: Repository, args: PageArgs, context: RequestContext) => {
      const page = pageRequest(args);
      const count = () => context.loaders.workflowRunCount.load(repository.id);
      if (page.after === undefined) {
        // First pages (the common case, and lists of repositories) batch across repositories.
        const latest = await context.loaders.latestWorkflowRuns.load(`${repository.id}|${page.limit + 1}`);
        return connection(latest, page, newestFirstKey, count);
      }
      const runs = await context.em.find(
        WorkflowRunEntity,
        { repository: repository.id, ...afterNewestFirst(page.after) },
        { orderBy: { createdAt: 'desc', id: 'desc' }, limit: page.limit + 1 },
      );
      return connection(runs, page, newestFirstKey, count);
    },
  },
  WorkflowRun: {
    triggeredBy: (run: WorkflowRun, _args: unknown, context: RequestContext) => context.loaders.user.load(run.triggeredBy.id),
    createdAt: (run: WorkflowRun) => run.createdAt.toISOString(),
  },
};

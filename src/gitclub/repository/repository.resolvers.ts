import { notFoundError } from '@rolegate/authz';
import { requireViewer, type RequestContext } from '../context.js';
import { primeRepositoryAccess } from '../access/repository-access.js';
import { findRepositoryByName } from './repository-by-name.js';
import type { IssueRead, RepositoryRead, WorkflowRunRead } from '../read-models.js';
import { connection, newestFirstKey, pageRequest, type PageArgs } from '../pagination.js';
import { viewerFieldsOf } from '../viewer-fields.js';

const viewerFields = viewerFieldsOf('repository');

/** Resolvers for repositories, their issues, collaborators and workflow runs. */
export const repositoryResolvers = {
  Query: {
    repository: async (_: unknown, args: { owner: string; name: string }, context: RequestContext) => {
      const found = await findRepositoryByName(context.em, context.viewer, args.owner, args.name);
      if (!found) throw notFoundError();
      context.loaders.organization.prime(found.organization.id, found.organization);
      if (context.authorizer) await primeRepositoryAccess(context.authorizer, [found.repository]);
      return found.repository;
    },
  },
  Repository: {
    // Lists leave the readme out (up to 100,000 characters each): what a list asks for comes in one statement by ids.
    readme: async (repository: RepositoryRead, _args: unknown, context: RequestContext) =>
      repository.readme !== undefined ? repository.readme : ((await context.loaders.repository.load(repository.id))?.readme ?? null),
    nameWithOwner: async (repository: RepositoryRead, _args: unknown, context: RequestContext) =>
      `${(await context.loaders.organization.load(repository.organization.id))?.login}/${repository.name}`,
    organization: (repository: RepositoryRead, _args: unknown, context: RequestContext) =>
      context.loaders.organization.load(repository.organization.id),
    viewerRole: (repository: RepositoryRead, _args: unknown, context: RequestContext) =>
      viewerFields.viewerRole(repository, repository.organization.id, context),
    viewerPermissions: viewerFields.viewerPermissions,
    collaborators: async (repository: RepositoryRead, _args: unknown, context: RequestContext) => {
      const assignments = await context.loaders.repositoryAssignments.load(repository.id);
      const [users, roles] = await Promise.all([
        context.loaders.user.loadMany(assignments.map((assignment) => assignment.userId)),
        context.loaders.role.loadMany(assignments.map((assignment) => assignment.roleId)),
      ]);
      return assignments.map((_assignment, index) => ({ user: users[index], role: roles[index] }));
    },
    issues: async (repository: RepositoryRead, args: PageArgs & { state?: 'OPEN' | 'CLOSED' | null }, context: RequestContext) => {
      requireViewer(context);
      const page = pageRequest(args);
      const filter = args.state ?? '';
      const issues = await context.loaders.issuePages.load({ parentId: repository.id, filter, after: page.after, limit: page.limit + 1 });
      return connection(
        issues,
        page,
        (issue: IssueRead) => String(issue.number),
        () => context.loaders.issueCount.load({ parentId: repository.id, filter }),
      );
    },
    workflowRuns: async (repository: RepositoryRead, args: PageArgs, context: RequestContext) => {
      const page = pageRequest(args);
      const runs = await context.loaders.workflowRunPages.load({
        parentId: repository.id,
        filter: '',
        after: page.after,
        limit: page.limit + 1,
      });
      return connection(runs, page, newestFirstKey, () => context.loaders.workflowRunCount.load({ parentId: repository.id, filter: '' }));
    },
  },
  WorkflowRun: {
    triggeredBy: (run: WorkflowRunRead, _args: unknown, context: RequestContext) => context.loaders.user.load(run.triggeredBy.id),
    createdAt: (run: WorkflowRunRead) => run.createdAt.toISOString(),
  },
};

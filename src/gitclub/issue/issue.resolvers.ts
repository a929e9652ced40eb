import { notFoundError } from '@rolegate/authz';
import type { EntityManager } from '../../db/database.js';
import { requireViewer, type RequestContext } from '../context.js';
import { IssueEntity, type Issue } from '../entities/issue.entity.js';
import { requireText } from '../validation.js';
import { viewerFieldsOf } from '../viewer-fields.js';
import { requireRepository } from '../repository/repository.mutations.js';

interface IssueInput {
  issueId: string;
}

/** Resolvers and mutations for issues. */
export const issueResolvers = {
  Issue: {
    author: (issue: Issue, _args: unknown, context: RequestContext) => context.loaders.user.load(issue.author.id),
    viewerPermissions: viewerFieldsOf('issue').viewerPermissions,
  },
  Mutation: {
    createIssue: async (
      _: unknown,
      { input }: { input: { repositoryId: string; title: string; body?: string | null } },
      context: RequestContext,
    ) => {
      const { viewer } = requireViewer(context);
      const title = requireText(input.title, 'input.title', 200);
      const body = input.body == null ? null : requireText(input.body, 'input.body', 65_536, 0);
      const issue = await context.em.transactional(async (tx) => {
        // Numbers are per repository; locking the repository row keeps them unique under concurrency.
        const repository = await requireRepository(tx, input.repositoryId, { lock: true });
        const [row] = await tx.execute<{ next: number }[]>(
          'select coalesce(max(number), 0) + 1 as next from issues where repository_id = ?',
          [repository.id],
        );
        return tx.create(IssueEntity, { repository, number: Number(row?.next ?? 1), title, body, author: viewer.id, state: 'OPEN' });
      });
      return { issue };
    },
    closeIssue: async (_: unknown, { input }: { input: IssueInput }, context: RequestContext) => {
      const issue = await requireIssue(context.em, input.issueId);
      issue.state = 'CLOSED';
      await context.em.flush();
      return { issue };
    },
    updateIssue: async (
      _: unknown,
      { input }: { input: IssueInput & { title?: string; body?: string | null } },
      context: RequestContext,
    ) => {
      const issue = await requireIssue(context.em, input.issueId);
      if (input.title !== undefined) issue.title = requireText(input.title, 'input.title', 200);
      if (input.body !== undefined) issue.body = input.body === null ? null : requireText(input.body, 'input.body', 65_536, 0);
      await context.em.flush();
      return { issue };
    },
  },
};

async function requireIssue(em: EntityManager, id: string) {
  const issue = await em.findOne(IssueEntity, { id });
  if (!issue) throw notFoundError();
  return issue;
}

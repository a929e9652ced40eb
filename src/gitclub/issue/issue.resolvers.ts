import { decidedInWrite, notFoundError, type WriteGuard } from '@rolegate/authz';
import type { EntityManager } from '../../db/database.js';
import { requireViewer, type RequestContext } from '../context.js';
import { IssueEntity } from '../entities/issue.entity.js';
import { requireText } from '../validation.js';
import { transact } from '../access-changes.js';
import { updateFields } from '../update-fields.js';
import type { IssueRead } from '../read-models.js';
import { viewerFieldsOf } from '../viewer-fields.js';
import { primeCreatedIssueAccess } from '../access/issue-access.js';
import { openIssue } from './open-issue.js';
import { repositoryWriteGuard } from '../access/repository-write-guard.js';

interface IssueInput {
  issueId: string;
}

/** Resolvers and mutations for issues. */
export const issueResolvers = {
  Issue: {
    author: (issue: IssueRead, _args: unknown, context: RequestContext) => context.loaders.user.load(issue.author.id),
    viewerPermissions: viewerFieldsOf('issue').viewerPermissions,
  },
  Mutation: {
    // The check on the repository is settled by the insert's own statement (repository-write-guard.ts).
    createIssue: decidedInWrite(
      async (
        _: unknown,
        { input }: { input: { repositoryId: string; title: string; body?: string | null } },
        context: RequestContext,
        _info: unknown,
        pending: WriteGuard,
      ) => {
        const { viewer, authorizer } = requireViewer(context);
        const title = requireText(input.title, 'input.title', 200);
        const body = input.body == null ? null : requireText(input.body, 'input.body', 65_536, 0);
        const guard = await repositoryWriteGuard(viewer, pending, context.repositoryWriteAccess);
        const issue = await transact(
          context,
          async ({ tx }) => {
            // Numbered per repository by its counter, in the insert's own statement (open-issue.ts).
            const opened = await openIssue(tx, { repositoryId: input.repositoryId, title, body, authorId: viewer.id }, guard);
            if (!opened) throw notFoundError();
            return opened;
          },
          { contentOnly: true, settles: pending },
        );
        primeCreatedIssueAccess(authorizer, { id: issue.id, repositoryId: issue.repository.id });
        context.publishLive({ topic: 'issue', repositoryId: issue.repository.id, issueId: issue.id, action: 'OPENED' });
        return { issue };
      },
    ),
    closeIssue: async (_: unknown, { input }: { input: IssueInput }, context: RequestContext) => {
      const issue = await transact(
        context,
        async ({ tx }) => {
          const found = await requireIssue(tx, input.issueId);
          found.state = 'CLOSED';
          return found;
        },
        { contentOnly: true },
      );
      context.publishLive({ topic: 'issue', repositoryId: issue.repository.id, issueId: issue.id, action: 'CLOSED' });
      return { issue };
    },
    updateIssue: async (
      _: unknown,
      { input }: { input: IssueInput & { title?: string; body?: string | null } },
      context: RequestContext,
    ) => {
      const title = input.title === undefined ? undefined : requireText(input.title, 'input.title', 200);
      const body = input.body === undefined || input.body === null ? input.body : requireText(input.body, 'input.body', 65_536, 0);
      const issue = await updateFields(context, (tx) => requireIssue(tx, input.issueId), { title, body });
      context.publishLive({ topic: 'issue', repositoryId: issue.repository.id, issueId: issue.id, action: 'UPDATED' });
      return { issue };
    },
  },
};

async function requireIssue(em: EntityManager, id: string) {
  const issue = await em.findOne(IssueEntity, { id });
  if (!issue) throw notFoundError();
  return issue;
}

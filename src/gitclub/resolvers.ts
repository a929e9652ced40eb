import { auditLogResolvers } from './audit/audit-log.js';
import type { RequestContext } from './context.js';
import { issueResolvers } from './issue/issue.resolvers.js';
import { organizationMutations } from './organization/organization.mutations.js';
import { organizationResolvers } from './organization/organization.resolvers.js';
import { repositoryMutations } from './repository/repository.mutations.js';
import { repositoryResolvers } from './repository/repository.resolvers.js';
import { roleResolvers } from './role/role.resolvers.js';
import { userResolvers } from './user/user.resolvers.js';

/** Every resolver of the GitClub schema. None holds role logic: checks live in `@auth` and the authorizer. */
export const resolvers = {
  Query: { ...userResolvers.Query, ...organizationResolvers.Query, ...repositoryResolvers.Query, ...roleResolvers.Query },
  Mutation: { ...userResolvers.Mutation, ...organizationMutations, ...repositoryMutations, ...issueResolvers.Mutation, ...roleResolvers.Mutation },
  User: userResolvers.User,
  Organization: organizationResolvers.Organization,
  Repository: repositoryResolvers.Repository,
  WorkflowRun: repositoryResolvers.WorkflowRun,
  Issue: issueResolvers.Issue,
  AuditLogEntry: auditLogResolvers.AuditLogEntry,
  Membership: {
    organization: (membership: { organization: { id: string } }, _args: unknown, context: RequestContext) =>
      context.loaders.organization.load(membership.organization.id),
  },
};

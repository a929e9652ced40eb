import { auditLogResolvers } from './audit/audit-log.js';
import type { RequestContext } from './context.js';
import { explainResolvers, viewerCanOf } from './explain/explain.resolvers.js';
import { grantResolvers } from './grant/grant.resolvers.js';
import { roleReportResolvers } from './governance/role-report.resolvers.js';
import { suspensionResolvers } from './platform/suspension.resolvers.js';
import { issueResolvers } from './issue/issue.resolvers.js';
import { organizationMutations } from './organization/organization.mutations.js';
import { organizationResolvers } from './organization/organization.resolvers.js';
import { repositoryMutations } from './repository/repository.mutations.js';
import { repositoryResolvers } from './repository/repository.resolvers.js';
import { roleResolvers } from './role/role.resolvers.js';
import { userResolvers } from './user/user.resolvers.js';

/** Every resolver of the GitClub schema. None holds role logic: checks live in `@auth` and the authorizer. */
export const resolvers = {
  Query: {
    ...userResolvers.Query,
    ...organizationResolvers.Query,
    ...repositoryResolvers.Query,
    ...roleResolvers.Query,
    ...explainResolvers.Query,
  },
  Mutation: {
    ...userResolvers.Mutation,
    ...organizationMutations,
    ...repositoryMutations,
    ...issueResolvers.Mutation,
    ...roleResolvers.Mutation,
    ...grantResolvers.Mutation,
    ...suspensionResolvers.Mutation,
  },
  User: { ...userResolvers.User, ...suspensionResolvers.User },
  Organization: {
    ...organizationResolvers.Organization,
    ...grantResolvers.Organization,
    ...roleReportResolvers.Organization,
    viewerCan: viewerCanOf('organization'),
  },
  GrantHolder: roleReportResolvers.GrantHolder,
  PermissionGrant: grantResolvers.PermissionGrant,
  Repository: { ...repositoryResolvers.Repository, viewerCan: viewerCanOf('repository') },
  WorkflowRun: repositoryResolvers.WorkflowRun,
  Issue: { ...issueResolvers.Issue, viewerCan: viewerCanOf('issue') },
  AuditLogEntry: auditLogResolvers.AuditLogEntry,
  Membership: {
    organization: (membership: { organization: { id: string } }, _args: unknown, context: RequestContext) =>
      context.loaders.organization.load(membership.organization.id),
  },
};

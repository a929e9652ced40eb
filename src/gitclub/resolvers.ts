import type { IResolvers } from '@graphql-tools/utils';
import { offboardingResolvers } from './access-holders/offboarding.resolvers.js';
import { peopleWithAccessResolvers } from './access-holders/people-with-access.resolvers.js';
import { accessRequestResolvers } from './access-request/access-request.resolvers.js';
import { accessRequestEventResolvers } from './access-request/access-request-events.resolvers.js';
import { accessReviewResolvers } from './access-review/access-review.resolvers.js';
import { auditLogResolvers } from './audit/audit-log.js';
import { auditLogEntriesResolvers } from './audit/audit-log-entries.resolvers.js';
import type { RequestContext } from './context.js';
import { explainResolvers, viewerCanOf } from './explain/explain.resolvers.js';
import { grantResolvers } from './grant/grant.resolvers.js';
import { roleReportResolvers } from './governance/role-report.resolvers.js';
import { suspensionResolvers } from './platform/suspension.resolvers.js';
import { issueResolvers } from './issue/issue.resolvers.js';
import { issueEventResolvers } from './issue/issue-events.resolvers.js';
import { viewerAccessChangedResolvers } from './explain/viewer-access-changed.resolvers.js';
import { organizationMutations } from './organization/organization.mutations.js';
import { organizationResolvers } from './organization/organization.resolvers.js';
import { countedTotal } from './pagination.js';
import type { ResourceType } from './policy/policy.js';
import { repositoryMutations } from './repository/repository.mutations.js';
import { repositoryResolvers } from './repository/repository.resolvers.js';
import { resourceTypes } from './resources.js';
import { roleResolvers } from './role/role.resolvers.js';
import { userResolvers } from './user/user.resolvers.js';

/** Each resource type's GraphQL object gets `viewerCan(permission)`, from the resource registry. */
const viewerCanFields = Object.fromEntries(
  (Object.keys(resourceTypes) as ResourceType[]).flatMap((type) => {
    const graphqlType = resourceTypes[type].graphqlType;
    return graphqlType ? [[graphqlType, { viewerCan: viewerCanOf(type) }]] : [];
  }),
);

/** The schema's connection types, each built by `connection()` (pagination.ts): their `totalCount` is counted when asked. */
const connectionTypes = [
  'AccessHolderConnection',
  'AccessRequestConnection',
  'AccessReviewConnection',
  'AccessReviewItemConnection',
  'AuditLogConnection',
  'IssueConnection',
  'MembershipConnection',
  'RepositoryConnection',
  'ResourceAccessConnection',
  'WorkflowRunConnection',
];
const connectionResolvers = Object.fromEntries(connectionTypes.map((type) => [type, countedTotal]));

const membershipResolvers = {
  Membership: {
    organization: (membership: { organization: { id: string } }, _args: unknown, context: RequestContext) =>
      context.loaders.organization.load(membership.organization.id),
  },
};

/**
 * Every resolver of the GitClub schema, one map per module, which `makeExecutableSchema` merges.
 * None holds role logic: checks live in `@auth` and the authorizer.
 */
export const resolvers: IResolvers[] = [
  userResolvers,
  suspensionResolvers,
  organizationResolvers,
  { Mutation: organizationMutations },
  membershipResolvers,
  repositoryResolvers,
  { Mutation: repositoryMutations },
  issueResolvers,
  issueEventResolvers,
  viewerAccessChangedResolvers,
  roleResolvers,
  grantResolvers,
  accessRequestResolvers,
  accessRequestEventResolvers,
  roleReportResolvers,
  explainResolvers,
  peopleWithAccessResolvers,
  offboardingResolvers,
  accessReviewResolvers,
  auditLogResolvers,
  auditLogEntriesResolvers,
  viewerCanFields,
  connectionResolvers,
];

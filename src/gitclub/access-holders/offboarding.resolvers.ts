import { badUserInputError } from '../../errors/graphql-errors.js';
import { offboardMember, type OffboardingReport } from '../access-write/offboard-member.js';
import { offboardUser } from '../access-write/offboard-user.js';
import { requireViewer } from '../context.js';
import { platformId } from '../policy/policy.js';
import { viewerActor } from '../access-write/actor.js';
import type { RequestContext } from '../context.js';
import { requireUuid } from '../validation.js';
import { resourceAccess } from './people-with-access.resolvers.js';

/** An offboarding report as the schema shows it. */
async function reportView(context: RequestContext, organizationId: string, userId: string, report: OffboardingReport) {
  return {
    user: await context.loaders.user.load(userId),
    organization: await context.loaders.organization.load(organizationId),
    before: report.before.map(resourceAccess),
    after: report.after.map(resourceAccess),
  };
}

/**
 * `offboardMember` (the schema checks manage_members on the organization) and `offboardUser`
 * (platform admins: every organization, then suspension); the write path does the rest.
 */
export const offboardingResolvers = {
  Mutation: {
    offboardMember: async (
      _: unknown,
      { input }: { input: { organizationId: string; userId: string; reason: string } },
      context: RequestContext,
    ) => {
      const organizationId = requireUuid(input.organizationId, 'input.organizationId');
      const userId = requireUuid(input.userId, 'input.userId');
      const actor = viewerActor(context);
      // What the guards ask of the viewer's authorizer, loaded before the transaction (see preparedActor).
      if (actor.kind === 'user') await actor.authorizer.access('organization', organizationId);
      const report = await offboardMember(context, actor, { organizationId, userId, reason: input.reason });
      return reportView(context, organizationId, userId, report);
    },
    offboardUser: async (_: unknown, { input }: { input: { userId: string; reason: string } }, context: RequestContext) => {
      const { viewer, authorizer } = requireViewer(context);
      await authorizer.authorize('manage_users:platform', 'platform', platformId);
      const userId = requireUuid(input.userId, 'input.userId');
      if (userId === viewer.id) throw badUserInputError('You cannot offboard yourself.', { argument: 'input.userId' });
      const offboardings = await offboardUser(context, userId, input.reason);
      return {
        user: await context.loaders.user.load(userId),
        organizations: await Promise.all(
          offboardings.map(({ organization, report }) => reportView(context, organization.id, userId, report)),
        ),
        suspended: true,
      };
    },
  },
};

import { offboardMember } from '../access-write/offboard-member.js';
import { viewerActor } from '../access-write/actor.js';
import type { RequestContext } from '../context.js';
import { requireUuid } from '../validation.js';
import { resourceAccess } from './people-with-access.resolvers.js';

/** `offboardMember`: the schema checks manage_members on the organization; the write path does the rest. */
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
      return {
        user: await context.loaders.user.load(userId),
        organization: await context.loaders.organization.load(organizationId),
        before: report.before.map(resourceAccess),
        after: report.after.map(resourceAccess),
      };
    },
  },
};

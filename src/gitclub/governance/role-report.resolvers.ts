import type { RequestContext } from '../context.js';

/** `Organization.roleReport` and the user fields of its parts. */
export const roleReportResolvers = {
  Organization: {
    roleReport: (organization: { id: string }, args: { unusedDays?: number | null }, context: RequestContext) =>
      context.loaders.roleReport.load({ organizationId: organization.id, unusedDays: args.unusedDays ?? 90 }),
  },
  GrantHolder: {
    user: (holder: { userId: string }, _args: unknown, context: RequestContext) => context.loaders.user.load(holder.userId),
  },
};

import type { RequestContext } from '../context.js';
import type { LiveItem } from '../../subscriptions/live-stream.js';
import { liveFeedOf } from '../../subscriptions/live-feed-of.js';

/**
 * `Subscription.auditLogEntries`: an organization's audit entries as their changes commit. No role
 * logic: `@auth(read_audit_log)` on the field checks the organization when subscribing and at every
 * entry, with the access the viewer holds then (a re-check's item resolves to nothing and is sent
 * only when the check ends the subscription).
 */
export const auditLogEntriesResolvers = {
  Subscription: {
    auditLogEntries: {
      subscribe: (_: unknown, { organizationId }: { organizationId: string }, context: RequestContext) =>
        liveFeedOf(context).stream((event) =>
          event.topic === 'audit' && event.organizationId === organizationId ? event.entryId : undefined,
        ),
      resolve: (item: LiveItem<string>, _args: unknown, context: RequestContext) =>
        item.kind === 'recheck' ? null : context.loaders.auditLogEntry.load(item.payload),
    },
  },
};

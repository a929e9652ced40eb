import type { RequestContext } from '../context.js';
import type { LiveItem } from '../../subscriptions/live-stream.js';
import { liveFeedOf } from '../../subscriptions/live-feed-of.js';
import type { AccessRequestRead } from './access-request-read.js';

/**
 * Whether the viewer may be shown a request of their organization: as `Organization.accessRequests`
 * lists it, a request on a repository or one of its issues only when they can read that repository
 * (the authorizer answers; `read:issue` follows `read:repository`).
 */
async function shownToViewer(request: AccessRequestRead, context: RequestContext): Promise<boolean> {
  const authorizer = context.authorizer;
  if (!authorizer) return false;
  if (request.resourceType === 'repository') return authorizer.can('read:repository', 'repository', request.resourceId);
  if (request.resourceType === 'issue') return authorizer.can('read:issue', 'issue', request.resourceId);
  return true;
}

/**
 * `Subscription.accessRequestEvents`: an organization's access requests as they are made and
 * decided (the unit of work publishes each `access_request.*` audit entry's request after commit).
 * `@auth(manage_members)` on the field checks the organization when subscribing and at every
 * event; a request on what the manager cannot see resolves to nothing and is not sent.
 */
export const accessRequestEventResolvers = {
  Subscription: {
    accessRequestEvents: {
      subscribe: (_: unknown, { organizationId }: { organizationId: string }, context: RequestContext) =>
        liveFeedOf(context).stream((event) =>
          event.topic === 'access-request' && event.organizationId === organizationId ? event.requestId : undefined,
        ),
      resolve: async (item: LiveItem<string>, _args: unknown, context: RequestContext) => {
        if (item.kind === 'recheck') return null;
        const request = await context.loaders.accessRequest.load(item.payload);
        return request && (await shownToViewer(request, context)) ? request : null;
      },
    },
  },
};

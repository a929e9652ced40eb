import { requireViewer, type RequestContext } from '../context.js';
import { visibilityOf, type TenantResourceType } from '../resources.js';
import { tenantResourceTypeOf } from '../tenant-resource-type.js';
import { requireUuid } from '../validation.js';
import { viewerFieldsOf } from '../viewer-fields.js';
import { ChangesOnly } from '../../subscriptions/changes-only.js';
import { liveFeedOf } from '../../subscriptions/live-feed-of.js';
import type { LiveItem } from '../../subscriptions/live-stream.js';
import { notFoundError } from '@rolegate/authz';
import type { Permission } from '../policy/policy.js';

/** What `viewerAccessChanged` sends: the viewer's permissions on the resource now. */
interface ViewerAccessRead {
  readonly resourceId: string;
  readonly resourceType: string;
  readonly permissions: readonly string[];
}

/**
 * The viewer's access to a resource as it is now, asked of the request's authorizer (the context
 * of this event: fresh loaders): NOT_FOUND when the resource does not exist or the viewer cannot
 * see it, as a query about it answers.
 */
async function viewerAccessNow(context: RequestContext, resourceId: string): Promise<ViewerAccessRead> {
  const resourceType = await visibleResourceType(context, resourceId);
  const permissions = await viewerFieldsOf(resourceType).viewerPermissions({ id: resourceId }, {}, context);
  return { resourceId, resourceType: resourceType.toUpperCase(), permissions };
}

/** The type of a resource the viewer may see; NOT_FOUND when it does not exist or they cannot see it. */
async function visibleResourceType(context: RequestContext, resourceId: string): Promise<TenantResourceType> {
  const { authorizer } = requireViewer(context);
  const resourceType = await tenantResourceTypeOf(context.em, resourceId);
  if (!resourceType) throw notFoundError();
  const visibility = visibilityOf(resourceType);
  if (visibility) await authorizer.authorize(visibility as Permission, resourceType as never, resourceId);
  return resourceType;
}

/** The permissions each subscription last sent: a change is sent, a repeat is not. */
const changesOnly = new ChangesOnly();

/**
 * `Subscription.viewerAccessChanged`: the viewer's permissions on one organization, repository or
 * issue, sent when the subscription starts (so a frontend needs no query beside it) and then each
 * time a change to the viewer's access changes them (the bus's access events name the users whose
 * versions were raised; an event that leaves these permissions as they were sends nothing). The
 * resource's type is not in the arguments, so `@authenticated` guards the field and the check is
 * the authorizer's, at subscribe and at every event; no role logic here.
 */
export const viewerAccessChangedResolvers = {
  Subscription: {
    viewerAccessChanged: {
      subscribe: async (_: unknown, { resourceId }: { resourceId: string }, context: RequestContext) => {
        requireUuid(resourceId, 'resourceId');
        const { viewer } = requireViewer(context);
        await viewerAccessNow(context, resourceId);
        return liveFeedOf(context).stream(
          (event) => (event.topic === 'access' && event.userIds.includes(viewer.id) ? true : undefined),
          true,
        );
      },
      // Null (not sent) when the permissions are those sent last. A re-check only asks whether the viewer
      // still sees the resource (its result is sent only when it ends the subscription): the access event
      // that asked for it is an item of its own, and sends the change.
      resolve: async (item: LiveItem<true>, { resourceId }: { resourceId: string }, context: RequestContext) => {
        if (item.kind === 'recheck') {
          await visibleResourceType(context, resourceId);
          return null;
        }
        const access = await viewerAccessNow(context, resourceId);
        return changesOnly.send(liveFeedOf(context), item, access.permissions.join(' ')) ? access : null;
      },
    },
  },
};

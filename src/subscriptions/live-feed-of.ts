import type { RequestContext } from '../gitclub/context.js';
import { liveRequestError } from '../errors/subscription-errors.js';
import type { LiveFeed } from './live-feed.js';

/** The subscription's event stream; a subscription reaching a resolver any other way (not over WebSocket) is refused. */
export function liveFeedOf(context: RequestContext): LiveFeed {
  if (!context.live) throw liveRequestError('BAD_REQUEST', 'Subscriptions are served over WebSocket (graphql-ws) on /graphql.');
  return context.live;
}

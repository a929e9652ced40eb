import type { RequestContext } from '../gitclub/context.js';
import type { LiveFeed } from './live-feed.js';
import type { LiveItem } from './live-stream.js';

/**
 * One subscription's context over its lifetime. graphql-js hands the same context value to every
 * event's execution; this one forwards each read to the context of the current event, renewed
 * before each item (`renew`: the token checked again, fresh loaders and a fresh authorizer), so an
 * event is authorized with the viewer's access as it is at delivery, never with roles cached when
 * the subscription started. Events run one at a time (graphql-ws awaits each), so one current
 * context is enough.
 */
export class LiveOperation {
  #current: RequestContext;
  /** What the item being executed is: the results of re-checks are only sent when they end the subscription. */
  lastItem: LiveItem<unknown>['kind'] | undefined;
  /** When the revocation behind the re-check being executed was received (ms), for the revocation latency. */
  recheckSince: number | undefined;
  readonly context: RequestContext;

  constructor(first: RequestContext, feed: LiveFeed) {
    this.#current = first;
    this.context = new Proxy({} as RequestContext, {
      get: (_target, key) => (key === 'live' ? feed : Reflect.get(this.#current, key)),
      has: (_target, key) => key === 'live' || Reflect.has(this.#current, key),
    });
  }

  /** The context of the next item. */
  use(context: RequestContext): void {
    this.#current = context;
  }
}

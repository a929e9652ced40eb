import type { RequestContext } from '../gitclub/context.js';
import type { LiveConnection } from './live-connection.js';

/**
 * The request contexts of one event's fan-out, shared by the subscriptions it reaches with the same
 * credentials from the same client: one authentication and one set of loaders per viewer and event,
 * rather than one per subscription, so a thousand subscriptions of one viewer authorize an event
 * with one batch of role loads. A context is shared only within the turn the event is handed out
 * in; a subscription that reaches the event later (its client was still reading the previous one)
 * gets a context of its own, so access is always read at delivery.
 */
export class EventContexts {
  readonly #byCause = new Map<object, Map<string, Promise<RequestContext>>>();

  constructor(private readonly create: (connection: LiveConnection) => Promise<RequestContext>) {}

  /** The context for `connection`'s subscriptions handling the item `cause` started (a bus event, or subscribing). */
  contextFor(cause: object, connection: LiveConnection): Promise<RequestContext> {
    let shared = this.#byCause.get(cause);
    if (!shared) {
      shared = new Map();
      this.#byCause.set(cause, shared);
      // After the microtasks of this turn: every subscription waiting for the event has asked by then.
      setImmediate(() => this.#byCause.delete(cause));
    }
    const key = `${connection.clientIp ?? ''} ${connection.authorization ?? ''}`;
    let context = shared.get(key);
    if (!context) {
      context = this.create(connection);
      shared.set(key, context);
    }
    return context;
  }
}

import type { RequestContext } from '../context.js';
import type { IssueAction } from '../../subscriptions/live-event.js';
import type { LiveItem } from '../../subscriptions/live-stream.js';
import { liveFeedOf } from '../../subscriptions/live-feed-of.js';

/** An issue event as the bus carries it to `issueEvents`. */
interface IssueEventSource {
  readonly repositoryId: string;
  readonly issueId: string;
  readonly action: IssueAction;
}

/**
 * `Subscription.issueEvents`: the repository's issue events from the bus. No role logic: `@auth`
 * on the field checks the repository when subscribing and at every event (a re-check's item
 * resolves to nothing and is not sent unless the check ends the subscription), and the `Issue`
 * type's own `@auth` checks the issue, each time with the context of that event.
 */
export const issueEventResolvers = {
  Subscription: {
    issueEvents: {
      subscribe: (_: unknown, { repositoryId }: { repositoryId: string }, context: RequestContext) =>
        liveFeedOf(context).stream<IssueEventSource>((event) =>
          event.topic === 'issue' && event.repositoryId === repositoryId
            ? { repositoryId, issueId: event.issueId, action: event.action }
            : undefined,
        ),
      resolve: async (item: LiveItem<IssueEventSource>, _args: unknown, context: RequestContext) => {
        if (item.kind === 'recheck') return null;
        const issue = await context.loaders.issue.load(item.payload.issueId);
        return { action: item.payload.action, issue, repositoryId: item.payload.repositoryId };
      },
    },
  },
  IssueEvent: {
    repository: (event: { repositoryId: string }, _args: unknown, context: RequestContext) =>
      context.loaders.repository.load(event.repositoryId),
  },
};

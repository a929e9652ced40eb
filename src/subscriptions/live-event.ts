/** What happened to an issue, as `issueEvents` tells it. */
export type IssueAction = 'OPENED' | 'CLOSED' | 'UPDATED';

/**
 * One message on the event bus. Content events say what changed (never who may see it: that is
 * decided per subscriber at delivery); access events say whose access or tokens changed, so the
 * live connections of those users are re-checked or closed without waiting for content.
 */
export type LiveEvent =
  | { readonly topic: 'issue'; readonly repositoryId: string; readonly issueId: string; readonly action: IssueAction }
  /** An audit entry recorded in an organization's log (committed). */
  | { readonly topic: 'audit'; readonly organizationId: string; readonly entryId: string }
  /** An access request made or decided in an organization (committed). */
  | { readonly topic: 'access-request'; readonly organizationId: string; readonly requestId: string }
  /** Users whose access or sessions changed (their versions were raised): their subscriptions are re-checked. */
  | { readonly topic: 'access'; readonly userIds: readonly string[] }
  /** One access token revoked (logout): the connections signed in with it close. */
  | { readonly topic: 'token'; readonly jti: string }
  /** A session ended (logout, refresh-token reuse): the connections of its tokens close. */
  | { readonly topic: 'session'; readonly sessionId: string };

/** A bus message as it travels (JSON), checked field by field on receipt: what another instance sent is input. */
export function parseLiveEvent(raw: string): LiveEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const event = value as Record<string, unknown>;
  const isString = (key: string) => typeof event[key] === 'string';
  switch (event.topic) {
    case 'issue':
      return isString('repositoryId') && isString('issueId') && ['OPENED', 'CLOSED', 'UPDATED'].includes(event.action as string)
        ? (event as LiveEvent)
        : undefined;
    case 'audit':
      return isString('organizationId') && isString('entryId') ? (event as LiveEvent) : undefined;
    case 'access-request':
      return isString('organizationId') && isString('requestId') ? (event as LiveEvent) : undefined;
    case 'access':
      return Array.isArray(event.userIds) && event.userIds.every((id) => typeof id === 'string') ? (event as LiveEvent) : undefined;
    case 'token':
      return isString('jti') ? (event as LiveEvent) : undefined;
    case 'session':
      return isString('sessionId') ? (event as LiveEvent) : undefined;
    default:
      return undefined;
  }
}

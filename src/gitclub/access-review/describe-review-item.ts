import type { AccessReviewItemRead } from './access-review-read.js';

/** The item as a reviewer reads it: "organization role "member" on beatles", "direct grant of read_code:repository on beatles/infra until …". */
export function describeReviewItem(item: AccessReviewItemRead): string {
  const custom = item.customRole ? 'custom ' : '';
  switch (item.kind) {
    case 'membership':
      return `Membership: ${custom}organization role "${item.roleName}" on ${item.resourceName}.`;
    case 'repository_role':
      return `Explicit ${custom}repository role "${item.roleName}" on ${item.resourceName}.`;
    case 'grant':
      return `Direct grant of ${item.permission} on ${item.resourceName} until ${item.expiresAt?.toISOString()}.`;
  }
}

/**
 * What stands today where the item was, in a sentence: unchanged, removed by this review, another
 * role held there now, revoked or expired, or gone. A REVOKE removes only what the item names, so
 * for every answer but the first it removes nothing.
 */
export function describeCurrent(item: AccessReviewItemRead): string {
  const { current } = item;
  if (current.held) return 'Unchanged since the review started.';
  if (item.removed === true) return 'Removed by this review.';
  if (item.kind === 'grant') {
    if (current.grantRevokedAt)
      return `Changed since the review started: the grant was revoked on ${current.grantRevokedAt.toISOString()}.`;
    return `Changed since the review started: the grant expired on ${item.expiresAt?.toISOString()}.`;
  }
  if (current.roleNow === null) return 'Changed since the review started: no longer held.';
  return `Changed since the review started: holds role "${current.roleNow}" there now instead of "${item.roleName}".`;
}

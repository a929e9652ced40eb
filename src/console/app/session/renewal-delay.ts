/**
 * When to renew an access token that lives `expiresIn` seconds: a minute before it expires, or
 * halfway through for short lifetimes, so a slow network never sends an expired token.
 */
export function renewalDelaySeconds(expiresIn: number): number {
  return Math.max(expiresIn - 60, expiresIn / 2);
}

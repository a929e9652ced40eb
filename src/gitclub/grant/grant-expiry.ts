import { badUserInputError } from '../../errors/graphql-errors.js';
import { parseInstant } from '../instant-argument.js';

/**
 * A grant's expiry argument: an ISO 8601 instant in the future, at most `maxGrantDays` ahead
 * (GRANT_MAX_DAYS); BAD_USER_INPUT naming `argument` otherwise. Every grant, direct or by an
 * approved access request, ends.
 */
export function requireGrantExpiry(value: string, maxGrantDays: number, argument: string): Date {
  const expiresAt = parseInstant(value);
  const latest = Date.now() + maxGrantDays * 86_400_000;
  if (!expiresAt || expiresAt.getTime() <= Date.now() || expiresAt.getTime() > latest) {
    throw badUserInputError(`"${argument}" must be an ISO 8601 instant in the future, at most ${maxGrantDays} days ahead.`, { argument });
  }
  return expiresAt;
}

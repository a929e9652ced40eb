import { badUserInputError } from '../errors/graphql-errors.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const loginPattern = /^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$/;
// One part of an email address: no whitespace and no '@'. A single character class, so linear in the input.
const emailPart = /^[^\s@]+$/;

/** True for a well-formed UUID, the only id shape this API issues. */
export function isUuid(value: string): boolean {
  return value.length === 36 && uuidPattern.test(value);
}

/** Refuses a malformed id with BAD_USER_INPUT naming the argument. */
export function requireUuid(value: string, argument: string): string {
  if (!isUuid(value)) throw badUserInputError(`"${argument}" must be a valid id.`, { argument });
  return value;
}

/** Logins of users and organizations: lowercase letters, digits and inner hyphens, 1 to 39 characters. */
export function requireLogin(value: string, argument: string): string {
  if (value.length > 39 || !loginPattern.test(value)) {
    throw badUserInputError(`"${argument}" must be 1 to 39 lowercase letters, digits or inner hyphens.`, { argument });
  }
  return value;
}

/** Repository and role names: 1 to 100 characters of letters, digits, '.', '_' or '-'. */
export function requireName(value: string, argument: string): string {
  if (value.length > 100 || !/^[A-Za-z0-9._-]+$/.test(value)) {
    throw badUserInputError(`"${argument}" must be 1 to 100 letters, digits, ".", "_" or "-".`, { argument });
  }
  return value;
}

/** Free text with a length limit. */
export function requireText(value: string, argument: string, maxLength: number, minLength = 1): string {
  if (value.length > maxLength || value.trim().length < minLength) {
    throw badUserInputError(`"${argument}" must be ${minLength} to ${maxLength} characters.`, { argument });
  }
  return value;
}

/**
 * A plausible email address, at most 254 characters: one '@', and a domain with an inner dot.
 * Note: the length is checked first and the parts with a linear pattern; a regular expression
 * matching the whole address (`[^@]+@[^@]+\.[^@]+`) backtracks quadratically on hostile input.
 */
export function requireEmail(value: string, argument: string): string {
  const at = value.indexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const plausible = value.length <= 254 && at > 0 && emailPart.test(local) && emailPart.test(domain) && dot > 0 && dot < domain.length - 1;
  if (!plausible) throw badUserInputError(`"${argument}" must be an email address.`, { argument });
  return value.toLowerCase();
}

import { badUserInputError } from '../authz/index.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const loginPattern = /^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True for a well-formed UUID, the only id shape this API issues. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** Refuses a malformed id with BAD_USER_INPUT naming the argument. */
export function requireUuid(value: string, argument: string): string {
  if (!isUuid(value)) throw badUserInputError(`"${argument}" must be a valid id.`, { argument });
  return value;
}

/** Logins of users and organizations: lowercase letters, digits and inner hyphens, 1 to 39 characters. */
export function requireLogin(value: string, argument: string): string {
  if (!loginPattern.test(value)) {
    throw badUserInputError(`"${argument}" must be 1 to 39 lowercase letters, digits or inner hyphens.`, { argument });
  }
  return value;
}

/** Repository and role names: 1 to 100 characters of letters, digits, '.', '_' or '-'. */
export function requireName(value: string, argument: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(value)) {
    throw badUserInputError(`"${argument}" must be 1 to 100 letters, digits, ".", "_" or "-".`, { argument });
  }
  return value;
}

/** Free text with a length limit. */
export function requireText(value: string, argument: string, maxLength: number, minLength = 1): string {
  if (value.trim().length < minLength || value.length > maxLength) {
    throw badUserInputError(`"${argument}" must be ${minLength} to ${maxLength} characters.`, { argument });
  }
  return value;
}

/** A plausible email address. */
export function requireEmail(value: string, argument: string): string {
  if (!emailPattern.test(value) || value.length > 254) throw badUserInputError(`"${argument}" must be an email address.`, { argument });
  return value.toLowerCase();
}

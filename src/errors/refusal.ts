import type { GraphQLError } from 'graphql';
import { refusalReasons, type RefusalReason } from './error-catalog.js';
import { clientError } from './graphql-errors.js';

/**
 * The one builder of a domain guard's refusal: a sentence, the code its reason implies (from
 * `refusalReasons`) and the reason, plus what it names (`missing` permissions, the `argument` at fault).
 */
export function refusal(
  reason: RefusalReason,
  message: string,
  details: { readonly missing?: readonly string[]; readonly argument?: string } = {},
): GraphQLError {
  return clientError(message, { code: refusalReasons[reason].code, reason, ...details });
}

/** The permissions of a refusal, quoted for its sentence: `"read:repository", "read_code:repository"`. */
export function quoted(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

import { GraphQLError } from 'graphql';

/** Why a guard refused a change: the refusals a client can act on, in `extensions.reason`. */
export type RefusalReason =
  /** Giving more than one holds (`missing` lists it). */
  | 'PRIVILEGE_ESCALATION'
  /** Changing or taking away what someone holds beyond one's own (`missing` lists it). */
  | 'TARGET_HOLDS_MORE'
  /** Giving, changing or removing one's own role or grant. */
  | 'OWN_ROLE'
  /** Demoting or removing an organization's last admin. */
  | 'LAST_ADMIN'
  /** Past the custom roles an organization may define. */
  | 'CUSTOM_ROLE_LIMIT'
  /** Deleting a role still held, without `reassignTo`. */
  | 'ROLE_IN_USE'
  /** Creating what exists already, also when two identical creations race. */
  | 'ALREADY_EXISTS'
  /** Asking for access one holds already. */
  | 'ALREADY_HELD'
  /** Past the pending access requests one user may have in an organization. */
  | 'PENDING_REQUEST_LIMIT'
  /** Deciding an access request someone approved or denied already, also when two decisions race. */
  | 'ALREADY_DECIDED';

/** Refusals that are about who the viewer is (FORBIDDEN); the rest are about the input (BAD_USER_INPUT). */
const forbiddenReasons: ReadonlySet<RefusalReason> = new Set(['PRIVILEGE_ESCALATION', 'TARGET_HOLDS_MORE', 'OWN_ROLE']);

/**
 * The one builder of a domain guard's refusal: a sentence, the code its reason implies and the
 * reason, plus what it names (`missing` permissions, the `argument` at fault).
 */
export function refusal(
  reason: RefusalReason,
  message: string,
  details: { readonly missing?: readonly string[]; readonly argument?: string } = {},
): GraphQLError {
  const code = forbiddenReasons.has(reason) ? 'FORBIDDEN' : 'BAD_USER_INPUT';
  return new GraphQLError(message, { extensions: { code, reason, ...details } });
}

/** The permissions of a refusal, quoted for its sentence: `"read:repository", "read_code:repository"`. */
export function quoted(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

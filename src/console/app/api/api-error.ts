/** A GraphQL error as the API sends it: `extensions.code` says what happened, `reason` which guard refused. */
export interface ApiError {
  readonly message: string;
  readonly extensions?: {
    readonly code?: string;
    readonly reason?: string;
    readonly permission?: string;
    readonly retryAfterSeconds?: number;
    /** What became of a change the server could not finish answering: `unknown`, or `applied` (ALREADY_APPLIED). */
    readonly outcome?: string;
  };
  readonly path?: readonly (string | number)[];
}

/** A refused mutation, carrying the sentences to show (never codes). */
export class ApiFailure extends Error {
  constructor(readonly errors: readonly ApiError[]) {
    super(errors.map((error) => errorSentence(error)).join(' '));
  }
}

/** Refusals whose API message speaks of arguments: said in the console's terms instead. */
const consoleWording: Readonly<Record<string, string>> = {
  ROLE_IN_USE: 'This role is still held: choose a role for its holders, then delete it.',
};

/**
 * One sentence a person can act on for an API error. Guard refusals and input errors already are
 * sentences written by the API; permission refusals name the permission; a code is never shown.
 */
export function errorSentence(error: ApiError): string {
  const extensions = error.extensions ?? {};
  switch (extensions.code) {
    case 'NOT_FOUND':
      return 'Not found: it does not exist, or you may not see it.';
    case 'FORBIDDEN':
      if (extensions.reason) return error.message;
      return extensions.permission ? `You need the permission ${extensions.permission} for this.` : error.message;
    case 'UNAUTHENTICATED':
      return error.message.endsWith('.') ? error.message : 'You are not signed in, or your session has ended: sign in again.';
    case 'RATE_LIMITED':
      return `Too many attempts: try again in ${extensions.retryAfterSeconds ?? 60} seconds.`;
    case 'SERVICE_UNAVAILABLE':
      return extensions.outcome === 'unknown'
        ? 'The server lost its database while saving this: reload to see whether it was saved.'
        : 'The server cannot answer right now: try again in a few seconds.';
    case 'ALREADY_APPLIED':
      return 'This was done already: reload to see it.';
    case 'IDEMPOTENCY_KEY_IN_USE':
      return 'This is still being saved: reload in a moment to see it.';
    case 'BAD_USER_INPUT':
      return (extensions.reason && consoleWording[extensions.reason]) ?? error.message;
    default:
      return `Something went wrong: ${error.message}`;
  }
}

/**
 * The mutations whose answers hold credentials (an access and a refresh token): an Idempotency-Key
 * on them is ignored, so no token is ever stored to be replayed. Repeating them is safe anyway:
 * a repeated login issues other tokens, a repeated refresh is refused (refresh tokens are single-use).
 */
export const rootFieldsAnsweringCredentials: ReadonlySet<string> = new Set(['login', 'refreshToken']);

import { decodeJwt } from 'jose';
import { invalidTokenError, unavailableError } from '../errors/graphql-errors.js';
import { InvalidTokenError, type AccessTokens } from './access-tokens.js';
import type { ExternalTokens } from './external-tokens.js';
import { SessionStoreUnavailableError, type SessionStore } from './session-store.js';
import type { AuthenticatedViewer } from './viewer.js';

/** What to do with a token issued before its user's access last changed. */
export type StaleTokenPolicy = 'reload' | 'reject';

/** Everything `authenticate` needs. */
export interface Authentication {
  readonly tokens: AccessTokens;
  readonly sessions: SessionStore;
  readonly staleTokens: StaleTokenPolicy;
  readonly external?: ExternalTokens;
  /** The user id an external identity provider's user claim names, if such a user exists. */
  readonly findExternalUser?: (claimValue: string) => Promise<string | undefined>;
}

/**
 * The viewer of a request from its `Authorization` header: null when there is none, the verified
 * identity for a good bearer token, a 401 refusal for anything else (invalid, expired, revoked,
 * its session ended by logout or refresh-token reuse, ended by logout everywhere, unknown user).
 *
 * A token issued before the user's access last changed is stale: by default it keeps its identity
 * but not its roles, which come from the database for this request (a demotion holds on the very
 * next request); with the `reject` policy it is refused and the client must refresh.
 */
export async function authenticate(authorization: string | undefined, auth: Authentication): Promise<AuthenticatedViewer | null> {
  if (!authorization) return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim());
  if (!match?.[1]) throw invalidTokenError('The Authorization header must be "Bearer <access token>".');
  const token = match[1];
  try {
    if (auth.external && issuerOf(token) === auth.external.provider.issuer) return await externalViewer(token, auth);
    const claims = await auth.tokens.verify(token);
    const standing = await auth.sessions.standing(claims.userId, claims.jti, claims.sessionId);
    if (!standing.versions) throw new InvalidTokenError('The account of this access token no longer exists.');
    if (standing.revoked) throw new InvalidTokenError('The access token has been revoked (logged out).');
    if (standing.sessionRevoked)
      throw new InvalidTokenError(
        'The session of this access token has ended (logged out, or its refresh token was used twice); sign in again.',
      );
    if (claims.sessionVersion < standing.versions.session) throw new InvalidTokenError('The session has ended; sign in again.');
    const stale = claims.authzVersion < standing.versions.authz;
    if (stale && auth.staleTokens === 'reject') {
      throw new InvalidTokenError('Your access changed since this token was issued; refresh it (refreshToken mutation) and retry.');
    }
    return {
      id: claims.userId,
      organizationRoles: stale ? new Map() : claims.organizationRoles,
      mayHoldGrants: stale || claims.hasGrants,
      platformRole: stale ? undefined : claims.platformRole,
      token: { jti: claims.jti, expiresAt: claims.expiresAt, sessionId: claims.sessionId },
    };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw invalidTokenError(error.message);
    if (error instanceof SessionStoreUnavailableError) throw unavailableError();
    throw error;
  }
}

async function externalViewer(token: string, auth: Authentication): Promise<AuthenticatedViewer> {
  const claimValue = await (auth.external as ExternalTokens).verify(token);
  const userId = await auth.findExternalUser?.(claimValue);
  if (!userId) throw new InvalidTokenError('The access token names no user of this service.');
  return { id: userId, organizationRoles: new Map(), mayHoldGrants: true };
}

function issuerOf(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

import { GraphQLError } from 'graphql';
import { InvalidTokenError, type AccessTokens } from './access-tokens.js';
import type { AuthzVersions } from './authz-versions.js';
import type { AuthenticatedViewer } from './viewer.js';

/** The refusal of a request whose bearer token is present but unusable: HTTP 401, whole request. */
export function invalidTokenError(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new Map([['www-authenticate', 'Bearer error="invalid_token"']]) },
    },
  });
}

/**
 * The viewer of a request from its `Authorization` header: null when there is none, the verified
 * identity for a good bearer token, and a 401 refusal for anything else. A token issued before
 * the user's access last changed keeps its identity but not its roles: those come from the
 * database for this request, so a demotion or removal holds on the very next request.
 */
export async function authenticate(authorization: string | undefined, tokens: AccessTokens, versions: AuthzVersions): Promise<AuthenticatedViewer | null> {
  if (!authorization) return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim());
  if (!match?.[1]) throw invalidTokenError('The Authorization header must be "Bearer <access token>".');
  try {
    const claims = await tokens.verify(match[1]);
    const current = await versions.current(claims.userId);
    if (current === undefined) throw invalidTokenError('The account of this access token no longer exists.');
    const fresh = claims.authzVersion >= current;
    return { id: claims.userId, organizationRoles: fresh ? claims.organizationRoles : new Map() };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw invalidTokenError(error.message);
    throw error;
  }
}

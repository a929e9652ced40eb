import { GraphQLError } from 'graphql';
import { InvalidTokenError, type AccessTokens } from './access-tokens.js';
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
 * identity for a good bearer token, and a 401 refusal for anything else.
 */
export async function authenticate(authorization: string | undefined, tokens: AccessTokens): Promise<AuthenticatedViewer | null> {
  if (!authorization) return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim());
  if (!match?.[1]) throw invalidTokenError('The Authorization header must be "Bearer <access token>".');
  try {
    const claims = await tokens.verify(match[1]);
    return { id: claims.userId, organizationRoles: claims.organizationRoles };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw invalidTokenError(error.message);
    throw error;
  }
}

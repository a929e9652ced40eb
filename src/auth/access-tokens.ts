import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { signingAlgorithm, type SigningKey } from './signing-key.js';

/** Issuer, audience and lifetime of access tokens. */
export interface TokenSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly lifetimeSeconds: number;
}

/** What a verified access token tells about its bearer. */
export interface AccessTokenClaims {
  readonly userId: string;
  /** Organization id -> role name. */
  readonly organizationRoles: ReadonlyMap<string, string>;
  readonly authzVersion: number;
  readonly jti: string;
  readonly expiresAt: number;
}

/** Most organization roles one token carries; the rest are read from the database. Keeps tokens small. */
export const maxOrganizationClaims = 50;
/** Tokens longer than this are refused before any parsing. */
const maxTokenLength = 8192;

/** Signs and verifies access tokens: EdDSA only, `typ: at+jwt`, issuer and audience pinned. */
export class AccessTokens {
  constructor(
    private readonly key: SigningKey,
    private readonly settings: TokenSettings,
  ) {}

  /** Issues a token for a user and the organization roles they hold (the first `maxOrganizationClaims`). */
  async issue(userId: string, organizationRoles: ReadonlyMap<string, string>, authzVersion: number): Promise<{ token: string; expiresIn: number }> {
    const orgs = Object.fromEntries([...organizationRoles].slice(0, maxOrganizationClaims));
    const token = await new SignJWT({ orgs, av: authzVersion })
      .setProtectedHeader({ alg: signingAlgorithm, typ: 'at+jwt', kid: this.key.kid })
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.lifetimeSeconds}s`)
      .setJti(randomUUID())
      .sign(this.key.privateKey);
    return { token, expiresIn: this.settings.lifetimeSeconds };
  }

  /** Verifies a token; throws `InvalidTokenError` for anything not issued by us and current. */
  async verify(token: string): Promise<AccessTokenClaims> {
    if (token.length > maxTokenLength) throw new InvalidTokenError('The access token is too large.');
    try {
      const { payload } = await jwtVerify(token, this.key.publicKey, {
        algorithms: [signingAlgorithm],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
        clockTolerance: 5,
      });
      const orgs = payload.orgs && typeof payload.orgs === 'object' ? (payload.orgs as Record<string, unknown>) : {};
      return {
        userId: String(payload.sub),
        organizationRoles: new Map(Object.entries(orgs).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
        authzVersion: typeof payload.av === 'number' ? payload.av : 0,
        jti: String(payload.jti),
        expiresAt: Number(payload.exp),
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('The access token has expired.');
      if (error instanceof errors.JOSEError || error instanceof TypeError || error instanceof SyntaxError) {
        throw new InvalidTokenError('The access token is invalid.');
      }
      throw error;
    }
  }
}

/** A bearer token that is present but cannot be trusted. */
export class InvalidTokenError extends Error {}

import { randomUUID } from 'node:crypto';
import { SignJWT, createLocalJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { KeySet } from './key-set.js';
import { signingAlgorithm } from './signing-key.js';

/** Issuer, audience, lifetime and clock skew of access tokens. */
export interface TokenSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly lifetimeSeconds: number;
  /** Tolerated clock difference for `exp`, `nbf` and `iat`. */
  readonly clockSkewSeconds: number;
  /** Verified tokens kept to spare re-verifying; 0 disables the cache. */
  readonly verifiedCacheSize: number;
}

/** What a verified access token tells about its bearer. */
export interface AccessTokenClaims {
  readonly userId: string;
  /** Organization id -> role name. */
  readonly organizationRoles: ReadonlyMap<string, string>;
  readonly authzVersion: number;
  readonly sessionVersion: number;
  /** The refresh-token family this token was issued for (logout revokes it). */
  readonly sessionId: string | undefined;
  /** Whether the user held direct grants when the token was issued. */
  readonly hasGrants: boolean;
  /** The platform role held when the token was issued (null for none). */
  readonly platformRole: string | null;
  readonly jti: string;
  readonly expiresAt: number;
}

/** What an access token is issued for. */
export interface TokenSubject {
  readonly userId: string;
  readonly organizationRoles: ReadonlyMap<string, string>;
  readonly authzVersion: number;
  readonly sessionVersion: number;
  readonly sessionId?: string;
  readonly hasGrants?: boolean;
  readonly platformRole?: string | null;
}

/** Most organization roles one token carries; the rest are read from the database. Keeps tokens small. */
export const maxOrganizationClaims = 50;
/** Tokens longer than this are refused before any parsing. */
export const maxTokenLength = 8192;

/**
 * Signs and verifies access tokens: EdDSA only, `typ: at+jwt`, `kid` among the configured keys,
 * issuer and audience pinned. Verified tokens are cached by their whole text, never past `exp`;
 * failures are never cached. Revocation is not decided here: see `authenticate`.
 */
export class AccessTokens {
  readonly #keys: ReturnType<typeof createLocalJWKSet>;
  readonly #verified: LRUCache<string, AccessTokenClaims> | undefined;
  /** Verifications since start: by signature, from the cache of verified tokens, refused (read by the metrics). */
  readonly verifications = { verified: 0, cached: 0, refused: 0 };

  constructor(
    private readonly keySet: KeySet,
    readonly settings: TokenSettings,
  ) {
    this.#keys = createLocalJWKSet({ keys: [...keySet.verification] });
    this.#verified = settings.verifiedCacheSize > 0 ? new LRUCache({ max: settings.verifiedCacheSize }) : undefined;
  }

  /** Issues a token carrying the first `maxOrganizationClaims` organization roles. */
  async issue(subject: TokenSubject): Promise<{ token: string; expiresIn: number }> {
    const orgs = Object.fromEntries([...subject.organizationRoles].slice(0, maxOrganizationClaims));
    const token = await new SignJWT({
      orgs,
      av: subject.authzVersion,
      sv: subject.sessionVersion,
      gr: subject.hasGrants ?? false,
      pr: subject.platformRole ?? null,
      ...(subject.sessionId ? { sid: subject.sessionId } : {}),
    })
      .setProtectedHeader({ alg: signingAlgorithm, typ: 'at+jwt', kid: this.keySet.signing.kid })
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setSubject(subject.userId)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.lifetimeSeconds}s`)
      .setJti(randomUUID())
      .sign(this.keySet.signing.privateKey);
    return { token, expiresIn: this.settings.lifetimeSeconds };
  }

  /** Verifies a token; throws `InvalidTokenError` for anything not issued by us, current and intact. */
  async verify(token: string): Promise<AccessTokenClaims> {
    const cached = this.#verified?.get(token);
    if (cached) {
      if (cached.expiresAt + this.settings.clockSkewSeconds > Date.now() / 1000) {
        this.verifications.cached++;
        return cached;
      }
      this.#verified?.delete(token);
    }
    try {
      const claims = await this.#verifySignature(token);
      this.verifications.verified++;
      return claims;
    } catch (error) {
      this.verifications.refused++;
      throw error;
    }
  }

  async #verifySignature(token: string): Promise<AccessTokenClaims> {
    if (token.length > maxTokenLength) throw new InvalidTokenError('The access token is too large.');
    const payload = await verifyOrExplain(() =>
      jwtVerify(token, this.#keys, {
        algorithms: [signingAlgorithm],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
        clockTolerance: this.settings.clockSkewSeconds,
      }),
    );
    if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + this.settings.clockSkewSeconds) {
      throw new InvalidTokenError('The access token was issued in the future.');
    }
    const claims = claimsOf(payload);
    const ttl = (claims.expiresAt + this.settings.clockSkewSeconds) * 1000 - Date.now();
    if (ttl > 0) this.#verified?.set(token, claims, { ttl });
    return claims;
  }
}

/** Runs a jose verification, turning every refusal into `InvalidTokenError` with a client-safe message. */
export async function verifyOrExplain(verify: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  try {
    return (await verify()).payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError('The access token has expired.');
    if (error instanceof errors.JOSEError || error instanceof TypeError || error instanceof SyntaxError) {
      throw new InvalidTokenError('The access token is invalid.');
    }
    throw error;
  }
}

function claimsOf(payload: JWTPayload): AccessTokenClaims {
  const orgs = payload.orgs && typeof payload.orgs === 'object' ? (payload.orgs as Record<string, unknown>) : {};
  return {
    userId: String(payload.sub),
    organizationRoles: new Map(Object.entries(orgs).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    authzVersion: typeof payload.av === 'number' ? payload.av : 0,
    sessionVersion: typeof payload.sv === 'number' ? payload.sv : 0,
    sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
    hasGrants: payload.gr !== false,
    platformRole: typeof payload.pr === 'string' ? payload.pr : null,
    jti: String(payload.jti),
    expiresAt: Number(payload.exp),
  };
}

/** A bearer token that is present but cannot be trusted. */
export class InvalidTokenError extends Error {}

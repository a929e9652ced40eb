import { createRemoteJWKSet, jwtVerify } from 'jose';
import { maxTokenLength, verifyOrExplain, InvalidTokenError } from './access-tokens.js';

/** An external identity provider whose access tokens are accepted too. */
export interface ExternalIdentityProvider {
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  /** The claim naming the user (default `sub`). */
  readonly userClaim: string;
  /** Least time between two JWKS fetches, so unknown `kid`s cannot hammer the provider. */
  readonly jwksCooldownSeconds: number;
  /** Tolerated clock difference for `exp`, `nbf` and `iat` (`TOKEN_CLOCK_SKEW_SECONDS`, as for this server's own tokens). */
  readonly clockSkewSeconds: number;
}

/** Asymmetric algorithms only: an HMAC or `none` token from anyone is refused. */
const externalAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

/**
 * Verifies tokens of an external issuer against its remote JWKS (cached by jose, refetched when an
 * unknown `kid` appears, at most once per cooldown). Returns the value of the configured user claim.
 */
export class ExternalTokens {
  readonly #keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(readonly provider: ExternalIdentityProvider) {
    this.#keys = createRemoteJWKSet(new URL(provider.jwksUrl), {
      cooldownDuration: provider.jwksCooldownSeconds * 1000,
      cacheMaxAge: 600_000,
      timeoutDuration: 5_000,
    });
  }

  /** The user claim of a verified external token. */
  async verify(token: string): Promise<string> {
    if (token.length > maxTokenLength) throw new InvalidTokenError('The access token is too large.');
    const payload = await verifyOrExplain(() =>
      jwtVerify(token, this.#keys, {
        algorithms: externalAlgorithms,
        issuer: this.provider.issuer,
        audience: this.provider.audience,
        requiredClaims: ['exp', this.provider.userClaim],
        clockTolerance: this.provider.clockSkewSeconds,
      }),
    );
    const subject = payload[this.provider.userClaim];
    if (typeof subject !== 'string' || subject.length === 0) throw new InvalidTokenError('The access token names no user.');
    return subject;
  }
}

/** A user's versions: `authz` grows with every change to their access, `session` when all their sessions end. */
export interface UserVersions {
  readonly authz: number;
  readonly session: number;
}

/** What one request needs to know about its token, fetched in one round trip. */
export interface TokenStanding {
  /** The user's current versions; undefined when the user no longer exists. */
  readonly versions: UserVersions | undefined;
  /** True when this token's `jti` was revoked (logout). */
  readonly revoked: boolean;
  /** True when this token's session (`sid`, its refresh family) was ended: logout, refresh-token reuse. */
  readonly sessionRevoked: boolean;
}

/** Reads a user's versions from the database, the source of truth. */
export type VersionSource = (userId: string) => Promise<UserVersions | undefined>;

/**
 * Where revocations and current versions live: in process for a single instance, in Redis for
 * several. The database stays the source of truth: a version the store lacks is read from it.
 */
export interface SessionStore {
  /** The token's standing: the user's versions and whether its `jti`, or its session `sid`, is revoked. */
  standing(userId: string, jti: string, sessionId?: string): Promise<TokenStanding>;
  /** Records new versions after the transaction that raised them committed; never lowers one. */
  publish(changes: readonly (readonly [string, UserVersions])[]): Promise<void>;
  /** Revokes one access token until it would have expired anyway. */
  revoke(jti: string, expiresAtSeconds: number): Promise<void>;
  /** Revokes every access token of a session (`sid`) until `untilSeconds`, when the last one issued in it has expired. */
  revokeSession(sessionId: string, untilSeconds: number): Promise<void>;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The store could not answer: requests with tokens fail closed rather than trust what may be revoked. */
export class SessionStoreUnavailableError extends Error {}

/** The larger of two version pairs, field by field. */
export function newestVersions(a: UserVersions | undefined, b: UserVersions): UserVersions {
  return a ? { authz: Math.max(a.authz, b.authz), session: Math.max(a.session, b.session) } : b;
}

import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { AccessTokens } from '../auth/access-tokens.js';
import { loadKeySet } from '../auth/key-set.js';
import { MemorySessionStore } from '../auth/memory-session-store.js';
import { createSignInThrottle } from '../auth/sign-in-throttle.js';
import type { AuthenticatedViewer } from '../auth/viewer.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { createRequestContext, type RequestContext, type RequestContextServices } from '../gitclub/context.js';
import { createRollout } from '../gitclub/legacy/rollout.js';
import { buildSchema } from '../gitclub/schema.js';
import { userVersionSource } from '../gitclub/user/user-version-source.js';
import { createLogger } from '../http/logger.js';
import { RepositoryWriteAccess } from '../gitclub/access/repository-write-access.js';

/** GitClub as a policy test talks to it: the server's schema, and a request context as any user of the world. */
export interface PolicyTestApi {
  readonly schema: GraphQLSchema;
  /**
   * A request's context as the user with this id, or anonymous (null), through the server's own
   * `createRequestContext`: their bearer token is authenticated as any request's is.
   */
  contextAs(userId: string | null): Promise<RequestContext>;
  /**
   * A user as `explainAccess` decides for them, roles and grants read from the database: the subject
   * of `context.authorizerFor(...)` in a check.
   */
  subject(userId: string): AuthenticatedViewer;
}

/**
 * The request services of a server over `db`, with the defaults of an empty configuration (not the
 * environment's): the policy alone decides (AUTHZ_MODE=enforce), sessions are kept in process, and
 * nothing is logged. Tokens are signed with a key of its own.
 *
 * Note: each user's token is the one they would hold from before the world was made: session
 * version 1 and access version 0. A suspended user's sessions have ended since (the world stores
 * them at session version 2), so their requests are refused as a suspended user's are; everyone
 * else's token is stale, so their roles and grants are read from the database on every request,
 * exactly as `explainAccess` reads them for a check.
 */
export async function policyTestApi(db: Database): Promise<PolicyTestApi> {
  const config = loadConfig({});
  const logger = createLogger('silent');
  const tokens = new AccessTokens(await loadKeySet({ privateKey: undefined, previousPublicKeys: undefined, dataDir: undefined }), {
    issuer: config.tokenIssuer,
    audience: config.tokenAudience,
    lifetimeSeconds: config.accessTokenTtlSeconds,
    clockSkewSeconds: config.clockSkewSeconds,
    verifiedCacheSize: 0,
  });
  const services: RequestContextServices = {
    db,
    authentication: { tokens, sessions: new MemorySessionStore(userVersionSource(() => db.em.fork())), staleTokens: 'reload' },
    rollout: await createRollout({ ...config.rollout, mode: 'enforce' }, db, logger),
    signInThrottle: createSignInThrottle(config.rateLimit, undefined),
    onDenied: () => {},
    explainDenials: false,
    refreshTokenLifetimeSeconds: config.refreshTokenTtlSeconds,
    grantMaxDays: config.grantMaxDays,
    repositoryWriteAccess: new RepositoryWriteAccess(),
  };
  const tokenOf = new Map<string, Promise<string>>();
  const bearer = (userId: string) => {
    let token = tokenOf.get(userId);
    if (!token) {
      const issued = tokens.issue({ userId, organizationRoles: new Map(), authzVersion: 0, sessionVersion: 1, hasGrants: true });
      token = issued.then(({ token: value }) => value);
      tokenOf.set(userId, token);
    }
    return token;
  };
  return {
    schema: buildSchema(),
    contextAs: async (userId) =>
      createRequestContext(services, {
        requestId: randomUUID(),
        authorization: userId === null ? undefined : `Bearer ${await bearer(userId)}`,
        clientIp: '127.0.0.1',
      }),
    subject: (userId) => ({ id: userId, organizationRoles: new Map(), mayHoldGrants: true }),
  };
}

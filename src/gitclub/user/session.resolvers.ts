import { unauthenticatedError } from '@rolegate/authz';
import { unknownAccountHash, verifyPassword } from '../../auth/password.js';
import type { EntityManager } from '../../db/database.js';
import { transact } from '../access-changes.js';
import { requireViewer, type RequestContext } from '../context.js';
import { RefreshTokenEntity } from '../entities/refresh-token.entity.js';
import { UserEntity, type User } from '../entities/user.entity.js';
import { platformRoleOf } from '../access/platform-access.js';
import { organizationRolesOf } from './memberships.js';
import { createRefreshToken, hashRefreshToken, revokeAllOf, revokeFamily } from './refresh-tokens.js';

/** An access token for a user, with their current roles and versions, in a session (refresh family). */
async function issueAccess(context: RequestContext, em: EntityManager, user: User, sessionId: string) {
  const roles = await organizationRolesOf(em, user.id);
  const [grants] = await em.execute<{ held: boolean }[]>(
    'select exists (select 1 from permission_grants where user_id = ? and revoked_at is null and expires_at > now()) as held',
    [user.id],
  );
  const { token, expiresIn } = await context.tokens.issue({
    userId: user.id,
    organizationRoles: roles,
    hasGrants: grants?.held ?? true,
    platformRole: await platformRoleOf(em, user.id),
    authzVersion: user.authzVersion,
    sessionVersion: user.sessionVersion,
    sessionId,
  });
  return { accessToken: token, expiresIn };
}

/**
 * Ends a session (a refresh family) for its access tokens too, on every instance: its `sid` stays
 * revoked in the session store until the last access token issued in it has expired. Called once
 * the family's revocation has committed; if the store cannot be reached, the error fails the field.
 */
async function endSession(context: RequestContext, sessionId: string): Promise<void> {
  const { lifetimeSeconds, clockSkewSeconds } = context.tokens.settings;
  await context.sessions.revokeSession(sessionId, Math.ceil(Date.now() / 1000) + lifetimeSeconds + clockSkewSeconds);
}

/**
 * Sessions: login, refresh-token rotation with reuse detection (RFC 9700), logout and logout
 * everywhere. Refresh tokens are opaque, stored as hashes, usable once.
 */
export const sessionResolvers = {
  login: async (_: unknown, { input }: { input: { email: string; password: string } }, context: RequestContext) => {
    // Before anything is read or hashed: a throttled attempt costs no scrypt.
    await context.signInThrottle.beforeLogin(input.email);
    const user = await context.em.findOne(UserEntity, { email: input.email.toLowerCase() });
    const valid = await verifyPassword(input.password, user?.passwordHash ?? (await unknownAccountHash()));
    if (!user || !valid) throw unauthenticatedError('Invalid email or password.');
    // The right password ends the guessing: its failures no longer count (a suspended account included).
    await context.signInThrottle.loginSucceeded(input.email);
    if (user.suspendedAt) throw unauthenticatedError('This account is suspended.');
    const refreshToken = createRefreshToken(context.em, user.id, context.refreshTokenLifetimeSeconds);
    await context.em.flush();
    await context.sessions.publish([[user.id, { authz: user.authzVersion, session: user.sessionVersion }]]);
    return { ...(await issueAccess(context, context.em, user, refreshToken.familyId)), refreshToken: refreshToken.value, user };
  },

  refreshToken: async (_: unknown, { input }: { input: { refreshToken: string } }, context: RequestContext) => {
    await context.signInThrottle.beforeAttempt();
    const outcome = await transact(context, async ({ tx, audit }) => {
      const [row] = await tx.execute<{ id: string }[]>('select id from refresh_tokens where token_hash = ? for update', [
        hashRefreshToken(input.refreshToken),
      ]);
      const stored = row && (await tx.findOne(RefreshTokenEntity, { id: row.id }, { populate: ['user'] }));
      if (!stored || stored.revokedAt || stored.expiresAt.getTime() <= Date.now())
        return { refused: 'The refresh token is invalid or expired; sign in again.' };
      if (stored.usedAt) {
        // A used token presented again: someone holds a copy. End the whole family, and its access tokens below.
        await revokeFamily(tx, stored.familyId);
        audit({
          organizationId: null,
          actorId: stored.user.id,
          action: 'refresh_token.reuse_detected',
          targetUserId: stored.user.id,
          after: { family: stored.familyId },
        });
        return {
          refused: 'The refresh token was already used; every session of this login has been ended. Sign in again.',
          endedSession: stored.familyId,
        };
      }
      stored.usedAt = new Date();
      const next = createRefreshToken(tx, stored.user.id, context.refreshTokenLifetimeSeconds, stored.familyId);
      const user = await tx.findOneOrFail(UserEntity, { id: stored.user.id });
      if (user.suspendedAt) return { refused: 'This account is suspended.' };
      return { payload: { ...(await issueAccess(context, tx, user, stored.familyId)), refreshToken: next.value, user } };
    });
    if ('endedSession' in outcome && outcome.endedSession) await endSession(context, outcome.endedSession);
    if ('refused' in outcome) throw unauthenticatedError(outcome.refused ?? 'Sign in again.');
    return outcome.payload;
  },

  logout: async (_: unknown, _args: unknown, context: RequestContext) => {
    const { viewer } = requireViewer(context);
    if (viewer.token) {
      await context.sessions.revoke(viewer.token.jti, viewer.token.expiresAt);
      if (viewer.token.sessionId) {
        await revokeFamily(context.em, viewer.token.sessionId);
        await endSession(context, viewer.token.sessionId);
      }
    }
    return { ok: true };
  },

  logoutEverywhere: async (_: unknown, _args: unknown, context: RequestContext) => {
    const { viewer } = requireViewer(context);
    await transact(context, async ({ tx, audit, endSessions }) => {
      await revokeAllOf(tx, viewer.id);
      await endSessions([viewer.id]);
      audit({ organizationId: null, action: 'session.logout_everywhere', targetUserId: viewer.id });
    });
    return { ok: true };
  },
};

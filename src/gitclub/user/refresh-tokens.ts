import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/database.js';
import { RefreshTokenEntity } from '../entities/refresh-token.entity.js';

/** A refresh token's stored form: only its SHA-256 hash is kept. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Creates a refresh token in `familyId` (a new family when omitted) and returns the only copy of its value. */
export function createRefreshToken(em: EntityManager, userId: string, lifetimeSeconds: number, familyId: string = randomUUID()) {
  const value = randomBytes(32).toString('base64url');
  em.create(RefreshTokenEntity, {
    user: userId,
    familyId,
    tokenHash: hashRefreshToken(value),
    expiresAt: new Date(Date.now() + lifetimeSeconds * 1000),
    usedAt: null,
    revokedAt: null,
  });
  return { value, familyId };
}

/** Revokes every live refresh token of a family (logout, reuse detected). */
export async function revokeFamily(em: EntityManager, familyId: string): Promise<void> {
  await em.execute('update refresh_tokens set revoked_at = now() where family_id = ? and revoked_at is null', [familyId], 'run');
}

/** Revokes every live refresh token of a user (logout everywhere). */
export async function revokeAllOf(em: EntityManager, userId: string): Promise<void> {
  await em.execute('update refresh_tokens set revoked_at = now() where user_id = ? and revoked_at is null', [userId], 'run');
}

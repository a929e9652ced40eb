import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from './user.entity.js';

/**
 * One refresh token, stored only as a SHA-256 hash. Tokens of one login form a family: each is
 * usable once, and presenting a used one revokes the whole family (reuse detection, RFC 9700).
 */
export const RefreshTokenEntity = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  indexes: [{ properties: ['familyId'] }, { properties: ['user'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    user: () => p.manyToOne(UserEntity).deleteRule('cascade'),
    familyId: p.uuid(),
    tokenHash: p.string().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});

/** A refresh token row. */
export type RefreshToken = InferEntity<typeof RefreshTokenEntity>;

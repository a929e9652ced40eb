import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A person with an account. `authzVersion` grows with every change to their access, `sessionVersion` when all their sessions end. */
export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    login: p.string().unique(),
    name: p.string(),
    email: p.string().unique(),
    passwordHash: p.string().hidden(),
    authzVersion: p.integer().default(1),
    /** Grows when every session of the user ends (logout everywhere): older tokens stop working. */
    sessionVersion: p.integer().default(1),
    /** Set while the account is suspended: every request is refused. */
    suspendedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** A user row. */
export type User = InferEntity<typeof UserEntity>;

import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RepositoryEntity } from './repository.entity.js';
import { UserEntity } from './user.entity.js';

/** An issue of a repository, numbered from 1 within it. */
export const IssueEntity = defineEntity({
  name: 'Issue',
  tableName: 'issues',
  uniques: [{ properties: ['repository', 'number'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    repository: () => p.manyToOne(RepositoryEntity).deleteRule('cascade'),
    number: p.integer(),
    title: p.string(),
    body: p.text().nullable(),
    state: p.enum(['OPEN', 'CLOSED'] as const).default('OPEN'),
    author: () => p.manyToOne(UserEntity),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** An issue row. */
export type Issue = InferEntity<typeof IssueEntity>;

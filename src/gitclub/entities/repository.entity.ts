import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { OrganizationEntity } from './organization.entity.js';

/** A code repository owned by an organization. */
export const RepositoryEntity = defineEntity({
  name: 'Repository',
  tableName: 'repositories',
  uniques: [{ properties: ['organization', 'name'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organization: () => p.manyToOne(OrganizationEntity).deleteRule('cascade'),
    name: p.string(),
    description: p.text().nullable(),
    readme: p.text().nullable(),
    /** The number of the last issue opened here: createIssue takes the next one (see issue/open-issue.ts). */
    lastIssueNumber: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** A repository row. */
export type Repository = InferEntity<typeof RepositoryEntity>;

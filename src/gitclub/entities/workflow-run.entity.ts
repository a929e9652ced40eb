import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RepositoryEntity } from './repository.entity.js';
import { UserEntity } from './user.entity.js';

/** A record that someone triggered a workflow on a repository. */
export const WorkflowRunEntity = defineEntity({
  name: 'WorkflowRun',
  tableName: 'workflow_runs',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    repository: () => p.manyToOne(RepositoryEntity).deleteRule('cascade'),
    workflow: p.string(),
    triggeredBy: () => p.manyToOne(UserEntity),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** A workflow run row. */
export type WorkflowRun = InferEntity<typeof WorkflowRunEntity>;

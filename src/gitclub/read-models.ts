/**
 * What read paths hand to field resolvers: plain objects made from SQL rows, shaped like the
 * entities (a relation is `{ id }`), so that the same resolvers serve an entity a mutation
 * returns and a row a list read. Lists build these instead of entities: no hydration, no
 * identity map, no merge where nothing will be written (writes keep the unit of work).
 */
import type { RepositoryRoleRow } from './access/repository-access.js';

/** A repository as a field resolver reads it. */
export interface RepositoryRead {
  readonly id: string;
  readonly organization: { readonly id: string };
  readonly name: string;
  readonly description?: string | null;
  readonly readme?: string | null;
  readonly createdAt: Date;
  /** The viewer's role facts on it, when a list read them with the row (see `primeRepositoryAccess`). */
  readonly viewerRoleFacts?: RepositoryRoleRow;
}

/** An issue as a field resolver reads it. */
export interface IssueRead {
  readonly id: string;
  readonly repository: { readonly id: string };
  readonly number: number;
  readonly title: string;
  readonly body?: string | null;
  readonly state: 'OPEN' | 'CLOSED';
  readonly author: { readonly id: string };
  readonly createdAt: Date;
}

/** A workflow run as a field resolver reads it. */
export interface WorkflowRunRead {
  readonly id: string;
  readonly repository: { readonly id: string };
  readonly workflow: string;
  readonly triggeredBy: { readonly id: string };
  readonly createdAt: Date;
}

type Row = Record<string, unknown>;

const instant = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const text = (value: unknown): string | null => (value == null ? null : String(value));

/** A `repositories` row as a `RepositoryRead`. */
export function repositoryRead(row: Row): RepositoryRead {
  return {
    id: String(row.id),
    organization: { id: String(row.organization_id) },
    name: String(row.name),
    description: text(row.description),
    readme: text(row.readme),
    createdAt: instant(row.created_at),
  };
}

/** An `issues` row as an `IssueRead`. */
export function issueRead(row: Row): IssueRead {
  return {
    id: String(row.id),
    repository: { id: String(row.repository_id) },
    number: Number(row.number),
    title: String(row.title),
    body: text(row.body),
    state: row.state === 'CLOSED' ? 'CLOSED' : 'OPEN',
    author: { id: String(row.author_id) },
    createdAt: instant(row.created_at),
  };
}

/** A `workflow_runs` row as a `WorkflowRunRead`. */
export function workflowRunRead(row: Row): WorkflowRunRead {
  return {
    id: String(row.id),
    repository: { id: String(row.repository_id) },
    workflow: String(row.workflow),
    triggeredBy: { id: String(row.triggered_by_id) },
    createdAt: instant(row.created_at),
  };
}

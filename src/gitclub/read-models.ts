/**
 * What read paths hand to field resolvers: plain objects made from SQL rows, shaped like the
 * entities (a relation is `{ id }`), so that the same resolvers serve an entity a mutation
 * returns and a row a list read. Lists build these instead of entities: no hydration, no
 * identity map, no merge where nothing will be written (writes keep the unit of work).
 */
import { builtOnce } from '../db/built-once.js';
import type { RepositoryRoleRow } from './access/repository-access.js';

/** A repository as a field resolver reads it. */
export interface RepositoryRead {
  readonly id: string;
  readonly organization: { readonly id: string };
  readonly name: string;
  readonly description?: string | null;
  /** Undefined when it was not read (a list leaves it out): `Repository.readme` loads it then. */
  readonly readme?: string | null;
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

/** A user as a field resolver reads it (what every signed-in user may see, and the email its own field guards). */
export interface UserRead {
  readonly id: string;
  readonly login: string;
  readonly name: string;
  readonly email: string;
}

/** An organization as a field resolver reads it. */
export interface OrganizationRead {
  readonly id: string;
  readonly login: string;
  readonly name: string;
  readonly billingEmail?: string | null;
  readonly defaultRepositoryRole?: { readonly id: string } | null;
  readonly createdAt: Date;
}

/** An audit log entry as a field resolver reads it. */
export interface AuditLogEntryRead {
  readonly id: string;
  readonly organizationId: string | null;
  readonly actorId: string | null;
  readonly action: string;
  readonly targetUserId: string | null;
  readonly resourceType: string | null;
  readonly resourceId: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly requestId: string | null;
  readonly createdAt: Date;
}

type Row = Record<string, unknown>;

const instant = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const text = (value: unknown): string | null => (value == null ? null : String(value));

/**
 * The columns `repositoryRead` reads, as the statements that build one select them: `r.*` would
 * also parse the columns no field shows (a list of 100 parsed 200 of them for nothing), and a
 * prepared `select *` goes stale when a migration adds a column. A list leaves out the readme
 * (`repositoryListColumnsOf`).
 */
export const repositoryColumnsOf: (alias: string) => string = builtOnce(
  (alias: string) => alias,
  (alias: string) => columnListOf(repositoryColumns, alias),
);

/**
 * The columns a list of repositories reads: `repositoryColumnsOf` without the readme, which may
 * hold 100,000 characters. A page of 100 read every readme whether or not a field asked for one;
 * `Repository.readme` now loads what a list left out, in one statement per list.
 */
export const repositoryListColumnsOf: (alias: string) => string = builtOnce(
  (alias: string) => alias,
  (alias: string) => columnListOf(repositoryListColumns, alias),
);

const repositoryListColumns = ['id', 'organization_id', 'name', 'description'];
const repositoryColumns = [...repositoryListColumns, 'readme'];
function columnListOf(columns: readonly string[], alias: string): string {
  return columns.map((column) => `${alias}.${column}`).join(', ');
}

/**
 * A `repositories` row (`repositoryColumnsOf` or `repositoryListColumnsOf`) as a `RepositoryRead`,
 * with the viewer's role facts when the statement read them too: one object per row, made once
 * (a list makes a hundred). A list's row has no readme: it stays undefined, for the field to load.
 */
export function repositoryRead(row: Row, viewerRoleFacts?: RepositoryRoleRow): RepositoryRead {
  return {
    id: String(row.id),
    organization: { id: String(row.organization_id) },
    name: String(row.name),
    description: text(row.description),
    readme: row.readme === undefined ? undefined : text(row.readme),
    viewerRoleFacts,
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

/** A `users` row (of the columns `userColumns` names) as a `UserRead`. */
export function userRead(row: Row): UserRead {
  return { id: String(row.id), login: String(row.login), name: String(row.name), email: String(row.email) };
}

/** The columns of `users` a `UserRead` needs: never the password hash. */
export const userColumns = 'id, login, name, email';

/** An `organizations` row as an `OrganizationRead`. */
export function organizationRead(row: Row): OrganizationRead {
  return {
    id: String(row.id),
    login: String(row.login),
    name: String(row.name),
    billingEmail: text(row.billing_email),
    defaultRepositoryRole: row.default_repository_role_id == null ? null : { id: String(row.default_repository_role_id) },
    createdAt: instant(row.created_at),
  };
}

/** An `audit_log_entries` row as an `AuditLogEntryRead` (`before` and `after` are jsonb: the driver parses them). */
export function auditLogEntryRead(row: Row): AuditLogEntryRead {
  const json = (value: unknown) =>
    value == null ? null : ((typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>);
  return {
    id: String(row.id),
    organizationId: text(row.organization_id),
    actorId: text(row.actor_id),
    action: String(row.action),
    targetUserId: text(row.target_user_id),
    resourceType: text(row.resource_type),
    resourceId: text(row.resource_id),
    before: json(row.before),
    after: json(row.after),
    requestId: text(row.request_id),
    createdAt: instant(row.created_at),
  };
}

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { notFoundError, type WriteGuard } from '@rolegate/authz';
import type { UserVersions } from '../auth/session-store.js';
import type { EntityManager } from '../db/database.js';
import { sqlArray } from '../db/sql-array.js';
import { recordAudit, type AuditAction, type AuditEvent } from './audit/record-audit.js';
import type { RequestContext } from './context.js';
import { forgetLoaded } from './loaders.js';
import { refusal } from '../errors/refusal.js';
import { connectionFaultOf } from '../db/connection-faults.js';
import { DatabaseUnavailableError } from '../errors/database-unavailable.js';
import type { IdempotencyClaim } from '../idempotency/idempotency-keys.js';
import type { LiveEvent } from '../subscriptions/live-event.js';

/** What a unit of work hands the change it runs: the transaction and the steps every access change takes. */
export interface UnitOfWork {
  /** The transaction: every write goes through it. */
  readonly tx: EntityManager;
  /** Who makes the change: the viewer, or null for an anonymous request (a refresh token). */
  readonly actorId: string | null;
  /** Adds an audit entry, by the viewer unless `actorId` says otherwise, with the request id: it commits with the change or not at all. */
  audit(event: Omit<AuditEvent, 'requestId' | 'actorId'> & { readonly actorId?: string | null }): void;
  /**
   * Marks users' access as changed: tokens issued before carry stale roles. Their versions are
   * raised in the transaction just before it commits (once per user, however many changes the
   * unit makes), then published to every instance after commit.
   */
  changed(userIds: readonly string[]): Promise<void>;
  /** Ends every session of users: tokens issued before stop working (logout everywhere). Raised with `changed`'s. */
  endSessions(userIds: readonly string[]): Promise<void>;
  /**
   * Locks an organization's row until the transaction ends, so that changes whose guards count
   * rows (the last admin, the custom-role cap) take turns; NOT_FOUND when it is gone.
   */
  lockOrganization(organizationId: string): Promise<void>;
  /** Whether this unit holds an organization's lock already: what it reads of that organization since cannot have changed under it. */
  holdsOrganizationLock(organizationId: string): boolean;
}

/** How a unit of work answers a write that a unique constraint refused, and what it may keep. */
export interface UnitOfWorkOptions {
  /** The sentence for BAD_USER_INPUT `reason: ALREADY_EXISTS` when the same thing was created at the same moment. */
  readonly alreadyExists?: string;
  /**
   * The change writes content only (an issue, a workflow run, a description): nobody's access to
   * anything changes, so the request's authorizer keeps the access it resolved (its loaders still
   * forget their rows). A unit that marks users' access as changed forgets it regardless.
   */
  readonly contentOnly?: boolean;
  /** The `@auth` check this write settles in its own statement (`decidedInWrite`): the unit refuses to commit while it is pending. */
  readonly settles?: WriteGuard;
}

/**
 * The one path of every change to access (and of every write a client asks for): one transaction
 * holding the change, its audit entries and the raised versions; after commit, the versions are
 * published to the session store (every instance honours the change on its next request) and the
 * request's authorizer and loaders forget what they knew, so the rest of the response reflects the change.
 * A unique violation (two identical creations racing) answers BAD_USER_INPUT `ALREADY_EXISTS`.
 *
 * Note: the authorizer reads through the request's entity manager, not the transaction, so what a
 * guard asks of it must be loaded before the transaction opens (the `@auth` check on the mutation
 * loads the resource and its organization; resolvers authorize anything else first): embedded
 * PGlite has one connection, and a read outside the transaction would wait for it forever.
 */
export async function transact<T>(
  context: RequestContext,
  work: (unit: UnitOfWork) => Promise<T>,
  options: UnitOfWorkOptions = {},
): Promise<T> {
  const scope: UnitOfWorkScope = {
    em: context.em,
    actorId: context.viewer?.id ?? null,
    requestId: context.requestId,
    publish: (pending) => context.sessions.publish(pending),
    idempotency: context.idempotency.claim,
    publishLive: context.publishLive,
  };
  const { result, accessChanged } = await runUnitOfWork(scope, work, options);
  if (accessChanged) context.authorizer?.forget();
  forgetLoaded(context.loaders);
  return result;
}

/** Who runs a unit of work outside a GraphQL request (a command), and where its raised versions go. */
export interface UnitOfWorkScope {
  readonly em: EntityManager;
  /** The user making the change, or null for an operator's command or the system. */
  readonly actorId: string | null;
  /** What the audit entries name as the request (`cli:platform`, `migration:legacy`, or the request id). */
  readonly requestId: string;
  /** Publishes users' raised versions after commit (the session store), so every instance honours the change. */
  publish(pending: readonly [string, UserVersions][]): Promise<void>;
  /** The request's hold on its Idempotency-Key, if it sent one: marked in the change's transaction. */
  readonly idempotency?: IdempotencyClaim;
  /** Tells live subscribers of the audit entries the unit recorded, after commit (requests; commands have none). */
  readonly publishLive?: (event: LiveEvent) => void;
}

/**
 * A unit of work in any scope: the transaction, its audit entries and raised versions; the versions
 * published after commit. `transact` is this for a request; commands call it with their own scope.
 *
 * When the database connection dies, the answer says what became of the change: before COMMIT,
 * nothing was written (SERVICE_UNAVAILABLE, `retryable: true`); during COMMIT the outcome is
 * unknown (`outcome: "unknown"`), unless the request holds an Idempotency-Key, whose row the
 * transaction marked: read again on another connection, it tells whether the change committed,
 * and a change that did answers success.
 */
export async function runUnitOfWork<T>(
  scope: UnitOfWorkScope,
  work: (unit: UnitOfWork) => Promise<T>,
  options: UnitOfWorkOptions = {},
): Promise<{ result: T; accessChanged: boolean }> {
  let pending: readonly [string, UserVersions][] = [];
  let accessChanged = !options.contentOnly;
  let committing = false;
  let done: { readonly result: T } | undefined;
  let audited: readonly AuditedEntry[] = [];
  try {
    await scope.em.transactional(async (tx) => {
      // The transaction's own event manager (a clone per transaction) says when COMMIT is sent,
      // after the ORM's last flush: a fault from then on may have hit a committed change.
      tx.getEventManager().registerSubscriber({
        beforeTransactionCommit: () => {
          committing = true;
        },
      });
      const { unit, raiseVersions, entries } = unitOfWork(scope, tx, () => {
        accessChanged = true;
      });
      audited = entries;
      const result = await work(unit);
      options.settles?.assertSettled();
      // Before commit: the raised versions commit with the change, or neither does; so does the key's mark.
      pending = await raiseVersions();
      await scope.idempotency?.markCommitted(tx);
      done = { result };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw refusal('ALREADY_EXISTS', options.alreadyExists ?? 'That already exists: someone created it at the same moment.');
    }
    const fault = connectionFaultOf(error);
    if (!fault) throw error;
    if (!committing) throw new DatabaseUnavailableError(fault, 'not_applied');
    const committed = await scope.idempotency?.committed();
    if (committed === false) throw new DatabaseUnavailableError(fault, 'not_applied');
    if (committed === undefined) {
      scope.idempotency?.uncertain();
      throw new DatabaseUnavailableError(fault, 'unknown');
    }
  }
  if (!done) throw new Error('The unit of work ended without a result.');
  scope.idempotency?.applied();
  if (pending.length > 0) await scope.publish(pending);
  for (const { organizationId, action, accessRequestId, entry } of audited) {
    if (!organizationId) continue;
    scope.publishLive?.({ topic: 'audit', organizationId, entryId: entry.id });
    if (action.startsWith('access_request.') && typeof accessRequestId === 'string') {
      scope.publishLive?.({ topic: 'access-request', organizationId, requestId: accessRequestId });
    }
  }
  return { result: done.result, accessChanged };
}

/** A unit of work over `tx`, and the step that raises the versions of the users it changed (once each, in one or two statements). */
function unitOfWork(
  scope: UnitOfWorkScope,
  tx: EntityManager,
  accessChanges: () => void,
): { unit: UnitOfWork; raiseVersions: () => Promise<[string, UserVersions][]>; entries: readonly AuditedEntry[] } {
  const locked = new Set<string>();
  const entries: AuditedEntry[] = [];
  const changedUsers = new Set<string>();
  const endedSessions = new Set<string>();
  const mark = (users: Set<string>, userIds: readonly string[]): Promise<void> => {
    accessChanges();
    for (const id of userIds) users.add(id);
    return Promise.resolve();
  };
  const raise = async (userIds: readonly string[], assignment: string): Promise<[string, UserVersions][]> => {
    if (userIds.length === 0) return [];
    const rows = await tx.execute<{ id: string; authz_version: number; session_version: number }[]>(
      `update users set ${assignment} where id = any(?::uuid[]) returning id, authz_version, session_version`,
      [sqlArray(userIds)],
    );
    return rows.map((row): [string, UserVersions] => [row.id, { authz: row.authz_version, session: row.session_version }]);
  };
  const unit: UnitOfWork = {
    tx,
    actorId: scope.actorId,
    audit: (event) => {
      const entry = recordAudit(tx, {
        ...event,
        actorId: event.actorId === undefined ? scope.actorId : event.actorId,
        requestId: scope.requestId,
      });
      entries.push({ organizationId: event.organizationId, action: event.action, accessRequestId: event.after?.accessRequest, entry });
    },
    changed: (userIds) => mark(changedUsers, userIds),
    endSessions: (userIds) => mark(endedSessions, userIds),
    async lockOrganization(organizationId) {
      // A row locked once stays locked until the transaction ends: a unit changing many roles locks it once.
      if (locked.has(organizationId)) return;
      const [row] = await tx.execute<{ id: string }[]>('select id from organizations where id = ? for update', [organizationId]);
      if (!row) throw notFoundError();
      locked.add(organizationId);
    },
    holdsOrganizationLock: (organizationId) => locked.has(organizationId),
  };
  const raiseVersions = async (): Promise<[string, UserVersions][]> => [
    ...(await raise([...endedSessions], 'authz_version = authz_version + 1, session_version = session_version + 1')),
    ...(await raise(
      [...changedUsers].filter((id) => !endedSessions.has(id)),
      'authz_version = authz_version + 1',
    )),
  ];
  return { unit, raiseVersions, entries };
}

/** An audit entry a unit of work recorded, and its organization: its id is known once the transaction has flushed it. */
interface AuditedEntry {
  readonly organizationId: string | null;
  readonly action: AuditAction;
  /** The access request an `access_request.*` entry is about. */
  readonly accessRequestId: unknown;
  readonly entry: { readonly id: string };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof UniqueConstraintViolationException || (error as { code?: unknown } | null)?.code === '23505';
}

/** Everyone holding a role in an organization or on one of its repositories. */
export async function usersWithAccessTo(em: EntityManager, organizationId: string): Promise<string[]> {
  const rows = await em.execute<{ user_id: string }[]>(
    `select distinct user_id from role_assignments
     where (resource_type = 'organization' and resource_id = ?)
        or (resource_type = 'repository' and resource_id in (select id from repositories where organization_id = ?))`,
    [organizationId, organizationId],
  );
  return rows.map((row) => row.user_id);
}

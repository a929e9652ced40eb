import { randomUUID } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import type { EntityManager } from '../db/database.js';
import { connectionFaultOf, markConnectionFault } from '../db/connection-faults.js';
import { clientError } from '../errors/graphql-errors.js';

/** How long a key is remembered: a repeat after this runs as a new request. */
export const idempotencyKeyLifetimeHours = 24;
/** How long an attempt holds its key before another may take it over (one whose server stopped mid-request). */
export const attemptLeaseSeconds = 60;

/** The first answer to a keyed request, as it is replayed: HTTP status and the GraphQL response body. */
export interface StoredAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What the key store says of a keyed request about to run. */
export type KeyLookup =
  | { readonly kind: 'run'; readonly claim: IdempotencyClaim }
  | { readonly kind: 'replay'; readonly answer: StoredAnswer }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'running' }
  | { readonly kind: 'answerLost' };

/**
 * One attempt's hold on a key while its request runs. The unit of work marks it inside each
 * change's transaction, so a change and the key's "committed" commit together or not at all; the
 * plugin then stores the answer, or lets the key go when nothing was changed.
 */
export interface IdempotencyClaim {
  /**
   * Inside a change's transaction: this attempt commits a change under the key. Throws (and the
   * change rolls back) when another attempt has taken the key over meanwhile: only one attempt
   * ever changes anything under a key.
   */
  markCommitted(tx: EntityManager): Promise<void>;
  /** Whether a change of this attempt committed, read again after a COMMIT whose answer was lost: undefined while that cannot be read. */
  committed(): Promise<boolean | undefined>;
  /** Notes that a change of this attempt committed (its unit of work saw COMMIT succeed, or `committed()` said so). */
  applied(): void;
  /** Notes that a change's COMMIT may have happened and nobody could tell. */
  uncertain(): void;
  /** True when a change committed under this attempt. */
  readonly hasApplied: boolean;
  /** True when a COMMIT's outcome stayed unknown. */
  readonly isUncertain: boolean;
}

interface KeyRow {
  id: string;
  fingerprint: string;
  attempt_id: string | null;
  lease_active: boolean;
  committed: boolean;
  response_status: number | null;
  response_body: Readonly<Record<string, unknown>> | null;
  expired: boolean;
}

/** Statements the key store sends after a fault are tried this many times, `retryPauseMs` apart: they are idempotent. */
const storeAttempts = 3;
const retryPauseMs = 100;

/**
 * The idempotency keys of mutation requests (the IETF `Idempotency-Key` draft), per viewer, in
 * PostgreSQL. A key is claimed by inserting its row; an attempt that changed nothing gives it back
 * (the request may simply run again), one that changed something stores its answer for repeats.
 */
export class IdempotencyKeys {
  constructor(private readonly em: () => EntityManager) {}

  /**
   * Looks a key up for a request about to run, claiming it when it is free: `run` (with the
   * claim), `replay` (the first answer), `mismatch` (the key was used for another request),
   * `running` (another attempt holds it), `answerLost` (a change committed under it, but the
   * attempt's answer was never stored: its server stopped).
   */
  async lookUp(viewerId: string, key: string, fingerprint: string): Promise<KeyLookup> {
    // One attempt id throughout: an insert sent again after a fault, whose first try did commit, finds its own row.
    const attemptId = randomUUID();
    let lookup: KeyLookup | undefined;
    const looked = await this.retried(async () => {
      lookup = await this.lookUpOnce(viewerId, key, fingerprint, attemptId);
    });
    if (!looked || !lookup) throw markConnectionFault(new Error('The idempotency key could not be read.'), 'broken');
    return lookup;
  }

  private async lookUpOnce(viewerId: string, key: string, fingerprint: string, attemptId: string): Promise<KeyLookup> {
    const em = this.em();
    for (let round = 0; round < 3; round++) {
      const inserted = await em.execute<{ id: string }[]>(
        `insert into idempotency_keys (id, viewer_id, key, fingerprint, attempt_id, lease_until, created_at)
         values (?, ?, ?, ?, ?, now() + make_interval(secs => ?), now())
         on conflict (viewer_id, key) do nothing returning id`,
        [randomUUID(), viewerId, key, fingerprint, attemptId, attemptLeaseSeconds],
      );
      if (inserted[0]) return { kind: 'run', claim: this.claim(inserted[0].id, attemptId) };
      const [row] = await em.execute<KeyRow[]>(
        `select id, fingerprint, attempt_id, lease_until > now() as lease_active, committed_at is not null as committed,
                response_status, response_body, created_at < now() - make_interval(hours => ?) as expired
         from idempotency_keys where viewer_id = ? and key = ?`,
        [idempotencyKeyLifetimeHours, viewerId, key],
      );
      if (!row) continue; // given back meanwhile: claim it
      if (row.attempt_id === attemptId && !row.committed) return { kind: 'run', claim: this.claim(row.id, attemptId) };
      if (row.expired) {
        await em.execute('delete from idempotency_keys where id = ? and created_at < now() - make_interval(hours => ?)', [
          row.id,
          idempotencyKeyLifetimeHours,
        ]);
        continue;
      }
      if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (row.response_status !== null && row.response_body !== null) {
        return { kind: 'replay', answer: { status: row.response_status, body: row.response_body } };
      }
      if (row.lease_active) return { kind: 'running' };
      if (row.committed) return { kind: 'answerLost' };
      // Its attempt stopped before changing anything: take it over. Its transaction, if it still
      // runs, then fails to mark the key (markCommitted names the attempt) and rolls back.
      const taken = await em.execute<{ id: string }[]>(
        `update idempotency_keys set attempt_id = ?, lease_until = now() + make_interval(secs => ?)
         where id = ? and committed_at is null and (lease_until is null or lease_until <= now()) returning id`,
        [attemptId, attemptLeaseSeconds, row.id],
      );
      if (taken[0]) return { kind: 'run', claim: this.claim(row.id, attemptId) };
    }
    return { kind: 'running' };
  }

  /** Stores the answer of an attempt that changed something; its lease ends. False when it could not be stored. */
  async storeAnswer(claimId: string, answer: StoredAnswer): Promise<boolean> {
    return this.retried(async () => {
      await this.em().execute(
        `update idempotency_keys set response_status = ?, response_body = ?::jsonb, lease_until = null
         where id = ? and committed_at is not null`,
        [answer.status, JSON.stringify(answer.body), claimId],
      );
    });
  }

  /** Gives back the key of an attempt that changed nothing: the same request may run again. */
  async giveBack(claimId: string, attemptId: string): Promise<boolean> {
    return this.retried(async () => {
      await this.em().execute('delete from idempotency_keys where id = ? and attempt_id = ? and committed_at is null', [
        claimId,
        attemptId,
      ]);
    });
  }

  /** Ends an attempt's lease without storing anything (its COMMIT's outcome is unknown): a repeat finds out what happened. */
  async endLease(claimId: string, attemptId: string): Promise<boolean> {
    return this.retried(async () => {
      await this.em().execute('update idempotency_keys set lease_until = null where id = ? and attempt_id = ?', [claimId, attemptId]);
    });
  }

  /** Deletes the keys older than their lifetime (the expiry sweep); how many. */
  async sweep(): Promise<number> {
    const rows = await this.em().execute<{ id: string }[]>(
      'delete from idempotency_keys where created_at < now() - make_interval(hours => ?) returning id',
      [idempotencyKeyLifetimeHours],
    );
    return rows.length;
  }

  private claim(claimId: string, attemptId: string): IdempotencyClaim & { readonly id: string; readonly attemptId: string } {
    // Plain fields, not getters: an object literal with accessors gets a map of its own in V8, which
    // holds the request until a full collection (docs/contributors.md, "A map per request").
    const claim: { -readonly [K in keyof IdempotencyClaim]: IdempotencyClaim[K] } & { readonly id: string; readonly attemptId: string } = {
      hasApplied: false,
      isUncertain: false,
      id: claimId,
      attemptId,
      async markCommitted(tx) {
        const rows = await tx.execute<{ id: string }[]>(
          'update idempotency_keys set committed_at = coalesce(committed_at, now()) where id = ? and attempt_id = ? returning id',
          [claimId, attemptId],
        );
        if (!rows[0]) throw takenOverError();
      },
      committed: async () => {
        let answer: boolean | undefined;
        const read = await this.retried(async () => {
          // `for update` waits for the attempt's own transaction, if its backend still finishes it.
          const [row] = await this.em().execute<{ committed: boolean }[]>(
            'select committed_at is not null as committed from idempotency_keys where id = ? and attempt_id = ? for update',
            [claimId, attemptId],
          );
          answer = row?.committed ?? false;
        });
        return read ? answer : undefined;
      },
      applied() {
        claim.hasApplied = true;
        claim.isUncertain = false;
      },
      uncertain() {
        claim.isUncertain = !claim.hasApplied;
      },
    };
    return claim;
  }

  /** Runs an idempotent statement, again after a connection fault; false when every attempt failed that way. */
  private async retried(statement: () => Promise<void>): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await statement();
        return true;
      } catch (error) {
        if (!connectionFaultOf(error)) throw error;
        if (attempt >= storeAttempts) return false;
        await pause(retryPauseMs * attempt);
      }
    }
  }
}

/** A change under a key another attempt took over (this one outlived its lease): it rolls back, and the client is told the key is in use. */
function takenOverError(): Error {
  return clientError(
    'Another attempt with this Idempotency-Key took it over after this one outlived its lease: this one changed nothing.',
    {
      code: 'IDEMPOTENCY_KEY_IN_USE',
    },
  );
}

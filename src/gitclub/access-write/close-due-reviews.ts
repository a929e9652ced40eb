import type { GraphQLError } from 'graphql';
import type { UserVersions } from '../../auth/session-store.js';
import type { EntityManager } from '../../db/database.js';
import { runUnitOfWork, type UnitOfWork, type UnitOfWorkScope } from '../access-changes.js';
import { accessReviewColumns, accessReviewRead, type AccessReviewRead } from '../access-review/access-review-read.js';
import { systemActor } from './actor.js';
import { decideInUnit } from './review-decisions.js';

/** Where the sweep runs: its database and where raised versions go (the session store). */
export interface SweepScope {
  readonly em: EntityManager;
  readonly publish: (pending: readonly [string, UserVersions][]) => Promise<void>;
}

/** The actor and request id of the due date's decisions in the audit log. */
const sweepName = 'sweep:access-reviews';

/** How many due reviews one sweep closes (the next sweep takes the rest). */
const reviewsPerSweep = 20;

/**
 * Closes the access reviews whose due date has passed at `now` (the periodic sweep's clock): their
 * undecided items follow the review's `whenUndecided`, as the system. REVOKE decides each item in a
 * unit of work of its own through the write path (`decideInUnit`, audited with the review named):
 * one a guard refuses (the organization's last admin) is kept instead, its note saying why. KEEP
 * keeps the rest in one statement. Then the review closes with an `access_review.closed` entry
 * counting what the due date decided. Returns how many reviews it closed.
 */
export async function closeDueAccessReviews(scope: SweepScope, now: Date): Promise<number> {
  const unitScope: UnitOfWorkScope = { em: scope.em, actorId: null, requestId: sweepName, publish: scope.publish };
  const due = (
    await scope.em.execute<Record<string, unknown>[]>(
      `select ${accessReviewColumns} from access_reviews where closed_at is null and due_at <= ? order by due_at limit ?`,
      [now, reviewsPerSweep],
    )
  ).map(accessReviewRead);
  for (const review of due) {
    const revoked = review.whenUndecided === 'revoke' ? await revokeUndecided(unitScope, review, now) : { revoked: 0, refused: 0 };
    await runUnitOfWork(unitScope, (unit) => closeInUnit(unit, review, now, revoked), { contentOnly: true });
  }
  return due.length;
}

/** REVOKE at the due date: each undecided item through the write path, one unit of work each; a refused one is kept, saying why. */
async function revokeUndecided(scope: UnitOfWorkScope, review: AccessReviewRead, now: Date) {
  const actor = systemActor(sweepName);
  const undecided = await scope.em.execute<{ id: string }[]>(
    'select id from access_review_items where review_id = ? and decision is null order by position',
    [review.id],
  );
  const counts = { revoked: 0, refused: 0 };
  for (const { id } of undecided) {
    const item = { id, organizationId: review.organizationId };
    const note = `Undecided at the due date: revoked, as the review said.`;
    try {
      await runUnitOfWork(scope, (unit) => decideInUnit(unit, actor, item, { decision: 'revoke', note }, now));
      counts.revoked += 1;
    } catch (error) {
      const reason = (error as Partial<GraphQLError>).extensions?.reason;
      if (typeof reason !== 'string') throw error;
      // Decided or closed at the same moment (another instance's sweep): nothing of this sweep's to do.
      if (reason === 'ALREADY_DECIDED' || reason === 'REVIEW_CLOSED') continue;
      const kept = `Undecided at the due date; its revocation was refused (${reason}: ${(error as Error).message}), so it was kept.`;
      await runUnitOfWork(scope, (unit) => decideInUnit(unit, actor, item, { decision: 'keep', note: kept }, now), {
        contentOnly: true,
      });
      counts.refused += 1;
    }
  }
  return counts;
}

/** Keeps what is still undecided (KEEP at the due date), closes the review and audits it, in the unit of work. */
async function closeInUnit(
  unit: UnitOfWork,
  review: AccessReviewRead,
  now: Date,
  revoked: { revoked: number; refused: number },
): Promise<void> {
  await unit.lockOrganization(review.organizationId);
  const [closed] = await unit.tx.execute<{ id: string }[]>(
    'update access_reviews set closed_at = ? where id = ? and closed_at is null returning id',
    [now, review.id],
  );
  // Closed at the same moment by another instance's sweep: nothing left to do.
  if (!closed) return;
  const [kept] = await unit.tx.execute<{ count: string }[]>(
    `with kept as (update access_review_items set decision = 'keep', decided_by_name = 'system', decided_at = ?,
       note = 'Undecided at the due date: kept, as the review said.' where review_id = ? and decision is null returning 1)
     select count(*) from kept`,
    [now, review.id],
  );
  unit.audit({
    organizationId: review.organizationId,
    action: 'access_review.closed',
    resourceType: 'organization',
    resourceId: review.organizationId,
    after: {
      accessReview: review.id,
      actor: sweepName,
      dueAt: review.dueAt.toISOString(),
      whenUndecided: review.whenUndecided,
      keptAtDueDate: Number(kept?.count ?? 0) + revoked.refused,
      revokedAtDueDate: revoked.revoked,
      revocationsRefused: revoked.refused,
    },
  });
}

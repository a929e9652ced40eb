import type { EntityManager } from '../../db/database.js';

/** One line of an access review's export: the evidence of one item, as an auditor reads it. */
export interface ReviewExportLine {
  readonly review: string;
  readonly organization: string;
  readonly item: string;
  readonly position: number;
  /** The person whose access it was, by login. */
  readonly user: string;
  readonly kind: string;
  readonly resourceType: string;
  readonly resource: string;
  readonly role: string | null;
  readonly customRole: boolean;
  readonly permission: string | null;
  readonly expiresAt: string | null;
  /** `keep`, `revoke`, or null while undecided. */
  readonly decision: string | null;
  /** Who decided, by login; `system` for the due date. */
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly note: string | null;
  /** For a REVOKE: whether it removed what the item names (false: it was gone already). */
  readonly removed: boolean | null;
}

/** The review an export is about: its organization's login, due date and default; undefined when there is none. */
export async function findReviewToExport(
  em: EntityManager,
  reviewId: string,
): Promise<{ organization: string; dueAt: Date; whenUndecided: string; closedAt: Date | null } | undefined> {
  const [row] = await em.execute<{ login: string; due_at: Date | string; when_undecided: string; closed_at: Date | string | null }[]>(
    'select o.login, r.due_at, r.when_undecided, r.closed_at from access_reviews r join organizations o on o.id = r.organization_id where r.id = ?',
    [reviewId],
  );
  return row
    ? {
        organization: row.login,
        dueAt: new Date(row.due_at),
        whenUndecided: row.when_undecided,
        closedAt: row.closed_at ? new Date(row.closed_at) : null,
      }
    : undefined;
}

const iso = (value: unknown) => (value ? new Date(value as string | Date).toISOString() : null);

/** Every item of a review in snapshot order, a page of `pageSize` per statement, as export lines. */
export async function* reviewExportLines(
  em: EntityManager,
  reviewId: string,
  organization: string,
  pageSize = 500,
): AsyncGenerator<ReviewExportLine> {
  let after = 0;
  for (;;) {
    const rows = await em.execute<Record<string, unknown>[]>(
      `select i.*, u.login from access_review_items i join users u on u.id = i.user_id
       where i.review_id = ? and i.position > ? order by i.position limit ?`,
      [reviewId, after, pageSize],
    );
    for (const row of rows) {
      yield {
        review: reviewId,
        organization,
        item: row.id as string,
        position: Number(row.position),
        user: row.login as string,
        kind: row.kind as string,
        resourceType: row.resource_type as string,
        resource: row.resource_name as string,
        role: (row.role_name as string | null) ?? null,
        customRole: row.custom_role === true,
        permission: (row.permission as string | null) ?? null,
        expiresAt: iso(row.expires_at),
        decision: (row.decision as string | null) ?? null,
        decidedBy: (row.decided_by_name as string | null) ?? null,
        decidedAt: iso(row.decided_at),
        note: (row.note as string | null) ?? null,
        removed: (row.removed as boolean | null) ?? null,
      };
    }
    if (rows.length < pageSize) return;
    after = Number(rows.at(-1)?.position);
  }
}

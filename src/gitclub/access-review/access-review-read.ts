/** What undecided items become at a review's due date, and what a reviewer decides: keep or revoke. */
export type ReviewDecision = 'keep' | 'revoke';

/** The kinds of item a review snapshots: one person and one thing they held. */
export type ReviewItemKind = 'membership' | 'repository_role' | 'grant';

/** An access review as its fields resolve it: a plain row, read without the ORM's identity map. */
export interface AccessReviewRead {
  readonly id: string;
  readonly organizationId: string;
  readonly startedById: string | null;
  /** When it started: the moment of its snapshot (named for `newestFirstKey`). */
  readonly createdAt: Date;
  readonly dueAt: Date;
  readonly whenUndecided: ReviewDecision;
  readonly closedAt: Date | null;
}

/** The columns of `access_reviews` a read model needs. */
export const accessReviewColumns = 'id, organization_id, started_by_id, created_at, due_at, when_undecided, closed_at';

/** Maps an `access_reviews` row to its read model. */
export function accessReviewRead(row: Record<string, unknown>): AccessReviewRead {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    startedById: (row.started_by_id as string | null) ?? null,
    createdAt: new Date(row.created_at as string | Date),
    dueAt: new Date(row.due_at as string | Date),
    whenUndecided: row.when_undecided as ReviewDecision,
    closedAt: row.closed_at ? new Date(row.closed_at as string | Date) : null,
  };
}

/** One item of a review, with what stands today where it was: the snapshot, its decision, and the current state. */
export interface AccessReviewItemRead {
  readonly id: string;
  readonly reviewId: string;
  readonly organizationId: string;
  readonly position: number;
  readonly userId: string;
  readonly kind: ReviewItemKind;
  readonly assignmentId: string | null;
  readonly roleId: string | null;
  readonly roleName: string | null;
  readonly customRole: boolean;
  readonly grantId: string | null;
  readonly permission: string | null;
  readonly expiresAt: Date | null;
  readonly resourceType: 'organization' | 'repository' | 'issue';
  readonly resourceId: string;
  readonly resourceName: string;
  readonly decision: ReviewDecision | null;
  readonly decidedById: string | null;
  readonly decidedByName: string | null;
  readonly decidedAt: Date | null;
  readonly note: string | null;
  readonly removed: boolean | null;
  /** What stands today: the exact assignment with its role, or the grant still active (see `itemStateColumns`). */
  readonly current: ItemState;
}

/** What stands today where an item was. */
export interface ItemState {
  /** The item's exact assignment with the same role, or its grant active: nothing changed. */
  readonly held: boolean;
  /** The role the user holds at the item's place now, if any (another assignment, or the same one with another role). */
  readonly roleNow: string | null;
  /** For a grant: when it was revoked, if it was. */
  readonly grantRevokedAt: Date | null;
}

/**
 * Whether what an item (`i`) names still stands: its exact assignment with the same role, or its
 * grant neither revoked nor expired. SQL, for the reads and for the writes that decide items.
 */
export const itemStillHeld = `case when i.kind = 'grant'
    then exists (select 1 from permission_grants g where g.id = i.grant_id and g.revoked_at is null and g.expires_at > now())
    else exists (select 1 from role_assignments ra where ra.id = i.assignment_id and ra.role_id = i.role_id) end`;

/**
 * The columns of an item (`i`, a row of `access_review_items`) with its current state, computed in the
 * same statement: whether the exact assignment (same row, same role) or the grant (not revoked, not
 * expired) still exists, and the role held at that place now.
 */
export const accessReviewItemColumns = `i.*,
  ${itemStillHeld} as held_now,
  case when i.kind = 'grant' then null
    else (select r.name from role_assignments ra join roles r on r.id = ra.role_id
          where ra.user_id = i.user_id and ra.resource_type = i.resource_type and ra.resource_id = i.resource_id) end as role_now,
  case when i.kind = 'grant' then (select g.revoked_at from permission_grants g where g.id = i.grant_id) end as grant_revoked_at`;

const dateOrNull = (value: unknown): Date | null => (value ? new Date(value as string | Date) : null);

/** Maps a row of `accessReviewItemColumns` to its read model. */
export function accessReviewItemRead(row: Record<string, unknown>): AccessReviewItemRead {
  return {
    id: row.id as string,
    reviewId: row.review_id as string,
    organizationId: row.organization_id as string,
    position: Number(row.position),
    userId: row.user_id as string,
    kind: row.kind as ReviewItemKind,
    assignmentId: (row.assignment_id as string | null) ?? null,
    roleId: (row.role_id as string | null) ?? null,
    roleName: (row.role_name as string | null) ?? null,
    customRole: row.custom_role === true,
    grantId: (row.grant_id as string | null) ?? null,
    permission: (row.permission as string | null) ?? null,
    expiresAt: dateOrNull(row.expires_at),
    resourceType: row.resource_type as AccessReviewItemRead['resourceType'],
    resourceId: row.resource_id as string,
    resourceName: row.resource_name as string,
    decision: (row.decision as ReviewDecision | null) ?? null,
    decidedById: (row.decided_by_id as string | null) ?? null,
    decidedByName: (row.decided_by_name as string | null) ?? null,
    decidedAt: dateOrNull(row.decided_at),
    note: (row.note as string | null) ?? null,
    removed: (row.removed as boolean | null) ?? null,
    current: {
      held: row.held_now === true,
      roleNow: (row.role_now as string | null) ?? null,
      grantRevokedAt: dateOrNull(row.grant_revoked_at),
    },
  };
}

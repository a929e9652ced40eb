/** An access request as its fields resolve it: a plain row, read without the ORM's identity map. */
export interface AccessRequestRead {
  readonly id: string;
  readonly requesterId: string;
  readonly permission: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName: string;
  readonly organizationId: string;
  readonly reason: string;
  readonly status: 'pending' | 'approved' | 'denied';
  readonly createdAt: Date;
  readonly decidedById: string | null;
  readonly decidedAt: Date | null;
  readonly decisionReason: string | null;
  readonly grantId: string | null;
}

/** Maps an `access_requests` row (`select *`) to its read model. */
export function accessRequestRead(row: Record<string, unknown>): AccessRequestRead {
  return {
    id: row.id as string,
    requesterId: row.requester_id as string,
    permission: row.permission as string,
    resourceType: row.resource_type as string,
    resourceId: row.resource_id as string,
    resourceName: row.resource_name as string,
    organizationId: row.organization_id as string,
    reason: row.reason as string,
    status: row.status as AccessRequestRead['status'],
    createdAt: new Date(row.created_at as string | Date),
    decidedById: (row.decided_by_id as string | null) ?? null,
    decidedAt: row.decided_at ? new Date(row.decided_at as string | Date) : null,
    decisionReason: (row.decision_reason as string | null) ?? null,
    grantId: (row.grant_id as string | null) ?? null,
  };
}

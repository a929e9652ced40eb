import { notFoundError } from '@rolegate/authz';
import type { EntityManager } from '../../db/database.js';
import { refusal } from '../../errors/refusal.js';

interface TargetUser {
  readonly tx: EntityManager;
  readonly userId: string;
}

/** NOT_FOUND when the user a change is about does not exist (a random id and a deleted user answer alike). */
export async function targetUserExists({ tx, userId }: TargetUser): Promise<void> {
  const [row] = await tx.execute<{ id: string }[]>('select id from users where id = ?', [userId]);
  if (!row) throw notFoundError();
}

/**
 * REQUESTER_SUSPENDED when the user is suspended: access given now would wait for their
 * reactivation, unseen by whoever reactivates them. Read under the transaction's locks.
 */
export async function targetUserActive({ tx, userId }: TargetUser): Promise<void> {
  const [row] = await tx.execute<{ suspended_at: Date | null }[]>('select suspended_at from users where id = ? for share', [userId]);
  if (row?.suspended_at) {
    throw refusal('REQUESTER_SUSPENDED', 'The requester is suspended; deny the request, or approve a new one after their reactivation.', {
      argument: 'input.requestId',
    });
  }
}

import type { EntityManager } from '../../db/database.js';

/** Which users column an external identity provider's user claim names (`AUTH_USER_FIELD`). */
export type ExternalUserField = 'login' | 'email' | 'id';

const columnOf: Record<ExternalUserField, string> = { login: 'login', email: 'email', id: 'id::text' };

/**
 * Finds the user an external identity provider's token names: the id of the unsuspended user whose
 * login, email or id equals the claim's value, or undefined (the token is then refused).
 */
export function externalUserLookup(
  forkEntityManager: () => EntityManager,
  userField: ExternalUserField,
): (claimValue: string) => Promise<string | undefined> {
  const column = columnOf[userField];
  return async (claimValue) => {
    const [row] = await forkEntityManager().execute<{ id: string }[]>(`select id from users where ${column} = ? and suspended_at is null`, [
      claimValue,
    ]);
    return row?.id;
  };
}

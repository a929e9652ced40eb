import DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import { byIds, groupedBy } from '../batch-loaders.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { userColumns, userRead, type OrganizationRead, type UserRead } from '../read-models.js';
import type { RoleView } from '../role/role-view.js';

/** The request loaders of users: users by id, and each one's memberships. */
export interface UserLoaders {
  readonly user: DataLoader<string, UserRead | null>;
  /** A user's memberships (organization role assignments) by user id, ordered by organization login. */
  readonly memberships: DataLoader<string, { organization: OrganizationRead; role: RoleView }[]>;
}

/** Loaders over `users` and their organization role assignments; a membership's organization and role come through the `sources` loaders. */
export function userLoaders(
  em: EntityManager,
  observing: (name: keyof UserLoaders) => BatchWrapper,
  sources: {
    readonly organization: DataLoader<string, OrganizationRead | null>;
    readonly role: DataLoader<string, RoleView | null>;
  },
): UserLoaders {
  return {
    user: byIds(
      async (ids) =>
        (await em.execute<Record<string, unknown>[]>(`select ${userColumns} from users where id = any(?::uuid[])`, [sqlArray(ids)])).map(
          userRead,
        ),
      observing('user'),
    ),
    memberships: new DataLoader(
      observing('memberships')(async (userIds) => {
        const rows = await em.execute<{ user_id: string; organization_id: string; role_id: string }[]>(
          `select ra.user_id, ra.resource_id as organization_id, ra.role_id from role_assignments ra
         join organizations o on o.id = ra.resource_id
         where ra.user_id = any(?::uuid[]) and ra.resource_type = 'organization' order by o.login`,
          [sqlArray(userIds)],
        );
        const [organizations, roles] = await Promise.all([
          sources.organization.loadMany(rows.map((row) => row.organization_id)),
          sources.role.loadMany(rows.map((row) => row.role_id)),
        ]);
        const failure = [...organizations, ...roles].find((loaded) => loaded instanceof Error);
        if (failure) throw failure;
        const memberships = rows.flatMap((row, index) => {
          const [found, held] = [organizations[index] as OrganizationRead | null, roles[index] as RoleView | null];
          return found && held ? [{ userId: row.user_id, organization: found, role: held }] : [];
        });
        return groupedBy(userIds, memberships, (membership) => membership.userId).map((group) =>
          group.map(({ organization, role }) => ({ organization, role })),
        );
      }),
    ),
  };
}

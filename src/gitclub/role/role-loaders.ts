import DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import { groupedBy } from '../batch-loaders.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { findRoleViews, loadRoleViews, type RoleView } from './role-view.js';

/** The request loaders of roles: by id, by name, and an organization's custom roles. */
export interface RoleLoaders {
  readonly role: DataLoader<string, RoleView | null>;
  /** Roles by `organizationId|resourceType|name`: a built-in role, or that organization's custom role. */
  readonly roleByName: DataLoader<string, RoleView | null>;
  /** Custom roles by organization id, by name. */
  readonly customRoles: DataLoader<string, RoleView[]>;
}

/** The key of `roleByName`. */
export function roleKey(organizationId: string, resourceType: string, name: string): string {
  return `${organizationId}|${resourceType}|${name}`;
}

/** Loaders over `roles` with their permissions (`RoleView`), one statement per batch. */
export function roleLoaders(em: EntityManager, observing: (name: keyof RoleLoaders) => BatchWrapper): RoleLoaders {
  return {
    role: new DataLoader(observing('role')((ids: readonly string[]) => loadRoleViews(em, ids))),
    roleByName: new DataLoader(
      observing('roleByName')(async (keys) => {
        const names = [...new Set(keys.map((key) => key.split('|')[2] ?? ''))];
        const roles = await findRoleViews(em, 'r.name = any(?::text[])', [sqlArray(names)]);
        return keys.map((key) => {
          const [organizationId, resourceType, name] = key.split('|');
          const candidates = roles.filter((role) => role.name === name && role.resourceType === resourceType?.toUpperCase());
          return candidates.find((role) => role.organizationId === organizationId) ?? candidates.find((role) => role.builtIn) ?? null;
        });
      }),
    ),
    customRoles: new DataLoader(
      observing('customRoles')(async (organizationIds) =>
        groupedBy(
          organizationIds,
          await findRoleViews(em, 'r.organization_id = any(?::uuid[])', [sqlArray(organizationIds)]),
          (role) => role.organizationId,
        ),
      ),
    ),
  };
}

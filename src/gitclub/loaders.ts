import DataLoader from 'dataloader';
import type { EntityManager } from '../db/database.js';
import { OrganizationEntity, type Organization } from './entities/organization.entity.js';
import { UserEntity, type User } from './entities/user.entity.js';
import { loadRoleViews, type RoleView } from './role/role-view.js';

/** Per-request batch loaders for the objects fields point at (authors, organizations, roles). */
export interface Loaders {
  readonly user: DataLoader<string, User | null>;
  readonly organization: DataLoader<string, Organization | null>;
  readonly role: DataLoader<string, RoleView | null>;
}

function byIds<T extends { id: string }>(find: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const found = new Map((await find(ids)).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Fresh loaders for one request. */
export function createLoaders(em: EntityManager): Loaders {
  return {
    user: byIds((ids) => em.find(UserEntity, { id: { $in: [...ids] } })),
    organization: byIds((ids) => em.find(OrganizationEntity, { id: { $in: [...ids] } })),
    role: new DataLoader((ids) => loadRoleViews(em, ids)),
  };
}

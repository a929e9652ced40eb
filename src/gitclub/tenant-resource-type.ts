import type { EntityManager } from '../db/database.js';
import { isTenantResourceType, resourceTypes, type TenantResourceType } from './resources.js';
import type { ResourceType } from './policy/policy.js';

/** The resource types that belong to an organization (organization, repository, issue), in the registry's order. */
const tenantTypes = (Object.keys(resourceTypes) as ResourceType[]).filter(isTenantResourceType);

/**
 * Which tenant resource type an id names, read through the registry's `organizationOfSql` of
 * each type (ids are UUIDs: one table at most holds it); undefined when none does. For fields that
 * take any resource's id without its type.
 */
export async function tenantResourceTypeOf(em: EntityManager, id: string): Promise<TenantResourceType | undefined> {
  for (const type of tenantTypes) {
    const rows = await em.execute<unknown[]>(resourceTypes[type].organizationOfSql as string, [id]);
    if (rows.length > 0) return type;
  }
  return undefined;
}

import DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { groupedBy } from '../batch-loaders.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { PermissionGrantEntity, type PermissionGrant } from '../entities/permission-grant.entity.js';

/** The request loaders of direct grants. */
export interface GrantLoaders {
  /** Active grants (not revoked, not expired) by organization id, soonest expiry first. */
  readonly activeGrants: DataLoader<string, PermissionGrant[]>;
}

/** Loaders over `permission_grants`, one statement per batch. */
export function grantLoaders(em: EntityManager, observing: (name: keyof GrantLoaders) => BatchWrapper): GrantLoaders {
  return {
    activeGrants: new DataLoader(
      observing('activeGrants')(async (organizationIds) =>
        groupedBy(
          organizationIds,
          await em.find(
            PermissionGrantEntity,
            { organizationId: { $in: [...organizationIds] }, revokedAt: null, expiresAt: { $gt: new Date() } },
            { orderBy: { expiresAt: 'asc' } },
          ),
          (grant) => grant.organizationId,
        ),
      ),
    ),
  };
}

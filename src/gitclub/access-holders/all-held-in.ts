import type { EntityManager } from '../../db/database.js';
import { heldInOrganizationLoaders, type HeldResourceRow } from './held-in-organization.js';

export type { HeldResourceRow } from './held-in-organization.js';

/** The rows one page of `allHeldIn` reads at a time. */
const pageSize = 500;

/**
 * Everything a person holds in an organization, every page of accessOf read through `em` (inside a
 * transaction, what it sees): an offboarding's report of before and after.
 */
export async function allHeldIn(em: EntityManager, organizationId: string, userId: string): Promise<HeldResourceRow[]> {
  const { heldInOrganizationPages } = heldInOrganizationLoaders(em, () => (load) => load);
  const held: HeldResourceRow[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await heldInOrganizationPages.load({ parentId: organizationId, filter: userId, after, limit: pageSize + 1 });
    held.push(...page.slice(0, pageSize));
    if (page.length <= pageSize) return held;
    after = page[pageSize - 1]?.sortKey;
  }
}

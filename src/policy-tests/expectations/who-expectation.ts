import type { HeldResourceType, HolderRow } from '../../gitclub/access-holders/access-holder-loaders.js';
import { permissionCatalog } from '../../gitclub/policy/policy.js';
import type { WhoSpec } from '../format/policy-test-format.js';
import { namesSideBySide, sameNames, type ExpectationOutcome, type ExpectationScope } from './expectation-result.js';

/** How many holders one read asks for (the lists are paged by login). */
const pageSize = 100;

/**
 * A `who`: exactly the people `peopleWithAccess` lists for the permission on the resource, read
 * through the same request loaders (every page), whoever may ask.
 */
export async function runWho(spec: WhoSpec, { api, ids }: ExpectationScope): Promise<ExpectationOutcome> {
  const type = permissionCatalog.resourceTypeOf(spec.permission) as HeldResourceType;
  const { loaders } = await api.contextAs(null);
  const parentId = ids.idOf(type, spec.resource);
  const holders: HolderRow[] = [];
  for (let after: string | undefined; ;) {
    const page = await loaders[`${type}HolderPages`].load({ parentId, filter: spec.permission, after, limit: pageSize + 1 });
    holders.push(...page.slice(0, pageSize));
    if (page.length <= pageSize) break;
    after = page[pageSize - 1]?.login;
  }
  const actual = holders.map((holder) => holder.login).sort();
  return { passed: sameNames(spec.expect, actual), actual, rows: namesSideBySide(spec.expect, actual) };
}

import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import type { EntityManager } from '../../src/db/database.js';
import { createLoaders, forgetLoaded, type Loaders } from '../../src/gitclub/loaders.js';

// Loaders are made group by group on first use: what a resolver reads must be what it read before, and forgetting must reach every one made.
const unusedEntityManager = {} as EntityManager;

/** Every loader's name, as a request's loaders offer them (getters on their prototype). */
function loaderNames(loaders: Loaders): (keyof Loaders)[] {
  const names: (keyof Loaders)[] = [];
  for (const name in loaders) names.push(name as keyof Loaders);
  return names;
}

describe("a request's loaders", () => {
  const names = loaderNames(createLoaders(unusedEntityManager));

  it('offers every loader of every group', () => {
    // One loader of each area's group: a group left out of the list in loaders.ts loses its names here.
    const oneOfEachGroup: (keyof Loaders)[] = [
      'organization',
      'role',
      'user',
      'repository',
      'issue',
      'auditLogEntry',
      'activeGrants',
      'roleReport',
      'organizationAccessRequestPages',
      'organizationAccessReviewPages',
      'repositoryHolderPages',
      'heldInOrganizationPages',
      'heldByUserPages',
    ];
    expect(names).toEqual(expect.arrayContaining(oneOfEachGroup));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(names)('%s is a DataLoader, the same one each time it is read, and not another request’s', (name) => {
    const loaders = createLoaders(unusedEntityManager);
    const loader = loaders[name];
    expect(loader).toBeInstanceOf(DataLoader);
    expect(loaders[name]).toBe(loader);
    expect(createLoaders(unusedEntityManager)[name]).not.toBe(loader);
  });

  it.each([
    ['used before', true],
    ['never used before', false],
  ])('forgetLoaded clears what a loader holds (%s the change)', async (_label, usedBefore) => {
    const loaders = createLoaders(unusedEntityManager);
    if (usedBefore) loaders.user.prime('u1', null);
    forgetLoaded(loaders);
    // `prime` keeps what a loader already holds: after a clear it takes the new value.
    const fresh = { id: 'u1', login: 'after' } as unknown as NonNullable<Awaited<ReturnType<Loaders['user']['load']>>>;
    loaders.user.prime('u1', fresh);
    await expect(loaders.user.load('u1')).resolves.toBe(fresh);
  });
});

// The items of a list decided together (`decideEachAt`): each decision is the one `decideAt` gives
// for that item alone, every decision is observed with its own check, and unknown access is loaded
// in one batch.
import { describe, expect, it } from 'vitest';
import {
  accessFromGrants,
  Authorizer,
  type AccessGrant,
  type AccessSource,
  type Check,
  type CheckSite,
  type Decision,
  type DecisionArbiter,
  type ViewerAccess,
  type Viewer,
} from '../src/index.js';

const reader: AccessGrant = { via: 'membership', role: 'member', permissions: new Set(['read:document']) };
const editor: AccessGrant = { via: 'explicit', role: 'editor', permissions: new Set(['read:document', 'edit:document']) };
const hidden: AccessGrant = { via: 'explicit', role: 'ghost', permissions: new Set(['edit:document']) };
/** What many items share when a list is primed through one role: one grants array, one permission set. */
const sharedReader = accessFromGrants('document', 'shared', [reader]);

/** What each item's access is: primed shared, primed of its own, primed as missing, or left for the source to load. */
type Setup = { primed: ViewerAccess | null } | { loaded: readonly AccessGrant[] | null };

const items: Record<string, Setup> = {
  s1: { primed: { ...sharedReader, resourceId: 's1' } },
  s2: { primed: { ...sharedReader, resourceId: 's2' } },
  own: { primed: accessFromGrants('document', 'own', [editor]) },
  s3: { primed: { ...sharedReader, resourceId: 's3' } },
  gone: { primed: null },
  invisible: { primed: accessFromGrants('document', 'invisible', [hidden]) },
  s4: { primed: { ...sharedReader, resourceId: 's4' } },
  loadedEditor: { loaded: [editor] },
  loadedMissing: { loaded: null },
  loadedReader: { loaded: [reader] },
};

function authorizerOver(options: { arbiter?: DecisionArbiter } = {}) {
  const loads: string[][] = [];
  const observed: { outcome: string; check: Check; coordinate: string }[] = [];
  const source: AccessSource = {
    resourceType: 'document',
    visibilityPermission: 'read:document',
    loadAccess: async (ids) => {
      loads.push([...ids]);
      return ids.map((id) => {
        const setup = items[id];
        const grants = setup && 'loaded' in setup ? setup.loaded : null;
        return grants ? accessFromGrants('document', id, grants) : null;
      });
    },
  };
  const authorizer = new Authorizer<Viewer>({
    viewer: { id: 'ann' },
    sources: new Map([['document', source]]),
    arbiter: options.arbiter,
    onDecision: (decision, site, check) => observed.push({ outcome: decision.outcome, check, coordinate: site.coordinate }),
  });
  for (const [id, setup] of Object.entries(items)) if ('primed' in setup) authorizer.prime('document', id, setup.primed);
  return { authorizer, loads, observed };
}

const site: CheckSite = { coordinate: 'Folder.documents', operationName: undefined };

/** The outcome each item gets, per permission. */
const expected: Record<string, Record<'read:document' | 'edit:document', Decision['outcome']>> = {
  s1: { 'read:document': 'allow', 'edit:document': 'forbidden' },
  s2: { 'read:document': 'allow', 'edit:document': 'forbidden' },
  own: { 'read:document': 'allow', 'edit:document': 'allow' },
  s3: { 'read:document': 'allow', 'edit:document': 'forbidden' },
  gone: { 'read:document': 'not_found', 'edit:document': 'not_found' },
  invisible: { 'read:document': 'not_found', 'edit:document': 'not_found' },
  s4: { 'read:document': 'allow', 'edit:document': 'forbidden' },
  loadedEditor: { 'read:document': 'allow', 'edit:document': 'allow' },
  loadedMissing: { 'read:document': 'not_found', 'edit:document': 'not_found' },
  loadedReader: { 'read:document': 'allow', 'edit:document': 'forbidden' },
};

describe('decideEachAt', () => {
  const ids = Object.keys(items);
  const permissions = ['read:document', 'edit:document'] as const;

  it.each(permissions)('%s: each item gets what decideAt gives it alone, observed once with its own check', async (permission) => {
    const together = authorizerOver();
    const decisions = await together.authorizer.decideEachAt(permission, 'document', ids, site);
    expect(decisions.map((decision) => decision.outcome)).toEqual(ids.map((id) => expected[id]?.[permission]));

    const alone = authorizerOver();
    for (const [index, id] of ids.entries()) {
      expect(decisions[index]).toEqual(await alone.authorizer.decideAt({ permission, resourceType: 'document', resourceId: id }, site));
    }
    const byId = (entries: typeof together.observed) => [...entries].sort((a, b) => a.check.resourceId.localeCompare(b.check.resourceId));
    expect(byId(together.observed)).toEqual(byId(alone.observed));
    expect(together.observed).toHaveLength(ids.length);
  });

  it('loads only the unknown items, in one batch', async () => {
    const { authorizer, loads } = authorizerOver();
    await authorizer.decideEachAt('read:document', 'document', ids, site);
    expect(loads).toEqual([['loadedEditor', 'loadedMissing', 'loadedReader']]);
  });

  it('answers synchronously when every item is known, sharing the decision of items primed through one set of grants', () => {
    const { authorizer, loads } = authorizerOver();
    const decisions = authorizer.decideEachAt('read:document', 'document', ['s1', 's2', 'own', 's3', 's4'], site);
    expect(decisions).not.toBeInstanceOf(Promise);
    const [s1, s2, own, s3, s4] = decisions as Decision[];
    expect(s2).toBe(s1);
    expect(own).not.toBe(s1);
    expect(own).toEqual({ outcome: 'allow', grant: editor });
    // Not only neighbours: the shared decision is made again after another item's, and is equal.
    expect(s4).toBe(s3);
    expect(s3).toEqual(s1);
    expect(loads).toEqual([]);
  });

  it('an arbiter has the last word on each item, as with decideAt', async () => {
    const arbitrated: string[] = [];
    const arbiter: DecisionArbiter = {
      arbitrate: (decision, check) => {
        arbitrated.push(check.resourceId);
        return check.resourceId === 's2' ? { outcome: 'not_found' } : decision;
      },
    };
    const { authorizer } = authorizerOver({ arbiter });
    const decisions = await authorizer.decideEachAt('read:document', 'document', ['s1', 's2', 'loadedReader'], site);
    expect(decisions.map((decision) => decision.outcome)).toEqual(['allow', 'not_found', 'allow']);
    expect(arbitrated.sort()).toEqual(['loadedReader', 's1', 's2']);
  });

  it('an empty list decides nothing', () => {
    const { authorizer, observed } = authorizerOver();
    expect(authorizer.decideEachAt('read:document', 'document', [], site)).toEqual([]);
    expect(observed).toEqual([]);
  });
});

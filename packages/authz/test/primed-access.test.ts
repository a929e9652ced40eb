// Access an application already knows (a list filtered by access in SQL) primed into the
// per-request authorizer: checks on those resources load nothing more.
import { describe, expect, it } from 'vitest';
import { accessFromGrants, Authorizer, type AccessSource, type Viewer } from '../src/index.js';

describe('primed access', () => {
  const counting = () => {
    const loaded: string[] = [];
    const source: AccessSource = {
      resourceType: 'document',
      visibilityPermission: 'read:document',
      loadAccess: async (ids) => {
        loaded.push(...ids);
        return ids.map((id) => accessFromGrants('document', id, [{ via: 'owner', permissions: new Set(['read:document']) }]));
      },
    };
    return {
      loaded,
      authorizer: new Authorizer<Viewer>({ viewer: { id: 'ann' }, sources: new Map([['document', source]]) }),
    };
  };

  it('answers checks without loading, and loads what was not primed', async () => {
    const { loaded, authorizer } = counting();
    authorizer.prime(
      'document',
      'd1',
      accessFromGrants('document', 'd1', [{ via: 'list', permissions: new Set(['read:document', 'edit:document']) }]),
    );
    authorizer.prime('document', 'gone', null);
    expect(await authorizer.can('edit:document', 'document', 'd1')).toBe(true);
    expect((await authorizer.evaluate('read:document', 'document', 'gone')).outcome).toBe('not_found');
    expect(await authorizer.can('edit:document', 'document', 'd2')).toBe(false);
    expect(loaded).toEqual(['d2']);
  });

  it('never overrides access resolved earlier in the request', async () => {
    const { authorizer } = counting();
    expect(await authorizer.can('edit:document', 'document', 'd1')).toBe(false);
    authorizer.prime('document', 'd1', accessFromGrants('document', 'd1', [{ via: 'list', permissions: new Set(['edit:document']) }]));
    expect(await authorizer.can('edit:document', 'document', 'd1')).toBe(false);
  });
});

// The policy table against itself and the SDL: every catalog permission is granted by some built-in
// role (issue permissions through derivation) and guards something in the schema; the built-in roles
// hold exactly what the product promises; and the pure repository-role rules of `repositoryGrants`.
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { authCoordinates, type AccessGrant } from '@rolegate/authz';
import { builtInRoles, roleSatisfies } from '../../src/gitclub/policy/built-in-roles.js';
import { issueGrants } from '../../src/gitclub/policy/issue-permissions.js';
import { permissionCatalog } from '../../src/gitclub/policy/policy.js';
import { repositoryGrants, type RepositoryRoleFacts, type ResolvedRole } from '../../src/gitclub/policy/repository-roles.js';
import { resourceTypes } from '../../src/gitclub/resources.js';
import { loadTypeDefs } from '../../src/gitclub/schema.js';

const schema = makeExecutableSchema({ typeDefs: loadTypeDefs() });

/** Every `@auth` permission of the SDL, with where it stands (`Type`, `Type.field`, `Input.field`), from the core's one schema walk. */
function guardedCoordinates(target: GraphQLSchema): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { coordinate, auth } of authCoordinates(target)) {
    if (auth) found.set(auth.permission, [...(found.get(auth.permission) ?? []), coordinate]);
  }
  return found;
}

const guarded = guardedCoordinates(schema);
const catalogNames = permissionCatalog.permissions.map((permission) => permission.name);
const role = (name: string) => {
  const found = builtInRoles.get(name);
  if (!found) throw new Error(`No built-in role "${name}".`);
  return found;
};
const granted = (grants: readonly AccessGrant[]) => new Set(grants.flatMap((grant) => [...grant.permissions]));
const sorted = (names: Iterable<string>) => [...names].sort();

/** Issues have no roles: their permissions derive from repository permissions (see issueGrants). */
const derivedFromRepository = ['read:issue', 'close:issue', 'update:issue'];
/**
 * Permissions that guard through something other than an `@auth` of their own: issue derivation
 * (manage_issues), the support rule on tenant resources (read_tenants), and resolvers checking the
 * single platform resource (manage_users, tested in test/gitclub/platform.test.ts).
 */
const guardsThroughDerivation = ['manage_issues:repository', 'read_tenants:platform', 'manage_users:platform'];

describe('every catalog permission', () => {
  it('the SDL uses only catalog permissions', () => {
    expect([...guarded.keys()].filter((permission) => !permissionCatalog.has(permission))).toEqual([]);
  });

  it('only issue permissions lack a built-in role granting them directly', () => {
    const direct = new Set([...builtInRoles.values()].flatMap((expanded) => [...expanded.permissions]));
    expect(catalogNames.filter((name) => !direct.has(name))).toEqual(derivedFromRepository);
  });

  it.each(catalogNames)('%s is granted by a built-in role', (permission) => {
    const holders = [...builtInRoles.values()].filter((expanded) => {
      if (expanded.permissions.has(permission)) return true;
      // A repository role's permissions derive issue permissions, author or not.
      return expanded.resourceType === 'repository' && granted(issueGrants(expanded.permissions, false)).has(permission);
    });
    expect(holders.map((expanded) => expanded.name)).not.toEqual([]);
  });

  it.each(catalogNames)('%s guards a type, field, input field or mutation', (permission) => {
    if (guardsThroughDerivation.includes(permission)) {
      // Not in the SDL: it works through issue derivation, checked below.
      expect(guarded.get(permission)).toBeUndefined();
    } else {
      expect(guarded.get(permission) ?? []).not.toEqual([]);
    }
  });

  it('manage_issues:repository guards closeIssue and updateIssue through derivation', () => {
    const withManage = granted(issueGrants(new Set(['read:repository', 'manage_issues:repository']), false));
    const readOnly = granted(issueGrants(new Set(['read:repository']), false));
    expect(withManage).toEqual(new Set(['read:issue', 'close:issue', 'update:issue']));
    expect(readOnly).toEqual(new Set(['read:issue']));
    expect(guarded.get('close:issue')).toEqual(['Mutation.closeIssue']);
    expect(guarded.get('update:issue')).toEqual(['Mutation.updateIssue']);
  });

  it('read_tenants:platform gives read-only access to every tenant resource', () => {
    const supportAccess = Object.fromEntries(Object.entries(resourceTypes).map(([type, definition]) => [type, definition.supportAccess]));
    expect(supportAccess).toEqual({
      organization: ['read:organization', 'read_members:organization'],
      repository: ['read:repository'],
      issue: [],
      user: [],
      platform: [],
    });
  });
});

const ofType = (resourceType: string) =>
  permissionCatalog.permissions.filter((permission) => permission.resourceType === resourceType).map((permission) => permission.name);

describe('built-in roles', () => {
  const roleCases: { name: string; permissions: string[] }[] = [
    { name: 'admin', permissions: ofType('organization') },
    { name: 'maintainer', permissions: ofType('repository') },
    { name: 'member', permissions: ['read:organization', 'read_members:organization', 'create_repository:organization'] },
    { name: 'billing', permissions: ['read:organization', 'read_billing:organization', 'manage_billing:organization'] },
    { name: 'contributor', permissions: ['read:repository', 'read_code:repository', 'create_issue:repository'] },
    { name: 'self', permissions: ['read_email:user'] },
    { name: 'support', permissions: ['read_tenants:platform'] },
    { name: 'platform_admin', permissions: ['read_tenants:platform', 'manage_users:platform'] },
  ];

  it('the table names every built-in role', () => {
    expect(sorted(roleCases.map((roleCase) => roleCase.name))).toEqual(sorted(builtInRoles.keys()));
  });

  it.each(roleCases)('$name holds exactly its permissions', ({ name, permissions }) => {
    expect(sorted(role(name).permissions)).toEqual(sorted(permissions));
  });

  const satisfiesCases: { held: string | undefined; required: string; expected: boolean }[] = [
    { held: 'admin', required: 'member', expected: true },
    { held: 'admin', required: 'billing', expected: true },
    { held: 'admin', required: 'admin', expected: true },
    { held: 'member', required: 'member', expected: true },
    { held: 'billing', required: 'member', expected: false },
    { held: 'member', required: 'admin', expected: false },
    { held: 'maintainer', required: 'contributor', expected: true },
    { held: 'contributor', required: 'maintainer', expected: false },
    { held: 'ci-cd', required: 'member', expected: false },
    { held: 'ci-cd', required: 'ci-cd', expected: false },
    { held: undefined, required: 'member', expected: false },
  ];

  it.each(satisfiesCases)('roleSatisfies($held, $required) is $expected', ({ held, required, expected }) => {
    expect(roleSatisfies(held, required)).toBe(expected);
  });
});

describe('repositoryGrants', () => {
  const contributor: ResolvedRole = role('contributor');
  const maintainer: ResolvedRole = role('maintainer');
  const ciCd: ResolvedRole = { name: 'ci-cd', permissions: new Set(['read:repository', 'trigger_workflow:repository']) };

  const cases: {
    rule: string;
    facts: RepositoryRoleFacts;
    expected: { role: string; via: string; permissions: ResolvedRole['permissions'] }[];
  }[] = [
    {
      rule: 'an admin is maintainer even with an explicit contributor role',
      facts: { organizationRole: 'admin', explicitRole: contributor, defaultRole: contributor },
      expected: [{ role: 'maintainer', via: 'organization-admin', permissions: maintainer.permissions }],
    },
    {
      rule: 'an admin is maintainer without any repository role',
      facts: { organizationRole: 'admin', explicitRole: undefined, defaultRole: undefined },
      expected: [{ role: 'maintainer', via: 'organization-admin', permissions: maintainer.permissions }],
    },
    {
      rule: "an explicit role replaces a member's default",
      facts: { organizationRole: 'member', explicitRole: ciCd, defaultRole: contributor },
      expected: [{ role: 'ci-cd', via: 'explicit', permissions: ciCd.permissions }],
    },
    {
      rule: 'a member without an explicit role gets the default',
      facts: { organizationRole: 'member', explicitRole: undefined, defaultRole: contributor },
      expected: [{ role: 'contributor', via: 'default-role', permissions: contributor.permissions }],
    },
    {
      rule: 'a member gets nothing when the default is null',
      facts: { organizationRole: 'member', explicitRole: undefined, defaultRole: undefined },
      expected: [],
    },
    {
      rule: 'billing gets no default role',
      facts: { organizationRole: 'billing', explicitRole: undefined, defaultRole: contributor },
      expected: [],
    },
    {
      rule: 'billing keeps an explicit role',
      facts: { organizationRole: 'billing', explicitRole: contributor, defaultRole: contributor },
      expected: [{ role: 'contributor', via: 'explicit', permissions: contributor.permissions }],
    },
    {
      rule: 'a custom organization role gets no default role',
      facts: { organizationRole: 'auditor', explicitRole: undefined, defaultRole: contributor },
      expected: [],
    },
    {
      rule: 'an outside collaborator (no organization role) gets the explicit role',
      facts: { organizationRole: undefined, explicitRole: contributor, defaultRole: maintainer },
      expected: [{ role: 'contributor', via: 'explicit', permissions: contributor.permissions }],
    },
    {
      rule: 'a stranger gets nothing',
      facts: { organizationRole: undefined, explicitRole: undefined, defaultRole: contributor },
      expected: [],
    },
  ];

  it.each(cases)('$rule', ({ facts, expected }) => {
    const grants = repositoryGrants(facts);
    expect(grants.map((grant) => ({ role: grant.role, via: grant.via, permissions: sorted(grant.permissions) }))).toEqual(
      expected.map((grant) => ({ ...grant, permissions: sorted(grant.permissions) })),
    );
  });
});

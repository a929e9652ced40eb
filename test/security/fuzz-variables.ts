import { randomUUID } from 'node:crypto';
import { isEnumType, type GraphQLEnumType } from 'graphql';
import { demoEmail } from '../../src/gitclub/demo/demo-cast.js';
import type { FuzzTarget, Leaf } from './fuzz-plan.js';

/** The kinds of object an ID leaf can name, read from its name (`organizationId`, `grantId`, `resourceId`). */
export type IdKind = 'organization' | 'repository' | 'issue' | 'role' | 'grant' | 'user' | 'resource';

/** What an ID leaf names, by its name's ending; undefined for a name the table does not know (then: any kind). */
export function idKindOf(leafName: string): IdKind | undefined {
  const kinds: [RegExp, IdKind][] = [
    [/organizationId$/i, 'organization'],
    [/repositoryId$/i, 'repository'],
    [/issueId$/i, 'issue'],
    [/roleId$/i, 'role'],
    [/grantId$/i, 'grant'],
    [/(userId|actorId)$/i, 'user'],
    [/resourceId$/i, 'resource'],
  ];
  return kinds.find(([pattern]) => pattern.test(leafName))?.[1];
}

/** Ids a persona acts on in baselines (its own organization, repository...); kinds it has none of get a random UUID. */
export type OwnIds = Partial<Record<IdKind, string>>;

let serial = 0;
/** A name nothing in the database has: valid as a login, a repository name or a role name. */
export function freshName(): string {
  serial += 1;
  return `fz-${serial}-${randomUUID().slice(0, 8)}`;
}

const inSevenDays = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

// Plausible values by schema coordinate, then by leaf name: a baseline the server accepts as far as it can,
// so that a hostile value in one leaf is what the server reacts to. A leaf in neither table gets a value of its type.
const byCoordinate: Record<string, () => unknown> = {
  'Query.organization(login:)': () => 'beatles',
  'Query.repository(owner:)': () => 'beatles',
  'Query.repository(name:)': () => 'abbey-road',
  'Query.user(login:)': () => 'john',
  // A real account (no persona's): hostile passwords reach the password check.
  'LoginInput.email': () => demoEmail('ringo'),
  'Organization.viewerCan(permission:)': () => 'read:organization',
  'Issue.viewerCan(permission:)': () => 'read:issue',
  'GrantPermissionInput.permission': () => 'trigger_workflow:repository',
  'CreateCustomRoleInput.resourceType': () => 'REPOSITORY',
  'AssignRepositoryRoleInput.role': () => 'contributor',
  'DeleteCustomRoleInput.reassignTo': () => 'contributor',
  'UpdateOrganizationInput.defaultRepositoryRole': () => 'contributor',
};
const byName: Record<string, () => unknown> = {
  login: freshName,
  owner: () => 'beatles',
  name: freshName,
  email: () => `${freshName()}@fuzz.test`,
  billingEmail: () => `${freshName()}@fuzz.test`,
  password: () => 'correct-horse-battery-staple',
  permission: () => 'read:repository',
  permissions: () => 'read:repository',
  role: () => 'member',
  workflow: () => 'ci',
  reason: () => 'Fuzzing the API',
  title: () => 'Fuzz title',
  body: () => 'Fuzz text',
  description: () => 'Fuzz text',
  readme: () => 'Fuzz text',
  refreshToken: () => 'not-a-refresh-token',
  expiresAt: inSevenDays,
  since: () => '2020-01-01T00:00:00.000Z',
  until: () => '2100-01-01T00:00:00.000Z',
  action: () => 'member.added',
  first: () => 1,
};

/** A plausible value for a leaf (one element for a list leaf), using the persona's own ids for ID leaves. */
export function plausibleValue(leaf: Leaf, own: OwnIds): unknown {
  const make = byCoordinate[leaf.coordinate] ?? byName[leaf.name];
  if (make) return make();
  if (leaf.type.name === 'ID') {
    const kind = idKindOf(leaf.name);
    return (kind && (own[kind] ?? (kind === 'resource' ? own.repository : undefined))) ?? randomUUID();
  }
  if (isEnumType(leaf.type)) return (leaf.type as GraphQLEnumType).getValues()[0]?.name;
  return { Int: 1, Float: 1, Boolean: false }[leaf.type.name] ?? 'x';
}

/** The value a leaf gets in a baseline: the plausible value, in a list for a list leaf. */
export function baselineValue(leaf: Leaf, own: OwnIds): unknown {
  const value = plausibleValue(leaf, own);
  return leaf.list ? [value] : value;
}

/**
 * The variables of a request: every required leaf (required all the way down) gets its baseline
 * value, and `focus`, when given, gets `value` instead; required leaves of an optional input object
 * are filled only when the focus lies inside it.
 */
export function variablesFor(target: FuzzTarget, own: OwnIds, focus?: { leaf: Leaf; value: unknown }): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  const focusPath = focus?.leaf.path.filter((step) => typeof step === 'string').join('.');
  for (const leaf of target.leaves) {
    if (leaf === focus?.leaf) continue;
    const names = leaf.path.filter((step): step is string => typeof step === 'string');
    const reachable = leaf.chain.every(
      (required, index) => required || (focusPath !== undefined && `${focusPath}.`.startsWith(`${names.slice(0, index + 1).join('.')}.`)),
    );
    if (reachable && leaf.chain.at(-1)) setAt(variables, leaf.path, baselineValue(leaf, own));
  }
  if (focus) setAt(variables, focus.leaf.path, focus.value);
  return variables;
}

/** Sets a value deep in an object, creating objects (or arrays before a numeric step) on the way. */
export function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = root;
  path.forEach((step, index) => {
    if (index === path.length - 1) {
      node[step] = value;
      return;
    }
    node[step] ??= typeof path[index + 1] === 'number' ? [] : {};
    node = node[step] as Record<string | number, unknown>;
  });
}

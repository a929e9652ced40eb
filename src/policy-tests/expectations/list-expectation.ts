import { runQueryExpectation, type QueryOutcome } from '@rolegate/authz';
import type { HeldResourceType } from '../../gitclub/access-holders/access-holder-loaders.js';
import { permissionCatalog } from '../../gitclub/policy/policy.js';
import type { ListSpec } from '../format/policy-test-format.js';
import { namesSideBySide, sameNames, type ExpectationOutcome, type ExpectationScope } from './expectation-result.js';

/** How many items one page asks for: the schema's largest page. */
const first = 100;

type Ask = (document: string, variables: Record<string, unknown>) => Promise<QueryOutcome['data']>;

/** The lists a user reads through GraphQL, per type: each resource they see, and whether they hold the permission there. */
const listsOf: Record<HeldResourceType, (ask: Ask, action: string) => Promise<string[]>> = {
  organization: async (ask, action) => {
    const data = (await ask(
      `query($action: OrganizationPermission!) { viewer { organizations { organization { login viewerCan(action: $action) } } } }`,
      { action },
    )) as { viewer: { organizations: { organization: { login: string; viewerCan: boolean } | null }[] } } | null;
    return (data?.viewer.organizations ?? []).flatMap(({ organization }) => (organization?.viewerCan ? [organization.login] : []));
  },
  repository: async (ask, action) =>
    (await readableRepositories(ask, `viewerCan(action: $action)`, { action }, 'RepositoryPermission')).flatMap((repository) =>
      repository.viewerCan ? [repository.nameWithOwner] : [],
    ),
  issue: async (ask, action) => {
    const repositories = await readableRepositories(ask, `issues(first: ${first}) { ${issuePage} }`, { action }, 'IssuePermission');
    const names: string[] = [];
    for (const repository of repositories) {
      let issues = repository.issues as IssuePage;
      const [owner, name] = repository.nameWithOwner.split('/');
      for (;;) {
        names.push(...issues.nodes.flatMap((issue) => (issue?.viewerCan ? [`${repository.nameWithOwner}#${issue.number}`] : [])));
        if (!issues.pageInfo.hasNextPage) break;
        const data = (await ask(
          `query($action: IssuePermission!, $owner: String!, $name: String!, $after: String) {
            repository(owner: $owner, name: $name) { issues(first: ${first}, after: $after) { ${issuePage} } } }`,
          { action, owner, name, after: issues.pageInfo.endCursor },
        )) as { repository: { issues: IssuePage } | null } | null;
        if (!data?.repository) break;
        issues = data.repository.issues;
      }
    }
    return names;
  },
};

const issuePage = 'nodes { number viewerCan(action: $action) } pageInfo { hasNextPage endCursor }';
interface IssuePage {
  readonly nodes: readonly ({ readonly number: number; readonly viewerCan: boolean } | null)[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}
type RepositoryNode = { readonly nameWithOwner: string } & Record<string, unknown>;

/** Every repository of `viewer.repositories`, page by page, with `selection` on each. */
async function readableRepositories(ask: Ask, selection: string, variables: Record<string, unknown>, actionType: string) {
  const repositories: RepositoryNode[] = [];
  for (let after: string | null = null; ;) {
    const data = (await ask(
      `query($action: ${actionType}!, $after: String) { viewer { repositories(first: ${first}, after: $after) {
        nodes { nameWithOwner ${selection} } pageInfo { hasNextPage endCursor } } } }`,
      { ...variables, after },
    )) as { viewer: { repositories: { nodes: RepositoryNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } | null;
    if (!data) break;
    repositories.push(...data.viewer.repositories.nodes);
    if (!data.viewer.repositories.pageInfo.hasNextPage) break;
    after = data.viewer.repositories.pageInfo.endCursor;
  }
  return repositories;
}

/**
 * A `list`: exactly the organizations, repositories or issues where the user holds the permission
 * among those their own GraphQL lists show them (`viewer.organizations`, `viewer.repositories` and
 * each one's `issues`, every page), each asked with `viewerCan` through the server's schema as that
 * user. A user whose requests are refused (suspended) sees nothing. An error a list answers with
 * other than NOT_FOUND or FORBIDDEN (which hide an item) is a fault, reported as such.
 */
export async function runList(spec: ListSpec, { api, ids }: ExpectationScope): Promise<ExpectationOutcome> {
  const [action = '', type] = spec.permission.split(':') as [string, HeldResourceType];
  if (!permissionCatalog.has(spec.permission)) throw new Error(`Unknown permission "${spec.permission}".`);
  const userId = ids.idOf('user', spec.user);
  const ask: Ask = async (document, variables) => {
    const { outcome } = await runQueryExpectation(api.schema, { document, variables }, () => api.contextAs(userId));
    const errors = Object.entries(outcome.errors);
    if (errors.some(([, error]) => error.code === 'UNAUTHENTICATED')) return null;
    const fault = errors.find(([, error]) => error.code !== 'NOT_FOUND' && error.code !== 'FORBIDDEN');
    if (fault) throw new Error(`Listing as ${spec.user} answered ${fault[1].code} at ${fault[0]}: ${fault[1].message}`);
    return outcome.data;
  };
  const actual = (await listsOf[type](ask, action)).sort();
  return { passed: sameNames(spec.expect, actual), actual, rows: namesSideBySide(spec.expect, actual) };
}

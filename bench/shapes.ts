/** The kinds of server the bench compares. */
export type ServerKind = 'auth' | 'baseline' | 'shield' | 'floor';

/** What a running bench server tells the bench about itself. */
export interface ServerInfo {
  readonly url: string;
  readonly token: string;
  /** The id of `beatles/bench-001` on this server's database (mutations name it). */
  readonly repositoryId: string;
  /** The ids of beatles' first 100 bench repositories, by name (an AuthZEN batch asks about each). */
  readonly repositoryIds: readonly string[];
  /** john's id: the viewer of every shape. */
  readonly viewerId: string;
}

/** One request shape: its body for a server, the servers it runs on, and how to tell a correct answer. */
export interface Shape {
  readonly name: string;
  readonly servers: readonly ServerKind[];
  /** Where it is sent, when not to the GraphQL endpoint: a path on the server's origin. */
  readonly path?: string;
  body(server: ServerInfo): Record<string, unknown>;
  /** Refuses an answer that is not the expected one (a wrong answer fast would prove nothing): GraphQL's `data`, or the whole JSON answer of another path. */
  check(data: Record<string, unknown>): void;
  /** Decisions one request makes, when the shape is about decisions: the bench prints decisions per second. */
  readonly decisions?: number;
}

const gitclubServers: readonly ServerKind[] = ['auth', 'baseline', 'shield'];

function expectCount(what: string, actual: unknown, expected: number): void {
  const count = Array.isArray(actual) ? actual.length : -1;
  if (count !== expected) throw new Error(`${what}: expected ${expected}, got ${count}.`);
}

type Nodes<T> = { nodes?: T[] } | undefined;
type Organization = { repositories?: Nodes<{ issues?: Nodes<unknown> }> } | undefined;

type Connection = { totalCount?: number; nodes?: { via?: unknown[] }[] } | null | undefined;

/** The shapes: the lean list, the bench list, nested issues, one repository, one mutation, and a page of members beside a page of who has access. */
export const shapes: readonly Shape[] = [
  {
    name: 'lean list',
    servers: [...gitclubServers, 'floor'],
    body: () => ({ query: '{ organization(login: "beatles") { repositories(first: 100) { nodes { id name } } } }' }),
    check: (data) => expectCount('repositories', (data.organization as Organization)?.repositories?.nodes, 100),
  },
  {
    name: 'bench list',
    servers: gitclubServers,
    body: () => ({
      query: `{ organization(login: "beatles") { repositories(first: 100) {
        nodes { id name readme collaborators { role { name } } workflowRuns(first: 1) { totalCount } } } } }`,
    }),
    check: (data) => expectCount('repositories', (data.organization as Organization)?.repositories?.nodes, 100),
  },
  {
    name: 'nested issues',
    servers: gitclubServers,
    body: () => ({
      query: `{ organization(login: "beatles") { repositories(first: 50) {
        nodes { issues(first: 5) { totalCount nodes { title author { login } viewerPermissions } } } } } }`,
    }),
    check: (data) => {
      const nodes = (data.organization as Organization)?.repositories?.nodes ?? [];
      expectCount('repositories', nodes, 50);
      expectCount('issues of the last repository', nodes.at(-1)?.issues?.nodes, 5);
    },
  },
  {
    name: 'one repository',
    servers: gitclubServers,
    body: () => ({
      query:
        '{ repository(owner: "beatles", name: "bench-042") { id name nameWithOwner readme viewerPermissions viewerCan(permission: "update:repository") } }',
    }),
    check: (data) => {
      const repository = data.repository as { name?: string; viewerCan?: boolean } | null;
      if (repository?.name !== 'bench-042' || repository.viewerCan !== true) throw new Error(`repository: ${JSON.stringify(repository)}`);
    },
  },
  {
    name: 'createIssue',
    servers: gitclubServers,
    body: (server) => ({
      query: 'mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id number title } } }',
      variables: { input: { repositoryId: server.repositoryId, title: 'Filed by the bench' } },
    }),
    check: (data) => {
      const issue = (data.createIssue as { issue?: { title?: string } } | null)?.issue;
      if (issue?.title !== 'Filed by the bench') throw new Error(`createIssue: ${JSON.stringify(data.createIssue)}`);
    },
  },
  {
    name: 'members page',
    servers: ['auth'],
    body: () => ({
      query: '{ organization(login: "bench-large") { members(first: 100) { totalCount nodes { user { login } role { name } } } } }',
    }),
    check: (data) => expectCount('members', ((data.organization as { members?: Connection } | null)?.members ?? undefined)?.nodes, 100),
  },
  {
    name: 'people with access',
    servers: ['auth'],
    body: () => ({
      query: `{ repository(owner: "bench-large", name: "large-001") { peopleWithAccess(permission: read, first: 100) {
        totalCount nodes { user { login } via { via role expiresAt description } } } } }`,
    }),
    check: (data) => {
      const connection = (data.repository as { peopleWithAccess?: Connection } | null)?.peopleWithAccess;
      expectCount('people with access', connection?.nodes, 100);
      if (!connection?.nodes?.every((node) => (node.via?.length ?? 0) > 0)) throw new Error('people with access: a row without a path.');
    },
  },
  {
    // 100 decisions in one AuthZEN batch (john about himself: read_code on 100 repositories)...
    name: 'authzen batch',
    servers: ['auth'],
    path: '/access/v1/evaluations',
    decisions: 100,
    body: (server) => ({
      subject: { type: 'user', id: server.viewerId },
      action: { name: 'read_code' },
      evaluations: server.repositoryIds.map((id) => ({ resource: { type: 'repository', id } })),
    }),
    check: (answer) => {
      const decisions = answer.evaluations as { decision?: boolean }[] | undefined;
      expectCount('evaluations', decisions, 100);
      if (!decisions?.every((decision) => decision.decision === true)) throw new Error('authzen batch: a decision was not true.');
    },
  },
  {
    // ...and the same 100 decisions through GraphQL: viewerCan on a page of the same repositories (a document may hold
    // 30 aliases and 20 root fields, so a page is how a GraphQL client asks about 100 resources at once).
    name: 'viewerCan page',
    servers: ['auth'],
    decisions: 100,
    body: () => ({
      query: '{ organization(login: "beatles") { repositories(first: 100) { nodes { viewerCan(action: read_code) } } } }',
    }),
    check: (data) => {
      const nodes = (data.organization as { repositories?: Nodes<{ viewerCan?: boolean }> } | null)?.repositories?.nodes;
      expectCount('repositories', nodes, 100);
      if (!nodes?.every((node) => node.viewerCan === true)) throw new Error('viewerCan page: a decision was not true.');
    },
  },
];

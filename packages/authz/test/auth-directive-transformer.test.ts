// `authDirectiveTransformer` on a tiny in-memory schema (no database): @authenticated, @public, type,
// field and input-field @auth, NOT_FOUND vs FORBIDDEN, list filtering, BAD_USER_INPUT on malformed
// ids, one batched access load per request, and the `onDenied` callback.
import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql, GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  accessFromGrants,
  assertAuthCoverage,
  authDirectiveTransformer,
  authDirectivesTypeDefs,
  Authorizer,
  createPermissionCatalog,
  type AccessSource,
  type Denial,
  type Viewer,
} from '../src/index.js';

const catalog = createPermissionCatalog({
  doc: { read: 'See a doc.', read_secret: 'See its secret.', edit: 'Edit a doc.', edit_secret: 'Edit its secret.' },
});

const typeDefs = /* GraphQL */ `
  type Doc @auth(permission: "read:doc") {
    id: ID!
    title: String!
    secret: String @auth(permission: "read_secret:doc")
  }
  input EditDocInput {
    id: ID!
    title: String
    secret: String @auth(permission: "edit_secret:doc")
  }
  type Query {
    doc(id: ID!): Doc @authenticated
    docs: [Doc!]! @authenticated
    hello: String @public
  }
  type Mutation {
    editDoc(input: EditDocInput!): Doc @auth(permission: "edit:doc", resource: "input.id")
  }
`;

interface Doc {
  readonly id: string;
  readonly title: string;
  readonly secret: string;
}

const docIds = Array.from({ length: 50 }, (_, index) => `d${index + 1}`);
const store = new Map<string, Doc>(docIds.map((id) => [id, { id, title: `Title ${id}`, secret: `Secret ${id}` }]));

/** viewer -> doc -> permissions. alice reads all 50 docs; bob sees d1 only; carol sees nothing. */
const accessTable: Record<string, Record<string, string[]>> = {
  alice: {
    ...Object.fromEntries(docIds.map((id) => [id, ['read:doc']])),
    d1: ['read:doc', 'read_secret:doc', 'edit:doc', 'edit_secret:doc'],
    d2: ['read:doc', 'edit:doc'],
    d3: ['read:doc', 'read_secret:doc'],
  },
  bob: { d1: ['read:doc', 'read_secret:doc'], d2: ['edit:doc'] },
  carol: {},
};

interface Harness {
  readonly schema: GraphQLSchema;
  readonly loadAccessBatches: string[][];
  readonly editCalls: unknown[];
  readonly denials: { denial: Denial; context: unknown }[];
  run(
    viewer: string | null,
    source: string,
    variableValues?: Record<string, unknown>,
  ): Promise<{ result: ExecutionResult; context: unknown }>;
}

function harness(): Harness {
  const loadAccessBatches: string[][] = [];
  const editCalls: unknown[] = [];
  const denials: { denial: Denial; context: unknown }[] = [];
  const docSource: AccessSource = {
    resourceType: 'doc',
    visibilityPermission: 'read:doc',
    loadAccess: async (ids, viewer) => {
      loadAccessBatches.push([...ids]);
      return ids.map((id) =>
        store.has(id) ? accessFromGrants('doc', id, [{ via: 'table', permissions: new Set(accessTable[viewer.id]?.[id] ?? []) }]) : null,
      );
    },
  };
  const resolvers = {
    Query: {
      doc: (_source: unknown, args: { id: string }) => store.get(args.id) ?? null,
      docs: () => [...store.values()],
      hello: () => 'world',
    },
    Mutation: {
      editDoc: (_source: unknown, args: { input: { id: string; title?: string; secret?: string } }) => {
        editCalls.push(args.input);
        const doc = store.get(args.input.id);
        return doc && { ...doc, ...args.input };
      },
    },
  };
  const plain = makeExecutableSchema({ typeDefs: [authDirectivesTypeDefs, typeDefs], resolvers });
  assertAuthCoverage(plain, catalog);
  const schema = authDirectiveTransformer(plain, {
    catalog,
    authorizerOf: (context: { authorizer: Authorizer | null }) => context.authorizer,
    validateResourceId: (id, argument) => {
      if (!/^d\d+$/.test(id))
        throw new GraphQLError(`Argument "${argument}" must be a valid id.`, { extensions: { code: 'BAD_USER_INPUT', argument } });
    },
    onDenied: (denial, context) => denials.push({ denial, context }),
  });
  const sources = new Map([['doc', docSource]]);
  return {
    schema,
    loadAccessBatches,
    editCalls,
    denials,
    run: async (viewer, source, variableValues) => {
      const contextValue = { authorizer: viewer === null ? null : new Authorizer<Viewer>({ viewer: { id: viewer }, sources }) };
      return { result: await graphql({ schema, source, contextValue, variableValues }), context: contextValue };
    },
  };
}

/** Errors reduced to what clients rely on; `permission` only exists on FORBIDDEN. */
const errorsOf = (result: ExecutionResult) =>
  (result.errors ?? []).map((error) => ({
    path: error.path?.join('.'),
    code: error.extensions.code,
    permission: error.extensions.permission,
  }));

interface ExpectedError {
  readonly path: string;
  readonly code: string;
  readonly permission?: string;
}

interface Case {
  readonly rule: string;
  readonly viewer: string | null;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly data: unknown;
  readonly errors: ExpectedError[];
  /** How many times the editDoc resolver ran. */
  readonly edits?: number;
  /** How many times the access source was asked. */
  readonly loads?: number;
}

const edit = `mutation($input: EditDocInput!) { editDoc(input: $input) { id title } }`;

const cases: Case[] = [
  // Identity
  { rule: 'anonymous: @public works', viewer: null, query: '{ hello }', data: { hello: 'world' }, errors: [], loads: 0 },
  {
    rule: 'anonymous: @authenticated is UNAUTHENTICATED while @public siblings work',
    viewer: null,
    query: '{ hello doc(id: "d1") { id } }',
    data: { hello: 'world', doc: null },
    errors: [{ path: 'doc', code: 'UNAUTHENTICATED' }],
    loads: 0,
  },
  {
    rule: 'anonymous: a non-null @authenticated list nulls the whole response',
    viewer: null,
    query: '{ docs { id } }',
    data: null,
    errors: [{ path: 'docs', code: 'UNAUTHENTICATED' }],
    loads: 0,
  },
  {
    rule: 'anonymous: root @auth is UNAUTHENTICATED and the resolver does not run',
    viewer: null,
    query: edit,
    variables: { input: { id: 'd1', title: 'x' } },
    data: { editDoc: null },
    errors: [{ path: 'editDoc', code: 'UNAUTHENTICATED' }],
    edits: 0,
    loads: 0,
  },
  // Type @auth on single objects
  {
    rule: 'a visible doc resolves',
    viewer: 'bob',
    query: '{ doc(id: "d1") { id title secret } }',
    data: { doc: { id: 'd1', title: 'Title d1', secret: 'Secret d1' } },
    errors: [],
    loads: 1,
  },
  {
    rule: 'an invisible doc is NOT_FOUND',
    viewer: 'bob',
    query: '{ doc(id: "d3") { id title } }',
    data: { doc: null },
    errors: [{ path: 'doc', code: 'NOT_FOUND' }],
  },
  {
    rule: 'a doc held without the visibility permission is NOT_FOUND, not FORBIDDEN',
    viewer: 'bob',
    query: '{ doc(id: "d2") { id } }',
    data: { doc: null },
    errors: [{ path: 'doc', code: 'NOT_FOUND' }],
  },
  // Field @auth
  {
    rule: 'a visible doc without read_secret: secret is FORBIDDEN, siblings resolve',
    viewer: 'alice',
    query: '{ doc(id: "d2") { id title secret } }',
    data: { doc: { id: 'd2', title: 'Title d2', secret: null } },
    errors: [{ path: 'doc.secret', code: 'FORBIDDEN', permission: 'read_secret:doc' }],
    loads: 1,
  },
  // Lists
  {
    rule: 'a list silently drops invisible docs',
    viewer: 'bob',
    query: '{ docs { id } }',
    data: { docs: [{ id: 'd1' }] },
    errors: [],
    loads: 1,
  },
  { rule: 'a list is empty for a viewer who sees nothing', viewer: 'carol', query: '{ docs { id } }', data: { docs: [] }, errors: [] },
  // Root @auth
  {
    rule: 'mutation with edit runs',
    viewer: 'alice',
    query: edit,
    variables: { input: { id: 'd2', title: 'New' } },
    data: { editDoc: { id: 'd2', title: 'New' } },
    errors: [],
    edits: 1,
    loads: 1,
  },
  {
    rule: 'mutation on a visible doc without edit is FORBIDDEN and the resolver does not run',
    viewer: 'alice',
    query: edit,
    variables: { input: { id: 'd3', title: 'New' } },
    data: { editDoc: null },
    errors: [{ path: 'editDoc', code: 'FORBIDDEN', permission: 'edit:doc' }],
    edits: 0,
  },
  {
    rule: 'mutation on an invisible doc is NOT_FOUND and the resolver does not run',
    viewer: 'bob',
    query: edit,
    variables: { input: { id: 'd3', title: 'New' } },
    data: { editDoc: null },
    errors: [{ path: 'editDoc', code: 'NOT_FOUND' }],
    edits: 0,
  },
  {
    rule: 'mutation on a doc that does not exist is NOT_FOUND',
    viewer: 'alice',
    query: edit,
    variables: { input: { id: 'd999', title: 'New' } },
    data: { editDoc: null },
    errors: [{ path: 'editDoc', code: 'NOT_FOUND' }],
    edits: 0,
  },
  // Input-field @auth
  {
    rule: 'providing secret needs edit_secret',
    viewer: 'alice',
    query: edit,
    variables: { input: { id: 'd2', secret: 'psst' } },
    data: { editDoc: null },
    errors: [{ path: 'editDoc', code: 'FORBIDDEN', permission: 'edit_secret:doc' }],
    edits: 0,
  },
  {
    rule: 'providing secret as null still needs edit_secret',
    viewer: 'alice',
    query: edit,
    variables: { input: { id: 'd2', secret: null } },
    data: { editDoc: null },
    errors: [{ path: 'editDoc', code: 'FORBIDDEN', permission: 'edit_secret:doc' }],
    edits: 0,
  },
  {
    rule: 'providing secret with edit_secret runs',
    viewer: 'alice',
    query: edit,
    variables: { input: { id: 'd1', secret: 'psst' } },
    data: { editDoc: { id: 'd1', title: 'Title d1' } },
    errors: [],
    edits: 1,
    loads: 1,
  },
  {
    rule: 'omitting secret does not need edit_secret',
    viewer: 'alice',
    query: edit,
    variables: { input: { id: 'd2' } },
    data: { editDoc: { id: 'd2', title: 'Title d2' } },
    errors: [],
    edits: 1,
  },
  // Malformed ids
  {
    rule: 'a malformed id is BAD_USER_INPUT before any lookup',
    viewer: 'alice',
    query: edit,
    variables: { input: { id: 'x1', title: 'New' } },
    data: { editDoc: null },
    errors: [{ path: 'editDoc', code: 'BAD_USER_INPUT' }],
    edits: 0,
    loads: 0,
  },
];

describe('authDirectiveTransformer', () => {
  it.each(cases)('$rule', async ({ viewer, query, variables, data, errors, edits, loads }) => {
    const api = harness();
    const { result } = await api.run(viewer, query, variables);
    expect(errorsOf(result)).toEqual(errors);
    expect(result.data ?? null).toEqual(data);
    if (edits !== undefined) expect(api.editCalls).toHaveLength(edits);
    if (loads !== undefined) expect(api.loadAccessBatches).toHaveLength(loads);
  });

  it('loads access once for a list of 50 docs, each selecting protected fields', async () => {
    const api = harness();
    const { result } = await api.run('alice', '{ docs { title secret } }');
    expect(api.loadAccessBatches).toEqual([docIds]);
    const docs = (result.data as { docs: { title: string; secret: string | null }[] }).docs;
    expect(docs).toHaveLength(50);
    expect(docs.filter((doc) => doc.secret !== null).map((doc) => doc.title)).toEqual(['Title d1', 'Title d3']);
    expect(errorsOf(result)).toHaveLength(48);
    expect(new Set(errorsOf(result).map((error) => `${error.code} ${error.permission}`))).toEqual(new Set(['FORBIDDEN read_secret:doc']));
  });

  it('tells onDenied about each denial, with its schema coordinate and the request context', async () => {
    const api = harness();
    const reads = await api.run('bob', '{ hidden: doc(id: "d2") { id } shown: doc(id: "d1") { id } }');
    const writes = await api.run('alice', edit, { input: { id: 'd3', title: 'New' } });
    const secrets = await api.run('alice', edit, { input: { id: 'd2', secret: 'psst' } });
    const fields = await api.run('alice', '{ doc(id: "d2") { secret } }');
    const lists = await api.run('carol', '{ docs { id } }');
    expect(api.denials.slice(0, 5)).toEqual([
      {
        denial: { coordinate: 'Query.doc', permission: 'read:doc', resourceType: 'doc', resourceId: 'd2', outcome: 'not_found' },
        context: reads.context,
      },
      {
        denial: { coordinate: 'Mutation.editDoc', permission: 'edit:doc', resourceType: 'doc', resourceId: 'd3', outcome: 'forbidden' },
        context: writes.context,
      },
      {
        denial: {
          coordinate: 'Mutation.editDoc',
          permission: 'edit_secret:doc',
          resourceType: 'doc',
          resourceId: 'd2',
          outcome: 'forbidden',
        },
        context: secrets.context,
      },
      {
        denial: { coordinate: 'Doc.secret', permission: 'read_secret:doc', resourceType: 'doc', resourceId: 'd2', outcome: 'forbidden' },
        context: fields.context,
      },
      {
        denial: { coordinate: 'Query.docs', permission: 'read:doc', resourceType: 'doc', resourceId: 'd1', outcome: 'not_found' },
        context: lists.context,
      },
    ]);
    // Every list item dropped is a denial too.
    expect(api.denials.slice(4).map(({ denial }) => denial.resourceId)).toEqual(docIds);
    expect(api.denials[0]?.context).toBe(reads.context);
  });

  it("tells the authorizer's onDenied about a resolver's own check", async () => {
    const denials: Denial[] = [];
    const readOnly: AccessSource = {
      resourceType: 'doc',
      visibilityPermission: 'read:doc',
      loadAccess: async (ids) => ids.map((id) => accessFromGrants('doc', id, [{ via: 'table', permissions: new Set(['read:doc']) }])),
    };
    const sources = new Map([['doc', readOnly]]);
    const authorizer = new Authorizer<Viewer>({ viewer: { id: 'bob' }, sources, onDenied: (denial) => denials.push(denial) });
    await expect(authorizer.authorize('edit:doc', 'doc', 'd1')).rejects.toThrow();
    expect(denials).toEqual([
      { coordinate: 'resolver:edit:doc', permission: 'edit:doc', resourceType: 'doc', resourceId: 'd1', outcome: 'forbidden' },
    ]);
  });
});

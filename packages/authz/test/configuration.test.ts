import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  accessFromGrants,
  assertAuthCoverage,
  authDirectivesTypeDefsFor,
  authDirectiveTransformer,
  Authorizer,
  createPermissionCatalog,
  findAuthCoverageProblems,
  type AccessSource,
  type DirectiveNames,
} from '../src/index.js';

/** The transform on a schema whose directives have other names and whose objects are keyed by `key`. */
const names: DirectiveNames = { auth: 'requires', public: 'open', authenticated: 'signedIn' };
const catalog = createPermissionCatalog({ note: { read: 'See a note.' } });
const typeDefs = /* GraphQL */ `
  type Note @requires(permission: "read:note") {
    key: ID!
    text: String!
  }
  type Query {
    note(key: ID!): Note @requires(permission: "read:note", resource: "key")
    notes: [Note!]! @signedIn
    hello: String @open
  }
`;
const notes = [
  { key: 'n1', text: 'mine' },
  { key: 'n2', text: 'theirs' },
];
const source: AccessSource = {
  resourceType: 'note',
  visibilityPermission: 'read:note',
  loadAccess: async (ids, viewer) =>
    ids.map((id) =>
      notes.some((note) => note.key === id)
        ? accessFromGrants('note', id, id === 'n1' && viewer.id === 'ann' ? [{ via: 'owner', permissions: new Set(['read:note']) }] : [])
        : null,
    ),
};
const plain = makeExecutableSchema({
  typeDefs: [authDirectivesTypeDefsFor(names), typeDefs],
  resolvers: {
    Query: {
      note: (_: unknown, { key }: { key: string }) => notes.find((note) => note.key === key),
      notes: () => notes,
      hello: () => 'hi',
    },
  },
});
const schema = authDirectiveTransformer(plain, {
  catalog,
  authorizerOf: (context: { authorizer: Authorizer | null }) => context.authorizer,
  directiveNames: names,
  idField: 'key',
});
const asAnn = { authorizer: new Authorizer({ viewer: { id: 'ann' }, sources: new Map([['note', source]]) }) };

describe('configurable directive names and id field', () => {
  it('the coverage check reads the configured names', () => {
    expect(() => assertAuthCoverage(plain, catalog, names)).not.toThrow();
    expect(findAuthCoverageProblems(plain, catalog)).toContain('Root field Query.note has no @auth, @authenticated or @public directive.');
  });

  it.each([
    { query: '{ note(key: "n1") { text } }', data: { note: { text: 'mine' } }, codes: [] },
    { query: '{ note(key: "n2") { text } }', data: { note: null }, codes: ['NOT_FOUND'] },
    { query: '{ notes { key } }', data: { notes: [{ key: 'n1' }] }, codes: [] },
    { query: '{ hello }', data: { hello: 'hi' }, codes: [] },
  ])('$query', async ({ query, data, codes }) => {
    const result = await graphql({ schema, source: query, contextValue: asAnn });
    expect(result.data).toEqual(data);
    expect((result.errors ?? []).map((error) => error.extensions.code)).toEqual(codes);
  });
});

// `runQueryExpectation` on a tiny in-memory schema: a document run with a context from a factory,
// its data and the error code at each path compared with what is expected, every difference named.
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requestErrorPath, runQueryExpectation, type QueryDifference, type QueryExpectation } from '../src/index.js';

interface Context {
  readonly viewer: string;
}

const docs = [
  { id: 'd1', title: 'Plans', secret: 'tuesday', owner: 'ann' },
  { id: 'd2', title: 'Notes', secret: 'none', owner: 'bob' },
];

const schema = makeExecutableSchema<Context>({
  typeDefs: /* GraphQL */ `
    type Doc {
      id: ID!
      title: String!
      secret: String
    }
    type Query {
      doc(id: ID!): Doc
      docs: [Doc!]!
      crash: String
    }
  `,
  resolvers: {
    Query: {
      doc: (_: unknown, { id }: { id: string }) => {
        const doc = docs.find((candidate) => candidate.id === id);
        if (!doc) throw new GraphQLError('Not found.', { extensions: { code: 'NOT_FOUND' } });
        return doc;
      },
      docs: () => docs,
      crash: () => {
        throw new Error('Something broke.');
      },
    },
    Doc: {
      secret: (doc: (typeof docs)[number], _: unknown, context: Context) => {
        if (doc.owner !== context.viewer) throw new GraphQLError('Forbidden.', { extensions: { code: 'FORBIDDEN' } });
        return doc.secret;
      },
    },
  },
});

/** The differences when `expectation` runs as `viewer` (a viewer of `null` is refused before execution). */
async function differencesOf(expectation: QueryExpectation, viewer: string | null = 'ann'): Promise<readonly QueryDifference[]> {
  const result = await runQueryExpectation(schema, expectation, () => {
    if (viewer === null) throw new GraphQLError('Sign in.', { extensions: { code: 'UNAUTHENTICATED' } });
    return { viewer };
  });
  return result.differences;
}

const secretOf = (id: string) => ({ document: 'query($id: ID!) { doc(id: $id) { title secret } }', variables: { id } });

describe('runQueryExpectation', () => {
  it.each<[rule: string, expectation: QueryExpectation, viewer: string | null, differences: QueryDifference[]]>([
    ['the data and no error, as expected', { ...secretOf('d1'), data: { doc: { title: 'Plans', secret: 'tuesday' } } }, 'ann', []],
    [
      'the error code at its path, with the data around it',
      { ...secretOf('d2'), data: { doc: { title: 'Notes', secret: null } }, errors: { 'doc.secret': 'FORBIDDEN' } },
      'ann',
      [],
    ],
    ['the data not compared when absent', { ...secretOf('d1') }, 'ann', []],
    [
      'a leaf that differs, by its path',
      { ...secretOf('d1'), data: { doc: { title: 'Plans!', secret: 'tuesday' } } },
      'ann',
      [{ path: 'data.doc.title', expected: 'Plans!', actual: 'Plans' }],
    ],
    [
      'a field the expectation lacks, and one the answer lacks',
      { document: '{ doc(id: "d1") { title } }', data: { doc: { id: 'd1' } } },
      'ann',
      [
        { path: 'data.doc.id', expected: 'd1', actual: undefined },
        { path: 'data.doc.title', expected: undefined, actual: 'Plans' },
      ],
    ],
    [
      'lists item by item when their lengths agree',
      { document: '{ docs { id } }', data: { docs: [{ id: 'd1' }, { id: 'd3' }] } },
      'ann',
      [{ path: 'data.docs.1.id', expected: 'd3', actual: 'd2' }],
    ],
    [
      'lists whole when their lengths differ',
      { document: '{ docs { id } }', data: { docs: [{ id: 'd1' }] } },
      'ann',
      [{ path: 'data.docs', expected: [{ id: 'd1' }], actual: [{ id: 'd1' }, { id: 'd2' }] }],
    ],
    [
      'an error that was not expected (none expected by default)',
      { ...secretOf('d2'), data: { doc: { title: 'Notes', secret: null } } },
      'ann',
      [{ path: 'errors.doc.secret', expected: undefined, actual: 'FORBIDDEN' }],
    ],
    [
      'an expected error that did not happen',
      { ...secretOf('d1'), errors: { 'doc.secret': 'FORBIDDEN' } },
      'ann',
      [{ path: 'errors.doc.secret', expected: 'FORBIDDEN', actual: undefined }],
    ],
    [
      'another code at the same path',
      { ...secretOf('d9'), data: { doc: null }, errors: { doc: 'FORBIDDEN' } },
      'ann',
      [{ path: 'errors.doc', expected: 'FORBIDDEN', actual: 'NOT_FOUND' }],
    ],
    [
      'an error without a code is an unexpected failure',
      { document: '{ crash }', data: { crash: null }, errors: { crash: 'INTERNAL_SERVER_ERROR' } },
      'ann',
      [],
    ],
    [
      'a context factory refusing the request: its code at (request), no data',
      { ...secretOf('d1'), data: null, errors: { [requestErrorPath]: 'UNAUTHENTICATED' } },
      null,
      [],
    ],
    [
      'a document that does not validate is refused before any context is made',
      { document: '{ doc(id: "d1") { author } }', errors: { [requestErrorPath]: 'GRAPHQL_VALIDATION_FAILED' } },
      null,
      [],
    ],
    ['a document that does not parse', { document: '{ doc(', errors: { [requestErrorPath]: 'GRAPHQL_PARSE_FAILED' } }, null, []],
  ])('%s', async (_rule, expectation, viewer, expected) => {
    expect(await differencesOf(expectation, viewer)).toEqual(expected);
  });

  it('keeps the answer: the data and each error with its code and message', async () => {
    const result = await runQueryExpectation(schema, secretOf('d2'), () => ({ viewer: 'ann' }));
    expect(result.outcome).toEqual({
      data: { doc: { title: 'Notes', secret: null } },
      errors: { 'doc.secret': { code: 'FORBIDDEN', message: 'Forbidden.' } },
    });
  });

  it('calls the context factory once per run, and lets its other failures through', async () => {
    let calls = 0;
    await runQueryExpectation(schema, secretOf('d1'), () => ({ viewer: `ann${calls++ === 0 ? '' : '?'}` }));
    expect(calls).toBe(1);
    await expect(
      runQueryExpectation(schema, secretOf('d1'), () => {
        throw new Error('The harness is broken.');
      }),
    ).rejects.toThrow('The harness is broken.');
  });
});

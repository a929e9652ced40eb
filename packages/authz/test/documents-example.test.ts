import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildDocumentsSchema, contextFor, unguardedFieldTypeDefs } from '../examples/documents/schema.js';

/** The package on a schema that is not GitClub: persona x operation -> outcome, through the example app. */
const schema = buildDocumentsSchema();
const run = async (viewer: string | undefined, source: string) => {
  const result = await graphql({ schema, source, contextValue: contextFor(viewer) });
  return { data: result.data, codes: (result.errors ?? []).map((error) => error.extensions.code) };
};

describe('the documents example', () => {
  it.each([
    { persona: 'alice (owner)', viewer: 'alice', source: '{ folder(id: "f1") { documents { title } } }', codes: [] },
    { persona: 'bob (reader)', viewer: 'bob', source: '{ folder(id: "f1") { documents { title } } }', codes: [] },
    { persona: 'carol (no role)', viewer: 'carol', source: '{ folder(id: "f1") { name } }', codes: ['NOT_FOUND'] },
    { persona: 'carol, a missing folder', viewer: 'carol', source: '{ folder(id: "nope") { name } }', codes: ['NOT_FOUND'] },
    { persona: 'anonymous', viewer: undefined, source: '{ folder(id: "f1") { name } }', codes: ['UNAUTHENTICATED'] },
    {
      persona: 'bob renames',
      viewer: 'bob',
      source: 'mutation { renameDocument(id: "d1", title: "Mine") { title } }',
      codes: ['FORBIDDEN'],
    },
    {
      persona: 'carol renames',
      viewer: 'carol',
      source: 'mutation { renameDocument(id: "d1", title: "Mine") { title } }',
      codes: ['NOT_FOUND'],
    },
    {
      persona: 'alice renames',
      viewer: 'alice',
      source: 'mutation { renameDocument(id: "d2", title: "Budget 2027") { title } }',
      codes: [],
    },
  ])('$persona: $codes', async ({ viewer, source, codes }) => {
    const result = await run(viewer, source);
    expect(result.codes).toEqual(codes);
    if (codes.length === 0) expect(result.data).toBeTruthy();
  });

  it('refuses to build with a root field that carries no directive', () => {
    expect(() => buildDocumentsSchema([unguardedFieldTypeDefs])).toThrow(
      'Root field Query.allDocuments has no @auth, @authenticated or @public directive.',
    );
  });

  it('answers a hidden folder and a missing one the same', async () => {
    expect(await run('carol', '{ folder(id: "f1") { name } }')).toEqual(await run('carol', '{ folder(id: "nope") { name } }'));
  });
});

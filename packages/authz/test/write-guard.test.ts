// A root field marked `decidedInWrite`: its resolver's write settles the field's `@auth` check with
// the access it read in its own statement, instead of a load of its own before the resolver. Here a
// tiny in-memory store stands for the database: a "transaction" commits only when the work does not
// throw, and the "write" reads the viewer's access from the same table the access source reads.
import { makeExecutableSchema } from '@graphql-tools/schema';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { graphql, GraphQLError, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  accessFromGrants,
  assertAuthCoverage,
  authDirectivesTypeDefs,
  authDirectiveTransformer,
  Authorizer,
  createPermissionCatalog,
  decidedInWrite,
  ShadowArbiter,
  type AccessSource,
  type Viewer,
  type ViewerAccess,
  type WriteGuard,
} from '../src/index.js';

const catalog = createPermissionCatalog({ board: { read: 'See a board.', post: 'Post on a board.' } });

const typeDefs = /* GraphQL */ `
  type Post {
    id: ID!
    text: String!
  }
  input PostInput {
    boardId: ID!
    text: String!
  }
  type Query {
    hello: String @public
  }
  type Mutation {
    post(input: PostInput!): Post @auth(permission: "post:board", resource: "input.boardId")
  }
`;

/** viewer -> board -> permissions. ann may post on b1; ben sees b1 but may not post; cid sees nothing. */
const table: Record<string, Record<string, string[]>> = {
  ann: { b1: ['read:board', 'post:board'] },
  ben: { b1: ['read:board'] },
  cid: {},
};
const boards = new Set(['b1']);

const accessOf = (viewerId: string, boardId: string): ViewerAccess | null =>
  boards.has(boardId)
    ? accessFromGrants('board', boardId, [{ via: 'table', permissions: new Set(table[viewerId]?.[boardId] ?? []) }])
    : null;

/** How the resolver under test behaves. */
type Behaviour = 'settles' | 'decides now' | 'writes nothing' | 'rejects input' | 'forgets the guard';

function harness(behaviour: Behaviour, options: { arbiter?: boolean; transform?: boolean; wrapped?: boolean } = {}) {
  const loads: string[][] = [];
  const committed: string[] = [];
  const guardsSeen: (string | undefined)[] = [];
  const source: AccessSource = {
    resourceType: 'board',
    visibilityPermission: 'read:board',
    loadAccess: async (ids, viewer) => {
      loads.push([...ids]);
      return ids.map((id) => accessOf(viewer.id, id));
    },
  };
  /** A transaction of the store: its writes land only when `work` does not throw. */
  const transaction = async (work: (write: (text: string) => void) => Promise<void>, guard: WriteGuard) => {
    const pending: string[] = [];
    await work((text) => pending.push(text));
    guard.assertSettled();
    committed.push(...pending);
  };
  const post = decidedInWrite(
    async (
      _source: unknown,
      { input }: { input: { boardId: string; text: string } },
      context: { viewerId: string },
      _info,
      guard: WriteGuard,
    ) => {
      guardsSeen.push(guard.pending?.permission);
      if (behaviour === 'rejects input' && input.text === '') {
        throw new GraphQLError('text must not be empty', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      if (behaviour === 'decides now') await guard.decideNow();
      await transaction(async (write) => {
        // As a statement that found no row to change: the resolver's own error, inside the transaction.
        if (behaviour === 'writes nothing') throw new GraphQLError('No such board.', { extensions: { code: 'NOT_FOUND' } });
        write(input.text);
        if (behaviour === 'settles') guard.settle(accessOf(context.viewerId, input.boardId));
      }, guard);
      return { id: `p${committed.length}`, text: input.text };
    },
  );
  const built = makeExecutableSchema({
    typeDefs: [authDirectivesTypeDefs, typeDefs],
    resolvers: { Query: { hello: () => 'hi' }, Mutation: { post } },
  });
  // Another transform wrapping every resolver (logging, say) before the @auth transform.
  const plain = options.wrapped
    ? mapSchema(built, {
        [MapperKind.OBJECT_FIELD]: (field) => {
          const resolve = field.resolve;
          return resolve ? { ...field, resolve: (...args: Parameters<typeof resolve>) => resolve(...args) } : field;
        },
      })
    : built;
  assertAuthCoverage(plain, catalog);
  const schema =
    options.transform === false
      ? plain
      : authDirectiveTransformer(plain, { catalog, authorizerOf: (context: { authorizer: Authorizer }) => context.authorizer });
  const sources = new Map([['board', source]]);
  const run = async (viewerId: string, text = 'hello'): Promise<ExecutionResult> => {
    const viewer: Viewer = { id: viewerId };
    const arbiter = options.arbiter
      ? new ShadowArbiter(
          { mode: 'shadow', isEnforced: () => true, legacyAllows: async () => false, record: () => {} },
          viewer,
          () => 'read:board',
        )
      : undefined;
    const authorizer = new Authorizer({ viewer, sources, arbiter });
    return graphql({
      schema,
      source: 'mutation($input: PostInput!) { post(input: $input) { text } }',
      variableValues: { input: { boardId: 'b1', text } },
      contextValue: { authorizer, viewerId },
    });
  };
  return { run, loads, committed, guardsSeen };
}

const codesOf = (result: ExecutionResult) => (result.errors ?? []).map((error) => error.extensions.code);

describe('a write that settles its check (decidedInWrite)', () => {
  it.each([
    { viewer: 'ann', outcome: 'posted', loads: 0 },
    { viewer: 'ben', outcome: 'FORBIDDEN', loads: 0 },
    { viewer: 'cid', outcome: 'NOT_FOUND', loads: 0 },
  ])('settled in the write: $viewer -> $outcome, $loads access loads', async ({ viewer, outcome, loads }) => {
    const h = harness('settles');
    const result = await h.run(viewer);
    expect(outcome === 'posted' ? result.data : codesOf(result)).toEqual(outcome === 'posted' ? { post: { text: 'hello' } } : [outcome]);
    // A denial throws inside the transaction: nothing is committed.
    expect(h.committed).toEqual(outcome === 'posted' ? ['hello'] : []);
    expect(h.loads.length).toBe(loads);
    expect(h.guardsSeen).toEqual(['post:board']);
  });

  it.each([
    { viewer: 'ann', outcome: 'NOT_FOUND' },
    { viewer: 'ben', outcome: 'FORBIDDEN' },
    { viewer: 'cid', outcome: 'NOT_FOUND' },
  ])('a write that found nothing leaves the check to the transform: $viewer -> $outcome', async ({ viewer, outcome }) => {
    const h = harness('writes nothing');
    expect(codesOf(await h.run(viewer))).toEqual([outcome]);
    // The check is made once, afterwards: the resolver's own NOT_FOUND stands only for a viewer who may post.
    expect(h.loads).toEqual([['b1']]);
  });

  it.each([
    { viewer: 'ann', outcome: 'BAD_USER_INPUT' },
    { viewer: 'ben', outcome: 'FORBIDDEN' },
    { viewer: 'cid', outcome: 'NOT_FOUND' },
  ])('input refused before the write: $viewer -> $outcome (authorization first, as for any field)', async ({ viewer, outcome }) => {
    expect(codesOf(await harness('rejects input').run(viewer, ''))).toEqual([outcome]);
  });

  it.each([
    { viewer: 'ann', outcome: 'posted', committed: ['hello'] },
    { viewer: 'ben', outcome: 'FORBIDDEN', committed: [] },
    { viewer: 'cid', outcome: 'NOT_FOUND', committed: [] },
  ])('decided now, before the write: $viewer -> $outcome', async ({ viewer, outcome, committed }) => {
    const h = harness('decides now');
    const result = await h.run(viewer);
    expect(outcome === 'posted' ? result.data : codesOf(result)).toEqual(outcome === 'posted' ? { post: { text: 'hello' } } : [outcome]);
    expect(h.committed).toEqual(committed);
    expect(h.loads).toEqual([['b1']]);
  });

  it.each([
    { viewer: 'ann', outcome: 'an error naming the field' },
    { viewer: 'ben', outcome: 'FORBIDDEN' },
  ])('a write that never settles does not commit (assertSettled): $viewer -> $outcome', async ({ viewer, outcome }) => {
    const h = harness('forgets the guard');
    const result = await h.run(viewer);
    if (outcome === 'FORBIDDEN') expect(codesOf(result)).toEqual(['FORBIDDEN']);
    else
      expect(result.errors?.map((error) => error.message)).toEqual([expect.stringContaining('Mutation.post: the write neither settled')]);
    expect(h.committed).toEqual([]);
  });

  it('a marked field whose resolve another transform wrapped is checked before its resolver, as any field', async () => {
    const h = harness('settles', { wrapped: true });
    expect(codesOf(await h.run('ben'))).toEqual(['FORBIDDEN']);
    expect(h.loads).toEqual([['b1']]);
    expect(h.guardsSeen).toEqual([]);
  });

  it.each([
    { viewer: 'ann', outcome: 'posted' },
    { viewer: 'ben', outcome: 'FORBIDDEN' },
  ])(
    'with an arbiter the check is made before the resolver, which gets nothing pending: $viewer -> $outcome',
    async ({ viewer, outcome }) => {
      const h = harness('settles', { arbiter: true });
      const result = await h.run(viewer);
      expect(outcome === 'posted' ? result.data : codesOf(result)).toEqual(outcome === 'posted' ? { post: { text: 'hello' } } : [outcome]);
      expect(h.loads).toEqual([['b1']]);
      expect(h.guardsSeen).toEqual(outcome === 'posted' ? [undefined] : []);
    },
  );

  it('without the transform (a schema served unguarded) the resolver gets nothing pending', async () => {
    const h = harness('settles', { transform: false });
    expect((await h.run('cid')).data).toEqual({ post: { text: 'hello' } });
    expect(h.guardsSeen).toEqual([undefined]);
  });
});

// A subscription field's `@auth` on a tiny in-memory schema (no database): checked when subscribing
// (the source is never created for a hidden or forbidden resource) and again at every event, with
// the access the context's authorizer holds when the event is executed.
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  accessFromGrants,
  authDirectiveTransformer,
  authDirectivesTypeDefs,
  Authorizer,
  createPermissionCatalog,
  type AccessSource,
} from '../src/index.js';

const catalog = createPermissionCatalog({ doc: { read: 'See a doc.', watch: 'Follow its changes.' } });

const typeDefs = /* GraphQL */ `
  type Doc @auth(permission: "read:doc") {
    id: ID!
  }
  type Query {
    hello: String @public
  }
  type Subscription {
    docChanged(id: ID!): Doc @auth(permission: "watch:doc", resource: "id")
  }
`;

/** Who holds what on d1, changed by the test between events. */
const held: Record<string, string[]> = {};

const docSource: AccessSource = {
  resourceType: 'doc',
  visibilityPermission: 'read:doc',
  loadAccess: async (ids, viewer) =>
    ids.map((id) => (id === 'd1' ? accessFromGrants('doc', id, [{ via: 'table', permissions: new Set(held[viewer.id] ?? []) }]) : null)),
};

let subscribed = 0;
const schema = authDirectiveTransformer(
  makeExecutableSchema({
    typeDefs: [authDirectivesTypeDefs, typeDefs],
    resolvers: {
      Subscription: {
        docChanged: {
          subscribe: async function* () {
            subscribed++;
            yield { id: 'd1' };
            yield { id: 'd1' };
          },
          resolve: (doc: { id: string }) => doc,
        },
      },
    },
  }),
  { catalog, authorizerOf: (context: { authorizer: Authorizer | null }) => context.authorizer },
);

/** A context whose authorizer is made anew for each event (as a live server renews it), for `viewer`. */
function liveContext(viewer: string) {
  const fresh = () => new Authorizer({ viewer: { id: viewer }, sources: new Map([['doc', docSource]]) });
  return {
    get authorizer() {
      return fresh();
    },
  };
}

async function run(viewer: string, id: string): Promise<ExecutionResult[] | ExecutionResult> {
  const result = await subscribe({
    schema,
    document: parse(`subscription { docChanged(id: "${id}") { id } }`),
    contextValue: liveContext(viewer),
  });
  if (!(Symbol.asyncIterator in result)) return result;
  const results: ExecutionResult[] = [];
  for await (const event of result) {
    results.push(event);
    held[viewer] = ['read:doc']; // between events: watch:doc taken away
  }
  return results;
}

describe('a subscription field’s @auth', () => {
  it('refuses at subscribe time, before the source exists: NOT_FOUND when hidden or missing, FORBIDDEN when only visible', async () => {
    held.carol = [];
    held.bob = ['read:doc'];
    const before = subscribed;
    expect(((await run('carol', 'd1')) as ExecutionResult).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(((await run('carol', 'd9')) as ExecutionResult).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(((await run('bob', 'd1')) as ExecutionResult).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(subscribed).toBe(before);
  });

  it('checks every event with the access of that moment', async () => {
    held.alice = ['read:doc', 'watch:doc'];
    const results = (await run('alice', 'd1')) as ExecutionResult[];
    expect(results[0]).toEqual({ data: { docChanged: { id: 'd1' } } });
    expect(results[1]?.data).toEqual({ docChanged: null });
    expect(results[1]?.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

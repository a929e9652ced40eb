import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compiledExecution, type CompilationResult, type CompiledExecutionOptions } from '../../src/http/compiled-execution.js';
import { safeToCompile } from '../../src/http/safe-to-compile.js';

/**
 * Documents executed by graphql-jit answer exactly as graphql-js answers them (data, errors with
 * their codes, paths and locations, HTTP status), whatever the source objects hold; and a document
 * is compiled only once it has been executed GRAPHQL_COMPILE_AFTER times, so documents sent once
 * (an attacker's new document per request) never cost a compilation.
 */
const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    interface Node {
      id: ID!
    }
    type Page implements Node {
      id: ID!
      title: String!
      """
      A getter on the source object: a property read, alike on both.
      """
      cursor: String
      """
      A method on the source object, without a resolver: an error on both (graphql-js's default would call it).
      """
      endCursor: String
      """
      A promise on the source object, without a resolver: an error on both (graphql-js's default would await it).
      """
      totalCount: Int
      tags: [String!]!
      broken: String!
      refused: String
      failing: String
    }
    input EchoInput {
      text: String
      texts: [String!]
    }
    type Query {
      echo(text: String, texts: [String!], input: EchoInput): String
      page(id: ID!): Page
      node(id: ID!): Node
      pages(first: Int = 2): [Page!]!
      refusedList: [Page!]
      executions: Int!
    }
    type Mutation {
      touch(id: ID!): Page
    }
  `,
  resolvers: {
    Node: { __resolveType: () => 'Page' },
    Query: {
      echo: (_source, args: { text?: string; texts?: string[]; input?: { text?: string; texts?: string[] } }) => JSON.stringify(args),
      page: (_source, args: { id: string }) => pageOf(args.id),
      node: (_source, args: { id: string }) => pageOf(args.id),
      pages: (_source, args: { first: number }) => Array.from({ length: args.first }, (_, index) => pageOf(String(index + 1))),
      refusedList: () => [pageOf('1'), { ...pageOf('2'), title: null }],
      executions: () => ++executions,
    },
    Mutation: {
      touch: (_source, args: { id: string }) => pageOf(args.id),
    },
    Page: {
      broken: () => null,
      refused: () => {
        throw new GraphQLError('Not found: it does not exist, or you may not see it.', { extensions: { code: 'NOT_FOUND' } });
      },
      failing: () => Promise.reject(new Error('the database said no')),
    },
  },
});

/** How many times `executions` was resolved: an operation runs once, whichever way its answer goes. */
let executions = 0;

function pageOf(id: string) {
  return {
    id,
    title: `Page ${id}`,
    get cursor() {
      return `cursor-${id}`;
    },
    endCursor: () => `cursor-${id}`,
    totalCount: Promise.resolve(Number(id) * 10),
    tags: ['a', 'b'],
  };
}

/** A server executing with these options, and the compilations it made so far. */
function serverWith(options: CompiledExecutionOptions): ApolloServer & { compilations: CompilationResult[] } {
  const compilations: CompilationResult[] = [];
  const execution = compiledExecution(schema, options, (result) => compilations.push(result));
  const server = new ApolloServer({
    gateway: execution.gateway,
    includeStacktraceInErrorResponses: false,
    // As the server: Apollo's cache-control plugin would wrap every field's resolver, hiding what graphql-jit does without one.
    plugins: [ApolloServerPluginCacheControlDisabled(), execution.plugin],
  });
  return Object.assign(server, { compilations });
}

/** The whole answer a client gets: HTTP status and body. */
async function answer(server: ApolloServer, query: string, variables?: Record<string, unknown>) {
  const response = await server.executeOperation({ query, variables });
  return { status: response.http.status ?? 200, body: response.body };
}

const interpreted = { enabled: false, compileAfter: 0, maxCompiled: 10 };
const compiledFromFirst = { enabled: true, compileAfter: 0, maxCompiled: 10 };

describe('graphql-jit answers as graphql-js does', () => {
  const documents: [string, string, Record<string, unknown>?][] = [
    ['fields, aliases and __typename', '{ page(id: "1") { id title heading: title __typename } }'],
    ['a getter on the source object', '{ page(id: "2") { cursor } }'],
    ['a list of objects with a list of leaves', '{ pages(first: 3) { id tags } }'],
    ['an abstract type and an inline fragment', '{ node(id: "1") { id ... on Page { title } } }'],
    [
      'a named fragment under @include and @skip',
      'query($yes: Boolean!) { page(id: "1") { ...F @include(if: $yes) id @skip(if: $yes) } } fragment F on Page { title }',
      { yes: true },
    ],
    ['a resolver error with a code, beside data', '{ page(id: "1") { id refused } }'],
    ['a rejected promise (no code: INTERNAL_SERVER_ERROR)', '{ page(id: "1") { id failing } }'],
    ['null for a non-null field, bubbling to the nullable parent', '{ page(id: "1") { id broken } }'],
    ['null in a list of non-null items, bubbling to the list', '{ refusedList { id title } }'],
    ['valid variables', 'query($id: ID!, $first: Int) { page(id: $id) { id } pages(first: $first) { id } }', { id: '3', first: 1 }],
    ['a variable of the wrong type (400)', 'query($first: Int) { pages(first: $first) { id } }', { first: 'many' }],
    ['a missing required variable (400)', 'query($id: ID!) { page(id: $id) { id } }', {}],
    ['a null for a non-null variable (400)', 'query($id: ID!) { page(id: $id) { id } }', { id: null }],
  ];

  it.each(documents)('%s', async (_name, query, variables) => {
    const [reference, compiled] = [serverWith(interpreted), serverWith(compiledFromFirst)];
    await Promise.all([reference.start(), compiled.start()]);
    try {
      const expected = await answer(reference, query, variables);
      expect(reference.compilations).toEqual([]);
      expect(await answer(compiled, query, variables)).toEqual(expected);
      // Every document was compiled, those with bad variables too: their variables are checked before the compiled query runs.
      expect(compiled.compilations).toEqual(['compiled']);
    } finally {
      await Promise.all([reference.stop(), compiled.stop()]);
    }
  });
});

describe('a field without a resolver reads a plain value, on both executors', () => {
  // graphql-js's own default resolver would call the method and await the promise, where graphql-jit reads
  // the property as it is: such a source is refused on graphql-js, loudly, and neither answers a value for it.
  const violations: [string, string, string][] = [
    ['a method', '{ page(id: "2") { id endCursor } }', 'endCursor'],
    ['a promise', '{ page(id: "2") { id totalCount } }', 'totalCount'],
  ];

  it.each(violations)('%s: an internal error at that field, null in its place', async (_name, query, field) => {
    for (const options of [interpreted, compiledFromFirst]) {
      const server = serverWith(options);
      await server.start();
      try {
        const { status, body } = await answer(server, query);
        const result = body.kind === 'single' ? body.singleResult : undefined;
        expect(status).toBe(200);
        expect(result?.data).toEqual({ page: { id: '2', [field]: null } });
        expect(result?.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['page', field], 'INTERNAL_SERVER_ERROR']]);
        if (options === interpreted)
          expect(result?.errors?.[0]?.message).toMatch(/^Page\.\w+ has no resolver, and its source holds a (method|promise) there/);
      } finally {
        await server.stop();
      }
    }
  });
});

describe('what reaches the gateway’s executor', () => {
  // Apollo Server hands a gateway's executor an object literal with accessors over the whole request, which
  // V8 keeps through young-generation collections: only results with errors go that way, executed once.
  const cases: [string, string, Record<string, unknown> | undefined, number][] = [
    ['an operation without errors: answered by the plugin', '{ executions page(id: "1") { id } }', undefined, 0],
    ['a resolver error: handed on', '{ executions page(id: "1") { id refused } }', undefined, 1],
    ['a bad variable (400): handed on', 'query($first: Int) { executions pages(first: $first) { id } }', { first: 'many' }, 1],
  ];
  it.each(cases)('%s', async (_name, query, variables, executorCalls) => {
    for (const options of [interpreted, compiledFromFirst]) {
      const execution = compiledExecution(schema, options);
      let calls = 0;
      const server = new ApolloServer({
        gateway: {
          ...execution.gateway,
          load: async (loadOptions) => {
            const { executor } = await execution.gateway.load(loadOptions);
            return { executor: (requestContext) => (calls++, executor!(requestContext)) };
          },
        },
        includeStacktraceInErrorResponses: false,
        plugins: [ApolloServerPluginCacheControlDisabled(), execution.plugin],
      });
      await server.start();
      try {
        const before = executions;
        const { body } = await answer(server, query, variables);
        expect(calls).toBe(executorCalls);
        // Resolved once, when the operation ran (a bad variable stops it before any resolver).
        expect(executions - before).toBe(variables ? 0 : 1);
        expect(body.kind === 'single' && Boolean(body.singleResult.errors)).toBe(executorCalls === 1);
      } finally {
        await server.stop();
      }
    }
  });
});

describe('when a document is compiled', () => {
  async function compilationsAfter(options: CompiledExecutionOptions, queries: readonly string[]): Promise<number> {
    const server = serverWith(options);
    await server.start();
    try {
      for (const query of queries) {
        const { body } = await answer(server, query);
        expect(body.kind === 'single' && body.singleResult.errors).toBeFalsy();
      }
      return server.compilations.length;
    } finally {
      await server.stop();
    }
  }

  const same = (times: number) => Array.from({ length: times }, () => '{ page(id: "1") { id } }');
  const distinct = (count: number) => Array.from({ length: count }, (_, index) => `{ page(id: "d${index}") { id } }`);
  const mutations = (times: number) => Array.from({ length: times }, () => 'mutation { touch(id: "1") { id title } }');
  const cases: [string, CompiledExecutionOptions, readonly string[], number][] = [
    ['after 2: the first two executions are not compiled', { enabled: true, compileAfter: 2, maxCompiled: 10 }, same(2), 0],
    ['after 2: the third compiles', { enabled: true, compileAfter: 2, maxCompiled: 10 }, same(3), 1],
    ['after 2: compiled once, however often it runs', { enabled: true, compileAfter: 2, maxCompiled: 10 }, same(20), 1],
    ['after 2: fifty documents sent once each compile nothing', { enabled: true, compileAfter: 2, maxCompiled: 10 }, distinct(50), 0],
    ['after 0: every document at its first execution', { enabled: true, compileAfter: 0, maxCompiled: 10 }, distinct(5), 5],
    ['turned off: nothing, ever', { enabled: false, compileAfter: 0, maxCompiled: 10 }, same(10), 0],
    // graphql-jit's serial execution adds a closure to each execution's context: V8 then keeps each request through young collections.
    ['a mutation: never, however often it runs', { enabled: true, compileAfter: 0, maxCompiled: 10 }, mutations(5), 0],
    ['a query sent beside mutations still compiles', { enabled: true, compileAfter: 0, maxCompiled: 10 }, [...mutations(2), ...same(2)], 1],
    [
      'past the bound, the least recently used document starts counting again',
      { enabled: true, compileAfter: 1, maxCompiled: 1 },
      [...same(2), ...distinct(2).flatMap((query) => [query, query]), ...same(2)],
      4,
    ],
  ];
  it.each(cases)('%s', async (_name, options, queries, expected) => {
    expect(await compilationsAfter(options, queries)).toBe(expected);
  });
});

describe("a client's text never becomes code", () => {
  // graphql-jit 0.8.9 turns `"__MAGIC_DATE__<its uuid>X"` in a literal argument into `new Date(X)` in the code it generates.
  const marker = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d';
  const payload = (flag: string) => JSON.stringify(`${marker}1),[globalThis.${flag}=1]:(0`);
  const placements: [string, (flag: string) => string][] = [
    ['a string argument', (flag) => `{ echo(text: ${payload(flag)}) }`],
    ['an item of a list argument', (flag) => `{ echo(texts: ["plain", ${payload(flag)}]) }`],
    ['a field of an input object', (flag) => `{ echo(input: { text: ${payload(flag)} }) }`],
    ['a list in an input object', (flag) => `{ echo(input: { texts: [${payload(flag)}] }) }`],
    ['a block string', (flag) => `{ echo(text: """${marker}1),[globalThis.${flag}=1]:(0""") }`],
    ["a variable's default", (flag) => `query($text: String = ${payload(flag)}) { echo(text: $text) }`],
    ['a second operation of the document', (flag) => `query A { page(id: "1") { id } } query B { echo(text: ${payload(flag)}) }`],
  ];

  it.each(placements)('in %s: refused, executed by graphql-js, answering as it does', async (name, documentFor) => {
    const flag = `rolegateInjected_${name.replace(/\W/g, '_')}`;
    const query = documentFor(flag);
    const [reference, compiled] = [serverWith(interpreted), serverWith(compiledFromFirst)];
    await Promise.all([reference.start(), compiled.start()]);
    try {
      const operationName = query.startsWith('query A') ? 'B' : undefined;
      const ask = (server: ApolloServer) => server.executeOperation({ query, operationName });
      const [expected, actual] = [await ask(reference), await ask(compiled)];
      expect(actual.body).toEqual(expected.body);
      expect(compiled.compilations).toEqual(['refused']);
      expect((globalThis as Record<string, unknown>)[flag]).toBeUndefined();
    } finally {
      await Promise.all([reference.stop(), compiled.stop()]);
    }
  });

  it('holds the marker for what it is: graphql-jit, asked directly, runs the text', async () => {
    const { compileQuery, isCompiledQuery } = await import('graphql-jit');
    const flag = 'rolegateInjected_directly';
    const compiled = compileQuery(schema, parse(`{ echo(text: ${payload(flag)}) }`));
    if (!isCompiledQuery(compiled)) throw new Error('graphql-jit did not compile the document.');
    await compiled.query(undefined, {}, {});
    // If this fails, graphql-jit no longer does it: safe-to-compile.ts's marker can then be revisited.
    expect((globalThis as Record<string, unknown>)[flag]).toBe(1);
    delete (globalThis as Record<string, unknown>)[flag];
  });
});

describe('safeToCompile', () => {
  const customScalarSchema = makeExecutableSchema({
    typeDefs: 'scalar Instant\n type Query { at(when: Instant, note: String): String }',
  });
  const cases: [string, GraphQLSchema, string, boolean][] = [
    ['plain strings', schema, '{ echo(text: "hello", texts: ["a", "__MAGIC"]) }', true],
    ['the date marker', schema, '{ echo(text: "__MAGIC_DATE__x") }', false],
    ['the NaN marker', schema, '{ echo(text: "x__MAGIC_NAN__y") }', false],
    ['custom scalars, a literal', customScalarSchema, '{ at(when: "2026-12-07") }', false],
    ['custom scalars, a literal of another type', customScalarSchema, '{ at(note: "hello") }', false],
    ['custom scalars, variables only', customScalarSchema, 'query($when: Instant) { at(when: $when) }', true],
  ];
  it.each(cases)('%s', (_name, inSchema, query, expected) => {
    expect(safeToCompile(inSchema, parse(query))).toBe(expected);
  });
});

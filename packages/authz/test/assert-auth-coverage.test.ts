// `findAuthCoverageProblems` / `assertAuthCoverage`: which schemas are refused, with which sentence,
// and that every offender is named at once (the GitClub SDL has its own test in the app).
import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from 'vitest';
import { assertAuthCoverage, authDirectivesTypeDefs, createPermissionCatalog, findAuthCoverageProblems } from '../src/index.js';

const catalog = createPermissionCatalog({
  thing: { read: 'See a thing.', edit: 'Edit a thing.' },
  widget: { tune: 'Tune a widget.' },
});

/** A schema whose authorization is complete; each bad case adds one offender to it. */
const goodSdl = /* GraphQL */ `
  type Thing @auth(permission: "read:thing") {
    id: ID!
    name: String!
    notes: String @auth(permission: "edit:thing")
  }
  input EditThingInput {
    id: ID!
    name: String
    notes: String @auth(permission: "edit:thing")
  }
  type Query {
    thing(id: ID!): Thing @authenticated
    version: String @public
  }
  type Mutation {
    editThing(input: EditThingInput!): Thing @auth(permission: "edit:thing", resource: "input.id")
  }
`;

const problemsOf = (...sdl: string[]): string[] =>
  findAuthCoverageProblems(makeExecutableSchema({ typeDefs: [authDirectivesTypeDefs, goodSdl, ...sdl] }), catalog);

interface BadCase {
  readonly rule: string;
  readonly sdl: string;
  readonly problem: string;
}

const badCases: BadCase[] = [
  {
    rule: 'unknown permission on a field',
    sdl: 'extend type Thing { owner: String @auth(permission: "own:thing") }',
    problem: 'Unknown permission "own:thing" in @auth on Thing.owner.',
  },
  {
    rule: 'unknown permission on a type',
    sdl: 'type Gadget @auth(permission: "read:gadget") { id: ID! } extend type Query { gadget(id: ID!): Gadget @authenticated }',
    problem: 'Unknown permission "read:gadget" in @auth on Gadget.',
  },
  {
    rule: 'unknown permission on an input field',
    sdl: 'extend input EditThingInput { owner: String @auth(permission: "own:thing") }',
    problem: 'Unknown permission "own:thing" in @auth on EditThingInput.owner.',
  },
  {
    rule: 'a root Query field with no directive',
    sdl: 'extend type Query { things: [Thing!]! }',
    problem: 'Root field Query.things has no @auth, @authenticated or @public directive.',
  },
  {
    rule: 'a root Mutation field with no directive',
    sdl: 'extend type Mutation { renameThing(id: ID!, name: String!): Thing }',
    problem: 'Root field Mutation.renameThing has no @auth, @authenticated or @public directive.',
  },
  {
    rule: '@auth on a non-null field',
    sdl: 'extend type Thing { secret: String! @auth(permission: "edit:thing") }',
    problem: '@auth on Thing.secret needs a nullable type: a denial on "String!" would null its parent.',
  },
  {
    rule: 'root @auth without resource',
    sdl: 'extend type Mutation { deleteThing(id: ID!): Boolean @auth(permission: "edit:thing") }',
    problem: '@auth on root field Mutation.deleteThing needs a "resource" argument path naming the resource id.',
  },
  {
    rule: 'root @auth whose resource names no argument',
    sdl: 'extend type Mutation { deleteThing(id: ID!): Boolean @auth(permission: "edit:thing", resource: "thingId") }',
    problem: '@auth on Mutation.deleteThing names resource "thingId", which is not an argument path of that field.',
  },
  {
    rule: 'root @auth whose resource path is not a field of the input',
    sdl: 'extend type Mutation { touchThing(input: EditThingInput!): Thing @auth(permission: "edit:thing", resource: "input.thingId") }',
    problem: '@auth on Mutation.touchThing names resource "input.thingId", which is not an argument path of that field.',
  },
  {
    rule: 'root @auth whose resource path steps into a scalar',
    sdl: 'extend type Mutation { deleteThing(id: ID!): Boolean @auth(permission: "edit:thing", resource: "id.value") }',
    problem: '@auth on Mutation.deleteThing names resource "id.value", which is not an argument path of that field.',
  },
  {
    rule: 'input-field @auth reachable from a root field without @auth',
    sdl: 'extend type Mutation { upsertThing(input: EditThingInput!): Thing @authenticated }',
    problem: 'Mutation.upsertThing takes input fields guarded by @auth but has no @auth naming the resource to check them on.',
  },
  {
    rule: 'input-field @auth nested deeper, reachable from a root field without @auth',
    sdl: 'input BulkInput { edit: EditThingInput! } extend type Mutation { bulkEdit(input: BulkInput!): Boolean @public }',
    problem: 'Mutation.bulkEdit takes input fields guarded by @auth but has no @auth naming the resource to check them on.',
  },
  {
    rule: 'input-field permission of another resource type than the root field',
    sdl: `input TuneThingInput { id: ID! pitch: Int @auth(permission: "tune:widget") }
          extend type Mutation { tuneThing(input: TuneThingInput!): Thing @auth(permission: "edit:thing", resource: "input.id") }`,
    problem:
      '@auth on input input.pitch of Mutation.tuneThing asks for "tune:widget", a widget permission, but the field\'s resource is a thing.',
  },
  {
    rule: 'input-field @auth reached through a list',
    sdl: 'input EditManyInput { id: ID! edits: [EditThingInput!] } extend type Mutation { editMany(input: EditManyInput!): Boolean @auth(permission: "edit:thing", resource: "input.id") }',
    problem: '@auth on input input.edits.notes of Mutation.editMany is reached through a list, where it cannot be enforced.',
  },
  {
    rule: 'input-field @auth on the argument of a non-root field',
    sdl: 'extend type Thing { rename(input: EditThingInput!): Thing }',
    problem: 'Thing.rename takes input fields guarded by @auth, which is only enforced on root fields.',
  },
  {
    rule: 'an interface whose member types carry @auth',
    sdl: 'interface Node { id: ID! } type Doc implements Node @auth(permission: "read:thing") { id: ID! } extend type Query { node(id: ID!): Node @authenticated }',
    problem:
      'Query.node returns Node, an interface or union with @auth member types; type-level @auth is only enforced for object return types.',
  },
];

describe('findAuthCoverageProblems', () => {
  it('finds no problem in a complete schema', () => {
    expect(problemsOf()).toEqual([]);
  });

  it.each(badCases)('refuses $rule', ({ sdl, problem }) => {
    expect(problemsOf(sdl)).toEqual([problem]);
  });
});

describe('assertAuthCoverage', () => {
  it('accepts a complete schema', () => {
    const schema = makeExecutableSchema({ typeDefs: [authDirectivesTypeDefs, goodSdl] });
    expect(() => assertAuthCoverage(schema, catalog)).not.toThrow();
  });

  it('names every offender at once, one line each', () => {
    // Every offender except two that define `deleteThing` again (a clash, not an auth problem) and
    // those that reuse EditThingInput, whose other offenders they would report once more.
    const clashing = new Set([
      'root @auth whose resource names no argument',
      'root @auth whose resource path steps into a scalar',
      'input-field @auth reached through a list',
      'input-field @auth on the argument of a non-root field',
    ]);
    const combined = badCases.filter((badCase) => !clashing.has(badCase.rule));
    expect(combined).toHaveLength(badCases.length - clashing.size);
    const schema = makeExecutableSchema({ typeDefs: [authDirectivesTypeDefs, goodSdl, ...combined.map((badCase) => badCase.sdl)] });
    let message: string | undefined;
    try {
      assertAuthCoverage(schema, catalog);
    } catch (error) {
      message = (error as Error).message;
    }
    const [heading, ...listed] = (message ?? '').split('\n');
    expect(heading).toBe("The schema's authorization is incomplete:");
    // Each offender points at its line of the SDL.
    expect(listed.filter((line) => !/ \(line \d+:\d+\)$/.test(line))).toEqual([]);
    expect(listed.map((line) => line.replace(/ \(line \d+:\d+\)$/, '')).sort()).toEqual(
      combined.map((badCase) => `  - ${badCase.problem}`).sort(),
    );
  });
});

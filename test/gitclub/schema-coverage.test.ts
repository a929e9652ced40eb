import { makeExecutableSchema } from '@graphql-tools/schema';
import { findAuthCoverageProblems } from '@rolegate/authz';
import { describe, expect, it } from 'vitest';
import { isEnumType, isObjectType } from 'graphql';
import { permissionCatalog } from '../../src/gitclub/policy/policy.js';
import { resourceTypes } from '../../src/gitclub/resources.js';
import { buildSchema, loadTypeDefs } from '../../src/gitclub/schema.js';

/** The GitClub schema under the core's coverage check: every root field carries a directive. */
describe('the GitClub SDL', () => {
  it('has no coverage problem', () => {
    const schema = makeExecutableSchema({ typeDefs: loadTypeDefs() });
    expect(findAuthCoverageProblems(schema, permissionCatalog)).toEqual([]);
  });

  it('builds, with and without the transform', () => {
    expect(buildSchema().getQueryType()?.getFields()).toHaveProperty('repository');
    expect(buildSchema({ authorization: false }).getMutationType()?.getFields()).toHaveProperty('closeIssue');
  });

  it('refuses to build once a root field without a directive is added', () => {
    const typeDefs = [...loadTypeDefs(), 'extend type Query { leak: String }'];
    expect(() => buildSchema({ typeDefs })).toThrow('Root field Query.leak has no @auth, @authenticated or @public directive.');
  });
});

/** The resource registry (src/gitclub/resources.ts) against the SDL: what the typecheck cannot see. */
describe('the resource registry', () => {
  const schema = buildSchema();
  const registered = Object.entries(resourceTypes);

  it('names every resource type in the ResourceType enum, and nothing else', () => {
    const enumType = schema.getType('ResourceType');
    if (!isEnumType(enumType)) throw new Error('ResourceType is not an enum.');
    expect(
      enumType
        .getValues()
        .map((value) => value.name)
        .sort(),
    ).toEqual(registered.map(([type]) => type.toUpperCase()).sort());
  });

  it.each(registered.filter(([, definition]) => definition.graphqlType))(
    '%s: its GraphQL type has an id and viewerCan',
    (_type, definition) => {
      const objectType = schema.getType(definition.graphqlType ?? '');
      if (!isObjectType(objectType)) throw new Error(`${definition.graphqlType} is not an object type.`);
      expect(Object.keys(objectType.getFields())).toEqual(expect.arrayContaining(['id', 'viewerCan']));
      expect(objectType.getFields().viewerCan?.resolve).toBeTypeOf('function');
    },
  );

  it.each(registered)('%s: visibility and support access are permissions of its own type', (type, definition) => {
    const own = [definition.visibility, ...definition.supportAccess].filter((name) => name !== null);
    expect(own.filter((name) => permissionCatalog.resourceTypeOf(name) !== type)).toEqual([]);
  });
});

import { makeExecutableSchema } from '@graphql-tools/schema';
import { findAuthCoverageProblems } from '@rolegate/authz';
import { describe, expect, it } from 'vitest';
import { permissionCatalog } from '../../src/gitclub/policy/policy.js';
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

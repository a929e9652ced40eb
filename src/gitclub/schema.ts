import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse, Source, type DocumentNode, type GraphQLSchema } from 'graphql';
import { assertAuthCoverage, authDirectiveTransformer, authDirectivesTypeDefs, describeAuthorization, type Denial } from '@rolegate/authz';
import { badUserInputError } from '../errors/graphql-errors.js';
import { applyStringLimits, stringLimitsTypeDefs } from '../input/string-limits.js';
import type { RequestContext } from './context.js';
import { permissionCatalog } from './policy/policy.js';
import { permissionEnumsTypeDefs } from './permission-enums.js';
import { resolvers } from './resolvers.js';
import { isUuid } from './validation.js';
import { projectRoot } from '../project-root.js';

/** The folder holding the SDL, one file per area. */
export const schemaDirectory = join(projectRoot, 'schema');

/**
 * The SDL of every area, in file-name order after the directives, each file parsed under its own
 * name, so that a coverage problem points at `schema/<area>.graphql:line:column`; then the
 * permission enums generated from the policy.
 */
export function loadTypeDefs(directory = schemaDirectory): (string | DocumentNode)[] {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort();
  return [
    authDirectivesTypeDefs,
    stringLimitsTypeDefs,
    ...files.map((file) => parse(new Source(readFileSync(join(directory, file), 'utf8'), `schema/${file}`))),
    // Generated from the permission table: one enum of permissions per resource type (see permission-enums.ts).
    permissionEnumsTypeDefs(),
  ];
}

/** How the schema is built: with the `@auth` transform (always, in the server), or without it for the bench's baseline. */
export interface SchemaOptions {
  readonly authorization?: boolean;
  readonly typeDefs?: (string | DocumentNode)[];
  readonly onDenied?: (denial: Denial, context: RequestContext) => void;
}

/**
 * The executable GitClub schema. Refuses to build, naming every offender, when the SDL's
 * authorization is incomplete (see `assertAuthCoverage`). Every string argument is bounded
 * (see `applyStringLimits`).
 */
export function buildSchema(options: SchemaOptions = {}): GraphQLSchema {
  const schema = describeAuthorization(makeExecutableSchema({ typeDefs: options.typeDefs ?? loadTypeDefs(), resolvers }));
  assertAuthCoverage(schema, permissionCatalog);
  if (options.authorization === false) return applyStringLimits(schema);
  const authorized = authDirectiveTransformer(schema, {
    catalog: permissionCatalog,
    authorizerOf: (context: RequestContext) => context.authorizer,
    validateResourceId: (id, argument) => {
      if (!isUuid(id)) throw badUserInputError(`Argument "${argument}" must be a valid id.`, { argument });
    },
    onDenied: options.onDenied,
  });
  // Last, so that its check runs first: no lookup, pattern or authorization check sees oversized input.
  return applyStringLimits(authorized);
}

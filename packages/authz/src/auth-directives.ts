import { getDirective, type DirectableGraphQLObject } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';

/** The names of the three directives, when the defaults clash with a schema's own. */
export interface DirectiveNames {
  readonly auth: string;
  readonly public: string;
  readonly authenticated: string;
}

/** `@auth`, `@public` and `@authenticated`. */
export const defaultDirectiveNames: DirectiveNames = { auth: 'auth', public: 'public', authenticated: 'authenticated' };

/** The SDL of the three directives the core understands, under the names given; include it in the application's schema. */
export function authDirectivesTypeDefsFor(names: DirectiveNames): string {
  return authDirectivesTypeDefs
    .replace('directive @auth(', `directive @${names.auth}(`)
    .replace('directive @public ', `directive @${names.public} `)
    .replace('directive @authenticated ', `directive @${names.authenticated} `);
}

/** The SDL of the three directives under their default names. */
export const authDirectivesTypeDefs = /* GraphQL */ `
  """
  Requires a permission. On a type: needed to see any object of that type. On a field of a resource
  type: checked on the parent object. On a root field: \`resource\` is the argument path naming the
  resource id (for example "input.repositoryId"). On an input field: needed, on the root field's
  resource, whenever the client provides that input field.
  """
  directive @auth(permission: String!, resource: String) on FIELD_DEFINITION | OBJECT | INPUT_FIELD_DEFINITION

  "Open to anonymous clients."
  directive @public on FIELD_DEFINITION

  "Open to any signed-in viewer."
  directive @authenticated on FIELD_DEFINITION
`;

/** The arguments of one `@auth` directive. */
export interface AuthRequirement {
  readonly permission: string;
  readonly resource?: string;
}

/** Reads `@auth` from a type, field or input field, if present. */
export function readAuth(
  schema: GraphQLSchema,
  node: DirectableGraphQLObject,
  names: DirectiveNames = defaultDirectiveNames,
): AuthRequirement | undefined {
  const [args] = getDirective(schema, node, names.auth) ?? [];
  if (!args) return undefined;
  return { permission: String(args.permission), resource: args.resource === undefined ? undefined : String(args.resource) };
}

/** True when the node carries `@public`. */
export function isPublic(schema: GraphQLSchema, node: DirectableGraphQLObject, names: DirectiveNames = defaultDirectiveNames): boolean {
  return (getDirective(schema, node, names.public) ?? []).length > 0;
}

/** True when the node carries `@authenticated`. */
export function isAuthenticatedOnly(
  schema: GraphQLSchema,
  node: DirectableGraphQLObject,
  names: DirectiveNames = defaultDirectiveNames,
): boolean {
  return (getDirective(schema, node, names.authenticated) ?? []).length > 0;
}

import {
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type ASTNode,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import {
  defaultDirectiveNames,
  isAuthenticatedOnly,
  isPublic,
  readAuth,
  type AuthRequirement,
  type DirectiveNames,
} from './auth-directives.js';

/** Where a coordinate stands: a type, a field of a type, a field of a root type, a field of an input type. */
export type AuthSite = 'type' | 'field' | 'root-field' | 'input-field';

/** One coordinate of a schema with the authorization directives on it. */
export interface AuthCoordinate {
  /** `Type`, `Type.field` or `Input.field`. */
  readonly coordinate: string;
  readonly site: AuthSite;
  readonly type: GraphQLNamedType;
  /** The field, for every site but `type`. */
  readonly field?: GraphQLField<unknown, unknown> | GraphQLInputField;
  readonly auth: AuthRequirement | undefined;
  readonly public: boolean;
  readonly authenticated: boolean;
  /** The SDL node, so an error can point at its line. */
  readonly node: ASTNode | undefined;
}

/**
 * The one walk of a schema's authorization: every object and interface type, each of their fields
 * and each field of every input type (introspection excluded), with its `@auth`, `@public` and
 * `@authenticated`. The coverage check, the permission matrix and policy tests all read it.
 */
export function authCoordinates(schema: GraphQLSchema, names: DirectiveNames = defaultDirectiveNames): AuthCoordinate[] {
  const rootNames = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) => (type ? [type.name] : [])),
  );
  const coordinates: AuthCoordinate[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        coordinates.push({
          coordinate: `${type.name}.${field.name}`,
          site: 'input-field',
          type,
          field,
          auth: readAuth(schema, field, names),
          public: false,
          authenticated: false,
          node: field.astNode ?? undefined,
        });
      }
      continue;
    }
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    coordinates.push({
      coordinate: type.name,
      site: 'type',
      type,
      auth: readAuth(schema, type, names),
      public: false,
      authenticated: false,
      node: type.astNode ?? undefined,
    });
    const site: AuthSite = rootNames.has(type.name) ? 'root-field' : 'field';
    for (const field of Object.values(type.getFields())) {
      coordinates.push({
        coordinate: `${type.name}.${field.name}`,
        site,
        type,
        field,
        auth: readAuth(schema, field, names),
        public: isPublic(schema, field, names),
        authenticated: isAuthenticatedOnly(schema, field, names),
        node: field.astNode ?? undefined,
      });
    }
  }
  return coordinates;
}

import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { GraphQLInterfaceType, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { authCoordinates, type AuthCoordinate } from './auth-coordinates.js';
import { defaultDirectiveNames, type DirectiveNames } from './auth-directives.js';

/** The sentence saying what a coordinate requires, or undefined when it carries no directive. */
function requirementOf(coordinate: AuthCoordinate): string | undefined {
  if (coordinate.public) return 'Authorization: public, no sign-in needed.';
  if (coordinate.authenticated) return 'Authorization: any signed-in user.';
  const auth = coordinate.auth;
  if (!auth) return undefined;
  if (coordinate.site === 'type') return `Authorization: each ${coordinate.type.name} needs \`${auth.permission}\`.`;
  if (auth.resource) return `Authorization: needs \`${auth.permission}\` on the resource whose id is at \`${auth.resource}\`.`;
  if (coordinate.site === 'input-field') return `Authorization: setting it needs \`${auth.permission}\`.`;
  return `Authorization: needs \`${auth.permission}\` on the parent ${coordinate.type.name}.`;
}

const withRequirement = (description: string | null | undefined, requirement: string | undefined) =>
  requirement === undefined ? description : description ? `${description}\n\n${requirement}` : requirement;

/**
 * The schema with each directive's requirement appended to the description of the type or field
 * carrying it, so introspection (an IDE's docs pane, generated clients' comments) tells which
 * permission guards what. The directives themselves stay on the SDL nodes for schema printing.
 */
export function describeAuthorization(schema: GraphQLSchema, names: DirectiveNames = defaultDirectiveNames): GraphQLSchema {
  const requirements = new Map(authCoordinates(schema, names).map((coordinate) => [coordinate.coordinate, requirementOf(coordinate)]));
  const field =
    <T extends { description?: string | null | undefined }>() =>
    (config: T, fieldName: string, typeName: string): T => ({
      ...config,
      description: withRequirement(config.description, requirements.get(`${typeName}.${fieldName}`)),
    });
  return mapSchema(schema, {
    [MapperKind.OBJECT_TYPE]: (type) =>
      new GraphQLObjectType({ ...type.toConfig(), description: withRequirement(type.description, requirements.get(type.name)) }),
    [MapperKind.INTERFACE_TYPE]: (type) =>
      new GraphQLInterfaceType({ ...type.toConfig(), description: withRequirement(type.description, requirements.get(type.name)) }),
    [MapperKind.COMPOSITE_FIELD]: field(),
    [MapperKind.INPUT_OBJECT_FIELD]: field(),
  });
}

import {
  GraphQLError,
  getNamedType,
  isAbstractType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { authCoordinates, type AuthCoordinate } from './auth-coordinates.js';
import { defaultDirectiveNames, readAuth, type DirectiveNames } from './auth-directives.js';
import { collectInputRequirements } from './input-requirements.js';
import type { PermissionCatalog } from './permission-catalog.js';

/**
 * Refuses a schema whose authorization cannot be trusted, naming every offender at once:
 * a permission the catalog lacks, a root field with neither `@auth`, `@authenticated` nor
 * `@public`, `@auth` on a non-null field (a denial there would null its parent), a root `@auth`
 * without a `resource` path that exists, an input-field `@auth` the root field cannot check
 * (no root `@auth`, inside a list, on a non-root field), or an interface or union whose member
 * types carry `@auth` (only object return types are checked). Each offender is named with the
 * line of the SDL it stands on, when the schema was built from parsed SDL.
 */
export function assertAuthCoverage(schema: GraphQLSchema, catalog: PermissionCatalog, names: DirectiveNames = defaultDirectiveNames): void {
  const errors = findAuthCoverageErrors(schema, catalog, names);
  if (errors.length > 0) {
    throw new Error(
      `The schema's authorization is incomplete:\n${errors.map((error) => `  - ${error.message}${where(error)}`).join('\n')}`,
    );
  }
}

/** The problems `assertAuthCoverage` reports, as sentences. */
export function findAuthCoverageProblems(
  schema: GraphQLSchema,
  catalog: PermissionCatalog,
  names: DirectiveNames = defaultDirectiveNames,
): string[] {
  return findAuthCoverageErrors(schema, catalog, names).map((error) => error.message);
}

/** The problems `assertAuthCoverage` reports, as GraphQLErrors pointing at the SDL node of each offender. */
export function findAuthCoverageErrors(
  schema: GraphQLSchema,
  catalog: PermissionCatalog,
  names: DirectiveNames = defaultDirectiveNames,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const entry of authCoordinates(schema, names)) {
    const problem = (message: string) => errors.push(new GraphQLError(message, { nodes: entry.node }));
    if (entry.site === 'input-field' || (entry.site === 'type' && isObjectType(entry.type))) {
      if (entry.auth && !catalog.has(entry.auth.permission)) problem(unknownPermission(entry.auth.permission, entry.coordinate));
      continue;
    }
    const field = entry.field as GraphQLField<unknown, unknown> | undefined;
    if (field && isObjectType(entry.type)) checkField(schema, catalog, entry, field, names, problem);
  }
  return errors;
}

function unknownPermission(permission: string, where: string): string {
  return `Unknown permission "${permission}" in @auth on ${where}.`;
}

function where(error: GraphQLError): string {
  const [location] = error.locations ?? [];
  if (!location) return '';
  const name = error.source?.name;
  return ` (${name && name !== 'GraphQL request' ? `${name}:` : 'line '}${location.line}:${location.column})`;
}

function checkField(
  schema: GraphQLSchema,
  catalog: PermissionCatalog,
  entry: AuthCoordinate,
  field: GraphQLField<unknown, unknown>,
  names: DirectiveNames,
  problem: (message: string) => void,
): void {
  const { coordinate, auth } = entry;
  if (auth) {
    if (!catalog.has(auth.permission)) problem(unknownPermission(auth.permission, coordinate));
    if (isNonNullType(field.type))
      problem(`@auth on ${coordinate} needs a nullable type: a denial on "${String(field.type)}" would null its parent.`);
  }
  const returned = getNamedType(field.type);
  if (isAbstractType(returned) && schema.getPossibleTypes(returned).some((possible) => readAuth(schema, possible, names))) {
    problem(
      `${coordinate} returns ${returned.name}, an interface or union with @auth member types; type-level @auth is only enforced for object return types.`,
    );
  }
  const inputRequirements = collectInputRequirements(schema, Object.fromEntries(field.args.map((arg) => [arg.name, arg])), names);
  if (entry.site !== 'root-field') {
    if (inputRequirements.length > 0) problem(`${coordinate} takes input fields guarded by @auth, which is only enforced on root fields.`);
    return;
  }
  for (const requirement of inputRequirements.filter((candidate) => candidate.throughList)) {
    problem(`@auth on input ${requirement.path.join('.')} of ${coordinate} is reached through a list, where it cannot be enforced.`);
  }
  if (!auth && !entry.public && !entry.authenticated)
    problem(`Root field ${coordinate} has no @auth, @authenticated or @public directive.`);
  if (auth && !auth.resource) {
    problem(`@auth on root field ${coordinate} needs a "resource" argument path naming the resource id.`);
  } else if (auth?.resource && !argumentPathExists(field.args, auth.resource)) {
    problem(`@auth on ${coordinate} names resource "${auth.resource}", which is not an argument path of that field.`);
  }
  if (!auth && inputRequirements.length > 0)
    problem(`${coordinate} takes input fields guarded by @auth but has no @auth naming the resource to check them on.`);
  const resourceType = auth && catalog.resourceTypeOf(auth.permission);
  for (const requirement of inputRequirements) {
    const requirementType = catalog.resourceTypeOf(requirement.permission);
    if (resourceType && requirementType && requirementType !== resourceType) {
      problem(
        `@auth on input ${requirement.path.join('.')} of ${coordinate} asks for "${requirement.permission}", a ${requirementType} permission, but the field's resource is a ${resourceType}.`,
      );
    }
  }
}

function argumentPathExists(args: readonly { name: string; type: Parameters<typeof getNamedType>[0] }[], path: string): boolean {
  const [first, ...rest] = path.split('.');
  let type = args.find((arg) => arg.name === first)?.type;
  for (const step of rest) {
    const named = type && getNamedType(type);
    if (!named || !isInputObjectType(named)) return false;
    type = named.getFields()[step]?.type;
  }
  return type !== undefined;
}

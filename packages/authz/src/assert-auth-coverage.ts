import {
  getNamedType,
  isAbstractType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  type GraphQLFieldMap,
  type GraphQLSchema,
} from 'graphql';
import { defaultDirectiveNames, isAuthenticatedOnly, isPublic, readAuth, type DirectiveNames } from './auth-directives.js';
import { collectInputRequirements } from './input-requirements.js';
import type { PermissionCatalog } from './permission-catalog.js';

/**
 * Refuses a schema whose authorization cannot be trusted, naming every offender at once:
 * a permission the catalog lacks, a root field with neither `@auth`, `@authenticated` nor
 * `@public`, `@auth` on a non-null field (a denial there would null its parent), a root `@auth`
 * without a `resource` path that exists, an input-field `@auth` the root field cannot check
 * (no root `@auth`, inside a list, on a non-root field), or an interface or union whose member
 * types carry `@auth` (only object return types are checked).
 */
export function assertAuthCoverage(schema: GraphQLSchema, catalog: PermissionCatalog, names: DirectiveNames = defaultDirectiveNames): void {
  const problems = findAuthCoverageProblems(schema, catalog, names);
  if (problems.length > 0) {
    throw new Error(`The schema's authorization is incomplete:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** The problems `assertAuthCoverage` reports, as sentences. */
export function findAuthCoverageProblems(schema: GraphQLSchema, catalog: PermissionCatalog, names: DirectiveNames = defaultDirectiveNames): string[] {
  const problems: string[] = [];
  const checkPermission = (permission: string, where: string): void => {
    if (!catalog.has(permission)) problems.push(`Unknown permission "${permission}" in @auth on ${where}.`);
  };
  const rootTypes = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const rootNames = new Set(rootTypes.flatMap((type) => (type ? [type.name] : [])));

  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const auth = readAuth(schema, field, names);
        if (auth) checkPermission(auth.permission, `${type.name}.${field.name}`);
      }
      continue;
    }
    if (!isObjectType(type)) continue;
    const typeAuth = readAuth(schema, type, names);
    if (typeAuth) checkPermission(typeAuth.permission, type.name);
    checkFields(schema, catalog, type.name, type.getFields(), rootNames.has(type.name), problems, checkPermission, names);
  }
  return problems;
}

function checkFields(
  schema: GraphQLSchema,
  catalog: PermissionCatalog,
  typeName: string,
  fields: GraphQLFieldMap<unknown, unknown>,
  isRoot: boolean,
  problems: string[],
  checkPermission: (permission: string, where: string) => void,
  names: DirectiveNames,
): void {
  for (const field of Object.values(fields)) {
    const coordinate = `${typeName}.${field.name}`;
    const auth = readAuth(schema, field, names);
    if (auth) {
      checkPermission(auth.permission, coordinate);
      if (isNonNullType(field.type)) {
        problems.push(`@auth on ${coordinate} needs a nullable type: a denial on "${String(field.type)}" would null its parent.`);
      }
    }
    const returned = getNamedType(field.type);
    if (isAbstractType(returned) && schema.getPossibleTypes(returned).some((possible) => readAuth(schema, possible, names))) {
      problems.push(`${coordinate} returns ${returned.name}, an interface or union with @auth member types; type-level @auth is only enforced for object return types.`);
    }
    const argumentRequirements = collectInputRequirements(schema, Object.fromEntries(field.args.map((arg) => [arg.name, arg])), names);
    if (!isRoot) {
      if (argumentRequirements.length > 0) problems.push(`${coordinate} takes input fields guarded by @auth, which is only enforced on root fields.`);
      continue;
    }
    for (const requirement of argumentRequirements.filter((candidate) => candidate.throughList)) {
      problems.push(`@auth on input ${requirement.path.join('.')} of ${coordinate} is reached through a list, where it cannot be enforced.`);
    }
    if (!auth && !isPublic(schema, field, names) && !isAuthenticatedOnly(schema, field, names)) {
      problems.push(`Root field ${coordinate} has no @auth, @authenticated or @public directive.`);
    }
    const inputRequirements = argumentRequirements;
    if (auth && !auth.resource) {
      problems.push(`@auth on root field ${coordinate} needs a "resource" argument path naming the resource id.`);
    } else if (auth?.resource && !argumentPathExists(field.args, auth.resource)) {
      problems.push(`@auth on ${coordinate} names resource "${auth.resource}", which is not an argument path of that field.`);
    }
    if (!auth && inputRequirements.length > 0) {
      problems.push(`${coordinate} takes input fields guarded by @auth but has no @auth naming the resource to check them on.`);
    }
    const resourceType = auth && catalog.resourceTypeOf(auth.permission);
    for (const requirement of inputRequirements) {
      const requirementType = catalog.resourceTypeOf(requirement.permission);
      if (resourceType && requirementType && requirementType !== resourceType) {
        problems.push(
          `@auth on input ${requirement.path.join('.')} of ${coordinate} asks for "${requirement.permission}", a ${requirementType} permission, but the field's resource is a ${resourceType}.`,
        );
      }
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

import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { isAuthenticatedOnly, readAuth, type AuthRequirement } from './auth-directives.js';
import type { Authorizer } from './authorizer.js';
import { enforce, type Check, type Denial } from './enforce.js';
import { badUserInputError, unauthenticatedError } from './errors.js';
import { collectInputRequirements, valueAtPath, type InputRequirement } from './input-requirements.js';
import { all, andThen, type MaybePromise } from './maybe-promise.js';
import type { PermissionCatalog } from './permission-catalog.js';
import type { CheckSite } from './shadow-arbiter.js';

/** What the transform needs from the application; the decision logic is passed in, not imported. */
export interface AuthDirectiveOptions {
  readonly catalog: PermissionCatalog;
  /** The request's authorizer, or null for an anonymous request. */
  authorizerOf(context: unknown): Authorizer | null;
  /** Refuses malformed resource ids in arguments with BAD_USER_INPUT before any lookup. */
  isValidResourceId(id: string): boolean;
  /** Told about every denial (for logs); must not throw. */
  onDenied?(denial: Denial, context: unknown): void;
}

/**
 * Turns `@auth`, `@authenticated` and `@public` into checks around the original resolvers.
 * A pure `schema -> schema` function: it wraps resolvers and never replaces them.
 *
 * Run `assertAuthCoverage` first: this transform trusts that every permission is in the catalog.
 */
export function authDirectiveTransformer(schema: GraphQLSchema, options: AuthDirectiveOptions): GraphQLSchema {
  const rootTypeNames = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) => (type ? [type.name] : [])),
  );
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, _fieldName, typeName, mappedSchema) => {
      const isRoot = rootTypeNames.has(typeName);
      const fieldAuth = readAuth(mappedSchema, fieldConfig);
      const returned = getNamedType(fieldConfig.type);
      const returnedAuth = isObjectType(returned) ? readAuth(mappedSchema, returned) : undefined;
      const inputRequirements = isRoot ? collectInputRequirements(mappedSchema, fieldConfig.args) : [];
      const needsIdentity =
        fieldAuth !== undefined || inputRequirements.length > 0 || (isRoot && isAuthenticatedOnly(mappedSchema, fieldConfig));
      if (!needsIdentity && !returnedAuth) return fieldConfig;
      return {
        ...fieldConfig,
        resolve: guardedResolver(fieldConfig, { isRoot, fieldAuth, returnedAuth, inputRequirements, needsIdentity }, options),
      };
    },
  });
}

interface FieldGuards {
  readonly isRoot: boolean;
  readonly fieldAuth: AuthRequirement | undefined;
  readonly returnedAuth: AuthRequirement | undefined;
  readonly inputRequirements: readonly InputRequirement[];
  readonly needsIdentity: boolean;
}

function guardedResolver(
  fieldConfig: GraphQLFieldConfig<unknown, unknown>,
  guards: FieldGuards,
  options: AuthDirectiveOptions,
): GraphQLFieldResolver<unknown, unknown> {
  const resolve = fieldConfig.resolve ?? defaultFieldResolver;
  const { catalog } = options;
  const typeOf = (permission: string): string => catalog.resourceTypeOf(permission) as string;

  return (source, args, context, info) => {
    const authorizer = options.authorizerOf(context);
    if (!authorizer) {
      if (guards.needsIdentity) throw unauthenticatedError();
      // Anonymous viewers never see objects of protected types.
      return andThen(resolve(source, args, context, info), (result) => (result == null ? result : hideAll(result)));
    }
    const denied = options.onDenied && ((denial: Denial) => options.onDenied?.(denial, context));
    const checks: Check[] = [];
    if (guards.fieldAuth) {
      const resourceType = typeOf(guards.fieldAuth.permission);
      const resourceId = guards.isRoot
        ? resourceIdFromArgs(args, guards.fieldAuth.resource ?? '', options)
        : objectId(source);
      checks.push({ permission: guards.fieldAuth.permission, resourceType, resourceId });
      for (const requirement of guards.inputRequirements) {
        if (valueAtPath(args, requirement.path) !== undefined) {
          checks.push({ permission: requirement.permission, resourceType: typeOf(requirement.permission), resourceId });
        }
      }
    }
    const site: CheckSite = { coordinate: `${info.parentType.name}.${info.fieldName}`, operationName: info.operation.name?.value };
    const run = (): MaybePromise<unknown> => {
      const result = resolve(source, args, context, info);
      if (!guards.returnedAuth) return result;
      const permission = guards.returnedAuth.permission;
      return andThen(result, (value) => checkReturned(value, permission, typeOf(permission), authorizer, site, denied));
    };
    if (checks.length === 0) return run();
    const decisions = all(checks.map((check) => authorizer.decideAt(check, site)));
    return andThen(decisions, (resolved) => {
      resolved.forEach((decision, index) => enforce(decision, checks[index] as Check, site.coordinate, denied, authorizer.explainDenials));
      return run();
    });
  };
}

/** Checks objects a field returned against their type's `@auth`: a single object errors, list items are dropped. */
function checkReturned(
  value: unknown,
  permission: string,
  resourceType: string,
  authorizer: Authorizer,
  site: CheckSite,
  onDenied: ((denial: Denial) => void) | undefined,
): MaybePromise<unknown> {
  if (value == null) return value;
  if (Array.isArray(value)) {
    const decisions = all(value.map((item) => (item == null ? null : authorizer.decideAt({ permission, resourceType, resourceId: objectId(item) }, site))));
    return andThen(decisions, (resolved) =>
      value.filter((item, index) => {
        const outcome = resolved[index]?.outcome;
        if (outcome === 'allow') return true;
        if (outcome && item != null) onDenied?.({ coordinate: site.coordinate, permission, resourceType, resourceId: objectId(item), outcome });
        return false;
      }),
    );
  }
  const check = { permission, resourceType, resourceId: objectId(value) };
  return andThen(authorizer.decideAt(check, site), (decision) => {
    enforce(decision, check, site.coordinate, onDenied, authorizer.explainDenials);
    return value;
  });
}

function hideAll(result: unknown): unknown {
  if (Array.isArray(result)) return [];
  throw unauthenticatedError();
}

function resourceIdFromArgs(args: unknown, path: string, options: AuthDirectiveOptions): string {
  const value = valueAtPath(args, path.split('.'));
  if (typeof value !== 'string' || !options.isValidResourceId(value)) {
    throw badUserInputError(`Argument "${path}" must be a valid id.`, { argument: path });
  }
  return value;
}

function objectId(source: unknown): string {
  const id = (source as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') throw new Error('A protected object has no string "id"; the resource cannot be identified.');
  return id;
}

import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { defaultDirectiveNames, isAuthenticatedOnly, readAuth, type AuthRequirement, type DirectiveNames } from './auth-directives.js';
import type { Authorizer } from './authorizer.js';
import type { Check, CheckSite, Denial } from './check.js';
import { enforce } from './enforce.js';
import { notFoundError, unauthenticatedError } from './errors.js';
import { collectInputRequirements, valueAtPath, type InputRequirement } from './input-requirements.js';
import { all, andThen, type MaybePromise } from './maybe-promise.js';
import type { PermissionCatalog } from './permission-catalog.js';
import { PendingWriteCheck, writeGuardedResolverOf, type WriteGuardedResolver } from './write-guard.js';

/** What the transform needs from the application, for its request context type; the decision logic is passed in, not imported. */
export interface AuthDirectiveOptions<TContext = unknown> {
  readonly catalog: PermissionCatalog;
  /** The request's authorizer, or null for an anonymous request. */
  authorizerOf(context: TContext): Authorizer | null;
  /**
   * Checks a resource id read from the arguments (at `argument`, a dotted path) before any lookup;
   * throws the client's error to refuse it (input validation is the application's). Accepts any string when absent.
   */
  validateResourceId?(id: string, argument: string): void;
  /** Told about every denial (for logs); must not throw. */
  onDenied?(denial: Denial, context: TContext): void;
  /** The directives' names, when `auth`, `public` and `authenticated` clash with the schema's own. */
  readonly directiveNames?: DirectiveNames;
  /** The field holding a protected object's id (`id` by default). */
  readonly idField?: string;
}

/**
 * Turns `@auth`, `@authenticated` and `@public` into checks around the original resolvers.
 * A pure `schema -> schema` function: it wraps resolvers and never replaces them.
 *
 * Run `assertAuthCoverage` first: this transform trusts that every permission is in the catalog.
 */
export function authDirectiveTransformer<TContext = unknown>(
  schema: GraphQLSchema,
  options: AuthDirectiveOptions<TContext>,
): GraphQLSchema {
  const names = options.directiveNames ?? defaultDirectiveNames;
  const rootTypeNames = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) => (type ? [type.name] : [])),
  );
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName, mappedSchema) => {
      const isRoot = rootTypeNames.has(typeName);
      const fieldAuth = readAuth(mappedSchema, fieldConfig, names);
      const returned = getNamedType(fieldConfig.type);
      const returnedAuth = isObjectType(returned) ? readAuth(mappedSchema, returned, names) : undefined;
      const inputRequirements = isRoot ? collectInputRequirements(mappedSchema, fieldConfig.args, names) : [];
      const needsIdentity =
        fieldAuth !== undefined || inputRequirements.length > 0 || (isRoot && isAuthenticatedOnly(mappedSchema, fieldConfig, names));
      if (!needsIdentity && !returnedAuth) return fieldConfig;
      const writeGuarded = isRoot ? writeGuardedResolverOf(fieldConfig) : undefined;
      const guards = {
        coordinate: `${typeName}.${fieldName}`,
        isRoot,
        fieldAuth,
        returnedAuth,
        inputRequirements,
        needsIdentity,
        writeGuarded,
      };
      const subscribe = fieldConfig.subscribe;
      return {
        ...fieldConfig,
        resolve: guardedResolver(fieldConfig, guards, options),
        // A subscription field is checked when subscribing, and again (by `resolve`) at every event it delivers.
        ...(subscribe
          ? {
              subscribe: guardedResolver(
                { ...fieldConfig, resolve: subscribe },
                { ...guards, returnedAuth: undefined, writeGuarded: undefined },
                options,
              ),
            }
          : {}),
      };
    },
  });
}

interface FieldGuards {
  /** `Type.field`, the checks' site: written once here, not per call. */
  readonly coordinate: string;
  readonly isRoot: boolean;
  readonly fieldAuth: AuthRequirement | undefined;
  readonly returnedAuth: AuthRequirement | undefined;
  readonly inputRequirements: readonly InputRequirement[];
  readonly needsIdentity: boolean;
  /** The resolver whose write settles the field's check (`decidedInWrite`), for a root field marked so. */
  readonly writeGuarded: WriteGuardedResolver | undefined;
}

function guardedResolver<TContext>(
  fieldConfig: GraphQLFieldConfig<unknown, unknown>,
  guards: FieldGuards,
  options: AuthDirectiveOptions<TContext>,
): GraphQLFieldResolver<unknown, TContext> {
  const resolve = fieldConfig.resolve ?? defaultFieldResolver;
  const { writeGuarded } = guards;
  const { catalog } = options;
  const idField = options.idField ?? 'id';
  const idOf = (object: unknown): string => objectId(object, idField);
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
      const resourceId = guards.isRoot ? resourceIdFromArgs(args, guards.fieldAuth.resource ?? '', options) : idOf(source);
      checks.push({ permission: guards.fieldAuth.permission, resourceType, resourceId });
      for (const requirement of guards.inputRequirements) {
        if (valueAtPath(args, requirement.path) !== undefined) {
          checks.push({ permission: requirement.permission, resourceType: typeOf(requirement.permission), resourceId });
        }
      }
    }
    const site: CheckSite = { coordinate: guards.coordinate, operationName: info.operation.name?.value };
    const checkedReturn = (result: MaybePromise<unknown>): MaybePromise<unknown> => {
      if (!guards.returnedAuth) return result;
      const permission = guards.returnedAuth.permission;
      return andThen(result, (value) => checkReturned(value, permission, typeOf(permission), authorizer, site, denied, idOf));
    };
    const run = (): MaybePromise<unknown> => checkedReturn(resolve(source, args, context, info));
    if (checks.length === 0) return run();
    // A write that settles its own check (decidedInWrite) runs first, unless an arbiter has the last word.
    const [only] = checks;
    if (writeGuarded && only && checks.length === 1 && !authorizer.hasArbiter) {
      const pending = new PendingWriteCheck(only, authorizer, site, denied);
      return checkedReturn(pending.settleAfter(() => writeGuarded(source, args, context, info, pending)));
    }
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
  idOf: (object: unknown) => string,
): MaybePromise<unknown> {
  if (value == null) return value;
  if (Array.isArray(value)) {
    const decisions = all(
      value.map((item) => (item == null ? null : authorizer.decideAt({ permission, resourceType, resourceId: idOf(item) }, site))),
    );
    return andThen(decisions, (resolved) =>
      value.filter((item, index) => {
        const outcome = resolved[index]?.outcome;
        if (outcome === 'allow') return true;
        if (outcome && item != null) onDenied?.({ coordinate: site.coordinate, permission, resourceType, resourceId: idOf(item), outcome });
        return false;
      }),
    );
  }
  const check = { permission, resourceType, resourceId: idOf(value) };
  return andThen(authorizer.decideAt(check, site), (decision) => {
    enforce(decision, check, site.coordinate, onDenied, authorizer.explainDenials);
    return value;
  });
}

function hideAll(result: unknown): unknown {
  if (Array.isArray(result)) return [];
  throw unauthenticatedError();
}

function resourceIdFromArgs<TContext>(args: unknown, path: string, options: AuthDirectiveOptions<TContext>): string {
  const value = valueAtPath(args, path.split('.'));
  // No id names no resource the viewer can see.
  if (typeof value !== 'string') throw notFoundError();
  options.validateResourceId?.(value, path);
  return value;
}

function objectId(source: unknown, idField: string): string {
  const id = (source as Record<string, unknown> | null)?.[idField];
  if (typeof id !== 'string') throw new Error(`A protected object has no string "${idField}"; the resource cannot be identified.`);
  return id;
}

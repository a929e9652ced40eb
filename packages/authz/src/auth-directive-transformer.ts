import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { defaultDirectiveNames, isAuthenticatedOnly, readAuth, type AuthRequirement, type DirectiveNames } from './auth-directives.js';
import type { Authorizer } from './authorizer.js';
import type { Check, CheckSite, Denial } from './check.js';
import type { Decision } from './decision.js';
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

/**
 * The field's resolver behind its checks. Per call, the usual case (one check, decided from access
 * already loaded) allocates the check and its site and nothing else: no closure, array or promise,
 * since this runs for every protected field of every row (300 times for a page of 100 repositories
 * with three protected fields). What is fixed per field (permissions, resource types) is read once here.
 */
function guardedResolver<TContext>(
  fieldConfig: GraphQLFieldConfig<unknown, unknown>,
  guards: FieldGuards,
  options: AuthDirectiveOptions<TContext>,
): GraphQLFieldResolver<unknown, TContext> {
  const resolve = fieldConfig.resolve ?? defaultFieldResolver;
  const { writeGuarded, fieldAuth, isRoot } = guards;
  const idField = options.idField ?? 'id';
  const typeOf = (permission: string): string => options.catalog.resourceTypeOf(permission) as string;
  const fieldResourceType = fieldAuth ? typeOf(fieldAuth.permission) : '';
  const returned = guards.returnedAuth && {
    permission: guards.returnedAuth.permission,
    resourceType: typeOf(guards.returnedAuth.permission),
  };
  const inputChecks = guards.inputRequirements.map((requirement) => ({ ...requirement, resourceType: typeOf(requirement.permission) }));

  /** A result (or its promise) checked against the `@auth` of the type the field returns. */
  const checkedReturn = (result: unknown, context: TContext, authorizer: Authorizer, site: CheckSite) => {
    if (!returned) return result;
    const check = (value: unknown) =>
      checkReturned(value, returned.permission, returned.resourceType, authorizer, site, denialReporter(options, context), idField);
    return result instanceof Promise ? result.then(check) : check(result);
  };
  /** The resolver, then the `@auth` of the type it returns. */
  const run = (source: unknown, args: unknown, context: TContext, info: GraphQLResolveInfo, authorizer: Authorizer, site: CheckSite) =>
    checkedReturn(resolve(source, args as Record<string, unknown>, context, info), context, authorizer, site);

  return (source, args, context, info) => {
    const authorizer = options.authorizerOf(context);
    if (!authorizer) {
      if (guards.needsIdentity) throw unauthenticatedError();
      // Anonymous viewers never see objects of protected types.
      return andThen(resolve(source, args, context, info), (result) => (result == null ? result : hideAll(result)));
    }
    if (!fieldAuth) return run(source, args, context, info, authorizer, siteOf(guards, info));
    const resourceId = isRoot ? resourceIdFromArgs(args, fieldAuth.resource ?? '', options) : objectId(source, idField);
    const check: Check = { permission: fieldAuth.permission, resourceType: fieldResourceType, resourceId };
    const site = siteOf(guards, info);
    if (inputChecks.length === 0) {
      if (writeGuarded && !authorizer.hasArbiter) return settledInWrite(check, source, args, context, info, authorizer, site);
      const decision = authorizer.decideAt(check, site);
      if (decision instanceof Promise) {
        return decision.then((resolved) => {
          enforceDecision(resolved, check, guards.coordinate, options, context, authorizer);
          return run(source, args, context, info, authorizer, site);
        });
      }
      enforceDecision(decision, check, guards.coordinate, options, context, authorizer);
      return run(source, args, context, info, authorizer, site);
    }
    const checks: Check[] = [check];
    for (const requirement of inputChecks) {
      if (valueAtPath(args, requirement.path) !== undefined) {
        checks.push({ permission: requirement.permission, resourceType: requirement.resourceType, resourceId });
      }
    }
    // A write that settles its own check (decidedInWrite) runs first, unless an arbiter has the last word.
    if (writeGuarded && checks.length === 1 && !authorizer.hasArbiter) {
      return settledInWrite(check, source, args, context, info, authorizer, site);
    }
    return andThen(all(checks.map((each) => authorizer.decideAt(each, site))), (decisions) => {
      decisions.forEach((decision, index) =>
        enforceDecision(decision, checks[index] as Check, guards.coordinate, options, context, authorizer),
      );
      return run(source, args, context, info, authorizer, site);
    });
  };

  /** A `decidedInWrite` field: its write settles the check (or, failing that, it is made after), then its result is checked as any. */
  function settledInWrite(
    check: Check,
    source: unknown,
    args: unknown,
    context: TContext,
    info: GraphQLResolveInfo,
    authorizer: Authorizer,
    site: CheckSite,
  ): MaybePromise<unknown> {
    const pending = new PendingWriteCheck(check, authorizer, site, denialReporter(options, context));
    const result = pending.settleAfter(() => writeGuarded?.(source, args as Record<string, unknown>, context, info, pending));
    return checkedReturn(result, context, authorizer, site);
  }
}

/** Where a check is made: the field's coordinate, and the operation's name for the logs. */
function siteOf(guards: FieldGuards, info: GraphQLResolveInfo): CheckSite {
  return { coordinate: guards.coordinate, operationName: info.operation.name?.value };
}

/** Enforces a decision; the denial is reported only when there is one (the reporter is made then, not per call). */
function enforceDecision<TContext>(
  decision: Decision,
  check: Check,
  coordinate: string,
  options: AuthDirectiveOptions<TContext>,
  context: TContext,
  authorizer: Authorizer,
): void {
  if (decision.outcome === 'allow') return;
  enforce(decision, check, coordinate, denialReporter(options, context), authorizer.explainDenials);
}

/** The application's denial hook bound to this request's context, or undefined when it has none. */
function denialReporter<TContext>(options: AuthDirectiveOptions<TContext>, context: TContext): ((denial: Denial) => void) | undefined {
  const onDenied = options.onDenied;
  return onDenied && ((denial: Denial) => onDenied(denial, context));
}

/** Checks objects a field returned against their type's `@auth`: a single object errors, list items are dropped. */
function checkReturned(
  value: unknown,
  permission: string,
  resourceType: string,
  authorizer: Authorizer,
  site: CheckSite,
  onDenied: ((denial: Denial) => void) | undefined,
  idField: string,
): MaybePromise<unknown> {
  if (value == null) return value;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    const present = items.includes(null) || items.includes(undefined) ? items.filter((item) => item != null) : items;
    const ids = present.map((item) => objectId(item, idField));
    return andThen(authorizer.decideEachAt(permission, resourceType, ids, site), (decisions) =>
      keepAllowed(present, ids, decisions, permission, resourceType, site, onDenied),
    );
  }
  const check = { permission, resourceType, resourceId: objectId(value, idField) };
  return andThen(authorizer.decideAt(check, site), (decision) => {
    enforce(decision, check, site.coordinate, onDenied, authorizer.explainDenials);
    return value;
  });
}

/** The items whose decision allows, reporting the others; the list itself when every item is allowed (the usual case). */
function keepAllowed(
  items: unknown[],
  ids: readonly string[],
  decisions: readonly Decision[],
  permission: string,
  resourceType: string,
  site: CheckSite,
  onDenied: ((denial: Denial) => void) | undefined,
): unknown[] {
  let kept: unknown[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const decision = decisions[index] as Decision;
    if (decision.outcome === 'allow') {
      kept?.push(items[index]);
      continue;
    }
    kept ??= items.slice(0, index);
    onDenied?.({ coordinate: site.coordinate, permission, resourceType, resourceId: ids[index] as string, outcome: decision.outcome });
  }
  return kept ?? items;
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

import { authCoordinates } from '@rolegate/authz';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, and, rule, shield, type IRule, type IRules } from 'graphql-shield';
import type { RequestContext } from '../src/gitclub/context.js';
import { permissionCatalog } from '../src/gitclub/policy/policy.js';
import { buildSchema } from '../src/gitclub/schema.js';

/** The value at a dotted path of the arguments (`input.repositoryId`). */
function argumentAt(args: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], args);
}

/**
 * The GitClub schema and resolvers without our directive transform, guarded instead by
 * graphql-shield rules generated from the same `@auth` directives and asking the same per-request
 * authorizer (batched access sources, access remembered per resource for the request).
 *
 * Fairness notes: a rule checks the object it is on (its `id`) or the resource an argument names;
 * rules use `cache: 'no_cache'`, because shield's `contextual` cache keys on the arguments only
 * (it would answer every repository of a list with the first one's result) and its `strict` cache
 * hashes the parent object on every call, which costs more than the authorizer's own memory of
 * the resource. Type-level `@auth` becomes a rule on every field of the type, which is how shield
 * expresses it. Denials answer shield's generic error; the bench's personas are never denied.
 */
export function shieldedSchema(): GraphQLSchema {
  const schema = buildSchema({ authorization: false });
  const rules = new Map<string, IRule>();
  const ruleFor = (permission: string, resource: string | undefined): IRule => {
    const name = `${permission}@${resource ?? 'self'}`;
    const existing = rules.get(name);
    if (existing) return existing;
    const resourceType = permissionCatalog.resourceTypeOf(permission);
    if (!resourceType || !permissionCatalog.has(permission)) throw new Error(`Unknown permission ${permission}.`);
    const made = rule(name, { cache: 'no_cache' })(async (
      parent: { id?: string },
      args: Record<string, unknown>,
      context: RequestContext,
    ) => {
      const id = resource ? argumentAt(args, resource) : parent.id;
      if (!context.authorizer || typeof id !== 'string') return false;
      const decision = await context.authorizer.evaluate(permission, resourceType, id);
      return decision.outcome === 'allow';
    });
    rules.set(name, made);
    return made;
  };
  const isSignedIn = rule('signed-in', { cache: 'contextual' })(async (_parent, _args, context: RequestContext) => context.viewer !== null);

  const byType: Record<string, Record<string, IRule[]>> = {};
  const add = (type: string, field: string, guard: IRule) => {
    byType[type] ??= {};
    (byType[type][field] ??= []).push(guard);
  };
  for (const coordinate of authCoordinates(schema)) {
    const { type, site, auth } = coordinate;
    if (site === 'input-field' || !isObjectType(type)) continue;
    const fieldName = coordinate.field?.name;
    if (site === 'type' && auth)
      for (const field of Object.keys(type.getFields())) add(type.name, field, ruleFor(auth.permission, undefined));
    if (site !== 'type' && fieldName && auth) add(type.name, fieldName, ruleFor(auth.permission, auth.resource));
    if (site === 'root-field' && fieldName && coordinate.authenticated) add(type.name, fieldName, isSignedIn);
  }
  const ruleTree: IRules = Object.fromEntries(
    Object.entries(byType).map(([type, fields]) => [
      type,
      Object.fromEntries(
        Object.entries(fields).map(([field, guards]) => [field, guards.length === 1 ? (guards[0] as IRule) : and(...guards)]),
      ),
    ]),
  );
  return applyMiddleware(schema, shield(ruleTree, { fallbackRule: allow, allowExternalErrors: true }));
}

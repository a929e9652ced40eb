import { makeExecutableSchema } from '@graphql-tools/schema';
import { authCoordinates } from '@rolegate/authz';
import { builtInRoles } from '../gitclub/policy/built-in-roles.js';
import { permissionCatalog } from '../gitclub/policy/policy.js';
import { loadTypeDefs } from '../gitclub/schema.js';

/** The policy as code states it: what `policy:impact` compares between two versions, besides the expectations. */
export interface PolicySnapshot {
  /** Every permission of the catalog. */
  readonly permissions: readonly string[];
  /** Each built-in role's permissions, its implications expanded. */
  readonly roles: { readonly [role: string]: readonly string[] };
  /** Each schema coordinate that carries an authorization directive, and what it asks: `read_code:repository`, `signed in`, `public`. */
  readonly guards: { readonly [coordinate: string]: string };
}

/** The snapshot of the policy of the code this runs in: the permission table, the built-in roles, the SDL's directives. */
export function policySnapshot(): PolicySnapshot {
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs() });
  const guards: Record<string, string> = {};
  for (const { coordinate, auth, public: open, authenticated } of authCoordinates(schema)) {
    if (auth) guards[coordinate] = auth.resource ? `${auth.permission} on ${auth.resource}` : auth.permission;
    else if (open) guards[coordinate] = 'public';
    else if (authenticated) guards[coordinate] = 'signed in';
  }
  return {
    permissions: permissionCatalog.permissions.map((permission) => permission.name).sort(),
    roles: Object.fromEntries([...builtInRoles.values()].map((role) => [role.name, [...role.permissions].sort()])),
    guards,
  };
}

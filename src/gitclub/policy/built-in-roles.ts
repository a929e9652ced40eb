import { builtInRoleTable, type BuiltInRole } from './policy.js';

/** A built-in role with its implications expanded into full permission names. */
export interface ExpandedRole extends BuiltInRole {
  readonly permissions: ReadonlySet<string>;
  /** This role and every role it implies, transitively. */
  readonly satisfies: ReadonlySet<string>;
}

const byName: ReadonlyMap<string, BuiltInRole> = new Map(builtInRoleTable.map((role) => [role.name, role]));

function satisfiedBy(role: BuiltInRole): Set<string> {
  const names = new Set([role.name]);
  for (const implied of role.implies) {
    const impliedRole = byName.get(implied);
    if (!impliedRole) throw new Error(`Built-in role "${role.name}" implies unknown role "${implied}".`);
    for (const name of satisfiedBy(impliedRole)) names.add(name);
  }
  return names;
}

/** Every built-in role, expanded; computed once at load. */
export const builtInRoles: ReadonlyMap<string, ExpandedRole> = new Map(
  builtInRoleTable.map((role) => {
    const satisfies = satisfiedBy(role);
    const permissions = new Set<string>();
    for (const name of satisfies) {
      for (const action of byName.get(name)?.actions ?? []) permissions.add(`${action}:${role.resourceType}`);
    }
    return [role.name, { ...role, permissions, satisfies }];
  }),
);

/** True when `roleName` is a built-in role that is, or implies, `required`. Custom roles imply nothing. */
export function roleSatisfies(roleName: string | undefined, required: string): boolean {
  return roleName !== undefined && (builtInRoles.get(roleName)?.satisfies.has(required) ?? false);
}

/** True when a name belongs to a built-in role, which custom roles may not reuse. */
export function isBuiltInRoleName(name: string): boolean {
  return builtInRoles.has(name);
}

/** The built-in roles that are, or imply, `required` (admin for member): a rule on `required` applies to each. */
export function rolesSatisfying(required: string): string[] {
  return [...builtInRoles.values()].filter((role) => role.satisfies.has(required)).map((role) => role.name);
}

import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import { builtInRoles } from '../policy/built-in-roles.js';
import { organizationOwnerRole, repositoryOwnerRole } from '../policy/policy.js';
import { permissionsOfFlag, type LegacyMapping } from './legacy-mapping.js';

/** flags at one scope -> the role to assign there. Written as a draft by `analyze`, edited, then planned and applied. */
export interface MigrationMapping {
  readonly rules: readonly { readonly scope: 'organization' | 'repository'; readonly flags: readonly string[]; readonly role: string; readonly users?: number }[];
  /** Flags that carry no access and are dropped on purpose (still reported). */
  readonly ignoredFlags: readonly string[];
}

/** One user's flags at one scope. */
export interface FlagSet {
  readonly userId: string;
  readonly login: string;
  readonly scopeType: 'organization' | 'repository' | null;
  readonly scopeId: string | null;
  readonly organizationId: string | null;
  readonly flags: readonly string[];
}

/** One assignment the migration wants. */
export interface DesiredAssignment {
  readonly userId: string;
  readonly login: string;
  readonly resourceType: 'organization' | 'repository';
  readonly resourceId: string;
  readonly organizationId: string;
  readonly role: string;
}

/** What a mapping makes of a batch of flag sets: assignments, and what it could not place. */
export interface MigrationOutcome {
  readonly desired: DesiredAssignment[];
  /** Flag combinations no rule matches, with how many user-scopes hold them. */
  readonly unmatched: Map<string, number>;
  /** Flags that map to no permission at all (or are ignored), with how many user-scopes hold them. */
  readonly unmapped: Map<string, number>;
  /** Global (unscoped) flag sets: no resource to assign a role on. */
  readonly unscoped: Map<string, number>;
}

/** Every user's flags grouped by scope, for the users in `userIds` (or all). */
export async function loadFlagSets(em: EntityManager, userIds?: readonly string[]): Promise<FlagSet[]> {
  const rows = await em.execute<{ user_id: string; login: string; scope_type: string | null; scope_id: string | null; organization_id: string | null; flags: string[] }[]>(
    `select f.user_id, u.login, f.scope_type, f.scope_id,
            case f.scope_type when 'organization' then f.scope_id when 'repository' then (select organization_id from repositories where id = f.scope_id) end as organization_id,
            array_agg(distinct f.flag order by f.flag) as flags
     from legacy_permission_flags f join users u on u.id = f.user_id
     ${userIds ? 'where f.user_id = any(?::uuid[])' : ''}
     group by f.user_id, u.login, f.scope_type, f.scope_id order by u.login`,
    userIds ? [sqlArray(userIds)] : [],
  );
  return rows.map((row) => ({
    userId: row.user_id,
    login: row.login,
    scopeType: row.scope_type as FlagSet['scopeType'],
    scopeId: row.scope_id,
    organizationId: row.organization_id,
    flags: row.flags,
  }));
}

/** Applies a mapping to flag sets. Pure. */
export function planAssignments(sets: readonly FlagSet[], mapping: MigrationMapping, legacy: LegacyMapping): MigrationOutcome {
  const outcome: MigrationOutcome = { desired: [], unmatched: new Map(), unmapped: new Map(), unscoped: new Map() };
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const ignored = new Set(mapping.ignoredFlags);
  for (const set of sets) {
    for (const flag of set.flags) if (ignored.has(flag) || permissionsOfFlag(legacy, flag).size === 0) count(outcome.unmapped, flag);
    const relevant = set.flags.filter((flag) => !ignored.has(flag) && permissionsOfFlag(legacy, flag).size > 0);
    if (relevant.length === 0) continue;
    const key = relevant.join('+');
    if (!set.scopeType || !set.scopeId || !set.organizationId) {
      count(outcome.unscoped, key);
      continue;
    }
    const rule = mapping.rules.find((candidate) => candidate.scope === set.scopeType && candidate.flags.slice().sort().join('+') === key);
    if (!rule) {
      count(outcome.unmatched, `${set.scopeType}: ${key}`);
      continue;
    }
    outcome.desired.push({ userId: set.userId, login: set.login, resourceType: set.scopeType, resourceId: set.scopeId, organizationId: set.organizationId, role: rule.role });
  }
  return outcome;
}

/**
 * A mapping draft from the data: every distinct flag set per scope, with how many hold it and the
 * smallest built-in role covering what the flags allow there.
 */
export function proposeMapping(sets: readonly FlagSet[], legacy: LegacyMapping): MigrationMapping {
  const clusters = new Map<string, { scope: 'organization' | 'repository'; flags: string[]; users: number }>();
  const unmapped = new Set<string>();
  for (const set of sets) {
    if (!set.scopeType) continue;
    const relevant = set.flags.filter((flag) => {
      const mapped = permissionsOfFlag(legacy, flag).size > 0;
      if (!mapped) unmapped.add(flag);
      return mapped;
    });
    if (relevant.length === 0) continue;
    const key = `${set.scopeType}|${relevant.join('+')}`;
    const cluster = clusters.get(key) ?? { scope: set.scopeType, flags: relevant, users: 0 };
    cluster.users++;
    clusters.set(key, cluster);
  }
  const rules = [...clusters.values()]
    .sort((a, b) => b.users - a.users)
    .map((cluster) => ({ ...cluster, role: smallestCoveringRole(cluster.scope, cluster.flags, legacy) }));
  return { rules, ignoredFlags: [...unmapped].sort() };
}

function smallestCoveringRole(scope: 'organization' | 'repository', flags: readonly string[], legacy: LegacyMapping): string {
  const wanted = new Set(flags.flatMap((flag) => [...permissionsOfFlag(legacy, flag)]).filter((permission) => permission.endsWith(`:${scope}`)));
  const candidates = [...builtInRoles.values()]
    .filter((role) => role.resourceType === scope && [...wanted].every((permission) => role.permissions.has(permission)))
    .sort((a, b) => a.permissions.size - b.permissions.size);
  return candidates[0]?.name ?? (scope === 'organization' ? organizationOwnerRole : repositoryOwnerRole);
}

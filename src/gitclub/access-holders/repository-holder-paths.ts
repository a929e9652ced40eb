import { joinSql, rawSql, sql, type SqlQuery } from '../../db/sql-query.js';
import { builtInRoles, rolesSatisfying } from '../policy/built-in-roles.js';
import { repositoryRoleRules, type RepositoryRoleRule } from '../policy/repository-roles.js';
import { amongPeople, grantPaths, roleHolds, supportPaths, unionOfPaths, type HolderPathsSql } from './holder-paths.js';

/** A rule's parts over the `facts` rows below: when it applies, when it gives a role, which role, and whether that role holds the permission. */
function ruleSql(rule: RepositoryRoleRule, permission: string) {
  const applies = rule.organizationRole
    ? sql`f.organization_role is not null and f.organization_role = any(${`{${rolesSatisfying(rule.organizationRole).join(',')}}`}::text[])`
    : rawSql('true');
  if (rule.role === 'explicit') {
    return {
      applies,
      gives: rawSql('f.explicit_role_id is not null'),
      role: rawSql('f.explicit_role'),
      holds: roleHolds('f.explicit_role_id', permission),
    };
  }
  if (rule.role === 'organization-default') {
    return {
      applies,
      gives: rawSql('f.default_role_id is not null'),
      role: rawSql('f.default_role'),
      holds: roleHolds('f.default_role_id', permission),
    };
  }
  const role = builtInRoles.get(rule.role.builtIn);
  if (!role) throw new Error(`The repository role rules name an unknown built-in role "${rule.role.builtIn}".`);
  return { applies, gives: rawSql('true'), role: sql`${role.name}::text`, holds: rawSql(String(role.permissions.has(permission))) };
}

/**
 * Who holds a permission on repositories, from `repositoryRoleRules` read in order exactly as
 * `repositoryGrants` reads them (the first rule that gives a user a role decides, so an explicit
 * role replaces the default and an admin is a maintainer whatever else they hold), plus direct
 * grants and platform support. Anyone with a role in the repository's organization or on the
 * repository is considered; nobody else can hold a role there.
 */
export const repositoryHolderPaths: HolderPathsSql = (scope, permission) => {
  // From the ids (a page's repositories), each repository's people: those with a role in its
  // organization, on it, or both (one row each), with both roles beside them; only the scope's
  // people when it names them (accessOf: one person, not the whole organization).
  const facts = sql`select rep.id as resource_id, people.user_id, orole.name as organization_role,
      people.explicit_role_id, xrole.name as explicit_role, o.default_repository_role_id as default_role_id, drole.name as default_role
    from (${scope.resourceIds}) ids(id)
    join repositories rep on rep.id = ids.id
    join organizations o on o.id = rep.organization_id
    join lateral (
      select coalesce(oa.user_id, xa.user_id) as user_id, oa.role_id as organization_role_id, xa.role_id as explicit_role_id
      from (select user_id, role_id from role_assignments where resource_type = 'organization' and resource_id = rep.organization_id ${amongPeople('user_id', scope)}) oa
      full join (select user_id, role_id from role_assignments where resource_type = 'repository' and resource_id = rep.id ${amongPeople('user_id', scope)}) xa
        on xa.user_id = oa.user_id
    ) people on true
    left join roles orole on orole.id = people.organization_role_id
    left join roles xrole on xrole.id = people.explicit_role_id
    left join roles drole on drole.id = o.default_repository_role_id`;
  // One pass over the facts, not one scan per rule: a CASE takes the rules in order, and the first that
  // applies and gives a role decides (a path if its role holds the permission, none otherwise). `is not
  // false`: a rule whose condition is unknown stops the later ones too and gives nothing, as before.
  const rules = repositoryRoleRules.map((rule) => ({ rule, parts: ruleSql(rule, permission) }));
  const decides = (parts: ReturnType<typeof ruleSql>) => sql`(${parts.applies} and ${parts.gives}) is not false`;
  const byRule = (pick: (rule: RepositoryRoleRule, parts: ReturnType<typeof ruleSql>) => SqlQuery, otherwise: string) =>
    sql`case ${joinSql(
      rules.map(({ rule, parts }) => sql`when ${decides(parts)} then ${pick(rule, parts)}`),
      ' ',
    )} else ${rawSql(otherwise)} end`;
  const held = byRule((_, parts) => sql`(${parts.applies} and ${parts.gives} and ${parts.holds})`, 'false');
  const ruleSelects =
    rules.length === 0
      ? []
      : [
          sql`select f.resource_id, f.user_id, ${byRule((rule) => sql`${rule.via}::text`, 'null::text')} as via,
            ${byRule((_, parts) => sql`${parts.role}::text`, 'null::text')} as role, null::timestamptz as expires_at
          from (${facts}) f where ${held}`,
        ];
  const paths = unionOfPaths([
    ...ruleSelects,
    grantPaths('repository', scope, permission),
    ...supportPaths('repository', scope, permission),
  ]);
  return sql`select * from (${paths}) repository_paths`;
};

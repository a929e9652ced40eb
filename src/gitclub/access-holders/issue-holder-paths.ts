import { joinSql, rawSql, sql } from '../../db/sql-query.js';
import { issueRules, issueRulesNeed } from '../policy/issue-permissions.js';
import { grantPaths, unionOfPaths, type HolderPathsSql } from './holder-paths.js';
import { repositoryHolderPaths } from './repository-holder-paths.js';

/**
 * Who holds a permission on issues, from `issueRules` as `issueGrants` reads them: each rule that
 * gives the permission, for those who hold its repository permission and can read the repository
 * (the author alone for authorship), plus direct grants on the issue. Each repository permission
 * the rules need is listed once (`holders_N`), for the repositories of all the issues at once.
 */
export const issueHolderPaths: HolderPathsSql = (scope, permission) => {
  const rules = issueRules.filter((rule) => (rule.gives as readonly string[]).includes(permission));
  const repositoryPermissions = [...new Set<string>([issueRulesNeed, ...rules.map((rule) => rule.repositoryPermission)])];
  const holdersOf = (repositoryPermission: string) => `holders_${repositoryPermissions.indexOf(repositoryPermission)}`;
  const holders = repositoryPermissions.map(
    (repositoryPermission) =>
      sql`${rawSql(holdersOf(repositoryPermission))} as (select distinct resource_id, user_id
        from (${repositoryHolderPaths({ ...scope, resourceIds: sql`select repository_id from issue_rows` }, repositoryPermission)}) p)`,
  );
  const ruleSelects = rules.map(
    (rule) => sql`select i.id as resource_id, h.user_id, ${rule.via}::text as via, null as role, null::timestamptz as expires_at
      from issue_rows i join ${rawSql(holdersOf(rule.repositoryPermission))} h on h.resource_id = i.repository_id
      join ${rawSql(holdersOf(issueRulesNeed))} readers on readers.resource_id = i.repository_id and readers.user_id = h.user_id
      where ${!rule.authorOnly} or h.user_id = i.author_id`,
  );
  const paths = unionOfPaths([...ruleSelects, grantPaths('issue', { ...scope, resourceIds: sql`select id from issue_rows` }, permission)]);
  return sql`select * from (
    with issue_rows as (select id, repository_id, author_id from issues where id in (${scope.resourceIds})), ${joinSql(holders, ',\n')}
    ${paths}) issue_paths`;
};

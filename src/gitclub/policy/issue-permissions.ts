import type { AccessGrant } from '@rolegate/authz';
import { heldVia, type GrantSource } from '../access/grant-source.js';
import type { PermissionOf } from './policy.js';

/** One way of holding permissions on an issue, derived from the repository it belongs to. */
export interface IssueRule {
  readonly via: GrantSource;
  /** The repository permission the rule needs, besides reading the repository. */
  readonly repositoryPermission: PermissionOf<'repository'>;
  /** Whether only the issue's author gets it. */
  readonly authorOnly: boolean;
  readonly gives: readonly PermissionOf<'issue'>[];
}

/** The repository permission every issue rule needs: an issue of a repository one cannot read gives nothing. */
export const issueRulesNeed = 'read:repository' satisfies PermissionOf<'repository'>;

/**
 * Issues have no roles: their permissions derive from the repository. Read if the repository is
 * readable; close and update with `manage_issues`, or as the author who can still read it. Both
 * `issueGrants` (one issue, in memory) and the holders of an issue (in SQL, access-holders/) read
 * this one table.
 */
export const issueRules: readonly IssueRule[] = [
  { via: 'repository:read', repositoryPermission: 'read:repository', authorOnly: false, gives: ['read:issue'] },
  {
    via: 'repository:manage_issues',
    repositoryPermission: 'manage_issues:repository',
    authorOnly: false,
    gives: ['read:issue', 'close:issue', 'update:issue'],
  },
  { via: 'author', repositoryPermission: 'read:repository', authorOnly: true, gives: ['read:issue', 'close:issue', 'update:issue'] },
];

/** A viewer's grants on an issue from `issueRules`. Pure. */
export function issueGrants(repositoryPermissions: ReadonlySet<string>, viewerIsAuthor: boolean): AccessGrant[] {
  if (!repositoryPermissions.has(issueRulesNeed)) return [];
  return issueRules
    .filter((rule) => repositoryPermissions.has(rule.repositoryPermission) && (!rule.authorOnly || viewerIsAuthor))
    .map((rule) => heldVia(rule.via, new Set(rule.gives)));
}

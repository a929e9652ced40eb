// Issues have no roles: their permissions derive from repository permissions (`issueGrants`). The matrix
// finds how by asking `issueGrants` itself, so the docs cannot drift from the rule the server applies.
import { issueGrants } from '../policy/issue-permissions.js';
import { code } from './markdown.js';
import { catalogPermissionsOf } from './policy-lookups.js';

/** The issue permissions a set of repository permissions derives (see `issueGrants`), for a viewer who is or is not the author. */
export function derivedIssuePermissions(repositoryPermissions: ReadonlySet<string>, viewerIsAuthor: boolean): Set<string> {
  return new Set(issueGrants(repositoryPermissions, viewerIsAuthor).flatMap((grant) => [...grant.permissions]));
}

/** How a permission of a type without roles derives from repository permissions. */
export interface Derivation {
  /** The smallest sets of repository permissions deriving it (one permission, else two). */
  readonly from: readonly (readonly string[])[];
  /** Repository permissions deriving it for the author only. */
  readonly asAuthorWith: readonly string[];
}

/** How an issue permission derives from repository permissions, found by asking `issueGrants`. */
export function issueDerivation(permission: string): Derivation {
  const repository = catalogPermissionsOf('repository');
  const derives = (held: string[], author: boolean) => derivedIssuePermissions(new Set(held), author).has(permission);
  let from = repository.filter((held) => derives([held], false)).map((held) => [held]);
  if (from.length === 0) {
    from = repository.flatMap((first, index) =>
      repository
        .slice(index + 1)
        .filter((second) => derives([first, second], false))
        .map((second) => [first, second]),
    );
  }
  return { from, asAuthorWith: repository.filter((held) => derives([held], true) && !derives([held], false)) };
}

/** A derivation as the sentence of the permission's "Notes" cell. */
export function describeDerivation({ from, asAuthorWith }: Derivation): string {
  const sources = [...from.map((held) => held.map(code).join(' + ')), ...asAuthorWith.map((held) => `authorship with ${code(held)}`)];
  return sources.length > 0 ? `Derived from repository permissions: ${sources.join(', or ')}.` : 'Derived from repository permissions.';
}

import type { ResourceType } from '../../gitclub/policy/policy.js';
import type { WorldSpec } from '../format/policy-test-format.js';

/** The name of the platform, the one resource platform permissions are on. */
export const platformName = 'platform';

/**
 * Every resource of a world by type, under the names people know them by (as the API's own
 * descriptions write them): `beatles`, `beatles/infra`, `beatles/infra#1`, a user's login, `platform`.
 * Users and organizations share one namespace of logins, so a plain name is never ambiguous.
 */
export type WorldNames = { readonly [T in NamedType]: ReadonlySet<string> } & { readonly [T in ResourceType]?: ReadonlySet<string> };

/** The resource types a world file can describe; a type the policy gains later has no names until the format describes it. */
type NamedType = 'user' | 'organization' | 'repository' | 'issue' | 'platform';

/** The names of a world's resources, from its description alone. */
export function worldNamesOf(world: WorldSpec): WorldNames {
  const organizations = new Set<string>();
  const repositories = new Set<string>();
  const issues = new Set<string>();
  for (const [login, organization] of Object.entries(world.organizations ?? {})) {
    organizations.add(login);
    for (const [name, repository] of Object.entries(organization.repositories ?? {})) {
      repositories.add(`${login}/${name}`);
      (repository.issues ?? []).forEach((_, index) => issues.add(`${login}/${name}#${index + 1}`));
    }
  }
  return {
    user: new Set(world.users),
    organization: organizations,
    repository: repositories,
    issue: issues,
    platform: new Set([platformName]),
  };
}

/** The type of the resource a name denotes in a world, if any. */
export function resourceTypeNamed(names: WorldNames, name: string): ResourceType | undefined {
  return (Object.keys(names) as ResourceType[]).find((type) => names[type]?.has(name));
}

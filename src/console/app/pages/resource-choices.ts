/** A resource a permission can be about, as a picker offers it. */
export interface ResourceChoice {
  readonly id: string;
  readonly label: string;
  readonly resourceType: 'ORGANIZATION' | 'REPOSITORY';
}

/** The organization itself and its repositories the viewer can read: what grants and explanations name. */
export function resourceChoices(
  organization: { id: string; login: string },
  repositories: ReadonlyArray<{ id: string; name: string }>,
): ResourceChoice[] {
  return [
    { id: organization.id, label: `${organization.login} (organization)`, resourceType: 'ORGANIZATION' },
    ...repositories.map((repository) => ({
      id: repository.id,
      label: `${organization.login}/${repository.name}`,
      resourceType: 'REPOSITORY' as const,
    })),
  ];
}

/** The resource type a catalog permission names (`read_code:repository` is about a repository). */
export function resourceTypeOf(permission: string): string {
  return permission.slice(permission.indexOf(':') + 1).toUpperCase();
}

/** An ISO 8601 instant `days` days from now: the expiry of a grant. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/** A type of resource on which roles are assigned. */
export type PlaceType = 'organization' | 'repository' | 'platform';

/** Where a role is held: an organization, one repository of an organization, or the platform. */
export interface Place {
  readonly resourceType: PlaceType;
  readonly resourceId: string;
  /** The organization the place belongs to; null for the platform. */
  readonly organizationId: string | null;
}

/** An organization as the place of a membership. */
export function organizationPlace(organizationId: string): Place {
  return { resourceType: 'organization', resourceId: organizationId, organizationId };
}

/** A repository as the place of an explicit repository role. */
export function repositoryPlace(repository: { readonly id: string; readonly organizationId: string }): Place {
  return { resourceType: 'repository', resourceId: repository.id, organizationId: repository.organizationId };
}

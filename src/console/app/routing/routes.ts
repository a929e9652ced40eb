import { organizationSections, type OrganizationSection } from '../layout/organization-sections.js';

/** The console's pages and what their addresses name. */
export type Route =
  | { readonly page: 'home' }
  | { readonly page: OrganizationSection['page']; readonly organization: string }
  | { readonly page: 'repository'; readonly owner: string; readonly name: string }
  | { readonly page: 'not-found' };

const organizationPages = new Map(organizationSections.map((section) => [section.segment, section.page]));

/** Reads a route (`/orgs/beatles/members`, `/repos/beatles/infra`) into a page and its names. */
export function matchRoute(route: string): Route {
  const parts = route.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'home' };
  if (parts[0] === 'orgs' && parts[1] && parts.length <= 3) {
    const page = organizationPages.get(parts[2] ?? '');
    if (page) return { page, organization: parts[1] };
  }
  if (parts[0] === 'repos' && parts[1] && parts[2] && parts.length === 3) return { page: 'repository', owner: parts[1], name: parts[2] };
  return { page: 'not-found' };
}

/** The address of an organization page. */
export function organizationRoute(organization: string, page = ''): string {
  return `/orgs/${encodeURIComponent(organization)}${page ? `/${page}` : ''}`;
}

/** The address of a repository page. */
export function repositoryRoute(owner: string, name: string): string {
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
}

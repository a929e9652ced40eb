import { useMemo, type ReactNode } from 'react';
import { useLiveReload } from '../api/use-live-reload.js';
import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { Link } from '../routing/link.js';
import { organizationRoute } from '../routing/routes.js';
import { Loading, QueryErrors } from '../ui/messages.js';
import { actionsOf, OrganizationContext, samePermissions, type OrganizationInFrame } from './organization-context.js';
import { organizationSections } from './organization-sections.js';

const OrganizationFrameQuery = graphql(`
  query OrganizationFrame($login: String!) {
    organization(login: $login) {
      id
      login
      name
      viewerPermissions
      viewerRole {
        name
      }
    }
  }
`);

const OrganizationAccessSubscription = graphql(`
  subscription OrganizationAccess($id: ID!) {
    viewerAccessChanged(resourceId: $id) {
      permissions
    }
  }
`);

/**
 * Reads an organization once for every page about it: its name, the viewer's role and permissions,
 * which decide the navigation (a link only to the pages whose permission the viewer holds) and
 * every control below, and again whenever the viewer's access changes (`viewerAccessChanged`), so
 * the navigation and the buttons of every page (Members included) follow it without a reload. A page
 * the viewer may not see answers the API's own sentence (not found), whatever the reason.
 */
export function OrganizationFrame({ login, children }: { login: string; children: ReactNode }) {
  const { data, errors, loading, reload } = useQuery(OrganizationFrameQuery, { login });
  const organization = data?.organization;
  useLiveReload(OrganizationAccessSubscription, { id: organization?.id ?? '' }, reload, {
    skip: !organization,
    unchanged: (event) => samePermissions(event.viewerAccessChanged?.permissions, organization?.viewerPermissions),
  });
  const value = useMemo<OrganizationInFrame | undefined>(
    () =>
      organization
        ? {
            id: organization.id,
            login: organization.login,
            name: organization.name,
            viewerRole: organization.viewerRole?.name,
            may: actionsOf(organization.viewerPermissions),
            permissions: organization.viewerPermissions,
            reload,
          }
        : undefined,
    [organization, reload],
  );
  if (loading && !value) return <Loading />;
  if (!value) return <QueryErrors errors={errors.length ? errors : [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }]} />;
  return (
    <OrganizationContext.Provider value={value}>
      <p className="context-line">
        Organization <strong>{value.name}</strong> ({value.login}){value.viewerRole && <>, your role: {value.viewerRole}</>}
      </p>
      <nav aria-label={`Organization ${value.login}`} className="section-nav">
        <ul>
          {organizationSections
            .filter((section) => !section.needs || value.may.has(section.needs.action))
            .map((section) => (
              <li key={section.page}>
                <Link to={organizationRoute(value.login, section.segment)}>{section.label}</Link>
              </li>
            ))}
        </ul>
      </nav>
      {children}
    </OrganizationContext.Provider>
  );
}

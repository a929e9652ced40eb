import { OrganizationFrame } from './layout/organization-frame.js';
import { organizationSections } from './layout/organization-sections.js';
import { PermissionGate } from './pages/permission-gate.js';
import { AccessPage } from './pages/access-page.js';
import { AccessRequestsPage } from './pages/access-requests-page.js';
import { AccessReviewsPage } from './pages/access-reviews-page.js';
import { AuditLogPage } from './pages/audit-log-page.js';
import { CustomRolesPage } from './pages/custom-roles-page.js';
import { ExceptionsPage } from './pages/exceptions-page.js';
import { HomePage } from './pages/home-page.js';
import { MembersPage } from './pages/members-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { OrganizationPage } from './pages/organization-page.js';
import { RepositoriesPage } from './pages/repositories-page.js';
import { RepositoryPage } from './pages/repository-page.js';
import { useRoute } from './routing/router.js';
import { matchRoute } from './routing/routes.js';

const organizationPages = {
  organization: OrganizationPage,
  members: MembersPage,
  roles: CustomRolesPage,
  repositories: RepositoriesPage,
  exceptions: ExceptionsPage,
  'audit-log': AuditLogPage,
  'access-requests': AccessRequestsPage,
  'access-reviews': AccessReviewsPage,
  access: AccessPage,
};

/**
 * The page the address names; organization pages inside their organization's frame (name,
 * navigation), and behind the permission that guards them.
 */
export function PageForRoute() {
  const route = matchRoute(useRoute());
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'repository':
      return <RepositoryPage key={`${route.owner}/${route.name}`} owner={route.owner} name={route.name} />;
    case 'not-found':
      return <NotFoundPage />;
    default: {
      const Page = organizationPages[route.page];
      const section = organizationSections.find((candidate) => candidate.page === route.page);
      return (
        <OrganizationFrame key={route.organization} login={route.organization}>
          {section?.needs ? (
            <PermissionGate title={section.label} {...section.needs}>
              <Page />
            </PermissionGate>
          ) : (
            <Page />
          )}
        </OrganizationFrame>
      );
    }
  }
}

import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { Link } from '../routing/link.js';
import { organizationRoute } from '../routing/routes.js';
import { Loading, QueryErrors } from '../ui/messages.js';
import { OrganizationSettings } from './organization-settings.js';
import { PeopleWithAccessSection } from './people-with-access-section.js';
import { RepositoryList } from './repositories-page.js';

const OrganizationPageQuery = graphql(`
  query OrganizationPage($login: String!, $readMembers: Boolean!, $readBilling: Boolean!, $manageMembers: Boolean!) {
    organization(login: $login) {
      id
      name
      defaultRepositoryRole
      pendingRequests: accessRequests(status: PENDING, first: 1) @include(if: $manageMembers) {
        totalCount
      }
      billingEmail @include(if: $readBilling)
      members(first: 100) @include(if: $readMembers) {
        totalCount
        nodes {
          user {
            id
            login
            name
          }
          role {
            name
          }
        }
      }
      customRoles @include(if: $readMembers) {
        id
        name
        resourceType
      }
      repositories(first: 100) {
        nodes {
          id
          name
          description
          viewerRole {
            name
          }
        }
      }
    }
    builtInRoles {
      name
      resourceType
    }
  }
`);

/**
 * An organization at a glance: members with their roles (with `read_members`), the repositories the
 * viewer can read, and the settings, each shown only with the permission that guards it; to those
 * who decide access requests (`manage_members`), how many wait, and who holds each permission here.
 */
export function OrganizationPage() {
  const organization = useOrganization();
  const { may } = organization;
  const { data, errors, loading, reload } = useQuery(OrganizationPageQuery, {
    login: organization.login,
    readMembers: may.has('read_members'),
    readBilling: may.has('read_billing'),
    manageMembers: may.has('manage_members'),
  });
  if (loading && !data) return <Loading />;
  const details = data?.organization;
  if (!details) return <QueryErrors errors={errors} />;
  const repositoryRoles = [
    ...(data.builtInRoles ?? []).filter((role) => role.resourceType === 'REPOSITORY').map((role) => role.name),
    ...(details.customRoles ?? []).filter((role) => role.resourceType === 'REPOSITORY').map((role) => role.name),
  ];
  return (
    <>
      <h1>{details.name}</h1>
      <QueryErrors errors={errors} />
      {details.pendingRequests && details.pendingRequests.totalCount > 0 && (
        <p className="message message-notice">
          <Link to={organizationRoute(organization.login, 'access-requests')}>
            {details.pendingRequests.totalCount === 1
              ? '1 access request waits for your decision'
              : `${details.pendingRequests.totalCount} access requests wait for your decision`}
          </Link>
          .
        </p>
      )}
      {details.members && (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">Members ({details.members.totalCount})</h2>
          <ul className="plain-list">
            {details.members.nodes.map(({ user, role }) => (
              <li key={user.id}>
                {user.name} <span className="muted">({user.login})</span> <span className="badge">{role.name}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="organization-repositories">
        <h2 id="organization-repositories">Repositories</h2>
        <RepositoryList owner={organization.login} repositories={details.repositories.nodes} />
      </section>
      {may.has('manage_members') && (
        <PeopleWithAccessSection target={{ resourceType: 'ORGANIZATION', login: organization.login, label: organization.login }} />
      )}
      <OrganizationSettings
        organization={{ ...details, billingEmail: details.billingEmail ?? undefined }}
        repositoryRoles={repositoryRoles}
        onSaved={() => {
          reload();
          organization.reload();
        }}
      />
    </>
  );
}

import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { Loading, QueryErrors } from '../ui/messages.js';
import { ExplainAccessForm } from './explain-access-form.js';
import { resourceChoices } from './resource-choices.js';
import { RoleReport } from './role-report.js';

const AccessPageQuery = graphql(`
  query AccessPage($login: String!) {
    organization(login: $login) {
      id
      login
      repositories(first: 100) {
        nodes {
          id
          name
        }
      }
    }
    permissionCatalog {
      name
      resourceType
      description
    }
  }
`);

/**
 * Access: "Why can X do Y?" (`explainAccess`, about anyone with `manage_members`, else about
 * oneself) as a readable path, and the role report (`manage_roles`).
 */
export function AccessPage() {
  const organization = useOrganization();
  const { data, errors, loading } = useQuery(AccessPageQuery, { login: organization.login });
  if (loading && !data) return <Loading />;
  const details = data?.organization;
  return (
    <>
      <h1>Access</h1>
      <QueryErrors errors={errors} />
      {details && (
        <ExplainAccessForm
          catalog={(data?.permissionCatalog ?? []).filter((permission) => ['ORGANIZATION', 'REPOSITORY'].includes(permission.resourceType))}
          resources={resourceChoices(details, details.repositories.nodes)}
          aboutAnyone={organization.may.has('manage_members')}
        />
      )}
      {organization.may.has('manage_roles') && <RoleReport />}
    </>
  );
}

import { mutate, useAction } from '../api/use-action.js';
import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { ErrorMessage, Loading, QueryErrors } from '../ui/messages.js';
import { GrantForm } from './grant-form.js';
import { resourceChoices } from './resource-choices.js';

const ExceptionsPageQuery = graphql(`
  query ExceptionsPage($login: String!) {
    organization(login: $login) {
      id
      login
      grants {
        id
        permission
        resourceType
        resourceId
        reason
        expiresAt
        createdAt
        user {
          id
          login
        }
        grantedBy {
          login
        }
      }
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

const RevokeGrant = graphql(`
  mutation ConsoleRevokeGrant($input: RevokeGrantInput!) {
    revokeGrant(input: $input) {
      grant {
        id
      }
    }
  }
`);

/** Exceptions (`manage_members`): active direct grants with their reason and expiry; grant one, revoke one. */
export function ExceptionsPage() {
  const organization = useOrganization();
  const { data, errors, loading, reload } = useQuery(ExceptionsPageQuery, { login: organization.login });
  const revoking = useAction();
  if (loading && !data) return <Loading />;
  const details = data?.organization;
  const resources = details ? resourceChoices(details, details.repositories.nodes) : [];
  const labelOf = (id: string) => resources.find((resource) => resource.id === id)?.label ?? 'an issue';
  const revoke = (grantId: string) =>
    void revoking
      .run(async () => {
        await mutate(RevokeGrant, { input: { grantId } });
      })
      .then((done) => done && reload());
  return (
    <section aria-labelledby="exceptions-heading">
      <h1 id="exceptions-heading">Exceptions</h1>
      <p>Direct, temporary grants: one permission on one resource for one person, with a reason and an end.</p>
      <QueryErrors errors={errors} />
      {details?.grants && details.grants.length === 0 && <p>No active exception.</p>}
      {details?.grants && details.grants.length > 0 && (
        <table>
          <caption>Active exceptions</caption>
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Permission</th>
              <th scope="col">On</th>
              <th scope="col">Reason</th>
              <th scope="col">Until</th>
              <th scope="col">Granted by</th>
              <th scope="col">Revoke</th>
            </tr>
          </thead>
          <tbody>
            {details.grants.map((grant) => (
              <tr key={grant.id}>
                <td>{grant.user.login}</td>
                <td>{grant.permission}</td>
                <td>{labelOf(grant.resourceId)}</td>
                <td>{grant.reason}</td>
                <td>{new Date(grant.expiresAt).toLocaleString()}</td>
                <td>{grant.grantedBy?.login ?? '—'}</td>
                <td>
                  <button type="button" className="danger" onClick={() => revoke(grant.id)} disabled={revoking.pending}>
                    Revoke {grant.permission} of {grant.user.login}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorMessage>{revoking.error}</ErrorMessage>
      {details && <GrantForm catalog={data?.permissionCatalog ?? []} resources={resources} onGranted={reload} />}
    </section>
  );
}

import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { Link } from '../routing/link.js';
import { repositoryRoute } from '../routing/routes.js';
import { Loading, QueryErrors } from '../ui/messages.js';

const RepositoriesPageQuery = graphql(`
  query RepositoriesPage($login: String!) {
    organization(login: $login) {
      id
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
  }
`);

/** The organization's repositories the viewer can read (the API lists no other), with the viewer's role on each. */
export function RepositoriesPage() {
  const organization = useOrganization();
  const { data, errors, loading } = useQuery(RepositoriesPageQuery, { login: organization.login });
  return (
    <section aria-labelledby="repositories-heading">
      <h1 id="repositories-heading">Repositories</h1>
      {loading && !data ? (
        <Loading />
      ) : (
        <RepositoryList owner={organization.login} repositories={data?.organization?.repositories.nodes ?? []} />
      )}
      <QueryErrors errors={errors} />
    </section>
  );
}

/** A list of repositories of one owner, each a link to its page. */
export function RepositoryList({
  owner,
  repositories,
}: {
  owner: string;
  repositories: ReadonlyArray<{ id: string; name: string; description?: string | null; viewerRole?: { name: string } | null }>;
}) {
  if (repositories.length === 0) return <p>There is no repository here you can read.</p>;
  return (
    <ul className="card-list">
      {repositories.map((repository) => (
        <li key={repository.id}>
          <Link to={repositoryRoute(owner, repository.name)}>{repository.name}</Link>
          {repository.viewerRole && <span className="badge">{repository.viewerRole.name}</span>}
          {repository.description && <p className="muted">{repository.description}</p>}
        </li>
      ))}
    </ul>
  );
}

import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { Link } from '../routing/link.js';
import { organizationRoute, repositoryRoute } from '../routing/routes.js';
import { Loading, QueryErrors } from '../ui/messages.js';
import { MyAccessRequests } from './my-access-requests.js';

const HomePageQuery = graphql(`
  query HomePage {
    viewer {
      id
      login
      name
      organizations {
        organization {
          id
          login
          name
        }
        role {
          name
        }
      }
      repositories(first: 100) {
        nodes {
          id
          name
          nameWithOwner
          description
          viewerRole {
            name
          }
        }
      }
    }
  }
`);

/** Home: the viewer's organizations with their role, and every repository they can read (outside-collaborator ones included). */
export function HomePage() {
  const { data, errors, loading } = useQuery(HomePageQuery, {});
  if (loading && !data) return <Loading />;
  const viewer = data?.viewer;
  if (!viewer) return <QueryErrors errors={errors} />;
  return (
    <>
      <h1>Hello, {viewer.name}</h1>
      <section aria-labelledby="my-organizations">
        <h2 id="my-organizations">Your organizations</h2>
        {viewer.organizations.length === 0 ? (
          <p>You belong to no organization.</p>
        ) : (
          <ul className="card-list">
            {viewer.organizations.map(({ organization, role }) => (
              <li key={organization.id}>
                <Link to={organizationRoute(organization.login)}>{organization.name}</Link>{' '}
                <span className="muted">({organization.login})</span>
                <span className="badge">{role.name}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-repositories">
        <h2 id="my-repositories">Repositories you can read</h2>
        {viewer.repositories.nodes.length === 0 ? (
          <p>There is no repository you can read.</p>
        ) : (
          <ul className="card-list">
            {viewer.repositories.nodes.map((repository) => {
              const [owner = '', name = repository.name] = repository.nameWithOwner.split('/');
              return (
                <li key={repository.id}>
                  <Link to={repositoryRoute(owner, name)}>{repository.nameWithOwner}</Link>
                  {repository.viewerRole && <span className="badge">{repository.viewerRole.name}</span>}
                  {repository.description && <p className="muted">{repository.description}</p>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <MyAccessRequests />
    </>
  );
}

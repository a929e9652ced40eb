import { useLiveReload } from '../api/use-live-reload.js';
import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { actionsOf, samePermissions } from '../layout/organization-context.js';
import { Link } from '../routing/link.js';
import { organizationRoute } from '../routing/routes.js';
import { Loading, QueryErrors } from '../ui/messages.js';
import { CollaboratorsSection } from './collaborators-section.js';
import { IssuesSection } from './issues-section.js';
import { PeopleWithAccessSection } from './people-with-access-section.js';
import { RequestAccess } from './request-access.js';
import { WorkflowsSection } from './workflows-section.js';

const RepositoryFrameQuery = graphql(`
  query RepositoryFrame($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      id
      name
      nameWithOwner
      description
      viewerPermissions
      viewerRole {
        name
      }
      organization {
        id
      }
    }
  }
`);

const RepositoryAccessSubscription = graphql(`
  subscription RepositoryAccess($id: ID!) {
    viewerAccessChanged(resourceId: $id) {
      permissions
    }
  }
`);

const RepositoryCodeQuery = graphql(`
  query RepositoryCode($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      id
      readme
    }
  }
`);

/**
 * A repository: its readme (or, without `read_code`, a sentence and "Request access"), its issues,
 * its workflow runs (`trigger_workflow`), its collaborators and its people with access (`manage_roles`). What the viewer may
 * do comes from `viewerPermissions`; nothing guarded is asked for without it.
 */
export function RepositoryPage({ owner, name }: { owner: string; name: string }) {
  const frame = useQuery(RepositoryFrameQuery, { owner, name });
  const repository = frame.data?.repository;
  const may = actionsOf(repository?.viewerPermissions ?? []);
  // The buttons and sections follow the viewer's access as it changes, without a reload.
  useLiveReload(RepositoryAccessSubscription, { id: repository?.id ?? '' }, frame.reload, {
    skip: !repository,
    unchanged: (event) => samePermissions(event.viewerAccessChanged?.permissions, repository?.viewerPermissions),
  });
  const code = useQuery(RepositoryCodeQuery, { owner, name }, { skip: !may.has('read_code') });
  if (frame.loading && !repository) return <Loading />;
  if (!repository) return <QueryErrors errors={frame.errors} />;
  return (
    <>
      <p className="context-line">
        Repository of {repository.organization ? <Link to={organizationRoute(owner)}>{owner}</Link> : owner}
        {repository.viewerRole && <>, your role: {repository.viewerRole.name}</>}
      </p>
      <h1>{repository.nameWithOwner}</h1>
      {repository.description && <p>{repository.description}</p>}
      <section aria-labelledby="readme-heading">
        <h2 id="readme-heading">Readme</h2>
        {may.has('read_code') ? (
          code.data?.repository?.readme != null ? (
            <pre className="readme">{code.data.repository.readme}</pre>
          ) : (
            <QueryErrors errors={code.errors} />
          )
        ) : (
          <>
            <p>You cannot read the code here.</p>
            <RequestAccess permission="read_code:repository" resourceId={repository.id} resourceName={repository.nameWithOwner} />
          </>
        )}
      </section>
      <IssuesSection owner={owner} name={name} repositoryId={repository.id} canCreate={may.has('create_issue')} />
      {may.has('trigger_workflow') && <WorkflowsSection owner={owner} name={name} repositoryId={repository.id} />}
      {may.has('manage_roles') && (
        <>
          <CollaboratorsSection owner={owner} name={name} repositoryId={repository.id} />
          <PeopleWithAccessSection target={{ resourceType: 'REPOSITORY', owner, name, label: repository.nameWithOwner }} />
        </>
      )}
    </>
  );
}

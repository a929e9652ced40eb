import { useState, type FormEvent } from 'react';
import { mutate, useAction } from '../api/use-action.js';
import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { DoneMessage, ErrorMessage, QueryErrors } from '../ui/messages.js';
import { Field } from '../ui/field.js';

const IssuesQuery = graphql(`
  query RepositoryIssues($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      id
      issues(first: 50) {
        totalCount
        nodes {
          id
          number
          title
          state
          author {
            login
          }
          canClose: viewerCan(action: close)
        }
      }
    }
  }
`);

const CreateIssue = graphql(`
  mutation ConsoleCreateIssue($input: CreateIssueInput!) {
    createIssue(input: $input) {
      issue {
        id
      }
    }
  }
`);

const CloseIssue = graphql(`
  mutation ConsoleCloseIssue($input: CloseIssueInput!) {
    closeIssue(input: $input) {
      issue {
        id
      }
    }
  }
`);

/** The repository's issues; "Create issue" with `create_issue`, "Close" on each issue the viewer may close (`viewerCan(action: close)`). */
export function IssuesSection({
  owner,
  name,
  repositoryId,
  canCreate,
}: {
  owner: string;
  name: string;
  repositoryId: string;
  canCreate: boolean;
}) {
  const { data, errors, reload } = useQuery(IssuesQuery, { owner, name });
  const [title, setTitle] = useState('');
  const creating = useAction('Issue created.');
  const closing = useAction('Issue closed.');
  const issues = data?.repository?.issues;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void creating
      .run(async () => {
        await mutate(CreateIssue, { input: { repositoryId, title } });
      })
      .then((created) => {
        if (!created) return;
        setTitle('');
        reload();
      });
  };
  const close = (issueId: string) =>
    void closing
      .run(async () => {
        await mutate(CloseIssue, { input: { issueId } });
      })
      .then((closed) => closed && reload());
  return (
    <section aria-labelledby="issues-heading">
      <h2 id="issues-heading">Issues{issues ? ` (${issues.totalCount})` : ''}</h2>
      <QueryErrors errors={errors} />
      {issues && issues.nodes.length === 0 && <p>No issues.</p>}
      <ul className="plain-list">
        {issues?.nodes.map((issue) => (
          <li key={issue.id}>
            <span className="badge">{issue.state === 'OPEN' ? 'open' : 'closed'}</span> #{issue.number} {issue.title}{' '}
            <span className="muted">by {issue.author.login}</span>
            {issue.state === 'OPEN' && issue.canClose && (
              <button type="button" onClick={() => close(issue.id)} disabled={closing.pending}>
                Close issue #{issue.number}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorMessage>{closing.error}</ErrorMessage>
      <DoneMessage>{closing.done}</DoneMessage>
      {canCreate && (
        <form onSubmit={submit} className="inline-form" aria-label="New issue">
          <Field label="Title">
            {(id) => <input id={id} required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} />}
          </Field>
          <button type="submit" disabled={creating.pending}>
            Create issue
          </button>
        </form>
      )}
      <ErrorMessage>{creating.error}</ErrorMessage>
      <DoneMessage>{creating.done}</DoneMessage>
    </section>
  );
}

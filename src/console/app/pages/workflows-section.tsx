import { useState, type FormEvent } from 'react';
import { mutate, useAction } from '../api/use-action.js';
import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { DoneMessage, ErrorMessage, QueryErrors } from '../ui/messages.js';
import { Field } from '../ui/field.js';

const WorkflowRunsQuery = graphql(`
  query RepositoryWorkflowRuns($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      id
      workflowRuns(first: 20) {
        totalCount
        nodes {
          id
          workflow
          createdAt
          triggeredBy {
            login
          }
        }
      }
    }
  }
`);

const TriggerWorkflow = graphql(`
  mutation ConsoleTriggerWorkflow($input: TriggerWorkflowInput!) {
    triggerWorkflow(input: $input) {
      workflowRun {
        id
      }
    }
  }
`);

/** Workflow runs and "Trigger workflow", rendered only for viewers holding `trigger_workflow`. */
export function WorkflowsSection({ owner, name, repositoryId }: { owner: string; name: string; repositoryId: string }) {
  const { data, errors, reload } = useQuery(WorkflowRunsQuery, { owner, name });
  const [workflow, setWorkflow] = useState('deploy');
  const triggering = useAction('Workflow triggered.');
  const runs = data?.repository?.workflowRuns;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void triggering
      .run(async () => {
        await mutate(TriggerWorkflow, { input: { repositoryId, workflow } });
      })
      .then((done) => done && reload());
  };
  return (
    <section aria-labelledby="workflows-heading">
      <h2 id="workflows-heading">Workflow runs{runs ? ` (${runs.totalCount})` : ''}</h2>
      <QueryErrors errors={errors} />
      <form onSubmit={submit} className="inline-form" aria-label="Trigger a workflow">
        <Field label="Workflow">
          {(id) => <input id={id} required maxLength={100} value={workflow} onChange={(event) => setWorkflow(event.target.value)} />}
        </Field>
        <button type="submit" disabled={triggering.pending}>
          Trigger workflow
        </button>
      </form>
      <ErrorMessage>{triggering.error}</ErrorMessage>
      <DoneMessage>{triggering.done}</DoneMessage>
      <ul className="plain-list">
        {runs?.nodes.map((run) => (
          <li key={run.id}>
            {run.workflow}{' '}
            <span className="muted">
              by {run.triggeredBy.login}, {new Date(run.createdAt).toLocaleString()}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { ApiFailure } from '../api/api-error.js';
import { userIdOf } from '../api/find-user.js';
import { graphqlRequest } from '../api/graphql-request.js';
import { useAction } from '../api/use-action.js';
import { graphql } from '../gql/index.js';
import type { ExplainAccessQuery } from '../gql/graphql.js';
import { useSession } from '../session/use-session.js';
import { ErrorMessage } from '../ui/messages.js';
import { RequestAccess } from './request-access.js';
import { resourceTypeOf, type ResourceChoice } from './resource-choices.js';
import { Field } from '../ui/field.js';

const ExplainAccess = graphql(`
  query ExplainAccess($userId: ID!, $permission: String!, $resourceId: ID!) {
    explainAccess(userId: $userId, permission: $permission, resourceId: $resourceId) {
      allowed
      outcome
      permission
      reason
      path {
        role
        via
        permissions
        description
      }
    }
  }
`);

type Explanation = NonNullable<ExplainAccessQuery['explainAccess']>;

/**
 * "Why can X do Y?": asks `explainAccess` and shows the answer as a sentence and the path of roles
 * and grants behind it; when viewers ask about themselves and lack it, they can request it there.
 */
export function ExplainAccessForm({
  catalog,
  resources,
  aboutAnyone,
}: {
  catalog: ReadonlyArray<{ name: string; description: string }>;
  resources: readonly ResourceChoice[];
  aboutAnyone: boolean;
}) {
  const session = useSession();
  const [login, setLogin] = useState('');
  const [permission, setPermission] = useState(
    catalog.find((choice) => choice.name === 'read_code:repository')?.name ?? catalog[0]?.name ?? '',
  );
  const [resourceId, setResourceId] = useState('');
  const [answer, setAnswer] = useState<{ who: string; self: boolean; explanation: Explanation; resourceId: string }>();
  const asking = useAction();
  const fitting = resources.filter((resource) => resource.resourceType === resourceTypeOf(permission));
  const chosenResource = fitting.some((resource) => resource.id === resourceId) ? resourceId : (fitting[0]?.id ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void asking.run(async () => {
      const who = aboutAnyone && login.trim() ? login.trim() : (session?.user.login ?? '');
      const userId = aboutAnyone && login.trim() ? await userIdOf(login) : (session?.user.id ?? '');
      const { data, errors } = await graphqlRequest(ExplainAccess, { userId, permission, resourceId: chosenResource });
      if (!data?.explainAccess) throw new ApiFailure(errors);
      setAnswer({ who, self: userId === session?.user.id, explanation: data.explainAccess, resourceId: chosenResource });
    });
  };
  return (
    <section aria-labelledby="explain-heading">
      <h2 id="explain-heading">{aboutAnyone ? 'Why can someone do something?' : 'Why can I do something?'}</h2>
      <form onSubmit={submit} className="stacked-form">
        {aboutAnyone && (
          <Field label="Login (empty: yourself)">
            {(id) => <input id={id} value={login} onChange={(event) => setLogin(event.target.value)} />}
          </Field>
        )}
        <Field label="Permission">
          {(id) => (
            <select id={id} value={permission} onChange={(event) => setPermission(event.target.value)}>
              {catalog.map((choice) => (
                <option key={choice.name} value={choice.name}>
                  {choice.name}: {choice.description}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Resource">
          {(id) => (
            <select id={id} value={chosenResource} onChange={(event) => setResourceId(event.target.value)}>
              {fitting.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={asking.pending || !chosenResource}>
          Explain
        </button>
      </form>
      <ErrorMessage>{asking.error}</ErrorMessage>
      {answer && (
        <div className="explanation" role="status">
          <p>
            <strong>
              {answer.who} {answer.explanation.allowed ? 'may' : 'may not'} use {answer.explanation.permission}.
            </strong>{' '}
            {answer.explanation.reason}
          </p>
          {answer.explanation.path.length > 0 && (
            <ol className="access-path">
              {answer.explanation.path.map((step, index) => (
                <li key={index}>
                  {step.role ? <strong>{step.role}</strong> : <strong>{step.via}</strong>} <span className="muted">({step.via})</span>:{' '}
                  {step.description}
                </li>
              ))}
            </ol>
          )}
          {answer.self && !answer.explanation.allowed && answer.explanation.outcome === 'FORBIDDEN' && (
            <RequestAccess
              permission={answer.explanation.permission}
              resourceId={answer.resourceId}
              resourceName={resources.find((resource) => resource.id === answer.resourceId)?.label ?? 'this resource'}
            />
          )}
        </div>
      )}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { userIdOf } from '../api/find-user.js';
import { mutate, useAction } from '../api/use-action.js';
import { graphql } from '../gql/index.js';
import { DoneMessage, ErrorMessage } from '../ui/messages.js';
import { daysFromNow, resourceTypeOf, type ResourceChoice } from './resource-choices.js';
import { Field } from '../ui/field.js';

const GrantPermission = graphql(`
  mutation ConsoleGrantPermission($input: GrantPermissionInput!) {
    grantPermission(input: $input) {
      grant {
        id
      }
    }
  }
`);

/** Creates an exception: who (login), which permission, on which resource, why, for how many days. */
export function GrantForm({
  catalog,
  resources,
  onGranted,
}: {
  catalog: ReadonlyArray<{ name: string; resourceType: string }>;
  resources: readonly ResourceChoice[];
  onGranted: () => void;
}) {
  const grantable = catalog.filter((permission) => permission.resourceType === 'ORGANIZATION' || permission.resourceType === 'REPOSITORY');
  const [login, setLogin] = useState('');
  const [permission, setPermission] = useState(grantable[0]?.name ?? '');
  const [resourceId, setResourceId] = useState('');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(7);
  const granting = useAction('Exception granted.');
  const fitting = resources.filter((resource) => resource.resourceType === resourceTypeOf(permission));
  const chosenResource = fitting.some((resource) => resource.id === resourceId) ? resourceId : (fitting[0]?.id ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void granting
      .run(async () => {
        const userId = await userIdOf(login);
        await mutate(GrantPermission, { input: { userId, permission, resourceId: chosenResource, reason, expiresAt: daysFromNow(days) } });
      })
      .then((done) => {
        if (!done) return;
        setLogin('');
        setReason('');
        onGranted();
      });
  };
  return (
    <section aria-labelledby="grant-heading">
      <h2 id="grant-heading">Grant an exception</h2>
      <form onSubmit={submit} className="stacked-form">
        <Field label="Login">{(id) => <input id={id} required value={login} onChange={(event) => setLogin(event.target.value)} />}</Field>
        <Field label="Permission">
          {(id) => (
            <select id={id} value={permission} onChange={(event) => setPermission(event.target.value)}>
              {grantable.map((choice) => (
                <option key={choice.name} value={choice.name}>
                  {choice.name}
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
        <Field label="Reason">
          {(id) => <input id={id} required maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />}
        </Field>
        <Field label="Days until it ends">
          {(id) => (
            <input
              id={id}
              type="number"
              min={1}
              max={3650}
              required
              value={days}
              onChange={(event) => setDays(Number(event.target.value))}
            />
          )}
        </Field>
        <button type="submit" disabled={granting.pending || !chosenResource}>
          Grant exception
        </button>
      </form>
      <ErrorMessage>{granting.error}</ErrorMessage>
      <DoneMessage>{granting.done}</DoneMessage>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { userIdOf } from '../api/find-user.js';
import { mutate, useAction } from '../api/use-action.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { DoneMessage, ErrorMessage } from '../ui/messages.js';
import { Field } from '../ui/field.js';

const AddMember = graphql(`
  mutation ConsoleAddMember($input: AddMemberInput!) {
    addMember(input: $input) {
      membership {
        role {
          name
        }
      }
    }
  }
`);

/** Adds a user (by login) to the organization with one of the roles the viewer may give. */
export function AddMemberForm({ roles, onAdded }: { roles: readonly string[]; onAdded: () => void }) {
  const organization = useOrganization();
  const [login, setLogin] = useState('');
  const [role, setRole] = useState('');
  const adding = useAction('Member added.');
  const chosenRole = role || (roles.includes('member') ? 'member' : roles[0]) || '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void adding
      .run(async () => {
        const userId = await userIdOf(login);
        await mutate(AddMember, { input: { organizationId: organization.id, userId, role: chosenRole } });
      })
      .then((added) => {
        if (!added) return;
        setLogin('');
        onAdded();
      });
  };
  return (
    <section aria-labelledby="add-member-heading">
      <h2 id="add-member-heading">Add a member</h2>
      <form onSubmit={submit} className="inline-form">
        <Field label="Login">{(id) => <input id={id} required value={login} onChange={(event) => setLogin(event.target.value)} />}</Field>
        <Field label="Role">
          {(id) => (
            <select id={id} value={chosenRole} onChange={(event) => setRole(event.target.value)}>
              {roles.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={adding.pending || !chosenRole}>
          Add member
        </button>
      </form>
      <ErrorMessage>{adding.error}</ErrorMessage>
      <DoneMessage>{adding.done}</DoneMessage>
    </section>
  );
}

import { useState } from 'react';
import { mutate, useAction } from '../api/use-action.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { ErrorMessage } from '../ui/messages.js';
import { RoleForm, type CatalogPermission, type EditedRole } from './role-form.js';
import { Field } from '../ui/field.js';

const DeleteCustomRole = graphql(`
  mutation ConsoleDeleteCustomRole($input: DeleteCustomRoleInput!) {
    deleteCustomRole(input: $input) {
      organization {
        id
      }
    }
  }
`);

/** One custom role: what it gives and how many hold it; with `manage_roles`, edit it or delete it (holders moved to `reassignTo`). */
export function CustomRoleCard({
  role,
  holders,
  catalog,
  reassignChoices,
  onChanged,
}: {
  role: EditedRole & { readonly resourceType: string };
  holders: number;
  catalog: readonly CatalogPermission[];
  reassignChoices: readonly string[];
  onChanged: () => void;
}) {
  const { may } = useOrganization();
  const [editing, setEditing] = useState(false);
  const [reassignTo, setReassignTo] = useState('');
  const deleting = useAction();
  const manages = may.has('manage_roles');
  const remove = () =>
    void deleting
      .run(async () => {
        await mutate(DeleteCustomRole, { input: { roleId: role.id, ...(reassignTo ? { reassignTo } : {}) } });
      })
      .then((done) => done && onChanged());
  return (
    <li aria-label={`Role ${role.name}`}>
      <h2>
        {role.name} <span className="badge">{role.resourceType.toLowerCase()}</span>
      </h2>
      {role.description && <p>{role.description}</p>}
      <p className="muted">
        Held by {holders} {holders === 1 ? 'person' : 'people'}. Gives: {role.permissions.join(', ')}.
      </p>
      {manages &&
        (editing ? (
          <RoleForm
            catalog={catalog}
            role={{ ...role, resourceType: role.resourceType }}
            onDone={(saved) => {
              setEditing(false);
              if (saved) onChanged();
            }}
          />
        ) : (
          <div className="row-controls">
            <button type="button" onClick={() => setEditing(true)}>
              Edit {role.name}
            </button>
            <Field label="Give its holders">
              {(id) => (
                <select id={id} value={reassignTo} onChange={(event) => setReassignTo(event.target.value)}>
                  <option value="">{holders ? 'Choose a role' : 'Nobody holds it'}</option>
                  {reassignChoices.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="button" className="danger" onClick={remove} disabled={deleting.pending}>
              Delete {role.name}
            </button>
          </div>
        ))}
      <ErrorMessage>{deleting.error}</ErrorMessage>
    </li>
  );
}

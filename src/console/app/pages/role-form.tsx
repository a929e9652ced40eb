import { useId, useState, type FormEvent } from 'react';
import { mutate, useAction } from '../api/use-action.js';
import { graphql } from '../gql/index.js';
import type { ResourceType } from '../gql/graphql.js';
import { useOrganization } from '../layout/organization-context.js';
import { ErrorMessage } from '../ui/messages.js';
import { Field } from '../ui/field.js';

const CreateCustomRole = graphql(`
  mutation ConsoleCreateCustomRole($input: CreateCustomRoleInput!) {
    createCustomRole(input: $input) {
      role {
        id
      }
    }
  }
`);

const UpdateCustomRole = graphql(`
  mutation ConsoleUpdateCustomRole($input: UpdateCustomRoleInput!) {
    updateCustomRole(input: $input) {
      role {
        id
      }
    }
  }
`);

/** A permission of the catalog, with the sentence that says what it allows. */
export interface CatalogPermission {
  readonly name: string;
  readonly resourceType: string;
  readonly description: string;
}

/** A custom role being edited. */
export interface EditedRole {
  readonly id: string;
  readonly name: string;
  readonly description?: string | null;
  readonly resourceType: string;
  readonly permissions: readonly string[];
}

const roleTypes: ReadonlyArray<{ value: ResourceType; label: string }> = [
  { value: 'REPOSITORY', label: 'Repository' },
  { value: 'ORGANIZATION', label: 'Organization' },
];

/**
 * Creates a custom role, or edits one (`role`): name, description, where it applies, and its
 * permissions, one checkbox each named by the permission (`trigger_workflow:repository`) and
 * described by the catalog, for the role's resource type only. `read` is always part of a role.
 */
export function RoleForm({
  catalog,
  role,
  onDone,
}: {
  catalog: readonly CatalogPermission[];
  role?: EditedRole;
  onDone: (saved: boolean) => void;
}) {
  const organization = useOrganization();
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [resourceType, setResourceType] = useState<ResourceType>((role?.resourceType as ResourceType | undefined) ?? 'REPOSITORY');
  // A role always includes its type's `read` (the API adds it): a new role starts with it.
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(role?.permissions ?? ['read:repository', 'read:organization']));
  const saving = useAction();
  const formId = useId();
  const permissions = catalog.filter((permission) => permission.resourceType === resourceType);
  const typeLabel = roleTypes.find((type) => type.value === resourceType)?.label ?? resourceType;
  const toggle = (permission: string, on: boolean) =>
    setChosen((before) => {
      const after = new Set(before);
      if (on) after.add(permission);
      else after.delete(permission);
      return after;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const selected = permissions.map((permission) => permission.name).filter((permission) => chosen.has(permission));
    void saving
      .run(async () => {
        if (role) await mutate(UpdateCustomRole, { input: { roleId: role.id, name, description, permissions: selected } });
        else
          await mutate(CreateCustomRole, {
            input: { organizationId: organization.id, name, description, resourceType, permissions: selected },
          });
      })
      .then((saved) => saved && onDone(true));
  };
  return (
    <form onSubmit={submit} className="stacked-form role-form" aria-label={role ? `Edit role ${role.name}` : 'New role'}>
      <Field label="Name">{(id) => <input id={id} required value={name} onChange={(event) => setName(event.target.value)} />}</Field>
      <Field label="Description">
        {(id) => <input id={id} value={description} onChange={(event) => setDescription(event.target.value)} />}
      </Field>
      {!role && (
        <Field label="Applies to">
          {(id) => (
            <select id={id} value={resourceType} onChange={(event) => setResourceType(event.target.value as ResourceType)}>
              {roleTypes.map((type) => (
                <option key={type.value} value={type.value}>
                  {type.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <fieldset>
        <legend>{typeLabel} permissions</legend>
        <ul className="permission-list">
          {permissions.map((permission) => {
            const id = `${formId}-${permission.name}`;
            return (
              <li key={permission.name}>
                <input
                  type="checkbox"
                  id={id}
                  aria-describedby={`${id}-description`}
                  checked={chosen.has(permission.name)}
                  onChange={(event) => toggle(permission.name, event.target.checked)}
                />
                <label htmlFor={id}>{permission.name}</label>
                <span id={`${id}-description`} className="muted">
                  {permission.description}
                </span>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="row-controls">
        <button type="submit" disabled={saving.pending}>
          Save role
        </button>
        <button type="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
      <ErrorMessage>{saving.error}</ErrorMessage>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { mutate, useAction } from '../api/use-action.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { DoneMessage, ErrorMessage } from '../ui/messages.js';
import { Field } from '../ui/field.js';

const UpdateOrganization = graphql(`
  mutation ConsoleUpdateOrganization($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) {
      organization {
        id
      }
    }
  }
`);

interface Settings {
  readonly id: string;
  readonly name: string;
  readonly defaultRepositoryRole?: string | null;
  readonly billingEmail?: string;
}

/**
 * The organization's settings, each shown only with the permission that guards it: name and default
 * repository role to edit with `update`, the billing email to read with `read_billing` and to change
 * with `manage_billing` too (the API changes settings through updateOrganization, which needs
 * `update` whatever is changed). Nothing is shown to a viewer who holds none of them.
 */
export function OrganizationSettings({
  organization,
  repositoryRoles,
  onSaved,
}: {
  organization: Settings;
  repositoryRoles: readonly string[];
  onSaved: () => void;
}) {
  const { may } = useOrganization();
  const [name, setName] = useState(organization.name);
  const [defaultRole, setDefaultRole] = useState(organization.defaultRepositoryRole ?? '');
  const [billingEmail, setBillingEmail] = useState(organization.billingEmail ?? '');
  const saving = useAction('Settings saved.');
  // updateOrganization needs `update`; its billingEmail input needs `manage_billing` besides.
  const canUpdate = may.has('update');
  const canBill = canUpdate && may.has('manage_billing');
  if (!canUpdate && !canBill && !may.has('read_billing')) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saving
      .run(async () => {
        await mutate(UpdateOrganization, {
          input: {
            organizationId: organization.id,
            ...(canUpdate ? { name, defaultRepositoryRole: defaultRole || null } : {}),
            ...(canBill ? { billingEmail } : {}),
          },
        });
      })
      .then((saved) => saved && onSaved());
  };
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      {!canUpdate && !canBill ? (
        <p>
          Billing email: <strong>{organization.billingEmail}</strong>
        </p>
      ) : (
        <form onSubmit={submit} className="stacked-form">
          {canUpdate && (
            <>
              <Field label="Organization name">
                {(id) => <input id={id} required value={name} onChange={(event) => setName(event.target.value)} />}
              </Field>
              <Field label="Default repository role">
                {(id) => (
                  <select id={id} value={defaultRole} onChange={(event) => setDefaultRole(event.target.value)}>
                    <option value="">None</option>
                    {repositoryRoles.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          )}
          {canBill ? (
            <Field label="Billing email">
              {(id) => <input id={id} type="email" value={billingEmail} onChange={(event) => setBillingEmail(event.target.value)} />}
            </Field>
          ) : (
            may.has('read_billing') && (
              <p>
                Billing email: <strong>{organization.billingEmail}</strong>
              </p>
            )
          )}
          <button type="submit" disabled={saving.pending}>
            Save settings
          </button>
        </form>
      )}
      <ErrorMessage>{saving.error}</ErrorMessage>
      <DoneMessage>{saving.done}</DoneMessage>
    </section>
  );
}

import { useState } from 'react';
import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { Loading, QueryErrors } from '../ui/messages.js';
import { CustomRoleCard } from './custom-role-card.js';
import { RoleForm } from './role-form.js';

const CustomRolesPageQuery = graphql(`
  query CustomRolesPage($login: String!) {
    organization(login: $login) {
      id
      customRoles {
        id
        name
        description
        resourceType
        permissions
      }
      roleReport {
        holdersPerRole {
          role {
            id
          }
          holders
        }
      }
    }
    builtInRoles {
      name
      resourceType
    }
    permissionCatalog {
      name
      resourceType
      description
    }
  }
`);

/**
 * Custom roles (`manage_roles`): each with its permissions and how many hold it; create, edit and
 * delete (with a role for its holders). The form groups permissions by resource type, each with
 * the catalog's description: never one giant matrix.
 */
export function CustomRolesPage() {
  const organization = useOrganization();
  const { data, errors, loading, reload } = useQuery(CustomRolesPageQuery, { login: organization.login });
  const [creating, setCreating] = useState(false);
  if (loading && !data) return <Loading />;
  const roles = data?.organization?.customRoles ?? [];
  const holders = new Map((data?.organization?.roleReport?.holdersPerRole ?? []).map((entry) => [entry.role.id, entry.holders]));
  const catalog = data?.permissionCatalog ?? [];
  const allRoles = [...(data?.builtInRoles ?? []), ...roles];
  return (
    <section aria-labelledby="custom-roles-heading">
      <h1 id="custom-roles-heading">Custom roles</h1>
      <QueryErrors errors={errors} />
      {organization.may.has('manage_roles') &&
        (creating ? (
          <RoleForm
            catalog={catalog}
            onDone={(saved) => {
              setCreating(false);
              if (saved) reload();
            }}
          />
        ) : (
          <button type="button" onClick={() => setCreating(true)}>
            New role
          </button>
        ))}
      {roles.length === 0 ? (
        <p>This organization has no custom role yet.</p>
      ) : (
        <ul className="card-list">
          {roles.map((role) => (
            <CustomRoleCard
              key={role.id}
              role={role}
              holders={holders.get(role.id) ?? 0}
              catalog={catalog}
              reassignChoices={allRoles
                .filter((other) => other.resourceType === role.resourceType && other.name !== role.name)
                .map((other) => other.name)}
              onChanged={reload}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

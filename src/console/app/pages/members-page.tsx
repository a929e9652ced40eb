import { useState } from 'react';
import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { Loading, QueryErrors } from '../ui/messages.js';
import { AddMemberForm } from './add-member-form.js';
import { assignableRoles } from './assignable-roles.js';
import { MemberRow } from './member-row.js';
import { OffboardMemberPanel, type OffboardedMember } from './offboard-member-panel.js';

const MembersPageQuery = graphql(`
  query MembersPage($login: String!) {
    organization(login: $login) {
      id
      members(first: 100) {
        totalCount
        nodes {
          user {
            id
            login
            name
          }
          role {
            name
          }
        }
      }
      customRoles {
        name
        resourceType
        permissions
      }
    }
    builtInRoles {
      name
      resourceType
      permissions
    }
  }
`);

/**
 * Members and their roles (`read_members`). With `manage_members`: add a member, change a role,
 * remove a member, offering only the roles the viewer may give, or offboard one (a panel below the
 * list, so its report stays once the member has left it); the API's guards have the last word.
 */
export function MembersPage() {
  const organization = useOrganization();
  const { data, errors, loading, reload } = useQuery(MembersPageQuery, { login: organization.login });
  const manages = organization.may.has('manage_members');
  const roles = assignableRoles(
    [...(data?.builtInRoles ?? []), ...(data?.organization?.customRoles ?? [])],
    'ORGANIZATION',
    organization.permissions,
  ).map((role) => role.name);
  const members = data?.organization?.members;
  const [offboarding, setOffboarding] = useState<OffboardedMember>();
  return (
    <section aria-labelledby="members-page-heading">
      <h1 id="members-page-heading">Members</h1>
      {loading && !data ? <Loading /> : <QueryErrors errors={errors} />}
      {members && (
        <table>
          <caption>
            {members.totalCount} members of {organization.name}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Login</th>
              <th scope="col">Role</th>
              {manages && <th scope="col">Manage</th>}
            </tr>
          </thead>
          <tbody>
            {members.nodes.map((member) => (
              <MemberRow
                key={member.user.id}
                member={member}
                roles={manages ? roles : undefined}
                onChanged={reload}
                onOffboard={manages ? () => setOffboarding(member) : undefined}
              />
            ))}
          </tbody>
        </table>
      )}
      {manages && offboarding && (
        <OffboardMemberPanel
          key={offboarding.user.id}
          member={offboarding}
          onOffboarded={reload}
          onClose={() => setOffboarding(undefined)}
        />
      )}
      {manages && <AddMemberForm roles={roles} onAdded={reload} />}
    </section>
  );
}

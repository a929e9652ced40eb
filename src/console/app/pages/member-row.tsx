import { useState } from 'react';
import { mutate, useAction } from '../api/use-action.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { DoneMessage, ErrorMessage } from '../ui/messages.js';

const ChangeMemberRole = graphql(`
  mutation ConsoleChangeMemberRole($input: ChangeMemberRoleInput!) {
    changeMemberRole(input: $input) {
      membership {
        role {
          name
        }
      }
    }
  }
`);

const RemoveMember = graphql(`
  mutation ConsoleRemoveMember($input: RemoveMemberInput!) {
    removeMember(input: $input) {
      organization {
        id
      }
    }
  }
`);

interface Member {
  readonly user: { readonly id: string; readonly login: string; readonly name: string };
  readonly role: { readonly name: string };
}

/**
 * One member; with `roles` (the viewer manages members) a role picker, a remove button and
 * "Offboard" (which opens the page's offboarding panel, `onOffboard`), refusals as sentences.
 */
export function MemberRow({
  member,
  roles,
  onChanged,
  onOffboard,
}: {
  member: Member;
  roles?: readonly string[];
  onChanged: () => void;
  onOffboard?: () => void;
}) {
  const organization = useOrganization();
  const [role, setRole] = useState(member.role.name);
  const action = useAction();
  const { login } = member.user;
  const change = () =>
    void action
      .run(async () => {
        await mutate(ChangeMemberRole, { input: { organizationId: organization.id, userId: member.user.id, role } });
      })
      .then((done) => done && onChanged());
  const remove = () =>
    void action
      .run(async () => {
        await mutate(RemoveMember, { input: { organizationId: organization.id, userId: member.user.id } });
      })
      .then((done) => done && onChanged());
  const offered = roles && (roles.includes(member.role.name) ? roles : [member.role.name, ...roles]);
  return (
    <tr>
      <td>{member.user.name}</td>
      <td>{login}</td>
      <td>{member.role.name}</td>
      {offered && (
        <td>
          <div className="row-controls">
            <select aria-label={`Role of ${login}`} value={role} onChange={(event) => setRole(event.target.value)}>
              {offered.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            {role !== member.role.name && (
              <button type="button" onClick={change} disabled={action.pending}>
                Change role of {login}
              </button>
            )}
            <button type="button" className="danger" onClick={remove} disabled={action.pending}>
              Remove {login}
            </button>
            {onOffboard && (
              <button type="button" className="danger" onClick={onOffboard} disabled={action.pending}>
                Offboard {login}
              </button>
            )}
          </div>
          <ErrorMessage>{action.error}</ErrorMessage>
          <DoneMessage>{action.done}</DoneMessage>
        </td>
      )}
    </tr>
  );
}

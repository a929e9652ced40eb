import { useState, type FormEvent } from 'react';
import { userIdOf } from '../api/find-user.js';
import { mutate, useAction } from '../api/use-action.js';
import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { DoneMessage, ErrorMessage } from '../ui/messages.js';
import { assignableRoles } from './assignable-roles.js';
import { Field } from '../ui/field.js';

const CollaboratorsQuery = graphql(`
  query RepositoryCollaborators($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      id
      viewerPermissions
      collaborators {
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
    organization(login: $owner) {
      id
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

const AssignRepositoryRole = graphql(`
  mutation ConsoleAssignRepositoryRole($input: AssignRepositoryRoleInput!) {
    assignRepositoryRole(input: $input) {
      repository {
        id
      }
    }
  }
`);

const RemoveRepositoryRole = graphql(`
  mutation ConsoleRemoveRepositoryRole($input: RemoveRepositoryRoleInput!) {
    removeRepositoryRole(input: $input) {
      repository {
        id
      }
    }
  }
`);

/**
 * Explicit repository roles (`manage_roles` on the repository): who holds which, assign one (the
 * repository roles, built-in and custom, whose permissions the viewer holds here) or remove one.
 */
export function CollaboratorsSection({ owner, name, repositoryId }: { owner: string; name: string; repositoryId: string }) {
  const { data, reload } = useQuery(CollaboratorsQuery, { owner, name });
  const [login, setLogin] = useState('');
  const [role, setRole] = useState('');
  const action = useAction();
  const roles = assignableRoles(
    [...(data?.builtInRoles ?? []), ...(data?.organization?.customRoles ?? [])],
    'REPOSITORY',
    data?.repository?.viewerPermissions ?? [],
  ).map((choice) => choice.name);
  const chosenRole = role || roles[0] || '';
  const assign = (event: FormEvent) => {
    event.preventDefault();
    void action
      .run(async () => {
        const userId = await userIdOf(login);
        await mutate(AssignRepositoryRole, { input: { repositoryId, userId, role: chosenRole } });
      })
      .then((done) => {
        if (!done) return;
        setLogin('');
        reload();
      });
  };
  const remove = (userId: string) =>
    void action
      .run(async () => {
        await mutate(RemoveRepositoryRole, { input: { repositoryId, userId } });
      })
      .then((done) => done && reload());
  return (
    <section aria-labelledby="collaborators-heading">
      <h2 id="collaborators-heading">Collaborators</h2>
      <ul className="plain-list">
        {data?.repository?.collaborators?.map((collaborator) => (
          <li key={collaborator.user.id}>
            {collaborator.user.name} <span className="muted">({collaborator.user.login})</span>{' '}
            <span className="badge">{collaborator.role.name}</span>
            <button type="button" onClick={() => remove(collaborator.user.id)} disabled={action.pending}>
              Remove role of {collaborator.user.login}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={assign} className="inline-form" aria-label="Assign a repository role">
        <Field label="Login">{(id) => <input id={id} required value={login} onChange={(event) => setLogin(event.target.value)} />}</Field>
        <Field label="Repository role">
          {(id) => (
            <select id={id} value={chosenRole} onChange={(event) => setRole(event.target.value)}>
              {roles.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={action.pending || !chosenRole}>
          Assign role
        </button>
      </form>
      <ErrorMessage>{action.error}</ErrorMessage>
      <DoneMessage>{action.done}</DoneMessage>
    </section>
  );
}

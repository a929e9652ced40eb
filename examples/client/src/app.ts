import { request } from './client.js';
import { MayOnRepository, RepositoriesOf, SignIn } from './operations.js';

/** One row of a repository list as a frontend draws it: which buttons to show. */
export interface RepositoryRow {
  readonly name: string;
  readonly canReadCode: boolean;
  readonly showDeleteButton: boolean;
}

/**
 * A frontend's view of an organization, typed end to end: sign in, list the repositories with the
 * viewer's permissions, and ask `viewerCan(action: delete)` to decide on a button (the typed enum:
 * `'delete'` type-checks, `'dlete'` does not).
 */
export async function repositoryRows(url: string, email: string, password: string, owner: string): Promise<RepositoryRow[]> {
  const signIn = await request(url, SignIn, { email, password });
  const token = signIn.data?.login?.accessToken;
  if (!token) throw new Error(`Sign-in failed: ${signIn.errors.map((error) => error.message).join('; ')}`);
  const listed = await request(url, RepositoriesOf, { owner }, token);
  const repositories = listed.data?.organization?.repositories.nodes ?? [];
  return Promise.all(
    repositories.map(async (repository) => {
      const may = await request(url, MayOnRepository, { owner, name: repository.name, action: 'delete' }, token);
      return {
        name: repository.name,
        canReadCode: repository.viewerPermissions.includes('read_code:repository'),
        showDeleteButton: may.data?.repository?.viewerCan ?? false,
      };
    }),
  );
}

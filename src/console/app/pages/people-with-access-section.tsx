import { useState } from 'react';
import { allPages } from '../api/all-pages.js';
import { useAction } from '../api/use-action.js';
import { useQuery } from '../api/use-query.js';
import { downloadText } from '../download/download-text.js';
import { graphql } from '../gql/index.js';
import { PageButtons, useCursorPages } from '../ui/cursor-pages.js';
import { Field } from '../ui/field.js';
import { ErrorMessage, Loading, QueryErrors } from '../ui/messages.js';
import { AccessPathChips } from './access-path-chips.js';
import { actionOf } from './access-paths.js';
import { holdersCsv, peopleWithAccessFileName } from './people-with-access-csv.js';
import { accessHoldersPage, useAccessHolders, type AccessTarget } from './people-with-access-query.js';

const PermissionCatalogQuery = graphql(`
  query PeopleWithAccessPermissions {
    permissionCatalog {
      name
      resourceType
      description
    }
  }
`);

const pageSize = 20;

/** `Nobody holds`, `1 person holds`, `3 people hold`. */
function holdersCount(count: number): string {
  if (count === 0) return 'Nobody holds';
  return count === 1 ? '1 person holds' : `${count} people hold`;
}

/**
 * "People with access": pick one of the resource type's permissions (the API's catalog), see
 * everyone holding it on the target with every path that gives it, a page at a time, or download
 * the whole list as CSV. Rendered only for viewers the API lets ask (`manage_members` on an
 * organization, `manage_roles` on a repository): the page decides, this section does not check.
 */
export function PeopleWithAccessSection({ target }: { target: AccessTarget }) {
  const catalog = useQuery(PermissionCatalogQuery, {});
  const permissions = (catalog.data?.permissionCatalog ?? []).filter((permission) => permission.resourceType === target.resourceType);
  const [action, setAction] = useState('read');
  const pages = useCursorPages();
  const { holders, errors, loading } = useAccessHolders(target, action, pageSize, pages.after);
  const downloading = useAction();
  const permission = `${action}:${target.resourceType.toLowerCase()}`;
  // Every holder, 100 a page to the end (never a truncated list), then the file.
  const download = () =>
    void downloading.run(async () => {
      const everyone = await allPages((after) => accessHoldersPage(target, action, 100, after));
      downloadText(peopleWithAccessFileName(target, action), holdersCsv(everyone), 'text/csv');
    });
  return (
    <section aria-labelledby="people-with-access-heading">
      <h2 id="people-with-access-heading">People with access</h2>
      <div className="stacked-form">
        <Field label="Permission">
          {(id) => (
            <select
              id={id}
              value={action}
              onChange={(event) => {
                setAction(event.target.value);
                pages.reset();
              }}
            >
              {permissions.map((choice) => (
                <option key={choice.name} value={actionOf(choice.name)}>
                  {actionOf(choice.name)}: {choice.description}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" onClick={download} disabled={downloading.pending}>
          Download CSV
        </button>
      </div>
      <ErrorMessage>{downloading.error}</ErrorMessage>
      <QueryErrors errors={[...catalog.errors, ...errors]} />
      {loading && !holders && <Loading />}
      {holders && (
        <>
          <table aria-busy={loading}>
            <caption>
              {loading
                ? `Loading page ${pages.page}…`
                : `${holdersCount(holders.totalCount)} ${permission} on ${target.label}` +
                  (pages.page > 1 || holders.pageInfo.hasNextPage ? ` (page ${pages.page})` : '')}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Login</th>
                <th scope="col">How</th>
              </tr>
            </thead>
            <tbody>
              {holders.nodes.map(({ user, via }) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.login}</td>
                  <td>
                    <AccessPathChips via={via} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <PageButtons pages={pages} pageInfo={holders.pageInfo} />
        </>
      )}
    </section>
  );
}

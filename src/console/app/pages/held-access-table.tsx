import { AccessPathChips } from './access-path-chips.js';
import { actionOf, permissionsByPaths, type AccessPathShown } from './access-paths.js';

/** One resource where a person holds anything, as `accessOf` and the offboarding report list it. */
export interface HeldResource {
  readonly resourceId: string;
  readonly name: string;
  /** Each permission held, with the paths that give it when they were asked for. */
  readonly permissions: ReadonlyArray<{ readonly permission: string; readonly via?: readonly AccessPathShown[] }>;
}

/**
 * What a person holds: one row per resource, its permissions gathered by the paths that give them
 * (`read, read_code, create_issue` — `contributor (default role)`).
 */
export function HeldAccessTable({ caption, resources }: { caption: string; resources: readonly HeldResource[] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Resource</th>
          <th scope="col">Permissions and how</th>
        </tr>
      </thead>
      <tbody>
        {resources.map((resource) => (
          <tr key={resource.resourceId}>
            <td>{resource.name}</td>
            <td>
              <ul className="plain-list held-permissions">
                {permissionsByPaths(resource.permissions.map(({ permission, via }) => ({ permission, via: via ?? [] }))).map((group) => (
                  <li key={group.permissions.join()}>
                    {group.permissions.map(actionOf).join(', ')} {group.via.length > 0 && <AccessPathChips via={group.via} />}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

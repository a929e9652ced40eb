import { createContext, useContext } from 'react';

/** The organization an organization page is about, and what the viewer may do there (from `viewerPermissions`). */
export interface OrganizationInFrame {
  readonly id: string;
  readonly login: string;
  readonly name: string;
  readonly viewerRole: string | undefined;
  /** Organization permissions by action (`manage_members`), as the API listed them. */
  readonly may: ReadonlySet<string>;
  /** The same permissions by full name (`manage_members:organization`). */
  readonly permissions: readonly string[];
  /** Asks the frame to read the organization again (after a change to the viewer's own access). */
  readonly reload: () => void;
}

/** Set by OrganizationFrame for the page inside it. */
export const OrganizationContext = createContext<OrganizationInFrame | undefined>(undefined);

/** The organization of the current page; only pages inside OrganizationFrame call it. */
export function useOrganization(): OrganizationInFrame {
  const organization = useContext(OrganizationContext);
  if (!organization) throw new Error('useOrganization is for pages inside OrganizationFrame.');
  return organization;
}

/** `["read:organization", "manage_members:organization"]` as the set of actions `{read, manage_members}`. */
export function actionsOf(permissions: readonly string[]): ReadonlySet<string> {
  return new Set(permissions.map((permission) => permission.slice(0, permission.indexOf(':'))));
}

/** Whether a `viewerAccessChanged` event holds the permissions the page shows already (then it need not read itself again). */
export function samePermissions(sent: readonly string[] | undefined, shown: readonly string[] | undefined): boolean {
  if (!sent || !shown || sent.length !== shown.length) return false;
  const shownSet = new Set(shown);
  return sent.every((permission) => shownSet.has(permission));
}

import type { Viewer } from '@rolegate/authz';

/** The signed-in user of a request, with the organization roles their access token carries. */
export interface AuthenticatedViewer extends Viewer {
  readonly id: string;
  /** Organization id -> role name, from verified, current token claims. Organizations absent here are read from the database. */
  readonly organizationRoles: ReadonlyMap<string, string>;
  /** False only when a current token says the user held no direct grant when it was issued (a new grant makes the token stale). */
  readonly mayHoldGrants: boolean;
  /** The platform role from a current token: a name, null for none, undefined when unknown (read from the database). */
  readonly platformRole?: string | null;
  /** The access token this request came with, for logout; absent for external identity providers' tokens. */
  readonly token?: { readonly jti: string; readonly expiresAt: number; readonly sessionId: string | undefined };
}

import type { GitClubAuthorizer } from '../access/gitclub-authorizer.js';
import { requireViewer, type RequestContext } from '../context.js';

/**
 * Who changes access: a signed-in user, whose guards check what they hold, or the system (an
 * operator's command, the legacy rollout), which holds nothing and is trusted as the database's
 * owner: guards about what the actor holds pass for it, guards about the state (the last admin,
 * an assignment already there) do not.
 */
export type Actor =
  | { readonly kind: 'user'; readonly id: string; readonly authorizer: GitClubAuthorizer }
  | { readonly kind: 'system'; readonly id: null; readonly name: string };

/** The signed-in viewer as the actor of a change (UNAUTHENTICATED without one). */
export function viewerActor(context: RequestContext): Actor {
  const { viewer, authorizer } = requireViewer(context);
  return { kind: 'user', id: viewer.id, authorizer };
}

/** A command or the system as the actor of a change, named in the audit log's request id. */
export function systemActor(name: string): Actor {
  return { kind: 'system', id: null, name };
}

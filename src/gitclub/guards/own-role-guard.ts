import type { Actor } from '../access-write/actor.js';
import { requireViewer, type RequestContext } from '../context.js';
import { refusal } from '../../errors/refusal.js';
import { requireUuid } from '../validation.js';

/**
 * Refuses giving, changing or removing one's own role assignment (a membership, an explicit
 * repository role): whoever manages roles, even through a temporary grant, cannot turn that into
 * a permanent role of their own, nor drop a lower explicit role to fall back on a higher default.
 * Note: leaving an organization (`removeMember` on oneself) stays possible: it only takes away.
 */
export function assertNotOwnRole(actorId: string, targetUserId: string): void {
  if (actorId === targetUserId) {
    throw refusal('OWN_ROLE', 'You cannot give, change or remove your own role or grant; ask someone else who manages roles.');
  }
}

/**
 * The actor of a role change and the user it targets (the `input.userId` argument, checked):
 * OWN_ROLE when they are the same person.
 */
export function roleChangeTarget(context: RequestContext, userIdArgument: string) {
  const { viewer, authorizer } = requireViewer(context);
  const userId = requireUuid(userIdArgument, 'input.userId');
  assertNotOwnRole(viewer.id, userId);
  return { viewer, authorizer, userId };
}

/** The write path's guard: OWN_ROLE when a signed-in actor changes their own role or grant (a command has none). */
export function notOwnRole({ actor, userId }: { readonly actor: Actor; readonly userId: string }): void {
  if (actor.kind === 'user') assertNotOwnRole(actor.id, userId);
}

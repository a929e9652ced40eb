import { refusal } from '../errors.js';

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

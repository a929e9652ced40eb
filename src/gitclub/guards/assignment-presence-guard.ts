import { badUserInputError } from '../../errors/graphql-errors.js';
import type { RoleChangeState } from '../access-write/access-states.js';
import { refusal } from '../../errors/refusal.js';

type Presence = Pick<RoleChangeState, 'place' | 'current'>;

/** ALREADY_EXISTS when a membership is given to someone who is a member already (changing it is another change). */
export function noAssignmentYet({ place, current }: Presence): void {
  if (!current) return;
  const message =
    place.resourceType === 'organization'
      ? 'That user is already a member; use changeMemberRole.'
      : `That user already holds a role on this ${place.resourceType}.`;
  throw refusal('ALREADY_EXISTS', message, { argument: 'input.userId' });
}

/** BAD_USER_INPUT when changing or removing an assignment the user does not hold. */
export function holdsAssignment({ place, current }: Presence): void {
  if (current) return;
  const message =
    place.resourceType === 'organization'
      ? 'That user is not a member of the organization.'
      : `That user holds no explicit role on this ${place.resourceType}.`;
  throw badUserInputError(message, { argument: 'input.userId' });
}

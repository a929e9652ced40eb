import type { RequestedGrantState } from '../access-write/access-states.js';
import { refusal } from '../../errors/refusal.js';

/**
 * REQUESTER_NOT_MEMBER when the requester can no longer see what they asked about (they left the
 * organization, or the role or grant that showed it to them ended): approving would hand an
 * outsider a way back in.
 */
export function requesterStillSees({ requesterDecision }: RequestedGrantState): void {
  if (requesterDecision === 'not_found') {
    throw refusal('REQUESTER_NOT_MEMBER', 'The requester can no longer see this resource (they left, or lost access); deny the request.', {
      argument: 'input.requestId',
    });
  }
}

/**
 * ALREADY_HELD when the requester has been given the permission since asking: a redundant grant
 * would outlive a later demotion.
 */
export function requesterLacksPermission({ requesterDecision, grant }: RequestedGrantState): void {
  if (requesterDecision === 'allow') {
    throw refusal('ALREADY_HELD', `The requester holds "${grant.permission}" here already; deny the request, there is nothing to grant.`, {
      argument: 'input.requestId',
    });
  }
}

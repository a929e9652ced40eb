import { holdsAssignment, noAssignmentYet } from '../guards/assignment-presence-guard.js';
import {
  holdersHaveSomewhereToGo,
  holdsReassignedRole,
  mayReassignHolders,
  replacementIsAnotherRole,
} from '../guards/custom-role-guard.js';
import { holdsGrantedPermission, mayGiveFallback, mayGiveRole } from '../guards/escalation-guard.js';
import { keepsAnAdmin } from '../guards/last-admin-guard.js';
import { notOwnRole } from '../guards/own-role-guard.js';
import { notOwnAccess } from '../guards/own-access-guard.js';
import { itemUndecided, reviewOpen } from '../guards/review-item-open-guard.js';
import { requesterLacksPermission, requesterStillSees } from '../guards/requester-guard.js';
import { mayTakeCurrentRole, mayTakeHeldOnRepository } from '../guards/target-guard.js';
import { targetUserActive, targetUserExists } from '../guards/target-user-guard.js';
import type {
  Guard,
  GrantState,
  ReassignState,
  RequestedGrantState,
  ReviewDecisionState,
  RevokeState,
  RoleChangeState,
} from './access-states.js';

/** A change of the write path, by kind and, for role changes, by where the role is held. */
export type GuardedChange =
  | 'assign:organization'
  | 'change:organization'
  | 'remove:organization'
  | 'assign:repository'
  | 'change:repository'
  | 'remove:repository'
  | 'assign:platform'
  | 'change:platform'
  | 'remove:platform'
  | 'creator'
  | 'reassignAll'
  | 'grant'
  | 'grant:request'
  | 'revoke'
  | 'decide:review-item';

/** The state each change's guards read (see access-states.ts). */
interface GuardStates {
  readonly 'assign:organization': RoleChangeState;
  readonly 'change:organization': RoleChangeState;
  readonly 'remove:organization': RoleChangeState;
  readonly 'assign:repository': RoleChangeState;
  readonly 'change:repository': RoleChangeState;
  readonly 'remove:repository': RoleChangeState;
  readonly 'assign:platform': RoleChangeState;
  readonly 'change:platform': RoleChangeState;
  readonly 'remove:platform': RoleChangeState;
  readonly creator: RoleChangeState;
  readonly reassignAll: ReassignState;
  readonly grant: GrantState;
  readonly 'grant:request': RequestedGrantState;
  readonly revoke: RevokeState;
  readonly 'decide:review-item': ReviewDecisionState;
}

/**
 * Every guard of every change to access, in the order they run (the first refusal answers). The
 * compiler holds the table to every kind of change (a new kind fails the typecheck until it has a
 * row) and each guard to the state it reads (a guard listed where that state does not exist fails
 * too). Adding a guard: write it in guards/ (one file, one concept) and list it here.
 *
 * Note: guards run inside the change's transaction, after its locks: what they read of the target
 * is what the write replaces. What they ask of the actor's authorizer was loaded before the
 * transaction opened (see `prepareActor`).
 */
export const guardTable = {
  // Leaving is always possible (own membership); changing or giving one's own role never is.
  'assign:organization': [notOwnRole, targetUserExists, mayGiveRole, noAssignmentYet],
  'change:organization': [notOwnRole, holdsAssignment, mayTakeCurrentRole, mayGiveRole, keepsAnAdmin],
  'remove:organization': [holdsAssignment, mayTakeCurrentRole, keepsAnAdmin],
  'assign:repository': [notOwnRole, targetUserExists, mayTakeHeldOnRepository, mayGiveRole],
  'change:repository': [notOwnRole, targetUserExists, mayTakeHeldOnRepository, mayGiveRole],
  'remove:repository': [notOwnRole, holdsAssignment, mayTakeHeldOnRepository, mayGiveFallback],
  // Platform roles change by an operator's command only (no mutation gives them).
  'assign:platform': [targetUserExists],
  'change:platform': [targetUserExists],
  'remove:platform': [],
  // The creator of an organization or repository: nothing to weigh, they made it.
  creator: [],
  reassignAll: [holdsReassignedRole, holdersHaveSomewhereToGo, replacementIsAnotherRole, mayReassignHolders],
  grant: [holdsGrantedPermission, notOwnRole, targetUserExists],
  // Approving a request re-checks the requester at the moment of the write: still there, still able to see it, still lacking it.
  'grant:request': [notOwnRole, holdsGrantedPermission, targetUserExists, targetUserActive, requesterStillSees, requesterLacksPermission],
  revoke: [],
  // Deciding an access review item: not one's own, not decided yet, the review still open. A REVOKE then runs
  // the guards of the removal it makes (remove:organization, remove:repository or revoke).
  'decide:review-item': [notOwnAccess, itemUndecided, reviewOpen],
} as const satisfies { readonly [Change in GuardedChange]: readonly Guard<GuardStates[Change]>[] };

/** Runs a change's guards in order; the first refusal throws. */
export async function runGuards<Change extends GuardedChange>(change: Change, state: GuardStates[Change]): Promise<void> {
  for (const guard of guardTable[change] as readonly Guard<GuardStates[Change]>[]) await guard(state);
}

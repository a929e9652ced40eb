import type { EntityManager } from '../../db/database.js';
import type { NewGrant } from './grant-rows.js';
import type { CustomRole, RoleHolder } from '../role/custom-role.js';
import type { RoleView } from '../role/role-view.js';
import type { Actor } from './actor.js';
import type { Place } from './place.js';
import type { ReviewedItem } from '../access-review/find-review-item.js';

/** An explicit role assignment as stored: its row and its role. */
export interface Assignment {
  readonly id: string;
  readonly role: RoleView;
}

/** What a role change's guards look at, loaded inside its transaction after its locks. */
export interface RoleChangeState {
  readonly tx: EntityManager;
  readonly actor: Actor;
  /** Whose role changes. */
  readonly userId: string;
  readonly place: Place;
  /** The explicit assignment held there now, if any. */
  readonly current: Assignment | undefined;
  /** The role held there after the change; undefined when it is taken away. */
  readonly next: RoleView | undefined;
}

/** What a grant's guards look at. */
export interface GrantState {
  readonly tx: EntityManager;
  readonly actor: Actor;
  /** The grantee. */
  readonly userId: string;
  readonly grant: NewGrant;
}

/** What approving an access request adds: the requester's own decision on what they asked for, taken just before the write. */
export interface RequestedGrantState extends GrantState {
  readonly requesterDecision: 'allow' | 'forbidden' | 'not_found';
}

/** What moving every holder of a custom role to another role looks at. */
export interface ReassignState {
  readonly tx: EntityManager;
  readonly actor: Actor;
  /** The role as it is now, its row locked. */
  readonly role: CustomRole;
  /** Where its holders go; undefined when none was named. */
  readonly replacement: RoleView | undefined;
  readonly holders: readonly RoleHolder[];
}

/** What revoking a grant looks at. */
export interface RevokeState {
  readonly tx: EntityManager;
  readonly actor: Actor;
  readonly grant: { readonly id: string; readonly userId: string; readonly organizationId: string };
}

/** What deciding an item of an access review looks at, read under its organization's lock. */
export interface ReviewDecisionState {
  readonly tx: EntityManager;
  readonly actor: Actor;
  /** The item and its review as they are now. */
  readonly reviewed: ReviewedItem;
  /** The moment of the decision, against the review's due date (the sweep's clock, or now). */
  readonly now: Date;
}

/** A guard: refuses a change by throwing one of the refusals of the error list; returns when it may go on. */
export type Guard<State> = (state: State) => void | Promise<void>;

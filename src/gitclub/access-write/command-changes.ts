import type { UserVersions } from '../../auth/session-store.js';
import type { EntityManager } from '../../db/database.js';
import { runUnitOfWork, type UnitOfWork } from '../access-changes.js';
import { systemActor } from './actor.js';
import { applyRoleChange, type RoleChangeOutcome, type RoleChangeRequest } from './role-changes.js';

/** An operator's command that changes access: its name (in the audit entries) and where raised versions go. */
export interface AccessCommand {
  readonly em: EntityManager;
  /** The command's name, recorded as the actor of its changes (`after.actor`). */
  readonly name: string;
  /** The request id its audit entries carry (`cli:platform`, `migration:legacy`). */
  readonly requestId: string;
  /** Publishes raised versions after commit (the shared session store, when there is one). */
  readonly publish: (pending: readonly [string, UserVersions][]) => Promise<void>;
}

/**
 * Runs a command's role changes in one unit of work, each through the write path's pipeline as
 * the system (see `Actor`): the guards about the state still hold (the last admin, an assignment
 * already there); those about what an actor holds do not, an operator holds the database.
 */
export async function changeRolesAsCommand<T>(
  command: AccessCommand,
  work: (change: (request: RoleChangeRequest) => Promise<RoleChangeOutcome>, unit: UnitOfWork) => Promise<T>,
): Promise<T> {
  const actor = systemActor(command.name);
  const { result } = await runUnitOfWork(
    { em: command.em, actorId: null, requestId: command.requestId, publish: command.publish },
    (unit) => work((request) => applyRoleChange(unit, actor, request), unit),
  );
  return result;
}

import { runUnitOfWork } from '../access-changes.js';
import { systemActor } from './actor.js';
import type { AccessCommand } from './command-changes.js';
import { offboardInUnit, type Offboarding, type OffboardingReport } from './offboard-member.js';

/** Thrown to roll a dry run's unit of work back, carrying what it would have done. */
class DryRun extends Error {
  constructor(readonly report: OffboardingReport) {
    super('dry run');
  }
}

/**
 * An operator's offboarding (`npm run offboard`), as the system, through the same unit-of-work
 * function as `offboardMember`. A dry run does all of it and then rolls it back: its report is
 * exactly what a real run would do, and nothing is written, audited or published.
 */
export async function offboardAsCommand(command: AccessCommand, offboarding: Offboarding, dryRun: boolean): Promise<OffboardingReport> {
  const actor = systemActor(command.name);
  try {
    const { result } = await runUnitOfWork(
      { em: command.em, actorId: null, requestId: command.requestId, publish: command.publish },
      async (unit) => {
        const report = await offboardInUnit(unit, actor, offboarding);
        if (dryRun) throw new DryRun(report);
        return report;
      },
    );
    return result;
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}

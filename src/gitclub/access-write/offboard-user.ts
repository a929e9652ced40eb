import type { RequestContext } from '../context.js';
import { transact } from '../access-changes.js';
import { organizationsOfHolder } from '../access-holders/organizations-of-holder.js';
import { setSuspendedInUnit } from '../platform/suspend-user.js';
import { systemActor } from './actor.js';
import { offboardInUnit, type OffboardingReport } from './offboard-member.js';

/** One organization's part of a user's offboarding. */
export interface OrganizationOffboarding {
  readonly organization: { readonly id: string; readonly login: string };
  readonly report: OffboardingReport;
}

/**
 * A platform admin's offboarding of a user from the whole platform, in one unit of work: every
 * organization where they hold anything (as `offboardMember` does, each audited there), then their
 * suspension (their sessions end with the unit). The platform admin holds no role in those
 * organizations, so the changes run as the platform (`systemActor`): the guards about the state
 * still hold, and the last admin of an organization refuses the whole offboarding.
 */
export function offboardUser(context: RequestContext, userId: string, reason: string): Promise<OrganizationOffboarding[]> {
  const actor = systemActor('offboardUser');
  return transact(context, async (unit) => {
    const offboardings: OrganizationOffboarding[] = [];
    for (const organization of await organizationsOfHolder(unit.tx, userId)) {
      const report = await offboardInUnit(unit, actor, { organizationId: organization.id, userId, reason });
      offboardings.push({ organization, report });
    }
    await setSuspendedInUnit(unit, userId, true);
    return offboardings;
  });
}

import type { GitClubAuthorizer } from '../access/gitclub-authorizer.js';
import type { TenantPermission } from '../grant/tenant-permission.js';
import { refusal } from '../../errors/refusal.js';

/** ALREADY_HELD when the viewer asks for access they hold: there is nothing to ask for. */
export async function assertNotHeldAlready(authorizer: GitClubAuthorizer, target: TenantPermission): Promise<void> {
  if (await authorizer.can(target.permission, target.resourceType, target.resourceId)) {
    throw refusal('ALREADY_HELD', `You already have "${target.permission}" here; there is nothing to ask for.`, {
      argument: 'input.permission',
    });
  }
}

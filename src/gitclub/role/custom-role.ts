import type { CustomRoleResourceType } from '../resources.js';
import type { RoleView } from './role-view.js';

/** A custom role as the role mutations load it: of one organization, on organizations or repositories. */
export interface CustomRole extends RoleView {
  readonly organizationId: string;
  readonly resourceType: CustomRoleResourceType;
}

/** One assignment of a role: who holds it, on which organization or repository. */
export interface RoleHolder {
  readonly user_id: string;
  readonly resource_id: string;
}

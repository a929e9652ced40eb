import type { Authorizer } from '@rolegate/authz';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { Permission } from '../policy/policy.js';

/**
 * The core's per-request authorizer as GitClub uses it: deciding for a signed-in user, over the
 * policy's permissions only (`authorize('manage_member:organization', ...)` fails the typecheck, as
 * does a permission of one resource type checked on another).
 */
export type GitClubAuthorizer = Authorizer<AuthenticatedViewer, Permission>;

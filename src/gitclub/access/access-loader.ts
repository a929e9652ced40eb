import type { AccessSource } from '@rolegate/authz';
import type { AuthenticatedViewer } from '../../auth/viewer.js';

/**
 * What a resource type's access module supplies: how to load access for a batch. The rest of its
 * access source (the type it answers for, its visibility) comes from the resource registry.
 */
export type AccessLoader = Pick<AccessSource<AuthenticatedViewer>, 'loadAccess'>;

import type { ViewerAccess } from './viewer-access.js';

/**
 * What an access source may ask while loading: the viewer's access on another resource (an
 * issue's repository, say), batched with every other lookup of the request.
 */
export interface AccessLookup {
  access(resourceType: string, resourceId: string): Promise<ViewerAccess | null>;
}

import type { AccessLookup } from './access-lookup.js';
import type { Viewer } from './viewer.js';
import type { ViewerAccess } from './viewer-access.js';

/**
 * Where the core learns what a viewer may do on resources of one type. The application supplies
 * one per resource type; the core batches calls through a per-request DataLoader.
 */
export interface AccessSource<TViewer extends Viewer = Viewer> {
  readonly resourceType: string;
  /** Without this permission the resource is invisible: denials answer NOT_FOUND, not FORBIDDEN. */
  readonly visibilityPermission?: string;
  /**
   * Loads access for a whole batch of ids: one entry per id, in order, null where the resource
   * does not exist. Expected to cost at most one query per call. Related resources (an issue's
   * repository, say) are asked through `lookup`, so they batch too.
   */
  loadAccess(ids: readonly string[], viewer: TViewer, lookup: AccessLookup): Promise<(ViewerAccess | null)[]>;
}

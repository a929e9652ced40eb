import type { Denial } from '@rolegate/authz';
import type { Logger } from './logger.js';

/** What a denial line says besides the denial: which request, which viewer. */
export interface DenialContext {
  readonly requestId: string;
  readonly viewer: { readonly id: string } | null;
}

/**
 * One `authorization denied` line per denial: where (the schema coordinate), what (permission,
 * resource type and id), what the client saw (NOT_FOUND or FORBIDDEN), for which request and
 * viewer. Serves both `buildSchema({ onDenied })` and the authorizer's checks in resolvers.
 */
export function denialLogger(logger: Logger): (denial: Denial, context: DenialContext) => void {
  return (denial, context) => {
    logger.info(
      {
        requestId: context.requestId,
        viewerId: context.viewer?.id ?? null,
        coordinate: denial.coordinate,
        permission: denial.permission,
        resourceType: denial.resourceType,
        resourceId: denial.resourceId,
        outcome: denial.outcome.toUpperCase(),
      },
      'authorization denied',
    );
  };
}

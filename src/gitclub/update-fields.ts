import type { EntityManager } from '../db/database.js';
import { transact } from './access-changes.js';
import type { RequestContext } from './context.js';

/**
 * The edit mutations' one shape: in a unit of work, load the row (NOT_FOUND as `load` decides) and
 * set the fields the client sent, already validated; a field left undefined keeps its value, null
 * clears it. The fields are content: access stays as the request resolved it.
 */
export function updateFields<T extends object>(
  context: RequestContext,
  load: (tx: EntityManager) => Promise<T>,
  changes: { readonly [K in keyof T]?: T[K] | undefined },
): Promise<T> {
  return transact(
    context,
    async ({ tx }) => {
      const found = await load(tx);
      for (const [field, value] of Object.entries(changes)) if (value !== undefined) Object.assign(found, { [field]: value });
      return found;
    },
    { contentOnly: true },
  );
}

import type { EntityManager } from '../../db/database.js';
import type { AccessHooks } from '../access/access-hooks.js';
import { recordAudit } from './record-audit.js';

/**
 * Access hooks that audit every tenant read made through platform support: one `support.read`
 * entry per organization per request, written before the data is returned.
 */
export function supportReadAudit(em: () => EntityManager, actorId: string, requestId: string): AccessHooks {
  const audited = new Map<string, Promise<void>>();
  return {
    onSupportRead(organizationId) {
      let written = audited.get(organizationId);
      if (!written) {
        const fork = em();
        recordAudit(fork, {
          organizationId,
          actorId,
          action: 'support.read',
          resourceType: 'organization',
          resourceId: organizationId,
          requestId,
        });
        written = fork.flush();
        audited.set(organizationId, written);
      }
      return written;
    },
  };
}

import { Router } from 'express';
import type { JSONWebKeySet } from 'jose';
import type { SessionStore } from '../auth/session-store.js';
import type { Database } from '../db/database.js';
import type { Logger } from './logger.js';

/** What the health routes look at. */
export interface HealthDependencies {
  readonly db: Database;
  readonly sessions: SessionStore;
  readonly jwks: JSONWebKeySet;
  /** The rollout mode, cohorts and disagreement counters, shown on readiness. */
  readonly rollout?: () => unknown;
  /** Where a failing check's reason goes: the response says only which check fails. */
  readonly logger?: Logger;
  /** How long a check may take before it counts as failing; `readinessTimeoutMs` by default. */
  readonly checkTimeoutMs?: number;
  /** True once the server drains before stopping: `/readyz` answers 503 at once, whatever the checks would say. */
  readonly draining?: () => boolean;
}

/**
 * How long a readiness check may take. Note: a database that is gone does not always say so: a
 * pool with no free connection, or a host that stopped answering, keeps a query waiting, and a
 * readiness probe that waits with it tells the orchestrator nothing until its own timeout.
 */
export const readinessTimeoutMs = 2000;

/**
 * `GET /healthz` (the process is up), `GET /readyz` (the database and the session store answer,
 * each within `checkTimeoutMs`, and the server is not draining before a stop: 503 otherwise) and `GET /.well-known/jwks.json` (the public keys
 * tokens are verified with).
 */
export function healthRoutes({
  db,
  sessions,
  jwks,
  rollout,
  logger,
  checkTimeoutMs = readinessTimeoutMs,
  draining = () => false,
}: HealthDependencies): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    if (draining()) {
      response.status(503).json({ status: 'draining' });
      return;
    }
    const [database, sessionStore] = await Promise.all([
      probe('database', () => db.em.fork().execute('select 1'), checkTimeoutMs, logger),
      probe('sessionStore', () => sessions.ping(), checkTimeoutMs, logger),
    ]);
    const checks = { database, sessionStore };
    const ready = Object.values(checks).every((check) => check === 'ok');
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks, rollout: rollout?.() });
  });
  router.get('/.well-known/jwks.json', (_request, response) => {
    response.set('cache-control', 'public, max-age=300').json(jwks);
  });
  return router;
}

// An error message can name internal hosts and users: it is logged, never answered.
async function probe(
  name: string,
  check: () => Promise<unknown>,
  timeoutMs: number,
  logger: Logger | undefined,
): Promise<'ok' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${timeoutMs} ms.`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch (error) {
    logger?.warn({ check: name, err: error }, 'readiness check failed');
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

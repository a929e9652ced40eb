import type { Authorizer } from '@rolegate/authz';
import { unauthenticatedError } from '@rolegate/authz';
import type { AccessTokens } from '../auth/access-tokens.js';
import type { SessionStore } from '../auth/session-store.js';
import type { ClientSignInThrottle } from '../auth/sign-in-throttle.js';
import type { AuthenticatedViewer } from '../auth/viewer.js';
import type { EntityManager } from '../db/database.js';
import type { RequestLog } from '../http/request-logging.js';
import type { RequestRollout } from './legacy/rollout.js';
import type { Loaders } from './loaders.js';

/** Everything one GraphQL request carries; created per request and dropped with it. */
export interface RequestContext {
  readonly requestId: string;
  /** This request's log line, which operation logging fills in (src/http/request-logging.ts). */
  readonly requestLog: RequestLog;
  readonly viewer: AuthenticatedViewer | null;
  readonly authorizer: Authorizer<AuthenticatedViewer> | null;
  /** A fresh authorizer deciding for another user (explanations), sharing this request's entity manager. */
  readonly authorizerFor: (subject: AuthenticatedViewer) => Authorizer<AuthenticatedViewer>;
  /** A fork of the entity manager, private to this request. */
  readonly em: EntityManager;
  readonly loaders: Loaders;
  readonly tokens: AccessTokens;
  readonly sessions: SessionStore;
  /** Throttles login, signUp and refreshToken for this request's client IP (`RATE_LIMIT_*`). */
  readonly signInThrottle: ClientSignInThrottle;
  readonly refreshTokenLifetimeSeconds: number;
  /** Longest a direct grant may last, in days (`GRANT_MAX_DAYS`). */
  readonly grantMaxDays: number;
  /** Whether the legacy system has the final say for this viewer (shadow and legacy modes). */
  readonly rollout: RequestRollout;
}

/** The signed-in viewer and their authorizer, or UNAUTHENTICATED. */
export function requireViewer(context: RequestContext): { viewer: AuthenticatedViewer; authorizer: Authorizer<AuthenticatedViewer> } {
  if (!context.viewer || !context.authorizer) throw unauthenticatedError();
  return { viewer: context.viewer, authorizer: context.authorizer };
}

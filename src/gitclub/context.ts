import { Authorizer, ShadowArbiter, unauthenticatedError, type AuthorizerOptions, type Denial } from '@rolegate/authz';
import type { AccessTokens } from '../auth/access-tokens.js';
import { authenticate, type Authentication } from '../auth/authenticate.js';
import type { SessionStore } from '../auth/session-store.js';
import type { ClientSignInThrottle, SignInThrottle } from '../auth/sign-in-throttle.js';
import type { AuthenticatedViewer } from '../auth/viewer.js';
import type { Database, EntityManager } from '../db/database.js';
import { noAccessHooks } from './access/access-hooks.js';
import { gitClubAccessSources } from './access/index.js';
import { supportReadAudit } from './audit/support-read-audit.js';
import type { RequestRollout, Rollout } from './legacy/rollout.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { GitClubAuthorizer } from './access/gitclub-authorizer.js';
import { DecisionTally } from '../metrics/decision-tally.js';
import { recordDecisionEvent } from '../tracing/decision-events.js';
import { readableRepositoryPage } from './repository/readable-repositories.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Permission } from './policy/policy.js';
import { asDatabaseUnavailable } from '../errors/database-unavailable.js';
import type { IdempotencySlot } from '../idempotency/idempotent-mutations.js';
import type { LiveEvent } from '../subscriptions/live-event.js';
import type { LiveFeed } from '../subscriptions/live-feed.js';
import type { RepositoryWriteAccess } from './access/repository-write-access.js';

/** Everything one GraphQL request carries; created per request and dropped with it. */
export interface RequestContext {
  readonly requestId: string;
  readonly viewer: AuthenticatedViewer | null;
  readonly authorizer: GitClubAuthorizer | null;
  /** A fresh authorizer deciding for another user (explanations), sharing this request's entity manager. */
  readonly authorizerFor: (subject: AuthenticatedViewer) => GitClubAuthorizer;
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
  /** The request's authorization decisions, counted for the metrics when they are on. */
  readonly decisionTally?: DecisionTally;
  /** The request's hold on its Idempotency-Key, once the idempotency plugin has claimed it (a keyed mutation). */
  readonly idempotency: IdempotencySlot;
  /** Tells live subscribers (every instance) of content that changed, after its commit; a no-op without a live server. */
  readonly publishLive: (event: LiveEvent) => void;
  /** The subscription's event stream: present only for a subscription over WebSocket. */
  readonly live?: LiveFeed;
  /** What writes read of their viewers' access to repositories, kept across requests while it is current (the server's one). */
  readonly repositoryWriteAccess: RepositoryWriteAccess;
}

/** Records one denial of the viewer's own checks, with the request and viewer it happened to (the server logs it). */
export type DenialRecorder = (denial: Denial, request: { readonly requestId: string; readonly viewer: AuthenticatedViewer | null }) => void;

/** The long-lived services every request context is built from: created once when the server starts. */
export interface RequestContextServices {
  readonly db: Database;
  /** Verifies bearer tokens; its `tokens` and `sessions` are also the ones the context hands to resolvers. */
  readonly authentication: Authentication;
  readonly rollout: Rollout;
  readonly signInThrottle: SignInThrottle;
  readonly onDenied: DenialRecorder;
  /** Denials carry an explanation (`AUTHZ_DEBUG`). */
  readonly explainDenials: boolean;
  readonly refreshTokenLifetimeSeconds: number;
  readonly grantMaxDays: number;
  /** The server's metrics, when they are on: each request tallies its decisions and access batches. */
  readonly metrics?: Metrics;
  /** Add each of the viewer's authorization decisions to the active trace span (tracing is on). */
  readonly traceDecisions?: boolean;
  /** Where content changes are published for live subscribers (the event bus); none, no live updates. */
  readonly publishLive?: (event: LiveEvent) => void;
  /** What writes read of their viewers' access to repositories: one per database, shared by its requests. */
  readonly repositoryWriteAccess: RepositoryWriteAccess;
}

/** What the transport knows of one request, whatever it is (HTTP today). */
export interface IncomingRequest {
  readonly requestId: string;
  /** The `Authorization` header, if any. */
  readonly authorization: string | undefined;
  /** The client's address, which sign-in throttling keys on. */
  readonly clientIp: string | undefined;
}

/**
 * Builds one request's context: authenticates the viewer (a 401 refusal for a bad token), forks the
 * entity manager and builds the viewer's authorizer over the GitClub access sources, in shadow
 * mode behind the legacy arbiter. Support reads are audited and denials recorded for the viewer
 * only; explaining another user's access reads nothing of the tenant.
 */
export async function createRequestContext(services: RequestContextServices, request: IncomingRequest): Promise<RequestContext> {
  const { db, authentication, rollout } = services;
  // A database gone while the token is checked answers 503, as one gone under a resolver does.
  const viewer = await authenticate(request.authorization, authentication).catch((error: unknown) => {
    throw asDatabaseUnavailable(error);
  });
  const em = db.em.fork();
  const { requestId } = request;
  const { metrics } = services;
  const decisionTally = metrics ? new DecisionTally() : undefined;
  const onBatch =
    metrics && ((resourceType: string, size: number) => metrics.batchSizes.observe({ loader: `access:${resourceType}` }, size));
  const onLoaderBatch = metrics && ((loader: string, size: number) => metrics.batchSizes.observe({ loader }, size));
  const onDecision = bothOf(decisionTally?.record, services.traceDecisions ? recordDecisionEvent : undefined);
  const authorizerFor = (subject: AuthenticatedViewer) => {
    const own = subject === viewer;
    const requestSources = gitClubAccessSources(
      () => em,
      own ? supportReadAudit(() => db.em.fork(), subject.id, requestId) : noAccessHooks,
    );
    const legacy = rollout.optionsFor(() => em);
    return new Authorizer<AuthenticatedViewer, Permission>({
      viewer: subject,
      sources: requestSources,
      explainDenials: services.explainDenials,
      arbiter:
        legacy && legacy.mode !== 'enforce'
          ? new ShadowArbiter(legacy, subject, (type) => requestSources.get(type)?.visibilityPermission)
          : undefined,
      onDenied: own ? (denial) => services.onDenied(denial, { requestId, viewer }) : undefined,
      onDecision: own ? onDecision : undefined,
      onBatch,
    });
  };
  const context: RequestContext = {
    requestId,
    viewer,
    authorizer: viewer ? authorizerFor(viewer) : null,
    authorizerFor,
    em,
    loaders: createLoaders(
      em,
      viewer,
      (page) => {
        if (!viewer || !context.authorizer) return Promise.reject(unauthenticatedError());
        const scope = { em, viewer, authorizer: context.authorizer, rollout: context.rollout };
        const organizationIds = async () =>
          (await context.loaders.memberships.load(viewer.id)).map((membership) => membership.organization.id);
        return readableRepositoryPage({ ...scope, organizationIds }, page);
      },
      onLoaderBatch,
    ),
    tokens: authentication.tokens,
    sessions: authentication.sessions,
    signInThrottle: services.signInThrottle.forClient(request.clientIp),
    refreshTokenLifetimeSeconds: services.refreshTokenLifetimeSeconds,
    grantMaxDays: services.grantMaxDays,
    rollout: rollout.forViewer(viewer),
    decisionTally,
    idempotency: {},
    publishLive: services.publishLive ?? (() => {}),
    repositoryWriteAccess: services.repositoryWriteAccess,
  };
  return context;
}

/** The signed-in viewer and their authorizer, or UNAUTHENTICATED. */
export function requireViewer(context: RequestContext): { viewer: AuthenticatedViewer; authorizer: GitClubAuthorizer } {
  if (!context.viewer || !context.authorizer) throw unauthenticatedError();
  return { viewer: context.viewer, authorizer: context.authorizer };
}

type DecisionObserver = NonNullable<AuthorizerOptions['onDecision']>;

/** One decision observer calling both (or the one that is there). */
function bothOf(first: DecisionObserver | undefined, second: DecisionObserver | undefined): DecisionObserver | undefined {
  if (!first || !second) return first ?? second;
  return (decision, site, check) => {
    first(decision, site, check);
    second(decision, site, check);
  };
}

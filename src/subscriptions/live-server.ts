import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticate } from '../auth/authenticate.js';
import { clientError } from '../errors/graphql-errors.js';
import { formattedLiveError, liveRequestError, subscriptionLimitError } from '../errors/subscription-errors.js';
import { clientIpOf } from '../http/client-ip.js';
import { createRequestContext, type RequestContext, type RequestContextServices } from '../gitclub/context.js';
import type { DocumentLimits } from '../http/document-limits.js';
import type { Logger } from '../http/logger.js';
import type { ListSizes } from '../http/query-cost.js';
import type { QueryLimits } from '../http/query-limits.js';
import type { LiveMetrics } from '../metrics/live-metrics.js';
import { endOnLostAccess } from './end-on-lost-access.js';
import { EventContexts } from './event-contexts.js';
import { divertClientProtocolErrors } from './client-protocol-errors.js';
import type { EventBus } from './event-bus.js';
import { closeCodes, closeReason, type LiveConnection } from './live-connection.js';
import { LiveConnections } from './live-connections.js';
import type { LiveFeed } from './live-feed.js';
import type { LiveEvent } from './live-event.js';
import { LiveOperation } from './live-operation.js';
import { LiveStream, type LiveItem } from './live-stream.js';
import { checkedOperation, placeRefusal } from './subscribe-checks.js';
import type { SubscriptionLimits } from './subscription-limits.js';
import { upgradeOriginAllowed } from './upgrade-origin.js';
import { watchVersions } from './version-watch.js';
import type { UserVersions } from '../auth/session-store.js';
import { plainFieldResolver } from '../http/plain-field-resolver.js';

/** What the live server is built from: the HTTP server it shares, and the request context's services. */
export interface LiveServerOptions {
  readonly httpServer: Server;
  /** The path it answers upgrades on: `/graphql`, as HTTP. */
  readonly path: string;
  readonly schema: GraphQLSchema;
  readonly services: RequestContextServices;
  readonly bus: EventBus;
  readonly limits: SubscriptionLimits;
  readonly queryLimits: QueryLimits;
  readonly documentLimits: DocumentLimits;
  readonly listSizes: ListSizes;
  readonly corsOrigins: readonly string[] | '*';
  /** Whose `X-Forwarded-For` names the client (`TRUST_PROXY`), for the connections per address. */
  readonly trustProxy: boolean | number;
  /** The server's last word on every error a client receives (as over HTTP). */
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly metrics?: LiveMetrics;
  readonly logger: Logger;
  /**
   * Reads users' versions from the database, for an instance that nothing else tells of changes made
   * outside it (no REDIS_URL): set, it watches the versions of the connected users (`watchVersions`).
   */
  readonly readVersions?: (userIds: readonly string[]) => Promise<ReadonlyMap<string, UserVersions>>;
}

/** The running live server. */
export interface LiveServer {
  /** An Apollo Server plugin closing every socket when Apollo Server drains (its documented wiring). */
  readonly drainPlugin: ApolloServerPlugin<RequestContext>;
  /** To be told of the versions this instance publishes (the session store's `onPublished`). */
  observePublished(changes: readonly (readonly [string, UserVersions])[]): void;
}

type Extra = { readonly socket: WebSocket; readonly request: IncomingMessage };

/**
 * GraphQL subscriptions over WebSocket (graphql-ws, the `graphql-transport-ws` protocol) on the
 * HTTP server's port and path, wired as Apollo Server documents it (ws + `useServer`, disposed on
 * drain). The upgrade checks `Origin`; `connection_init`'s `authorization` is verified by the same
 * `authenticate` as the HTTP header; each subscribe message is held to the connection's limits and
 * to the query limits; each event runs on a fresh context (`LiveOperation`); revocations reach the
 * open connections through the event bus (`LiveConnections`).
 */
export function startLiveServer(options: LiveServerOptions): LiveServer {
  const { services, limits, metrics } = options;
  const connections = new LiveConnections(services.authentication, metrics);
  const stopListening = options.bus.listen((event) => connections.onEvent(event));
  const versionWatch = options.readVersions
    ? watchVersions({
        users: () => connections.users(),
        read: options.readVersions,
        publish: (changes) => services.authentication.sessions.publish(changes),
        intervalMs: 1000,
        onError: (error) => options.logger.warn({ err: error }, 'reading the versions of live users failed; retrying in a second'),
      })
    : undefined;
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const connectionOf = new WeakMap<Context<Record<string, unknown>, Extra>, LiveConnection>();
  const operationsOf = new WeakMap<LiveConnection, Map<string, LiveOperation>>();
  /** Open sockets by client address (`WS_MAX_CONNECTIONS_PER_IP`). */
  const openPerIp = new Map<string, number>();

  options.httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== options.path) {
      return refuseUpgrade(socket, 404, clientError('Not found: WebSocket connections are served on /graphql.', { code: 'NOT_FOUND' }));
    }
    if (!upgradeOriginAllowed(request, options.corsOrigins)) {
      return refuseUpgrade(
        socket,
        403,
        clientError('WebSocket connections from this origin are refused: it is not listed in CORS_ORIGINS.', { code: 'FORBIDDEN' }),
      );
    }
    const clientIp = clientIpOf(request, options.trustProxy) ?? '';
    const open = openPerIp.get(clientIp) ?? 0;
    if (open >= limits.connectionsPerIp) {
      return refuseUpgrade(
        socket,
        429,
        subscriptionLimitError(
          'connectionsPerIp',
          limits.connectionsPerIp,
          `Too many open WebSocket connections from this address (at most ${limits.connectionsPerIp}); close one first.`,
        ),
      );
    }
    // Counted from the upgrade to the socket's end, signed in or not, so sockets that never send connection_init count too.
    openPerIp.set(clientIp, open + 1);
    socket.once('close', () => {
      const left = (openPerIp.get(clientIp) ?? 1) - 1;
      if (left > 0) openPerIp.set(clientIp, left);
      else openPerIp.delete(clientIp);
    });
    wsServer.handleUpgrade(request, socket, head, (ws) => {
      divertClientProtocolErrors(ws, (error) => options.logger.debug({ err: error }, 'a WebSocket client broke the protocol'));
      wsServer.emit('connection', ws, request);
    });
  });

  const release = (connection: LiveConnection, id: string) => {
    if (connection.operations.delete(id)) metrics?.subscriptions.dec();
    operationsOf.get(connection)?.delete(id);
  };

  const contextFor = (connection: LiveConnection): Promise<RequestContext> =>
    createRequestContext(services, {
      requestId: `ws-${randomUUID()}`,
      authorization: connection.authorization,
      clientIp: connection.clientIp,
    });
  const eventContexts = new EventContexts(contextFor);
  /** The cause of the contexts subscribe messages are checked with (each turn's entry is dropped after it). */
  const subscribing = {};

  /** A failure to renew the context: a token no longer valid closes the socket (4401), anything else fails closed (1013). */
  const failRenewal = (connection: LiveConnection, error: unknown, since?: number) => {
    const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
    if (code === 'UNAUTHENTICATED') return connections.closeUnauthorized(connection, (error as Error).message, since);
    if (code !== 'SERVICE_UNAVAILABLE') options.logger.error({ err: error }, 'renewing a subscription context failed');
    connection.close(closeCodes.unavailable, 'Token revocation cannot be checked right now; reconnect shortly.');
  };

  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema: options.schema,
      connectionInitWaitTimeout: limits.connectionInitTimeoutSeconds * 1000,
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        // Any case, as the HTTP header's name (GraphiQL sends its headers editor's "Authorization").
        const given = Object.entries(ctx.connectionParams ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
        if (given !== undefined && typeof given !== 'string') {
          socket.close(CloseCode.BadRequest, 'connection_init: "authorization" must be a string, "Bearer <access token>".');
          return false;
        }
        let viewer;
        try {
          viewer = await authenticate(given, services.authentication);
        } catch (error) {
          const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
          socket.close(
            code === 'UNAUTHENTICATED' ? closeCodes.unauthorized : closeCodes.unavailable,
            closeReason((error as Error).message),
          );
          return false;
        }
        if (viewer && versionWatch) {
          try {
            await versionWatch.track(viewer.id);
          } catch (error) {
            options.logger.error({ err: error }, 'reading the versions of a live user failed');
            socket.close(closeCodes.unavailable, 'Access changes cannot be followed right now; reconnect shortly.');
            return false;
          }
        }
        let expiry: NodeJS.Timeout | undefined;
        const connection: LiveConnection = {
          authorization: given,
          clientIp: clientIpOf(request, options.trustProxy),
          viewer,
          operations: new Set(),
          streams: new Set(),
          subscribeTimes: [],
          close: (code, reason) => {
            clearTimeout(expiry);
            socket.close(code, reason);
          },
        };
        // The token's expiry closes the socket; the client reconnects with a renewed token.
        const expiresAt = viewer?.token?.expiresAt;
        if (expiresAt !== undefined) {
          const closeExpired = () =>
            connection.close(closeCodes.unauthorized, 'The access token has expired; reconnect with a renewed token.');
          expiry = setTimeout(closeExpired, Math.min(Math.max(expiresAt * 1000 - Date.now(), 0), 2_147_483_647));
          expiry.unref();
        }
        connectionOf.set(ctx, connection);
        operationsOf.set(connection, new Map());
        connections.add(connection);
        metrics?.connections.inc();
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const connection = connectionOf.get(ctx);
        if (!connection) return [liveRequestError('BAD_REQUEST', 'Send connection_init first.')];
        const userOperations = connection.viewer ? connections.operationsOf(connection.viewer.id) : 0;
        const refusal = placeRefusal(connection, limits, userOperations, Date.now());
        if (refusal) return [refusal];
        const checked = checkedOperation(payload, { ...options, schema: options.schema });
        if (Array.isArray(checked)) return checked;
        let first: RequestContext;
        try {
          // Subscribe messages taken in one turn (a client starting its page's subscriptions) share a context too.
          first = await eventContexts.contextFor(subscribing, connection);
        } catch (error) {
          failRenewal(connection, error);
          return [error as GraphQLError];
        }
        const feed: LiveFeed = {
          stream: <T>(accept: (event: LiveEvent) => T | undefined, firstPayload?: T) => {
            const stream: LiveStream<T> = new LiveStream<T>(
              options.bus,
              accept,
              {
                maxBuffered: limits.maxBufferedEvents,
                beforeEach: async (item: LiveItem<unknown>) => {
                  operation.lastItem = item.kind;
                  operation.recheckSince = item.kind === 'recheck' ? item.since : undefined;
                  try {
                    operation.use(await eventContexts.contextFor(item.cause, connection));
                    return true;
                  } catch (error) {
                    failRenewal(connection, error, operation.recheckSince);
                    return false;
                  }
                },
                onOverflow: () => {
                  metrics?.dropped.inc({ reason: 'overflow' });
                  connection.close(closeCodes.tooSlow, closeReason('Events arrived faster than this client read them; reconnect.'));
                },
                onEnd: () => connection.streams.delete(stream as LiveStream<unknown>),
              },
              firstPayload,
            );
            connection.streams.add(stream as LiveStream<unknown>);
            return stream;
          },
        };
        // The feed's callbacks run once items arrive, after this line: they read the operation then.
        const operation = new LiveOperation(first, feed);
        connection.operations.add(id);
        operationsOf.get(connection)?.set(id, operation);
        metrics?.subscriptions.inc();
        return { ...checked, contextValue: operation.context, fieldResolver: plainFieldResolver };
      },
      onOperation: (ctx, id, _payload, _args, result) => {
        const connection = connectionOf.get(ctx);
        const operation = connection && operationsOf.get(connection)?.get(id);
        if (!operation || !(Symbol.asyncIterator in result)) return undefined;
        return endOnLostAccess(result as AsyncGenerator<never>, operation, metrics);
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        metrics?.delivered.inc();
        const { errors, ...rest } = result;
        return errors
          ? { ...rest, errors: errors.map((error) => formattedLiveError(error, 'INTERNAL_SERVER_ERROR', options.formatError)) }
          : rest;
      },
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => formattedLiveError(error, 'GRAPHQL_VALIDATION_FAILED', options.formatError)),
      onComplete: (ctx, id) => {
        const connection = connectionOf.get(ctx);
        if (connection) release(connection, id);
      },
      onClose: (ctx) => {
        const connection = connectionOf.get(ctx);
        if (!connection) return;
        for (const id of [...connection.operations]) release(connection, id);
        for (const stream of [...connection.streams]) void stream.return();
        connection.close(closeCodes.goingAway, '');
        connections.delete(connection);
        metrics?.connections.dec();
      },
    },
    wsServer,
  );

  return {
    observePublished: (changes) => versionWatch?.observe(changes),
    drainPlugin: {
      async serverWillStart() {
        return {
          async drainServer() {
            stopListening();
            versionWatch?.stop();
            connections.closeAll();
            await server.dispose();
          },
        };
      },
    },
  };
}

/** Answers an upgrade it will not take with an HTTP status and a GraphQL error body, then ends the socket. */
function refuseUpgrade(socket: Duplex, status: 403 | 404 | 429, error: GraphQLError): void {
  const body = JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] });
  const reason = STATUS_CODES[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

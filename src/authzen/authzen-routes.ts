import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { GraphQLError } from 'graphql';
import type { Logger } from '../http/logger.js';
import { requestLogging, requestLogOf } from '../http/request-logging.js';
import {
  parseEvaluation,
  parseEvaluations,
  parseSearch,
  AuthzenRequestError,
  type AuthzenLimits,
  type SearchRequest,
} from './authzen-request.js';
import { AuthzenRefusal, type OpenDecisionPoint, type RequestDecisionPoint } from './decision-point.js';
import { nextPageToken, resumeSearch } from './page-token.js';

/** The AuthZEN API's paths: the specification's defaults (its HTTPS binding), which discovery also lists. */
export const authzenPaths = {
  evaluation: '/access/v1/evaluation',
  evaluations: '/access/v1/evaluations',
  searchSubject: '/access/v1/search/subject',
  searchResource: '/access/v1/search/resource',
  searchAction: '/access/v1/search/action',
  discovery: '/.well-known/authzen-configuration',
} as const;

/** What the AuthZEN routes need. */
export interface AuthzenRouteOptions {
  readonly open: OpenDecisionPoint;
  readonly limits: AuthzenLimits;
  readonly bodyLimitBytes: number;
  readonly logger: Logger;
  /** Cross-origin browser callers (CORS_ORIGINS), as for `/graphql`; none when not set. */
  readonly cors?: RequestHandler;
}

/**
 * The specification's request identification: a PEP's `X-Request-ID` (an arbitrary string) comes
 * back unchanged on the response to it. Note: the request log keeps its own id for a value it will not
 * log (see requestLogging), so only ids of up to 100 plain characters appear in both.
 */
const echoRequestId: RequestHandler = (request, response, next) => {
  const given = request.header('x-request-id');
  if (given !== undefined) response.setHeader('x-request-id', given);
  next();
};

/** An error answer: the specification asks for an error message; it comes as `{ "error": { status, code, message } }` (every body is a JSON object). */
function refuse(response: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  requestLogOf(response)?.errorCodes.push(code);
  response.status(status).json({ error: { status, code, message } });
}

const codeOf: Readonly<Record<number, string>> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };

/**
 * The AuthZEN Authorization API 1.0 (OpenID, final): `POST /access/v1/evaluation`, `evaluations`
 * (batches with the three semantics), `search/subject`, `search/resource` and `search/action`
 * (paged), and `GET /.well-known/authzen-configuration`. Requests are JSON (`application/json`,
 * else 415) up to `HTTP_BODY_LIMIT` (413); a malformed one is refused whole (400, naming what is
 * wrong), a caller without good credentials gets 401, one asking what it may not 403. Each
 * request writes one `authzen request` log line and echoes the caller's `X-Request-ID` as sent.
 */
export function authzenRoutes(options: AuthzenRouteOptions): Router {
  const router = Router();
  const { open, limits } = options;
  router.get(authzenPaths.discovery, echoRequestId, (request, response) => {
    const base = `${request.protocol}://${request.get('host') ?? 'localhost'}`;
    response.setHeader('cache-control', 'public, max-age=3600');
    response.json({
      policy_decision_point: base,
      access_evaluation_endpoint: `${base}${authzenPaths.evaluation}`,
      access_evaluations_endpoint: `${base}${authzenPaths.evaluations}`,
      search_subject_endpoint: `${base}${authzenPaths.searchSubject}`,
      search_resource_endpoint: `${base}${authzenPaths.searchResource}`,
      search_action_endpoint: `${base}${authzenPaths.searchAction}`,
    });
  });

  const endpoint = (path: string, name: string, answer: (point: RequestDecisionPoint, body: unknown) => Promise<unknown>) => {
    router.post(
      path,
      requestLogging(options.logger, 'authzen request'),
      echoRequestId,
      (request: Request, response: Response, next: () => void) => {
        if (!request.is('application/json')) {
          refuse(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON, sent with "Content-Type: application/json".');
          return;
        }
        next();
      },
      express.json({ limit: options.bodyLimitBytes, strict: true }),
      async (request: Request, response: Response) => {
        const log = requestLogOf(response);
        log?.operationNames.push(name);
        try {
          const point = await open({
            requestId: log?.requestId ?? '',
            authorization: request.headers.authorization,
            clientIp: request.ip,
          });
          if (log) log.viewerId = point.caller;
          response.json(await answer(point, request.body));
        } catch (error) {
          answerError(response, error, options.logger);
        }
      },
      bodyErrors,
    );
  };
  if (options.cors) router.use('/access/v1', options.cors);
  endpoint(authzenPaths.evaluation, 'evaluation', async (point, body) => {
    const [decision] = await point.evaluate([parseEvaluation(body)]);
    return decision;
  });
  endpoint(authzenPaths.evaluations, 'evaluations', async (point, body) => {
    const request = parseEvaluations(body, limits);
    if (request.kind === 'single') return (await point.evaluate([request.evaluation]))[0];
    const decisions = await point.evaluate(request.evaluations);
    // Every evaluation ran at once (one batch); the short-circuit semantics answer up to the first that decides.
    const stop =
      request.semantic === 'deny_on_first_deny'
        ? decisions.findIndex((decision) => !decision.decision)
        : request.semantic === 'permit_on_first_permit'
          ? decisions.findIndex((decision) => decision.decision)
          : -1;
    return { evaluations: stop === -1 ? decisions : decisions.slice(0, stop + 1) };
  });
  const search = (kind: SearchRequest['kind']) => async (point: RequestDecisionPoint, body: unknown) => {
    const { request, after } = resumeSearch(parseSearch(kind, body, limits), limits);
    if (request.page.limit === 0) {
      // No results asked for: say only whether there are any, with a token for the first page.
      const probe = await point.search({ ...request, page: { ...request.page, limit: 1 } }, after);
      const next = probe.results.length > 0 ? nextPageToken(request, after ?? '') : '';
      return { page: { next_token: next, count: 0 }, results: [] };
    }
    const page = await point.search(request, after);
    const next = page.nextAfter === undefined ? '' : nextPageToken(request, page.nextAfter);
    return {
      page: { next_token: next, count: page.results.length },
      ...(page.context ? { context: page.context } : {}),
      results: page.results,
    };
  };
  endpoint(authzenPaths.searchSubject, 'search/subject', search('subject'));
  endpoint(authzenPaths.searchResource, 'search/resource', search('resource'));
  endpoint(authzenPaths.searchAction, 'search/action', search('action'));
  return router;
}

/** How a request that failed is answered: 400 for the request, 401/403 for the caller, 503 for a database gone, 500 (logged) otherwise. */
function answerError(response: Response, error: unknown, logger: Logger): void {
  if (error instanceof AuthzenRequestError) return refuse(response, 400, 'BAD_REQUEST', error.message);
  if (error instanceof AuthzenRefusal) {
    return refuse(
      response,
      error.status,
      codeOf[error.status] ?? 'FORBIDDEN',
      error.message,
      error.status === 401 ? { 'www-authenticate': 'Bearer' } : {},
    );
  }
  const extensions = (error as Partial<GraphQLError>).extensions;
  if (extensions?.code === 'SERVICE_UNAVAILABLE') {
    const http = extensions.http as { headers?: Map<string, string> } | undefined;
    return refuse(response, 503, 'SERVICE_UNAVAILABLE', (error as Error).message, {
      'retry-after': http?.headers?.get('retry-after') ?? '1',
    });
  }
  logger.error({ err: error, requestId: requestLogOf(response)?.requestId }, 'authzen request failed');
  return refuse(response, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
}

/** What express.json refuses: a body that is not JSON (400), too large (413), in a charset it cannot read (415). */
const bodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _request, response, next) => {
  if (response.headersSent) return next(error);
  if (error.type === 'entity.too.large') return refuse(response, 413, 'REQUEST_TOO_LARGE', 'The request body is over HTTP_BODY_LIMIT.');
  if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
    return refuse(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON in UTF-8, without a content encoding.');
  }
  if (error.type === 'entity.parse.failed') return refuse(response, 400, 'BAD_REQUEST', 'The request body is not a JSON object.');
  return refuse(response, error.status && error.status < 500 ? error.status : 400, 'BAD_REQUEST', 'The request body could not be read.');
};

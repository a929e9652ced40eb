import { timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import type { Metrics } from './metrics.js';
import { refuseRequest } from '../http/request-refusal.js';

/** The routes the HTTP metrics name; any other path counts as `other`, so clients cannot add label values. */
const knownRoutes = [
  '/graphql',
  '/healthz',
  '/readyz',
  '/metrics',
  '/.well-known/jwks.json',
  '/.well-known/authzen-configuration',
  '/access/v1',
  '/explorer/assets',
  '/console',
];
const knownMethods = new Set(['GET', 'POST', 'OPTIONS', 'HEAD']);

function routeOf(path: string): string {
  return knownRoutes.find((route) => path === route || path.startsWith(`${route}/`)) ?? 'other';
}

/** Counts and times every HTTP response by method, route and status (first in the chain, so refusals count too). */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (request, response, next) => {
    const stopTimer = metrics.httpDuration.startTimer();
    // Read now: routers mounted on a path rewrite the request's URL while they run.
    const labels = { method: knownMethods.has(request.method) ? request.method : 'other', route: routeOf(request.path) };
    response.once('finish', () => {
      stopTimer(labels);
      metrics.httpRequests.inc({ ...labels, status: String(response.statusCode) });
    });
    next();
  };
}

const sameSecret = (given: string, expected: string) => {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * `GET /metrics` in Prometheus' text format. With a token (`METRICS_TOKEN`), only a request
 * carrying `Authorization: Bearer <token>` gets them (401 otherwise): they tell request rates,
 * error codes and which fields refuse, which is no business of clients.
 */
export function metricsRoutes(metrics: Metrics, token: string | undefined): Router {
  const router = Router();
  router.get('/metrics', async (request, response) => {
    if (token !== undefined && !sameSecret(request.headers.authorization ?? '', `Bearer ${token}`)) {
      response.setHeader('www-authenticate', 'Bearer realm="metrics"');
      refuseRequest(response, 401, 'UNAUTHENTICATED', 'The metrics need "Authorization: Bearer <METRICS_TOKEN>".');
      return;
    }
    response.setHeader('content-type', metrics.registry.contentType);
    response.end(await metrics.registry.metrics());
  });
  return router;
}

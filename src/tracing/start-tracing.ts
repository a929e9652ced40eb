import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import { withoutSqlLiterals } from './sql-literals.js';
import type { TracingSettings } from './tracing-settings.js';

/** Requests that say nothing about the API (probes and scrapes): no trace for them. */
const untracedPaths = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Starts OpenTelemetry tracing for this process: the module hook that lets the instrumentations
 * patch ES modules, then the HTTP, Express, GraphQL, PostgreSQL (`pg`) and Redis (`ioredis`)
 * instrumentations, W3C trace-context propagation and a batching OTLP/HTTP exporter. It must run
 * before the server's modules are imported (`src/tracing/preload.ts` does it, from `--import`):
 * a module already loaded is not patched. Returns the provider, which flushes on shutdown.
 *
 * What leaves the process: GraphQL documents with their literal values masked (never variables, not
 * even in a GET's URL),
 * SQL with its string literals masked (MikroORM inlines parameters, so the raw text would carry
 * emails and hashes), Redis commands without their arguments; no headers.
 */
export async function startTracing(settings: TracingSettings): Promise<TracerProvider> {
  // The ES module hook intercepts only the modules an instrumentation asks for (express, imported as an
  // ES module, needs it; the CommonJS files they load are patched through require), not every module.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const resource = resourceFromAttributes({ 'service.name': settings.serviceName }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new TracerProvider({
    resource,
    sampler: samplerFor(settings),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.endpoint }) })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => untracedPaths.has((request.url ?? '').split('?')[0] ?? ''),
        // A GraphQL GET carries the document and its variables in the URL: never in a span.
        redactedQueryParamsServer: ['query', 'variables', 'extensions', 'access_token', 'token'],
        // The exporter's own requests would trace themselves.
        ignoreOutgoingRequestHook: () => true,
      }),
      new ExpressInstrumentation(),
      // One span per field path, list items merged (`repositories.*.name`), none for plain property reads.
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      new PgInstrumentation({
        requestHook: (span, query) => span.setAttribute('db.query.text', withoutSqlLiterals(query.query.text)),
      }),
      new IORedisInstrumentation(),
    ],
  });
  await waitForAllMessagesAcknowledged();
  return provider;
}

function samplerFor(settings: TracingSettings): Sampler {
  const ratio = new TraceIdRatioBasedSampler(settings.ratio);
  switch (settings.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

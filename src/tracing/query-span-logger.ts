import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import { withoutSqlLiterals } from './sql-literals.js';

const tracer = trace.getTracer('rolegate.database');

/**
 * MikroORM's logger that also records each statement it is told about as a finished client span
 * under the active one: the embedded database (PGlite) has no OpenTelemetry instrumentation of its
 * own, unlike `pg`. The span is made after the fact from MikroORM's measured duration (millisecond
 * precision); its text has string literals masked. Logging itself is unchanged.
 */
export class QuerySpanLogger extends DefaultLogger {
  override logQuery(context: { query: string } & LogContext): void {
    super.logQuery(context);
    if (context.took === undefined) return;
    const end = Date.now();
    const text = withoutSqlLiterals(context.query);
    const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
    const span = tracer.startSpan(`pglite.query:${operation}`, {
      kind: SpanKind.CLIENT,
      startTime: end - context.took,
      attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.text': text },
    });
    if (context.level === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(end);
  }
}

/** The `loggerFactory` MikroORM takes. */
export const querySpanLogger = (options: LoggerOptions): QuerySpanLogger => new QuerySpanLogger(options);

// The tracing pieces of our own, against the SDK's in-memory exporter: decisions become events on
// the active span, and the embedded database's statements become child spans with their literals
// masked. (test/tracing/opentelemetry.test.ts checks the whole process over OTLP.)
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { accessFromGrants, Authorizer, type AccessSource, type Viewer } from '@rolegate/authz';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openGitClubDatabase } from '../../src/gitclub/gitclub-database.js';
import { recordDecisionEvent } from '../../src/tracing/decision-events.js';
import { embeddedSeededDump } from '../helpers/embedded-template.js';

const exporter = new InMemorySpanExporter();
const tracer = () => trace.getTracer('test');

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
});
afterAll(() => {
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

describe('authorization decisions as span events', () => {
  // ann reads and edits d1 as its owner; d2 she sees but may not edit; d3 does not exist for her.
  const source: AccessSource = {
    resourceType: 'document',
    visibilityPermission: 'read:document',
    loadAccess: async (ids) =>
      ids.map((id) =>
        id === 'd3'
          ? null
          : accessFromGrants('document', id, [
              { via: 'owner', role: 'owner', permissions: new Set(id === 'd1' ? ['read:document', 'edit:document'] : ['read:document']) },
            ]),
      ),
  };
  const authorizer = () =>
    new Authorizer<Viewer>({ viewer: { id: 'ann' }, sources: new Map([['document', source]]), onDecision: recordDecisionEvent });

  it.each([
    ['d1', { 'authz.outcome': 'allow', 'authz.role': 'owner', 'authz.via': 'owner' }],
    ['d2', { 'authz.outcome': 'forbidden' }],
    ['d3', { 'authz.outcome': 'not_found' }],
  ])('edit:document on %s', async (id, expected) => {
    await tracer().startActiveSpan('Document.body', async (span) => {
      await authorizer().decideAt(
        { permission: 'edit:document', resourceType: 'document', resourceId: id },
        { coordinate: 'Document.body', operationName: undefined },
      );
      span.end();
    });
    const [span] = exporter.getFinishedSpans();
    expect(span?.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        'authz.decision',
        {
          'authz.coordinate': 'Document.body',
          'authz.permission': 'edit:document',
          'authz.resource.type': 'document',
          'authz.resource.id': id,
          ...expected,
        },
      ],
    ]);
  });

  it('adds nothing outside a span (tracing off, or an untraced path)', async () => {
    await authorizer().decideAt(
      { permission: 'edit:document', resourceType: 'document', resourceId: 'd1' },
      { coordinate: 'Document.body', operationName: undefined },
    );
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

describe("the embedded database's statements as spans (traceQueries)", () => {
  let db: Database;
  beforeAll(async () => {
    // In memory, from the run's embedded seeded template rather than initdb and the migrations.
    const pgliteTemplate = await embeddedSeededDump();
    db = await openGitClubDatabase({ pgliteDataDir: 'memory://', traceQueries: true, pgliteTemplate }, { seedDemoData: false });
  }, 60_000);
  afterAll(() => db?.close());

  it('records each statement under the active span, without its values', async () => {
    await tracer().startActiveSpan('request', async (span) => {
      await db.em.fork().execute("select ? as email, 'inline secret' as note, 42 as answer", ['john@gitclub.test']);
      span.end();
    });
    const spans = exporter.getFinishedSpans();
    const request = spans.find((span) => span.name === 'request');
    const statement = spans.find((span) => span.name === 'pglite.query:SELECT');
    expect(statement?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    // Parameters are not in the text MikroORM reports; literals written into the SQL are masked.
    expect(statement?.attributes).toMatchObject({
      'db.system.name': 'postgresql',
      'db.query.text': "select ? as email, '?' as note, 42 as answer",
    });
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config-error.js';
import { withoutSqlLiterals } from '../../src/tracing/sql-literals.js';
import { endpointWithoutCredentials, tracingSettings } from '../../src/tracing/tracing-settings.js';

describe('tracingSettings: off unless an OTLP endpoint is set', () => {
  it.each([
    ['nothing set', {}, undefined],
    ['OTEL_SDK_DISABLED=true wins', { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, undefined],
    [
      'the base endpoint gets /v1/traces',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' },
      { endpoint: 'http://collector:4318/v1/traces', serviceName: 'rolegate', sampler: 'parentbased_always_on', ratio: 1 },
    ],
    [
      'the traces endpoint is used as given',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/custom/path' },
      { endpoint: 'https://collector/custom/path', serviceName: 'rolegate', sampler: 'parentbased_always_on', ratio: 1 },
    ],
    [
      'service name and a ratio sampler',
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_SERVICE_NAME: 'api-eu',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      },
      { endpoint: 'http://collector:4318/v1/traces', serviceName: 'api-eu', sampler: 'parentbased_traceidratio', ratio: 0.25 },
    ],
  ])('%s', (_case, env, expected) => {
    expect(tracingSettings(env)).toEqual(expected);
  });

  it.each([
    ['not a URL', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT must be an http:\/\/ or https:\/\/ URL/],
    [
      'gRPC scheme',
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://collector:4317' },
      /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT .*gRPC is not supported/,
    ],
    [
      'unknown sampler',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER: 'sometimes' },
      /OTEL_TRACES_SAMPLER must be one of/,
    ],
    [
      'ratio above 1',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER_ARG: '1.5' },
      /OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1/,
    ],
    ['ratio not a number', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER_ARG: 'half' }, /OTEL_TRACES_SAMPLER_ARG/],
  ])('refuses %s with a message naming the variable', (_case, env, message) => {
    expect(() => tracingSettings(env)).toThrow(ConfigError);
    expect(() => tracingSettings(env)).toThrow(message);
  });
});

describe('withoutSqlLiterals: what a trace may carry of a statement', () => {
  it.each([
    [
      `select "u".* from "user" as "u" where "u"."email" = 'john@gitclub.test' limit 1`,
      `select "u".* from "user" as "u" where "u"."email" = '?' limit 1`,
    ],
    [`insert into "t" ("a", "b") values ('it''s a secret', 42)`, `insert into "t" ("a", "b") values ('?', 42)`],
    [`select E'back\\'slash' as x, 'plain'`, `select '?' as x, '?'`],
    [`update "user" set "password_hash" = '$argon2id$v=19$m=65536'`, `update "user" set "password_hash" = '?'`],
    [`select 'unterminated secret`, `select '?'`],
    [`select 1 where "id" in (1, 2, 3)`, `select 1 where "id" in (1, 2, 3)`],
  ])('%s', (sql, expected) => {
    expect(withoutSqlLiterals(sql)).toBe(expected);
  });
});

describe('endpointWithoutCredentials: the endpoint as start-up prints it', () => {
  it.each([
    ['http://otel-collector:4318/v1/traces', 'http://otel-collector:4318/v1/traces'],
    ['https://user:s3cret@collector.example/v1/traces', 'https://collector.example/v1/traces'],
    ['https://api-key-as-user@collector.example', 'https://collector.example/'],
    ['https://collector.example/v1/traces?api_key=s3cret#frag', 'https://collector.example/v1/traces'],
    ['not a url', '(an endpoint that is not a URL)'],
  ])('%s -> %s', (endpoint, printed) => {
    expect(endpointWithoutCredentials(endpoint)).toBe(printed);
  });
});

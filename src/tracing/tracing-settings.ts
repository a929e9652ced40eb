import { ConfigError } from '../config-error.js';

/** The sampler names of the OpenTelemetry specification that `OTEL_TRACES_SAMPLER` may hold. */
export const samplerNames = [
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'always_on',
  'always_off',
  'traceidratio',
] as const;

/** How traces are made and where they go; undefined settings mean tracing is off. */
export interface TracingSettings {
  /** Where spans go (OTLP over HTTP): `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as given, or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`. */
  readonly endpoint: string;
  readonly serviceName: string;
  readonly sampler: (typeof samplerNames)[number];
  /** The fraction of traces a `traceidratio` sampler keeps. */
  readonly ratio: number;
}

/**
 * Reads the OpenTelemetry variables the server honours (the specification's names, so the usual
 * collector set-ups work as they are): tracing is on exactly when an OTLP endpoint is set and
 * `OTEL_SDK_DISABLED` is not `true`. Exporter headers and timeouts (`OTEL_EXPORTER_OTLP_HEADERS`,
 * `…_TIMEOUT`) are read by the exporter itself. A malformed value throws a `ConfigError` naming it.
 */
export function tracingSettings(env: NodeJS.ProcessEnv): TracingSettings | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const baseEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!tracesEndpoint && !baseEndpoint) return undefined;
  const endpoint = tracesEndpoint
    ? httpUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesEndpoint)
    : `${httpUrl('OTEL_EXPORTER_OTLP_ENDPOINT', baseEndpoint as string).replace(/\/+$/, '')}/v1/traces`;
  const sampler = (env.OTEL_TRACES_SAMPLER?.trim() || 'parentbased_always_on') as TracingSettings['sampler'];
  if (!samplerNames.includes(sampler)) {
    throw new ConfigError(`OTEL_TRACES_SAMPLER must be one of ${samplerNames.map((name) => `"${name}"`).join(', ')}; got "${sampler}".`);
  }
  const ratioText = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  const ratio = ratioText ? Number(ratioText) : 1;
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new ConfigError(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1 (the fraction of traces kept); got "${ratioText}".`);
  }
  return { endpoint, serviceName: env.OTEL_SERVICE_NAME?.trim() || 'rolegate', sampler, ratio };
}

function httpUrl(name: string, raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http:// or https:// URL (an OTLP/HTTP collector); got "${raw.slice(0, 40)}".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http:// or https:// URL (OTLP over HTTP; gRPC is not supported); got ${parsed.protocol}.`);
  }
  return raw;
}

/** An endpoint as it may be printed: no user, password or query (collectors take API keys in either). */
export function endpointWithoutCredentials(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return '(an endpoint that is not a URL)';
  }
}

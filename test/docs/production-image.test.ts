// The production image and compose file, checked by reading them (no Docker engine here): what
// `docker compose config` would refuse (a service using an undeclared secret, a dependency on an
// unknown service), and what production needs (pinned images, a Redis password, secrets from
// files, restart policies, two replicas, a non-root image of compiled code only). The compiled
// server and tools themselves run in test/http/compiled-build.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../src/project-root.js';

interface Service {
  image?: string;
  build?: unknown;
  restart?: string;
  command?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  deploy?: { replicas?: number };
  ports?: string[];
}
interface Compose {
  services: Record<string, Service>;
  secrets?: Record<string, { file: string }>;
  volumes?: Record<string, unknown>;
}

const read = (file: string) => readFileSync(join(projectRoot, file), 'utf8');
const compose = (file: string) => parse(read(file), { merge: true }) as Compose;
const production = compose('docker-compose.production.yml');
const development = compose('docker-compose.yml');

describe.each([
  ['docker-compose.yml', development],
  ['docker-compose.production.yml', production],
])('%s is a valid compose file', (_file, file) => {
  it('depends only on services it defines, and they are healthy first', () => {
    for (const [name, service] of Object.entries(file.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(file.services), `${name} depends on ${dependency}`).toContain(dependency);
        expect(condition).toBe('service_healthy');
        expect(file.services[dependency]?.healthcheck ?? file.services[dependency]?.build, `${dependency} has a health check`).toBeDefined();
      }
    }
  });

  it('uses only secrets it declares, each from a file', () => {
    for (const [name, service] of Object.entries(file.services)) {
      for (const secret of service.secrets ?? []) expect(Object.keys(file.secrets ?? {}), `${name} uses ${secret}`).toContain(secret);
    }
    for (const secret of Object.values(file.secrets ?? {})) expect(secret.file).toMatch(/^\.\/secrets\//);
  });

  it('pins every image to a release (never latest)', () => {
    for (const service of Object.values(file.services)) {
      if (service.image && !service.build) expect(service.image).toMatch(/^[\w./-]+:\d+\.\d+(\.\d+)?(-[\w.]+)?$/);
    }
  });
});

describe('docker-compose.production.yml', () => {
  const { services } = production;
  it('restarts every service', () => {
    for (const [name, service] of Object.entries(services)) expect(service.restart, name).toBe('unless-stopped');
  });

  it('runs two API replicas behind the proxy, which alone publishes a port', () => {
    expect(services.api?.deploy?.replicas).toBe(2);
    expect(services.api?.ports).toBeUndefined();
    expect(services.proxy?.ports).toEqual(['80:80']);
    expect(services.api?.environment?.TRUST_PROXY).toBe('1');
  });

  it('puts Redis behind a password and keeps every password in a secret file, none in the environment', () => {
    // `$$` is compose's escape for a `$` the container's shell expands.
    expect(services.redis?.command?.join(' ')).toContain('--requirepass "$$(cat /run/secrets/redis_password)"');
    expect(services.postgres?.environment?.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    const api = services.api?.environment ?? {};
    expect(api).toMatchObject({
      NODE_ENV: 'production',
      DATABASE_URL_FILE: '/run/secrets/database_url',
      REDIS_URL_FILE: '/run/secrets/redis_url',
      JWT_PRIVATE_KEY_FILE: '/run/secrets/jwt_private_key',
      METRICS_TOKEN_FILE: '/run/secrets/metrics_token',
    });
    for (const value of Object.values(services).flatMap((service) => Object.values(service.environment ?? {}))) {
      expect(value).not.toMatch(/:\/\/[^/]*:[^@]*@/);
    }
  });

  it('keeps the secrets folder out of git', () => {
    expect(read('.gitignore').split('\n')).toContain('secrets/');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages.at(-1) ?? '';

  it('builds in one stage and runs from another, on a pinned Node release', () => {
    expect(stages).toHaveLength(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+\.\d+\.\d+-[\w-]+$/m);
    expect(stages.every((stage) => stage.startsWith('${NODE_IMAGE} AS '))).toBe(true);
  });

  it('runs compiled code as a non-root user, with a health check, node as PID 1', () => {
    expect(final).toMatch(/^USER node$/m);
    expect(final).toMatch(/^HEALTHCHECK /m);
    // The tracing preload first (it does nothing without OTEL_EXPORTER_OTLP_ENDPOINT), then the server.
    expect(final).toMatch(/^CMD \["node", "--import", "\.\/dist\/tracing.js", "dist\/main.js"\]$/m);
    expect(final).toMatch(/npm ci --omit=dev/);
  });

  it('copies into the final image no sources, tests, bench or CI files', () => {
    const copied = [...final.matchAll(/^COPY (?:--from=\w+ )?(\S+)/gm)].map(([, source]) => source);
    // The console and the explorer are built into dist/assets/ by the build stage: no browser sources at run time.
    expect(copied).toEqual(['package.json', 'packages/authz/package.json', '/app/dist', 'schema', 'legacy']);
    const ignored = read('.dockerignore').split('\n');
    for (const folder of ['test', 'bench', '.ci', 'node_modules', 'data', '.env']) expect(ignored).toContain(folder);
  });
});

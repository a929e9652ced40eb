// The production image and compose file, checked by reading them (no Docker engine here): what
// `docker compose config` would refuse (a service using an undeclared secret, volume or network, a
// dependency on an unknown service), and what production needs (issue 22): pinned images, TLS in
// front, every service hardened (logs rotated, resources limited, read-only, no capability but those
// its entrypoint needs, no new privileges), PostgreSQL and Redis only on an internal network, two
// database roles, Redis started so that it drops root, a stop that outlasts the drain, a non-root
// image of compiled code under tini. The proxy's configuration is test/docs/production-caddy.test.ts,
// the secrets script production-secrets.test.ts, the database roles and the Redis configuration
// production-services.test.ts. The compiled server and tools themselves run in test/http/compiled-build.test.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { apiServices, compose, mounts, production, read, seconds, type Service } from './production-files.js';

const development = compose('docker-compose.yml');

describe.each([
  ['docker-compose.yml', development],
  ['docker-compose.production.yml', production],
])('%s is a valid compose file', (_file, file) => {
  it('depends only on services it defines, and they are healthy first (or, a one-off, done)', () => {
    for (const [name, service] of Object.entries(file.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(file.services), `${name} depends on ${dependency}`).toContain(dependency);
        const oneOff = file.services[dependency]?.restart === 'no';
        expect(condition, `${name} on ${dependency}`).toBe(oneOff ? 'service_completed_successfully' : 'service_healthy');
        if (!oneOff)
          expect(file.services[dependency]?.healthcheck ?? file.services[dependency]?.build, `${dependency} has a health check`).toBeDefined();
      }
    }
  });

  it('uses only secrets, volumes and networks it declares, and bind-mounts files that exist', () => {
    for (const [name, service] of Object.entries(file.services)) {
      for (const secret of service.secrets ?? []) expect(Object.keys(file.secrets ?? {}), `${name} uses ${secret}`).toContain(secret);
      for (const network of service.networks ?? []) expect(Object.keys(file.networks ?? {}), `${name} joins ${network}`).toContain(network);
      for (const [source] of mounts(service)) {
        if (source.startsWith('./')) expect(existsSync(join(projectRoot, source)), `${name} mounts ${source}`).toBe(true);
        else expect(Object.keys(file.volumes ?? {}), `${name} mounts ${source}`).toContain(source);
      }
    }
    for (const secret of Object.values(file.secrets ?? {})) expect(secret.file).toMatch(/^\.\/secrets\//);
  });

  it('pins every image to a release (never latest)', () => {
    for (const service of Object.values(file.services)) {
      if (service.image && !service.build) expect(service.image).toMatch(/^[\w./-]+:\d+\.\d+(\.\d+)?(-[\w.]+)?$/);
    }
  });

  it('leaves PID 1 to the image (tini), without a second init', () => {
    for (const [name, service] of Object.entries(file.services)) expect(service.init, name).toBeUndefined();
  });
});

describe('docker-compose.production.yml', () => {
  const { services } = production;
  const every = Object.entries(services);

  it('restarts every service but the one-off migrate, rotates its logs and limits its memory and CPU', () => {
    expect(every.map(([name]) => name).sort()).toEqual(['api', 'api-2', 'migrate', 'postgres', 'proxy', 'redis']);
    for (const [name, service] of every) {
      expect(service.restart, name).toBe(name === 'migrate' ? 'no' : 'unless-stopped');
      expect(service.logging?.driver, name).toBe('json-file');
      expect(service.logging?.options?.['max-size'], name).toMatch(/^\d+[km]$/);
      expect(Number(service.logging?.options?.['max-file']), name).toBeGreaterThanOrEqual(1);
      const limits = service.deploy?.resources?.limits;
      expect(Number(limits?.cpus), `${name} cpus`).toBeGreaterThan(0);
      expect(limits?.memory, `${name} memory`).toMatch(/^\d+[MG]$/);
    }
  });

  it('runs every service read-only, without capabilities or new privileges', () => {
    for (const [name, service] of every) {
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      expect(service.security_opt, name).toContain('no-new-privileges:true');
    }
    // Where each service writes besides its volumes.
    for (const [name] of apiServices) expect(services[name]?.tmpfs, name).toEqual(['/tmp']);
    expect(services.postgres?.tmpfs).toEqual(expect.arrayContaining(['/var/run/postgresql', '/tmp']));
    expect(services.redis?.tmpfs).toContain('/tmp');
    expect(services.postgres?.shm_size).toMatch(/^\d+(mb|gb)$/);
    expect(Number.parseInt(services.postgres?.shm_size ?? '', 10)).toBeGreaterThanOrEqual(128);
  });

  it('adds back exactly the capabilities each entrypoint needs, and none to the API', () => {
    // PostgreSQL and Redis: chown their directories and walk them as root, then gosu to their user.
    expect(services.postgres?.cap_add).toEqual(['CHOWN', 'DAC_READ_SEARCH', 'FOWNER', 'SETGID', 'SETUID']);
    expect(services.redis?.cap_add).toEqual(['CHOWN', 'DAC_READ_SEARCH', 'SETGID', 'SETUID']);
    // Caddy's binary carries the file capability to bind ports below 1024.
    expect(services.proxy?.cap_add).toEqual(['NET_BIND_SERVICE']);
    for (const [name] of apiServices) expect(services[name]?.cap_add, name).toBeUndefined();
  });

  it('keeps PostgreSQL and Redis on an internal network, which the API joins beside the proxy', () => {
    expect(production.networks?.backend?.internal).toBe(true);
    expect(production.networks?.edge?.internal).toBeFalsy();
    expect(services.postgres?.networks).toEqual(['backend']);
    expect(services.redis?.networks).toEqual(['backend']);
    expect(services.proxy?.networks).toEqual(['edge']);
    expect(apiServices.map(([name]) => name)).toEqual(['api', 'api-2']);
    for (const [name, service] of apiServices) expect([...(service.networks ?? [])].sort(), name).toEqual(['backend', 'edge']);
  });

  it('publishes HTTP (redirect), HTTPS and HTTP/3 on the proxy alone', () => {
    expect(services.proxy?.ports).toEqual(['80:80', '443:443', '443:443/udp']);
    for (const [name, service] of every) if (name !== 'proxy') expect(service.ports, name).toBeUndefined();
    for (const [name, service] of apiServices) expect(service.expose, name).toEqual(['4000']);
    expect(services.api?.environment?.TRUST_PROXY).toBe('1');
  });

  it("runs Caddy with the repository's Caddyfile, the site's name from the environment, and its certificates in volumes", () => {
    const proxy = services.proxy as Service;
    expect(proxy.image).toMatch(/^caddy:2\.\d+\.\d+-alpine$/);
    expect(mounts(proxy)).toEqual(
      expect.arrayContaining([
        ['./deploy/Caddyfile', '/etc/caddy/Caddyfile', 'ro'],
        ['caddy_data', '/data'],
        ['caddy_config', '/config'],
      ]),
    );
    expect(proxy.command).toEqual(['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile']);
    // Required: compose refuses to start without it rather than give Caddy an empty site address.
    expect(proxy.environment?.ROLEGATE_DOMAIN).toMatch(/^\$\{ROLEGATE_DOMAIN:\?.+\}$/);
    expect(proxy.environment?.ROLEGATE_ACME_EMAIL).toBe('${ROLEGATE_ACME_EMAIL:-}');
    for (const [name] of apiServices) expect(proxy.depends_on?.[name]?.condition, name).toBe('service_healthy');
  });

  it('starts Redis as redis-server with the repository configuration (the entrypoint drops root), never through a shell', () => {
    for (const [name, service] of every) expect(service.command?.[0] ?? '', name).not.toMatch(/^(\/bin\/)?(ba)?sh$/);
    const redis = services.redis as Service;
    const [command, config, ...rest] = redis.command ?? [];
    expect(command).toBe('redis-server');
    expect(rest).toEqual([]);
    expect(mounts(redis)).toContainEqual(['./deploy/redis.conf', config, 'ro']);
    expect(mounts(redis)).toContainEqual(['redisdata', '/data']);
    // The password is in no command line and in no file of the repository: the configuration includes the secret.
    expect(redis.command?.join(' ')).not.toMatch(/requirepass|secrets/);
    const conf = read('deploy/redis.conf');
    const include = /^include (\S+)$/m.exec(conf)?.[1];
    expect(include).toMatch(/^\/run\/secrets\//);
    expect(redis.secrets).toContain(include?.slice('/run/secrets/'.length));
    expect(production.secrets?.redis_auth?.file).toBe('./secrets/redis_auth.conf');
    expect(conf).not.toMatch(/^requirepass/m);
    expect(conf).toMatch(/^appendonly yes$/m);
    expect(conf).toMatch(/^maxmemory-policy noeviction$/m);
  });

  it("checks Redis' health with the password from the secret file in REDISCLI_AUTH, not -a", () => {
    const [kind, command] = services.redis?.healthcheck?.test ?? [];
    expect(kind).toBe('CMD-SHELL');
    // `$$` is compose's escape for a `$` the container's shell expands.
    expect(command).toMatch(/^REDISCLI_AUTH="\$\$\(cat \/run\/secrets\/redis_password\)" redis-cli /);
    expect(command).not.toMatch(/\s-a\s|--pass|--user|--askpass/);
    expect(services.redis?.secrets).toContain('redis_password');
  });

  it('gives PostgreSQL a superuser of its own and the init script that creates the owner and the runtime role', () => {
    const postgres = services.postgres as Service;
    expect(postgres.environment).toEqual({
      POSTGRES_USER: 'postgres',
      POSTGRES_DB: 'rolegate',
      POSTGRES_PASSWORD_FILE: '/run/secrets/postgres_password',
    });
    expect(mounts(postgres)).toContainEqual(['./deploy/postgres-init.sh', expect.stringMatching(/^\/docker-entrypoint-initdb\.d\/[\w-]+\.sh$/), 'ro']);
    const script = read('deploy/postgres-init.sh');
    for (const secret of ['postgres_owner_password', 'postgres_app_password']) {
      expect(postgres.secrets).toContain(secret);
      expect(script).toContain(`$secrets/${secret}`);
    }
    expect(script).toMatch(/ROLEGATE_SECRETS_DIR:-\/run\/secrets/);
  });

  it('connects the API as the runtime role only; a one-off container migrates as the owner first; every secret from a file', () => {
    const migrate = production.services.migrate as Service & { restart?: string; command?: string[]; depends_on?: Record<string, { condition: string }> };
    expect(migrate.environment).toEqual({ NODE_ENV: 'production', DATABASE_URL_FILE: '/run/secrets/database_migration_url' });
    expect(migrate.secrets).toEqual(['database_migration_url']);
    expect(migrate.command?.at(-1)).toBe('dist/cli/db-migrate.js');
    expect(migrate.restart).toBe('no');
    expect(migrate.networks).toEqual(['backend']);
    for (const [name, service] of apiServices) {
      // The owner's URL is the migrate container's alone: code in an API container cannot reach the schema.
      expect(service.secrets, name).not.toContain('database_migration_url');
      expect(JSON.stringify(service.environment), name).not.toContain('MIGRATION');
      expect((service as { depends_on?: Record<string, { condition: string }> }).depends_on?.migrate, name).toEqual({
        condition: 'service_completed_successfully',
      });
      expect(service.environment, name).toMatchObject({
        NODE_ENV: 'production',
        DATABASE_URL_FILE: '/run/secrets/database_url',
        REDIS_URL_FILE: '/run/secrets/redis_url',
        JWT_PRIVATE_KEY_FILE: '/run/secrets/jwt_private_key',
        JWT_PREVIOUS_PUBLIC_KEYS_FILE: '/run/secrets/jwt_previous_public_keys',
        METRICS_TOKEN_FILE: '/run/secrets/metrics_token',
      });
      // No migration at start (the migrate container did them); no production refusal lifted; no demo users.
      expect(service.environment?.MIGRATE_AT_START, name).toBe('false');
      expect(service.environment?.PRODUCTION_ALLOW, name).toBeUndefined();
      expect(service.environment?.SEED_DEMO_DATA ?? 'false', name).toBe('false');
    }
    expect(production.secrets?.database_url?.file).toBe('./secrets/database_url');
    expect(production.secrets?.database_migration_url?.file).toBe('./secrets/database_migration_url');
    for (const [name, service] of every) {
      // Every file a service is told of is a secret it mounts.
      for (const value of Object.values(service.environment ?? {})) {
        const secret = /^\/run\/secrets\/(.+)$/.exec(value)?.[1];
        if (secret) expect(service.secrets, `${name}: ${value}`).toContain(secret);
      }
      // No password in the environment.
      for (const value of Object.values(service.environment ?? {})) expect(value, name).not.toMatch(/:\/\/[^/]*:[^@]*@/);
    }
  });

  it('lets a stop drain and finish its requests before Docker kills the container', () => {
    for (const [name, service] of apiServices) {
      const drain = Number(service.environment?.SHUTDOWN_DRAIN_SECONDS);
      const timeout = Number(service.environment?.SHUTDOWN_TIMEOUT_SECONDS);
      expect(drain, name).toBeGreaterThan(0);
      expect(timeout, name).toBeGreaterThan(0);
      expect(seconds(service.stop_grace_period), name).toBeGreaterThan(drain + timeout);
    }
    expect(seconds(services.postgres?.stop_grace_period)).toBeGreaterThanOrEqual(30);
  });

  it("keeps every API container's pool, the start-up lock's connection and the migrate container's within PostgreSQL's connections", () => {
    const maxConnections = Number(/^max_connections=(\d+)$/.exec(services.postgres?.command?.[2] ?? '')?.[1]);
    expect(services.postgres?.command?.slice(0, 2)).toEqual(['postgres', '-c']);
    // PostgreSQL keeps 3 for superusers (superuser_reserved_connections); leave as many again for tools and backups.
    const migrate = 2; // the migrate container: its pool of one for migrations, and its start-up lock
    const budget = apiServices.reduce((total, [, service]) => total + Number(service.environment?.DATABASE_POOL_SIZE) + 1, migrate);
    expect(budget).toBeGreaterThan(apiServices.length);
    expect(budget).toBeLessThanOrEqual((maxConnections - 3) / 2);
  });

  it('keeps the secrets folder out of git and out of the build context', () => {
    expect(read('.gitignore').split('\n')).toContain('secrets/');
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toContain('secrets/');
    expect(ignored).toContain('*.pem');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages.at(-1) ?? '';

  it('builds in one stage and runs from another, on a pinned Node release (a digest may be added at build time)', () => {
    expect(stages).toHaveLength(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+\.\d+\.\d+-[\w-]+(@sha256:[0-9a-f]{64})?$/m);
    expect(stages.every((stage) => stage.startsWith('${NODE_IMAGE} AS '))).toBe(true);
    // How to pin the digest is written next to it, and no made-up digest is.
    expect(dockerfile).toMatch(/--build-arg NODE_IMAGE=node:[\w.-]+@sha256:</);
  });

  it('runs compiled code as a non-root user under tini, with a health check and source maps', () => {
    expect(final).toMatch(/^USER node$/m);
    expect(final).toMatch(/^HEALTHCHECK /m);
    expect(final).toMatch(/^RUN apt-get update \\\n\s+&& apt-get install -y --no-install-recommends tini \\\n\s+&& rm -rf \/var\/lib\/apt\/lists\/\*$/m);
    // apt runs as root: before USER node.
    expect(final.indexOf('apt-get install')).toBeLessThan(final.indexOf('USER node'));
    expect(final).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    // The tracing preload first (it does nothing without OTEL_EXPORTER_OTLP_ENDPOINT), then the server.
    expect(final).toMatch(
      /^CMD \["node", "--enable-source-maps", "--max-semi-space-size=16", "--heap-growing-percent=100", "--import", "\.\/dist\/tracing.js", "dist\/main.js"\]$/m,
    );
    // The maps --enable-source-maps reads: written by `npm run build` beside each file, copied with dist/.
    expect(read('scripts/build-steps.ts')).toMatch(/^\s+sourcemap: true,$/m);
    expect(final).toMatch(/npm ci --omit=dev/);
  });

  it('describes itself with OCI labels, filled by the build arguments the compose file passes', () => {
    const labels = Object.fromEntries([...final.matchAll(/org\.opencontainers\.image\.([\w.]+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
    expect(labels).toEqual({
      title: 'Rolegate',
      description: expect.stringMatching(/GraphQL/),
      version: '${VERSION}',
      revision: '${REVISION}',
      created: '${CREATED}',
      'base.name': '${NODE_IMAGE}',
    });
    expect(final).toMatch(/^LABEL org\.opencontainers\.image\./m);
    for (const argument of ['VERSION', 'REVISION', 'CREATED']) expect(final).toMatch(new RegExp(`^ARG ${argument}=`, 'm'));
    expect(final).toMatch(/^ARG NODE_IMAGE$/m);
    for (const [name, service] of apiServices) {
      expect((service.build as { args?: Record<string, string> }).args, name).toEqual({
        VERSION: '${ROLEGATE_VERSION:-unknown}',
        REVISION: '${ROLEGATE_REVISION:-unknown}',
        CREATED: '${ROLEGATE_CREATED:-unknown}',
      });
    }
  });

  it('copies into the final image no sources, tests, bench, CI files or secrets', () => {
    const copied = [...final.matchAll(/^COPY (?:--from=\w+ )?(\S+)/gm)].map(([, source]) => source);
    // The console and the explorer are built into dist/assets/ by the build stage: no browser sources at run time.
    expect(copied).toEqual(['package.json', 'packages/authz/package.json', '/app/dist', 'schema', 'legacy']);
    const ignored = read('.dockerignore').split('\n');
    for (const folder of ['test', 'bench', '.ci', 'node_modules', 'data', '.env', 'secrets/', '*.pem']) expect(ignored).toContain(folder);
  });
});

// deploy/Caddyfile, the production proxy (issue 22): HTTPS for ROLEGATE_DOMAIN with HTTP/3, the
// security headers, /metrics and /readyz hidden from outside, each API container an upstream with
// active health checks on /readyz and retries, and upstream keep-alive below the API's. Read as text
// with comments removed (a comment cannot pass a check), held against the compose file's settings;
// where the `caddy` binary is installed, also adapted to Caddy's JSON, which is what Caddy runs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readinessTimeoutMs } from '../../src/http/health-routes.js';
import { projectRoot } from '../../src/project-root.js';
import { apiServices, production, read, seconds } from './production-files.js';

const caddyfile = read('deploy/Caddyfile')
  .split('\n')
  .filter((line) => !line.trim().startsWith('#'))
  .join('\n');
/** The lines of the block that opens with `opening` (up to its closing brace), trimmed. */
function block(opening: RegExp, text = caddyfile): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => opening.test(line));
  expect(start, `a block opening with ${opening}`).toBeGreaterThanOrEqual(0);
  const indent = /^\t*/.exec(lines[start] ?? '')?.[0] ?? '';
  const end = lines.findIndex((line, index) => index > start && line === `${indent}}`);
  expect(end, `the end of the block opening with ${opening}`).toBeGreaterThan(start);
  return lines.slice(start + 1, end).map((line) => line.trim());
}
/** The values of a directive in some lines: `health_uri /readyz` gives ['/readyz']. */
function directive(lines: string[], name: string): string[] {
  const found = lines.filter((line) => line.split(/\s+/)[0] === name);
  expect(found, `one ${name}`).toHaveLength(1);
  return (found[0] ?? '').split(/\s+/).slice(1);
}

const site = block(/^\{\$ROLEGATE_DOMAIN\} \{$/);
const proxy = block(/^\treverse_proxy /);
const api = production.services.api?.environment ?? {};

describe('deploy/Caddyfile', () => {
  it('serves the site named by ROLEGATE_DOMAIN with automatic HTTPS, HTTP/3 too, and an optional ACME email', () => {
    const global = block(/^\{$/);
    expect(directive(global, 'email')).toEqual(['"{$ROLEGATE_ACME_EMAIL}"']);
    expect(directive(block(/^\tservers \{$/), 'protocols')).toEqual(['h1', 'h2', 'h3']);
    // Nothing that would turn HTTPS off or make the certificate a self-signed one.
    expect(caddyfile).not.toMatch(/auto_https|tls internal|http:\/\/|:80\b/);
    // The variables the file reads are the ones the compose file gives the proxy.
    const variables = [...new Set([...caddyfile.matchAll(/\{\$(\w+)\}/g)].map(([, name]) => name))].sort();
    expect(variables).toEqual(Object.keys(production.services.proxy?.environment ?? {}).sort());
  });

  it('sets HSTS, nosniff and a Referrer-Policy on every answer, replacing what the API sends', () => {
    const headers = block(/^\theader \{$/);
    expect(headers).toContain('defer');
    const hsts = /^Strict-Transport-Security "max-age=(\d+)(; includeSubDomains)?"$/.exec(
      headers.find((line) => line.startsWith('Strict-Transport-Security')) ?? '',
    );
    expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(180 * 24 * 3600);
    expect(headers).toContain('X-Content-Type-Options "nosniff"');
    expect(headers.find((line) => line.startsWith('Referrer-Policy'))).toMatch(/^Referrer-Policy "(no-referrer|strict-origin-when-cross-origin|same-origin)"$/);
    // Before the routes, so the proxy's own 404s carry them too.
    expect(site.indexOf('header {')).toBeLessThan(site.findIndex((line) => line.startsWith('respond')));
  });

  it('answers 404 for /metrics and /readyz from outside', () => {
    const [matcher, ...paths] = directive(site, '@internal');
    expect(matcher).toBe('path');
    expect(paths).toEqual(expect.arrayContaining(['/metrics', '/metrics/*', '/readyz', '/readyz/*']));
    expect(directive(site, 'respond')).toEqual(['@internal', '404']);
  });

  it('proxies to each API container, checked on /readyz more often than a stop drains', () => {
    const upstreams = /^\treverse_proxy (.+) \{$/m.exec(caddyfile)?.[1]?.split(' ');
    expect(upstreams).toEqual(apiServices.map(([name]) => `${name}:4000`));
    expect(directive(proxy, 'health_uri')).toEqual(['/readyz']);
    expect(directive(proxy, 'health_status')).toEqual(['200']);
    const interval = seconds(directive(proxy, 'health_interval')[0]);
    expect(interval).toBeLessThan(Number(api.SHUTDOWN_DRAIN_SECONDS));
    // The API gives each of its checks readinessTimeoutMs: its 503 must arrive before the proxy gives up.
    expect(seconds(directive(proxy, 'health_timeout')[0]) * 1000).toBeGreaterThan(readinessTimeoutMs);
  });

  it('retries a failed connection on the other replica', () => {
    expect(Number(directive(proxy, 'lb_retries')[0])).toBeGreaterThanOrEqual(1);
    expect(seconds(directive(proxy, 'lb_try_duration')[0])).toBeGreaterThan(0);
  });

  it('closes idle upstream connections before the API would (keep-alive 60 s, below its 65 s)', () => {
    const transport = block(/^\t\ttransport http \{$/);
    const keepalive = seconds(directive(transport, 'keepalive')[0]);
    expect(keepalive).toBe(60);
    for (const [name, service] of apiServices) {
      expect(keepalive, name).toBeLessThan(Number(service.environment?.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS));
    }
  });
});

// Caddy's own reading of the file, where Caddy is installed (Debian's package `caddy`).
const caddy = spawnSync('caddy', ['version'], { encoding: 'utf8' });
describe.skipIf(caddy.status !== 0)('deploy/Caddyfile, adapted by caddy', () => {
  interface Handler {
    handler: string;
    status_code?: number;
    routes?: Route[];
    response?: { deferred?: boolean; set?: Record<string, string[]>; delete?: string[] };
    health_checks?: { active?: { uri?: string } };
    transport?: { keep_alive?: { idle_timeout?: number } };
    upstreams?: { dial: string }[];
  }
  interface Route {
    match?: { host?: string[]; path?: string[] }[];
    handle: Handler[];
  }
  const adapt = (email: string) => {
    const run = spawnSync('caddy', ['adapt', '--adapter', 'caddyfile', '--config', join(projectRoot, 'deploy/Caddyfile')], {
      encoding: 'utf8',
      env: { ...process.env, ROLEGATE_DOMAIN: 'rolegate.example.com', ROLEGATE_ACME_EMAIL: email },
    });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { apps: { http: { servers: Record<string, { listen: string[]; protocols?: string[]; routes: Route[] }> } } };
  };

  it('adapts with and without an ACME email, to one HTTPS server whose routes hide, then proxy', () => {
    adapt('');
    const servers = Object.values(adapt('ops@example.com').apps.http.servers);
    expect(servers).toHaveLength(1);
    const [server] = servers;
    expect(server?.listen).toEqual([':443']);
    expect(server?.protocols).toEqual(['h1', 'h2', 'h3']);
    const [siteRoute] = server?.routes ?? [];
    expect(siteRoute?.match).toEqual([{ host: ['rolegate.example.com'] }]);
    const routes = siteRoute?.handle[0]?.routes ?? [];
    const handlers = routes.map((route) => route.handle[0]?.handler);
    expect(handlers).toEqual(['headers', 'static_response', 'reverse_proxy']);
    expect(routes[0]?.handle[0]?.response).toMatchObject({
      deferred: true,
      set: { 'X-Content-Type-Options': ['nosniff'], 'Strict-Transport-Security': [expect.stringMatching(/^max-age=/)] },
    });
    expect(routes[1]?.match?.[0]?.path).toEqual(expect.arrayContaining(['/metrics', '/readyz']));
    expect(routes[1]?.handle[0]?.status_code).toBe(404);
    const reverseProxy = routes[2]?.handle[0];
    expect(reverseProxy?.upstreams).toEqual(apiServices.map(([name]) => ({ dial: `${name}:4000` })));
    expect(reverseProxy?.health_checks?.active?.uri).toBe('/readyz');
    expect(reverseProxy?.transport?.keep_alive?.idle_timeout).toBe(60e9);
  });
});

// The console as the server serves it, without a browser: one HTML page for /console and every
// route below it, under a strict Content-Security-Policy, linking only bundled files of this
// server; unknown files are 404; CONSOLE_ENABLED turns all of it on or off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
let origin: string;
let page: string;
beforeAll(async () => {
  api = await startTestServer();
  origin = new URL(api.server.url).origin;
  page = await (await fetch(`${origin}/console`)).text();
});
afterAll(() => api?.stop());

/** The same-origin files the page links to. */
const linkedFiles = (html: string) => [...html.matchAll(/(?:href|src)="(\/[^"]+)"/g)].map((match) => match[1]!);

describe('GET /console', () => {
  it.each([['/console'], ['/console/orgs/beatles/members'], ['/console/repos/beatles/infra']])(
    '%s answers the console page under a strict Content-Security-Policy',
    async (path) => {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp.split('; ')).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "connect-src 'self'",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "object-src 'none'",
        ]),
      );
      expect(csp).not.toContain('unsafe');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('<title>GitClub console</title>');
    },
  );

  it('runs no inline script: its settings are inert JSON, its code a bundled file', () => {
    const scripts = [...page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    for (const [, attributes, body] of scripts) {
      if (body!.trim()) expect(attributes).toContain('type="application/json"');
    }
    const settings = JSON.parse(/<script id="console-settings" type="application\/json">(.*?)<\/script>/s.exec(page)![1]!);
    expect(settings).toEqual({ basePath: '/console', graphqlPath: '/graphql' });
  });

  it('links only files this server serves: nothing from a CDN, no web font', () => {
    const files = linkedFiles(page);
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^\/console\/assets\/console-[\w-]+\.(js|css)$/);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it.each([
    ['.js', 'text/javascript; charset=utf-8'],
    ['.css', 'text/css; charset=utf-8'],
  ])('serves the %s file with its type, cacheable for good, holding no external URL', async (extension, contentType) => {
    const file = linkedFiles(page).find((name) => name.endsWith(extension))!;
    const response = await fetch(`${origin}${file}`);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, contentType]);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const text = await response.text();
    expect(text).not.toMatch(/https?:\/\/(?!www\.w3\.org|reactjs\.org|react\.dev)[\w.-]+\.[a-z]{2,}/);
    expect(text).not.toMatch(/localStorage|sessionStorage|document\.cookie/);
  });

  it.each([
    ['/console/assets/nothing-here.js'],
    ['/console/assets/..%2Fpackage.json'],
    ['/console/assets/%2e%2e%2fserver.ts'],
    ['/console/assets/a/b.js'],
  ])('%s is 404', async (path) => {
    const response = await fetch(`${origin}${path}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).not.toMatch(/^text\/html/);
  });
});

describe('CONSOLE_ENABLED', () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: 'development' }, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', CONSOLE_ENABLED: 'true' }, true],
    [{ CONSOLE_ENABLED: 'false' }, false],
  ])('%o: console %s', (env, enabled) => {
    expect(loadConfig(env).consoleEnabled).toBe(enabled);
  });

  it('refuses a value that is not true or false, naming the variable', () => {
    expect(() => loadConfig({ CONSOLE_ENABLED: 'yes' })).toThrow(/^CONSOLE_ENABLED must be one of "true", "false"; got "yes"\.$/);
  });

  it('=false serves no page and no files, and says which setting turns it on', async () => {
    await api.stopServer();
    const off = await startTestServer({}, { CONSOLE_ENABLED: 'false' }, api.database);
    try {
      const offOrigin = new URL(off.server.url).origin;
      const response = await fetch(`${offOrigin}/console`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toContain('CONSOLE_ENABLED=true');
      expect((await fetch(`${offOrigin}${linkedFiles(page)[1]}`)).status).toBe(404);
      expect((await fetch(`${offOrigin}/console/orgs/beatles`)).status).toBe(404);
    } finally {
      await off.stopServer();
    }
  });
});

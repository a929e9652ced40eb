// A browser app on another origin calls the API when CORS_ORIGINS lists its origin: preflights are
// answered, bearer tokens (never cookies) go through, and any other origin gets no CORS headers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { browserAvailable, browserRequired, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** A page server on its own loopback port: its origin is another than the API's. */
async function pageServer(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>app</title><p>A browser app on another origin.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let api: TestServer;
let allowed: { origin: string; server: Server };
let other: { origin: string; server: Server };
beforeAll(async () => {
  [allowed, other] = [await pageServer(), await pageServer()];
  api = await startTestServer({}, { CORS_ORIGINS: `https://app.example.com, ${allowed.origin}` });
});
afterAll(async () => {
  await api?.stop();
  allowed?.server.close();
  other?.server.close();
});

const preflight = (origin: string, url = api.server.url) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

describe('CORS_ORIGINS lists the origins browser apps call from', () => {
  it('answers a preflight from a listed origin: that origin, GET and POST, the bearer header, no credentials', async () => {
    const response = await preflight(allowed.origin);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed.origin);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual(
      expect.arrayContaining(['authorization', 'content-type']),
    );
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it.each([
    ['an origin not listed', () => other.origin],
    ['a listed host on another port', () => allowed.origin.replace(/:\d+$/, ':1')],
    ['a listed origin with another scheme', () => 'http://app.example.com'],
  ])('gives %s no CORS headers', async (_name, origin) => {
    const response = await preflight(origin());
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps refusing cookie-carrying simple requests (CSRF protection unchanged)', async () => {
    const response = await fetch(`${api.server.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { origin: allowed.origin, cookie: 'session=1' },
    });
    expect(response.status).toBe(400);
  });
});

describe('CORS_ORIGINS values', () => {
  it.each([
    [{ CORS_ORIGINS: '' }, []],
    [{ CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' }, ['https://app.example.com', 'http://localhost:5173']],
    [{ CORS_ORIGINS: '*' }, '*'],
  ])('%j: %j', (env, origins) => {
    expect(loadConfig(env).corsOrigins).toEqual(origins);
  });

  it.each([
    [{ CORS_ORIGINS: '*', NODE_ENV: 'production' }, 'CORS_ORIGINS must list origins with NODE_ENV=production'],
    [{ CORS_ORIGINS: 'https://app.example.com/' }, 'CORS_ORIGINS must list origins'],
    [{ CORS_ORIGINS: 'app.example.com' }, 'CORS_ORIGINS must list origins'],
    [{ CORS_ORIGINS: 'ftp://app.example.com' }, 'CORS_ORIGINS must list origins'],
    [{ CORS_ORIGINS: '*,https://app.example.com' }, 'either "*" or a list'],
  ])('%j is refused, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe.skipIf(!browserAvailable && !browserRequired)('a page on another origin in headless Chromium', () => {
  /** Runs `fetch` of a query with john's token from a page of `origin`; what the page's script got. */
  async function fetchFrom(origin: string): Promise<{ ok: true; login: unknown; requestId: string | null } | { ok: false; error: string }> {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ url, token }) => {
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: '{ viewer { login } }' }),
            });
            const body = (await response.json()) as { data?: { viewer?: { login?: string } } };
            return { ok: true as const, login: body.data?.viewer?.login, requestId: response.headers.get('x-request-id') };
          } catch (error) {
            return { ok: false as const, error: String(error) };
          }
        },
        { url: api.server.url, token: await api.tokenOf('john') },
      );
    } finally {
      await browser.close();
    }
  }

  it('calls the API with a bearer token from a listed origin, and reads x-request-id', async () => {
    const result = await fetchFrom(allowed.origin);
    expect(result).toMatchObject({ ok: true, login: 'john' });
    expect(result.ok && result.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it('is refused by the browser from an origin not listed', async () => {
    expect(await fetchFrom(other.origin)).toEqual({ ok: false, error: 'TypeError: Failed to fetch' });
  });
});

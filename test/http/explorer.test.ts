import { mkdirSync } from 'node:fs';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  artifactsDirectory,
  browserAvailable,
  browserRequired,
  editorText,
  launchChromium,
  replaceEditorText,
} from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

let api: TestServer;
let page: string;
beforeAll(async () => {
  api = await startTestServer();
  page = await (await fetch(api.server.url, { headers: html })).text();
});
afterAll(() => api?.stop());

/** The same-origin files the explorer page links to. */
function linkedFiles(pageHtml: string): string[] {
  const settings = JSON.parse(/<script id="explorer-settings" type="application\/json">(.*?)<\/script>/s.exec(pageHtml)![1]!) as {
    workers: Record<string, string>;
  };
  const linked = [...pageHtml.matchAll(/(?:href|src)="(\/[^"]+)"/g)].map((match) => match[1]!);
  return [...linked, ...Object.values(settings.workers)];
}

describe('GET /graphql from a browser', () => {
  it('serves the explorer page under a strict Content-Security-Policy', async () => {
    const response = await fetch(api.server.url, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'; script-src 'self'");
    expect(page).toContain('<title>Rolegate explorer</title>');
  });

  it('links only files this server serves: nothing from a CDN', () => {
    const files = linkedFiles(page);
    expect(files.length).toBe(5);
    for (const file of files) expect(file).toMatch(/^\/explorer\/assets\/[\w.-]+$/);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('opens with the Authorization: Bearer header to fill and the demo sign-ins', () => {
    expect(page).toContain(String.raw`"defaultHeaders":"{\n  \"Authorization\": \"Bearer \"\n}"`);
    expect(page).toContain('john@gitclub.test');
    expect(page).toContain('rolegate-demo');
  });

  it.each([
    ['script', '.js', 'text/javascript; charset=utf-8'],
    ['stylesheet', '.css', 'text/css; charset=utf-8'],
  ])('serves the %s with its type, cacheable for good (its name changes with its content)', async (_kind, extension, contentType) => {
    const file = linkedFiles(page).find((name) => name.endsWith(extension) && name.includes('/explorer-'))!;
    const response = await fetch(new URL(file, api.server.url));
    expect([response.status, response.headers.get('content-type')]).toEqual([200, contentType]);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves each Monaco worker', async () => {
    const workers = linkedFiles(page).filter((name) => name.includes('.worker-'));
    expect(workers).toHaveLength(3);
    for (const worker of workers) expect((await fetch(new URL(worker, api.server.url))).status).toBe(200);
  });

  it.each([['/explorer/assets/nothing-here.js'], ['/explorer/assets/..%2Fpackage.json'], ['/explorer/assets/%2e%2e%2fserver.ts']])(
    '%s is 404',
    async (path) => {
      expect((await fetch(new URL(path, api.server.url))).status).toBe(404);
    },
  );

  it('answers JSON clients with GraphQL, not the page', async () => {
    const response = await fetch(`${api.server.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('GRAPHQL_EXPLORER', () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', GRAPHQL_EXPLORER: 'true' }, true],
    [{ GRAPHQL_EXPLORER: 'false' }, false],
  ])('%o: explorer %s', (env, explorer) => {
    expect(loadConfig(env).explorer).toBe(explorer);
  });

  it('=false serves no page and no files', async () => {
    const off = await startTestServer({}, { GRAPHQL_EXPLORER: 'false' }, api.database);
    try {
      const response = await fetch(off.server.url, { headers: html });
      expect(response.headers.get('content-type')).not.toMatch(/^text\/html/);
      expect((await fetch(new URL(linkedFiles(page)[0]!, off.server.url))).status).toBe(404);
    } finally {
      await off.stopServer();
    }
  });
});

describe.skipIf(!browserAvailable && !browserRequired)('the explorer in headless Chromium', () => {
  it('loads offline, runs a query with a bearer token and shows the result', async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const offOrigin: string[] = [];
      const problems: string[] = [];
      tab.on('pageerror', (error) => problems.push(error.message));
      tab.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      // The sandbox has no internet: any request elsewhere is recorded and refused.
      await tab.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === new URL(api.server.url).origin) return route.continue();
        offOrigin.push(url.href);
        return route.abort();
      });

      await tab.goto(api.server.url);
      const queryEditor = tab.locator('.graphiql-query-editor .monaco-editor').first();
      await queryEditor.waitFor({ timeout: 30_000 });
      await expect.poll(() => editorText(queryEditor), { timeout: 15_000 }).toContain('mutation SignIn');

      const headersEditor = tab.locator('.graphiql-editor-tool .monaco-editor').last();
      await expect.poll(() => editorText(headersEditor), { timeout: 15_000 }).toContain('"Authorization": "Bearer "');
      await replaceEditorText(tab, headersEditor, JSON.stringify({ Authorization: `Bearer ${await api.tokenOf('john')}` }));
      await replaceEditorText(tab, queryEditor, 'query Me { viewer { login organizations { organization { login } role { name } } } }');
      const isMe = (request: Request) => request.method() === 'POST' && (request.postData() ?? '').includes('query Me');
      const answered = tab.waitForResponse((response) => isMe(response.request()), { timeout: 60_000 });
      let sent = false;
      tab.on('request', (request) => {
        if (isMe(request)) sent = true;
      });
      // GraphiQL takes the edited query a moment after typing: a click before that runs nothing, so click until it is sent.
      for (let attempt = 0; attempt < 10 && !sent; attempt++) {
        await tab.locator('.graphiql-execute-button').click();
        await tab.waitForTimeout(1000);
      }
      expect((await answered).status()).toBe(200);

      const result = tab.locator('.graphiql-response .monaco-editor').first();
      try {
        await expect.poll(() => editorText(result), { timeout: 15_000 }).toContain('"login": "john"');
      } finally {
        // Kept whether the check passes or not: the picture tells what went wrong.
        mkdirSync(artifactsDirectory, { recursive: true });
        await tab.screenshot({ path: new URL('explorer.png', artifactsDirectory).pathname });
      }
      expect(await editorText(result)).toContain('"name": "admin"');
      expect(offOrigin).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
    // Its own waits add up to more than vitest's default: the first visit bundles the explorer.
  }, 120_000);

  it('says in the Docs pane which permission guards a field', async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await tab.goto(api.server.url);
      await tab.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 60_000 });
      await tab.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      const docs = tab.locator('.graphiql-doc-explorer');
      await docs.getByText('Query', { exact: true }).first().click();
      await docs.getByText('repository', { exact: true }).first().click();
      try {
        await expect.poll(() => docs.innerText(), { timeout: 15_000 }).toContain('Authorization: any signed-in user.');
        await docs.getByText('Repository', { exact: true }).first().click();
        await expect.poll(() => docs.innerText(), { timeout: 15_000 }).toContain('Authorization: each Repository needs read:repository.');
      } finally {
        mkdirSync(artifactsDirectory, { recursive: true });
        await tab.screenshot({ path: new URL('explorer-docs.png', artifactsDirectory).pathname });
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});

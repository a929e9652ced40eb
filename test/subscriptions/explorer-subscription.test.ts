import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  artifactsDirectory,
  browserAvailable,
  browserRequired,
  editorText,
  launchChromium,
  replaceEditorText,
} from '../helpers/browser.js';
import { liveTestServer } from './live-test-server.js';

// The explorer runs subscriptions: in headless Chromium, john's token in the headers editor, a
// subscription to abbey-road's issues, an issue filed over HTTP, and the event in the result pane.

const server = liveTestServer();

describe.skipIf(!browserAvailable && !browserRequired)('the explorer runs a subscription in headless Chromium', () => {
  it('shows an issue event as it happens', async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      tab.on('pageerror', (error) => problems.push(error.message));
      let socketOpened = false;
      tab.on('websocket', () => (socketOpened = true));
      await tab.goto(server.t.server.url);
      const queryEditor = tab.locator('.graphiql-query-editor .monaco-editor').first();
      await queryEditor.waitFor({ timeout: 30_000 });
      const headersEditor = tab.locator('.graphiql-editor-tool .monaco-editor').last();
      await expect.poll(() => editorText(headersEditor), { timeout: 15_000 }).toContain('"Authorization": "Bearer "');
      await replaceEditorText(tab, headersEditor, JSON.stringify({ Authorization: `Bearer ${await server.t.tokenOf('john')}` }));
      await replaceEditorText(
        tab,
        queryEditor,
        `subscription Issues { issueEvents(repositoryId: "${server.t.ids['abbey-road']}") { action issue { title } } }`,
      );
      // GraphiQL takes the edited document a moment after typing: click until the socket opens.
      for (let attempt = 0; attempt < 10 && !socketOpened; attempt++) {
        await tab.locator('.graphiql-execute-button').click();
        await tab.waitForTimeout(1000);
      }
      expect(socketOpened).toBe(true);
      await tab.waitForTimeout(500);
      await server.t.setup(
        'john',
        'mutation($r: ID!) { createIssue(input: {repositoryId: $r, title: "Seen in the explorer"}) { issue { id } } }',
        {
          r: server.t.ids['abbey-road'],
        },
      );
      const result = tab.locator('.graphiql-response .monaco-editor').first();
      try {
        await expect.poll(() => editorText(result), { timeout: 15_000 }).toContain('"title": "Seen in the explorer"');
      } finally {
        mkdirSync(artifactsDirectory, { recursive: true });
        await tab.screenshot({ path: new URL('explorer-subscription.png', artifactsDirectory).pathname });
      }
      expect(await editorText(result)).toContain('"action": "OPENED"');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

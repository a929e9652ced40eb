import { mkdirSync } from 'node:fs';
import type { Browser, WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, demoPassword, type DemoLogin } from '../../src/gitclub/demo/demo-cast.js';
import { artifactsDirectory, browserAvailable, browserRequired, launchChromium } from '../helpers/browser.js';
import { expectCleanTab, goTo, openConsole, signIn } from '../console/console-browser.js';
import { liveTestServer } from './live-test-server.js';

// The console stays live across its access token's expiry, in headless Chromium: the server closes
// john's socket with 4401 as the token he connected with expires, the console reconnects with the
// token it renewed meanwhile, and his open audit log shows a change made after the expiry, with no reload.
// The shortest lifetime ACCESS_TOKEN_TTL_SECONDS allows is 30 s; the test sets 6 s beyond it rather
// than wait. The console renews halfway through (at 3 s), so a reconnected socket lives 3 s more.

const lifetimeSeconds = 6;
const server = liveTestServer({}, (config) => ({ ...config, accessTokenTtlSeconds: lifetimeSeconds }));
let browser: Browser;

/** Records in the page the code of every WebSocket close (playwright's `close` event does not carry it). */
function recordSocketCloses(): void {
  const closes: number[] = [];
  Object.assign(window, { socketCloses: closes });
  window.WebSocket = class extends window.WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('close', (event) => closes.push(event.code));
    }
  };
}

/** A socket the page opened, as the test watches it. */
interface WatchedSocket {
  readonly socket: WebSocket;
  /** Resolves once the socket carried the audit log's subscription (its `subscribe` message). */
  readonly subscribed: Promise<void>;
}

function watch(socket: WebSocket): WatchedSocket {
  return {
    socket,
    subscribed: new Promise((resolve) =>
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('"subscribe"') && String(payload).includes('auditLogEntries')) resolve();
      }),
    ),
  };
}

/** A token of the persona's own, signed in now: the harness's cached tokens have expired by the time it is used. */
async function tokenSignedInNow(persona: DemoLogin): Promise<string> {
  const response = await server.t.send(undefined, {
    query: 'mutation($email: String!, $password: String!) { login(input: {email: $email, password: $password}) { accessToken } }',
    variables: { email: demoEmail(persona), password: demoPassword },
  });
  const login = response.data?.login as { accessToken: string } | undefined;
  if (!login) throw new Error(`Could not sign in as ${persona}: ${JSON.stringify(response.errors)}`);
  return login.accessToken;
}

describe.skipIf(!browserAvailable && !browserRequired)('the console, live across a token’s expiry', () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('john’s audit log: the socket closes with 4401, the console reconnects, and a later change still shows', async () => {
    const origin = new URL(server.t.server.url).origin;
    const john = await openConsole(browser, origin);
    try {
      await john.page.addInitScript(recordSocketCloses);
      // Before signing in: a reload signs out, and the script applies from this load on.
      await john.page.reload();
      const sockets: WatchedSocket[] = [];
      john.page.on('websocket', (socket) => sockets.push(watch(socket)));

      await signIn(john.page, 'john');
      await goTo(john.page, '/orgs/beatles/audit-log');
      await john.page.getByRole('heading', { name: 'Audit log' }).waitFor();
      await expect(john.page.getByText('repository_role.removed').count()).resolves.toBe(0);

      // The first socket closes as the token it was opened with expires: the server's 4401.
      await expect.poll(() => sockets.length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
      const [first] = sockets;
      await first?.subscribed;
      await first?.socket.waitForEvent('close', { timeout: (lifetimeSeconds + 3) * 1000 });
      await expect.poll(() => john.page.evaluate(() => (window as unknown as { socketCloses: number[] }).socketCloses)).toEqual([4401]);

      // The console opens a second one, with the renewed token, and subscribes again on it.
      await expect.poll(() => sockets.length, { timeout: 5000 }).toBe(2);
      const second = sockets[1];
      await second?.subscribed;
      expect(second?.socket.isClosed()).toBe(false);
      // The subscription starts on the server once its message is read.
      await john.page.waitForTimeout(500);

      const removed = await server.t.send(`Bearer ${await tokenSignedInNow('john')}`, {
        query: 'mutation($r: ID!, $u: ID!) { removeRepositoryRole(input: {repositoryId: $r, userId: $u}) { repository { id } } }',
        variables: { r: server.t.ids['abbey-road'], u: server.t.ids.ringo },
      });
      expect(removed.errors).toBeUndefined();
      await john.page.getByText('repository_role.removed').first().waitFor({ timeout: 2000 });
      // Delivered live on the reconnected socket, not read again at a later reconnection: it is still open.
      expect(second?.socket.isClosed()).toBe(false);
      await expect(john.page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
      expectCleanTab(john);
    } finally {
      mkdirSync(artifactsDirectory, { recursive: true });
      await john.page.screenshot({ path: new URL('console-reconnect.png', artifactsDirectory).pathname, fullPage: true });
      await john.context.close();
    }
  }, 60_000);
});

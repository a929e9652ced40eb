import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDirectory, browserAvailable, browserRequired, launchChromium } from '../helpers/browser.js';
import { expectCleanTab, goTo, openConsole, signIn, type ConsoleTab } from '../console/console-browser.js';
import { liveTestServer } from './live-test-server.js';

// The console follows access live, in headless Chromium: ringo's repository page loses the
// maintainer's sections the moment john takes his role away, john's open audit log shows the
// change, and paul's Members page loses the Add member button when he is demoted; no page reloaded.

const server = liveTestServer();
let browser: Browser;

describe.skipIf(!browserAvailable && !browserRequired)('the console, live', () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('john removes ringo’s role on abbey-road: ringo’s page loses Workflow runs, john’s audit log shows it', async () => {
    const origin = new URL(server.t.server.url).origin;
    const tabs: ConsoleTab[] = [];
    try {
      const ringo = await openConsole(browser, origin);
      tabs.push(ringo);
      await signIn(ringo.page, 'ringo');
      // The repository's frame query, each time the page reads it.
      let frameReads = 0;
      ringo.page.on('request', (request) => {
        if (request.method() === 'POST' && (request.postData() ?? '').includes('query RepositoryFrame')) frameReads++;
      });
      await goTo(ringo.page, '/repos/beatles/abbey-road');
      const workflows = ringo.page.getByRole('heading', { name: /^Workflow runs/ });
      await workflows.waitFor();

      const john = await openConsole(browser, origin);
      tabs.push(john);
      await signIn(john.page, 'john');
      await goTo(john.page, '/orgs/beatles/audit-log');
      await john.page.getByRole('heading', { name: 'Audit log' }).waitFor();
      await expect(john.page.getByText('repository_role.removed').count()).resolves.toBe(0);
      // The pages' subscriptions start once their first answer is in.
      await ringo.page.waitForTimeout(1000);
      // viewerAccessChanged's first value holds the permissions the page has just read: no second read.
      expect(frameReads).toBe(1);

      const removed = await server.t.gql(
        'john',
        'mutation($r: ID!, $u: ID!) { removeRepositoryRole(input: {repositoryId: $r, userId: $u}) { repository { id } } }',
        { r: server.t.ids['abbey-road'], u: server.t.ids.ringo },
      );
      expect(removed.errors).toBeUndefined();
      await workflows.waitFor({ state: 'detached', timeout: 5000 });
      await expect(ringo.page.getByRole('heading', { name: 'beatles/abbey-road' }).count()).resolves.toBe(1);
      await john.page.getByText('repository_role.removed').first().waitFor({ timeout: 5000 });
      for (const tab of tabs) expectCleanTab(tab);
    } finally {
      mkdirSync(artifactsDirectory, { recursive: true });
      for (const [index, tab] of tabs.entries()) {
        await tab.page.screenshot({ path: new URL(`console-live-${index}.png`, artifactsDirectory).pathname, fullPage: true });
        await tab.context.close();
      }
    }
  }, 120_000);

  it('john demotes paul from admin: the Add member button leaves paul’s open Members page', async () => {
    const origin = new URL(server.t.server.url).origin;
    const role = (name: string) =>
      server.t.setup(
        'john',
        'mutation($o: ID!, $u: ID!, $r: String!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: $r}) { membership { role { name } } } }',
        {
          o: server.t.ids.beatles,
          u: server.t.ids.paul,
          r: name,
        },
      );
    await role('admin');
    const paul = await openConsole(browser, origin);
    try {
      await signIn(paul.page, 'paul');
      await goTo(paul.page, '/orgs/beatles/members');
      const addMember = paul.page.getByRole('button', { name: 'Add member' });
      await addMember.waitFor();
      await paul.page.waitForTimeout(1000);
      await role('member');
      await addMember.waitFor({ state: 'detached', timeout: 5000 });
      // Still on the Members page, which a member may read: only what the role allowed is gone.
      await paul.page
        .getByRole('heading', { name: /^Members/ })
        .first()
        .waitFor();
      expectCleanTab(paul);
    } finally {
      mkdirSync(artifactsDirectory, { recursive: true });
      await paul.page.screenshot({ path: new URL('console-live-members.png', artifactsDirectory).pathname, fullPage: true });
      await paul.context.close();
    }
  }, 120_000);
});

// Asking for access in the console, in headless Chromium: george (custom role ci-cd on infra, no
// read_code) asks for read_code with a reason where the page says he cannot read the code; john
// (who manages members) sees the pending request and approves it for 7 days; george reads the
// readme; the request and the grant are in the audit log. Then a denial, with its reason shown to
// the requester.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, browserRequired, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { expectCleanTab, goTo, openConsole, signIn } from './console-browser.js';

let api: TestServer;
let browser: Browser;
let origin: string;

describe.skipIf(!browserAvailable && !browserRequired)('access requests in the console', () => {
  beforeAll(async () => {
    api = await startTestServer();
    origin = new URL(api.server.url).origin;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('george requests read_code on infra, john approves it for 7 days, george reads the readme, the audit log shows both', async () => {
    const george = await openConsole(browser, origin);
    const john = await openConsole(browser, origin);
    try {
      await signIn(george.page, 'george');
      await goTo(george.page, '/repos/beatles/infra');
      const readme = george.page.getByRole('region', { name: 'Readme' });
      await expect.poll(() => readme.innerText()).toContain('You cannot read the code here.');
      await readme.getByRole('button', { name: 'Request access' }).click();
      await readme.getByLabel('Reason').fill('I debug the deploy pipeline and need to read the Terraform.');
      await readme.getByRole('button', { name: 'Send request' }).click();
      await expect.poll(() => readme.getByRole('status').innerText()).toContain('Request sent');

      await signIn(john.page, 'john');
      await john.page.getByRole('link', { name: 'The Beatles' }).click();
      await john.page.getByRole('navigation').getByRole('link', { name: 'Access requests', exact: true }).click();
      const request = john.page.getByRole('listitem', { name: 'george asks for read_code:repository on beatles/infra' });
      await expect.poll(() => request.innerText()).toContain('I debug the deploy pipeline');
      expect(await request.getByLabel('Days').inputValue()).toBe('7');
      await request.getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => request.count()).toBe(0);
      await john.page.getByLabel('Show').selectOption('APPROVED');
      await expect
        .poll(() => john.page.getByRole('listitem', { name: 'george asks for read_code:repository on beatles/infra' }).innerText())
        .toContain('Approved by john');

      // george's next visit to the page reads the code: the grant is checked on every request.
      await goTo(george.page, '/');
      await george.page.getByRole('heading', { name: 'Your access requests' }).waitFor();
      expect(await george.page.getByRole('region', { name: 'Your access requests' }).innerText()).toContain('approved');
      await goTo(george.page, '/repos/beatles/infra');
      await expect.poll(() => george.page.getByRole('region', { name: 'Readme' }).innerText()).toContain('Terraform for the studio.');
      expect(await george.page.getByRole('button', { name: 'Request access' }).count()).toBe(0);

      await john.page.getByRole('navigation').getByRole('link', { name: 'Audit log', exact: true }).click();
      const log = john.page.getByRole('table');
      await expect.poll(() => log.innerText()).toContain('grant.created');
      const actions = await log.locator('tbody tr td:nth-child(2)').allInnerTexts();
      expect(actions).toEqual(expect.arrayContaining(['access_request.created', 'access_request.approved', 'grant.created']));
      expect(actions.indexOf('access_request.created')).toBeGreaterThan(actions.indexOf('grant.created'));

      // The exception is listed with its reason and its end, about 7 days ahead.
      await john.page.getByRole('navigation').getByRole('link', { name: 'Exceptions', exact: true }).click();
      const grant = john.page.getByRole('row').filter({ hasText: 'george' });
      await expect.poll(() => grant.innerText()).toContain('read_code:repository');
      expectCleanTab(george);
      expectCleanTab(john);
    } finally {
      await george.context.close();
      await john.context.close();
    }
  }, 90_000);

  it('a denial reaches the requester with its reason, and only those who manage members see requests', async () => {
    const paul = await openConsole(browser, origin);
    const john = await openConsole(browser, origin);
    try {
      await signIn(paul.page, 'paul');
      await paul.page.getByRole('link', { name: 'The Beatles' }).click();
      await paul.page.getByRole('navigation').getByRole('link', { name: 'Members', exact: true }).waitFor();
      expect(await paul.page.getByRole('navigation').getByRole('link', { name: 'Access requests', exact: true }).count()).toBe(0);
      // paul asks through the API for what the console offers nowhere to him (the audit log): john denies it.
      const asked = await api.gql(
        'paul',
        'mutation($id: ID!) { requestAccess(input: {permission: "read_audit_log:organization", resourceId: $id, reason: "Curious."}) { accessRequest { id } } }',
        {
          id: api.ids.beatles,
        },
      );
      expect(asked.errors).toBeUndefined();

      await signIn(john.page, 'john');
      await goTo(john.page, '/orgs/beatles/access-requests');
      const request = john.page.getByRole('listitem', { name: 'paul asks for read_audit_log:organization on beatles' });
      await request.getByLabel('Reason for denying').fill('The audit log is for admins.');
      await request.getByRole('button', { name: 'Deny' }).click();
      await expect.poll(() => request.count()).toBe(0);

      await goTo(paul.page, '/');
      await expect
        .poll(() => paul.page.getByRole('region', { name: 'Your access requests' }).innerText())
        .toContain('denied (The audit log is for admins.)');
      expectCleanTab(paul);
      expectCleanTab(john);
    } finally {
      await paul.context.close();
      await john.context.close();
    }
  }, 90_000);
});

// The console in headless Chromium, as the demo personas: what each sees and may do comes from the
// API (viewerPermissions, viewerCan), controls the viewer may not use are absent, refusals read as
// sentences. One server (fresh demo data) for the file; one browser context per persona.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDirectory, browserAvailable, browserRequired, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { expectCleanTab, expectNothingStored, goTo, openConsole, signIn, type ConsoleTab } from './console-browser.js';

let api: TestServer;
let browser: Browser;
let origin: string;

/** Runs a journey in its own tab; its screenshot is kept in test-artifacts/ whether it passes or not. */
async function journey(name: string, run: (tab: ConsoleTab) => Promise<void>, viewport?: { width: number; height: number }): Promise<void> {
  const tab = await openConsole(browser, origin, viewport);
  try {
    await run(tab);
    expectCleanTab(tab);
  } finally {
    mkdirSync(artifactsDirectory, { recursive: true });
    await tab.page.screenshot({ path: new URL(`console-${name}.png`, artifactsDirectory).pathname, fullPage: true });
    await tab.context.close();
  }
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

describe.skipIf(!browserAvailable && !browserRequired)('the GitClub console in headless Chromium', () => {
  beforeAll(async () => {
    api = await startTestServer();
    origin = new URL(api.server.url).origin;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('john creates the ci-cd-2 role, assigns it on infra to ringo, and finds both in the audit log and its JSON Lines, edits and deletes it', async () => {
    await journey('john', async (tab) => {
      const { page } = tab;
      await signIn(page, 'john');
      await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'The Beatles' }).innerText()).toContain('admin');
      await page.getByRole('link', { name: 'The Beatles' }).click();

      await nav(page, 'Custom roles').click();
      await page.getByRole('button', { name: 'New role' }).click();
      const form = page.getByRole('form', { name: 'New role' });
      await form.getByLabel('Name', { exact: true }).fill('ci-cd-2');
      await form.getByLabel('Description', { exact: true }).fill('Runs the pipelines; cannot read the code.');
      await form.getByLabel('Applies to').selectOption('REPOSITORY');
      // Grouped by resource type, each permission described by the catalog: no organization permission here.
      await expect.poll(() => form.getByRole('group').innerText()).toContain('Trigger workflows and see their runs.');
      expect(await form.getByRole('checkbox', { name: 'manage_members:organization' }).count()).toBe(0);
      await form.getByRole('checkbox', { name: 'trigger_workflow:repository' }).check();
      await form.getByRole('checkbox', { name: 'manage_issues:repository' }).check();
      await form.getByRole('button', { name: 'Save role' }).click();
      const role = page.getByRole('listitem', { name: 'Role ci-cd-2' });
      await expect.poll(() => role.innerText()).toContain('trigger_workflow:repository');
      expect(await role.innerText()).toContain('Held by 0 people');

      await nav(page, 'Repositories').click();
      await page.getByRole('link', { name: 'infra' }).click();
      const collaborators = page.getByRole('region', { name: 'Collaborators' });
      await collaborators.getByLabel('Login', { exact: true }).fill('ringo');
      await collaborators.getByLabel('Repository role', { exact: true }).selectOption('ci-cd-2');
      await collaborators.getByRole('button', { name: 'Assign role' }).click();
      await expect.poll(() => collaborators.getByRole('listitem').filter({ hasText: 'ringo' }).innerText()).toContain('ci-cd-2');

      await page.getByRole('link', { name: 'beatles', exact: true }).click();
      await nav(page, 'Audit log').click();
      const log = page.getByRole('table');
      await expect.poll(() => log.innerText()).toContain('repository_role.assigned');
      const rows = await log.getByRole('row').allInnerTexts();
      // Newest first: the assignment, then the role's creation.
      expect(rows[1]).toContain('repository_role.assigned');
      expect(rows[1]).toContain('ringo');
      expect(rows[2]).toContain('custom_role.created');

      await page.getByLabel('Action').fill('custom_role.created');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => log.getByRole('row').count()).toBe(2);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download JSON Lines' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('beatles-audit-log.jsonl');
      const lines = readFileSync(await download.path(), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ organization: 'beatles', action: 'custom_role.created', actorId: api.ids.john });

      // Edit, then delete: refused while held (a sentence), done once its holders get another role.
      await nav(page, 'Custom roles').click();
      await role.getByRole('button', { name: 'Edit ci-cd-2' }).click();
      const edit = page.getByRole('form', { name: 'Edit role ci-cd-2' });
      await expect.poll(() => edit.getByRole('checkbox', { name: 'trigger_workflow:repository' }).isChecked()).toBe(true);
      await edit.getByLabel('Description', { exact: true }).fill('Deploys; reads no code.');
      await edit.getByRole('button', { name: 'Save role' }).click();
      await expect.poll(() => role.innerText()).toContain('Deploys; reads no code.');
      expect(await role.innerText()).toContain('Held by 1 person');
      await role.getByRole('button', { name: 'Delete ci-cd-2' }).click();
      await expect
        .poll(() => role.getByRole('alert').innerText())
        .toBe('This role is still held: choose a role for its holders, then delete it.');
      await role.getByLabel('Give its holders').selectOption('contributor');
      await role.getByRole('button', { name: 'Delete ci-cd-2' }).click();
      await expect.poll(() => role.count()).toBe(0);

      await expectNothingStored(tab);
    });
  }, 90_000);

  it('john grants an exception and revokes it, and asks why george may trigger workflows on infra', async () => {
    await journey('john-exceptions-access', async (tab) => {
      const { page } = tab;
      await signIn(page, 'john');
      await goTo(page, '/orgs/beatles/exceptions');
      const form = page.getByRole('region', { name: 'Grant an exception' });
      await form.getByLabel('Login').fill('paul');
      await form.getByLabel('Permission').selectOption('trigger_workflow:repository');
      await form.getByLabel('Resource').selectOption({ label: 'beatles/infra' });
      await form.getByLabel('Reason').fill('Release week: paul ships the hotfix.');
      await form.getByLabel('Days until it ends').fill('3');
      await form.getByRole('button', { name: 'Grant exception' }).click();
      const grant = page.getByRole('row').filter({ hasText: 'Release week' });
      await expect.poll(() => grant.innerText()).toContain('trigger_workflow:repository');
      expect(await grant.innerText()).toContain('beatles/infra');
      await grant.getByRole('button', { name: 'Revoke trigger_workflow:repository of paul' }).click();
      await expect.poll(() => grant.count()).toBe(0);

      await page.getByRole('navigation').getByRole('link', { name: 'Access', exact: true }).click();
      await page.getByLabel('Login').fill('george');
      await page.getByLabel('Permission').selectOption('trigger_workflow:repository');
      await page.getByLabel('Resource').selectOption({ label: 'beatles/infra' });
      await page.getByRole('button', { name: 'Explain' }).click();
      const answer = page.locator('.explanation');
      await expect.poll(() => answer.innerText()).toContain('george may use trigger_workflow:repository.');
      expect(await answer.getByRole('listitem').first().innerText()).toContain('ci-cd');
      await page.getByLabel('Permission').selectOption('read_code:repository');
      await page.getByRole('button', { name: 'Explain' }).click();
      await expect.poll(() => answer.innerText()).toContain('george may not use read_code:repository.');
      await expect.poll(() => page.getByRole('region', { name: 'Role report' }).innerText()).toContain('Holders per role');
    });
  }, 60_000);

  it('bill (billing) reads the billing email, and is offered no setting the API would refuse him', async () => {
    await journey('bill', async (tab) => {
      const { page } = tab;
      await signIn(page, 'bill');
      await page.getByRole('link', { name: 'The Beatles' }).click();
      const settings = page.getByRole('region', { name: 'Settings' });
      await expect.poll(() => settings.innerText()).toContain('Billing email: accounts@beatles.test');
      // updateOrganization needs update:organization, which the billing role lacks: no form at all.
      expect(await settings.getByRole('textbox').count()).toBe(0);
      expect(await settings.getByRole('button').count()).toBe(0);
      expect(await nav(page, 'Members').count()).toBe(0);
    });
  }, 60_000);

  it('john changes the settings, each field there because he holds its permission', async () => {
    await journey('john-settings', async (tab) => {
      const { page } = tab;
      await signIn(page, 'john');
      await page.getByRole('link', { name: 'The Beatles' }).click();
      const settings = page.getByRole('region', { name: 'Settings' });
      await settings.getByLabel('Billing email').fill('money@beatles.test');
      await settings.getByLabel('Default repository role').selectOption('contributor');
      await settings.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(() => settings.getByRole('status').innerText()).toBe('Settings saved.');
      const saved = await api.gql('john', '{ organization(login: "beatles") { billingEmail defaultRepositoryRole } }');
      expect(saved.data).toEqual({ organization: { billingEmail: 'money@beatles.test', defaultRepositoryRole: 'contributor' } });
    });
  }, 60_000);

  it('the audit log goes page by page, newest first', async () => {
    // 22 entries: john grants paul an exception and revokes it, eleven times.
    for (let round = 0; round < 11; round++) {
      const granted = await api.setup(
        'john',
        'mutation($user: ID!, $repo: ID!, $until: String!) { grantPermission(input: {userId: $user, permission: "trigger_workflow:repository", resourceId: $repo, reason: "Paging.", expiresAt: $until}) { grant { id } } }',
        { user: api.ids.paul, repo: api.ids.infra, until: new Date(Date.now() + 86_400_000).toISOString() },
      );
      await api.setup('john', 'mutation($id: ID!) { revokeGrant(input: {grantId: $id}) { grant { id } } }', {
        id: (granted.grantPermission as { grant: { id: string } }).grant.id,
      });
    }
    await journey('audit-log-pages', async (tab) => {
      const { page } = tab;
      await signIn(page, 'john');
      await goTo(page, '/orgs/beatles/audit-log');
      const log = page.getByRole('table');
      await expect.poll(() => log.locator('caption').innerText()).toMatch(/^\d+ entries, newest first \(page 1\)$/);
      const total = Number(/^(\d+)/.exec(await log.locator('caption').innerText())![1]);
      expect(total).toBeGreaterThanOrEqual(22);
      expect(await log.locator('tbody tr').count()).toBe(20);
      expect(await log.locator('tbody tr').first().innerText()).toContain('grant.revoked');
      await page.getByRole('button', { name: 'Next page' }).click();
      await expect.poll(() => log.locator('caption').innerText()).toContain('(page 2)');
      expect(await log.locator('tbody tr').count()).toBe(Math.min(total - 20, 20));
      await page.getByRole('button', { name: 'Previous page' }).click();
      await expect.poll(() => log.locator('caption').innerText()).toContain('(page 1)');
      // Who acted and on whom, by login: john's revocations of paul's grants (the eleven above, and any earlier journey's).
      await page.getByLabel('Action').fill('grant.revoked');
      await page.getByLabel('By', { exact: true }).fill('john');
      await page.getByLabel('Whom', { exact: true }).fill('paul');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const onlyJohnRevokingPaul = async () =>
        (await log.locator('tbody tr').allInnerTexts()).every((row) => /grant\.revoked\s+john\s+paul/.test(row));
      await expect.poll(onlyJohnRevokingPaul).toBe(true);
      await expect.poll(() => log.locator('caption').innerText()).toMatch(/^\d+ entries/);
      const caption = await log.locator('caption').innerText();
      const filtered = Number(/^(\d+)/.exec(caption)![1]);
      expect(filtered).toBeGreaterThanOrEqual(11);
      expect(filtered).toBeLessThan(total);
      // An unknown login is a sentence, and the log stays as it was.
      await page.getByLabel('Whom', { exact: true }).fill('no-such-user');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => page.getByRole('alert').allInnerTexts()).toContainEqual('There is no user "no-such-user".');
      expect(await log.locator('caption').innerText()).toBe(caption);
    });
  }, 60_000);

  it('a guard that refuses shows its sentence, not a code', async () => {
    await journey('guard', async (tab) => {
      const { page } = tab;
      await signIn(page, 'john');
      await goTo(page, '/orgs/beatles/members');
      await page.getByRole('button', { name: 'Remove john' }).click();
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.innerText()).toBe('An organization must keep at least one admin; promote another member first.');
      expect(await page.locator('main').innerText()).not.toMatch(/LAST_ADMIN|BAD_USER_INPUT/);
    });
  }, 60_000);

  it('paul (a member) sees no admin control anywhere', async () => {
    await journey('paul', async (tab) => {
      const { page } = tab;
      await signIn(page, 'paul');
      const adminControls = async () => {
        const counts = await Promise.all([
          ...['Custom roles', 'Exceptions', 'Audit log', 'Access requests', 'Access reviews'].map((name) => nav(page, name).count()),
          ...[
            /Add member/,
            /New role/,
            /Save role/,
            /Save settings/,
            /Change role/,
            /Remove/,
            /Assign role/,
            /Trigger workflow/,
            /Approve/,
            /Deny/,
            /Revoke/,
            /Delete/,
            /Offboard/,
            /Download CSV/,
          ].map((name) => page.getByRole('button', { name }).count()),
          page.getByRole('combobox', { name: /Role of/ }).count(),
          page.getByRole('heading', { name: /Settings|Collaborators|Workflow runs|Role report|People with access/ }).count(),
        ]);
        return counts.reduce((sum, count) => sum + count, 0);
      };
      expect(await adminControls()).toBe(0);
      await page.getByRole('link', { name: 'The Beatles' }).click();
      await nav(page, 'Members').waitFor();
      expect(await adminControls()).toBe(0);
      await nav(page, 'Members').click();
      await expect.poll(() => page.getByRole('table').innerText()).toContain('ringo');
      expect(await adminControls()).toBe(0);
      for (const repository of ['abbey-road', 'infra']) {
        await goTo(page, `/repos/beatles/${repository}`);
        await expect.poll(() => page.getByRole('region', { name: 'Readme' }).innerText()).toContain('#');
        await page.getByRole('heading', { name: /Issues \(/ }).waitFor();
        expect(await adminControls()).toBe(0);
        expect(await page.getByRole('button', { name: 'Request access' }).count()).toBe(0);
      }
      // A contributor may open issues: that control is there.
      await page.getByRole('button', { name: 'Create issue' }).waitFor();
      // A page reached by its address without its permission: a sentence and "Request access", no control.
      await goTo(page, '/orgs/beatles/audit-log');
      await expect
        .poll(() => page.locator('main').innerText())
        .toContain('You cannot read the audit log in The Beatles: that needs the permission read_audit_log:organization.');
      await page.getByRole('button', { name: 'Request access' }).waitFor();
      expect(await page.getByRole('button', { name: 'Download JSON Lines' }).count()).toBe(0);
      expect(await adminControls()).toBe(0);
    });
  }, 60_000);

  it('randall (an outside collaborator) sees only abbey-road, and no organization', async () => {
    await journey('randall', async (tab) => {
      const { page } = tab;
      await signIn(page, 'randall');
      const repositories = page.getByRole('region', { name: 'Repositories you can read' });
      await expect.poll(() => repositories.getByRole('link').allInnerTexts()).toEqual(['beatles/abbey-road']);
      expect(await page.getByRole('region', { name: 'Your organizations' }).innerText()).toContain('You belong to no organization.');
      await repositories.getByRole('link', { name: 'beatles/abbey-road' }).click();
      await expect.poll(() => page.getByRole('region', { name: 'Readme' }).innerText()).toContain('Abbey Road');
      // No link to an organization he cannot see.
      expect(await page.getByRole('link', { name: 'beatles', exact: true }).count()).toBe(0);
      for (const route of ['/orgs/beatles', '/repos/beatles/infra']) {
        await goTo(page, route);
        await expect.poll(() => page.getByRole('alert').innerText()).toBe('Not found: it does not exist, or you may not see it.');
      }
    });
  }, 60_000);

  it('is usable 390 px wide: nothing wider than the screen, navigation within reach', async () => {
    await journey(
      'narrow',
      async (tab) => {
        const { page } = tab;
        await signIn(page, 'john');
        for (const route of [
          '/',
          '/orgs/beatles',
          '/orgs/beatles/members',
          '/orgs/beatles/roles',
          '/repos/beatles/infra',
          '/orgs/beatles/audit-log',
          '/orgs/beatles/access-reviews',
        ]) {
          await goTo(page, route);
          await page.getByRole('heading', { level: 1 }).waitFor();
          await page.waitForLoadState('networkidle');
          expect(await page.evaluate(() => document.documentElement.scrollWidth), route).toBeLessThanOrEqual(390);
        }
        await nav(page, 'Access requests').waitFor();
      },
      { width: 390, height: 844 },
    );
  }, 60_000);
  it('john asks who can read the code of infra: george is there with his grant and its end only while it lasts, and in the CSV', async () => {
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const granted = await api.setup(
      'john',
      'mutation($user: ID!, $repo: ID!, $until: String!) { grantPermission(input: {userId: $user, permission: "read_code:repository", resourceId: $repo, reason: "Debugs the pipeline.", expiresAt: $until}) { grant { id } } }',
      { user: api.ids.george, repo: api.ids.infra, until },
    );
    await journey('people-with-access', async (tab) => {
      const { page } = tab;
      await signIn(page, 'john');
      await goTo(page, '/repos/beatles/infra');
      const people = page.getByRole('region', { name: 'People with access' });
      const caption = people.locator('caption');
      await people.getByLabel('Permission').selectOption('read_code');
      await expect.poll(() => caption.innerText()).toBe('4 people hold read_code:repository on beatles/infra');
      const georgesPaths = people.getByRole('row').filter({ hasText: 'george' }).getByRole('listitem');
      const localUntil = await page.evaluate((iso) => new Date(iso).toLocaleString(), until);
      expect(await georgesPaths.allInnerTexts()).toEqual([`grant until ${localUntil}`]);
      expect(await georgesPaths.locator('time').getAttribute('datetime')).toBe(until);
      expect(await people.getByRole('row').filter({ hasText: 'paul' }).getByRole('listitem').allInnerTexts()).toEqual([
        'contributor (default role)',
      ]);

      const [download] = await Promise.all([page.waitForEvent('download'), people.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('beatles-infra-read_code.csv');
      const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
      expect(csv).toEqual([
        'login,name,paths',
        `george,George,grant until ${until}`,
        'john,John,maintainer (organization admin)',
        'paul,Paul,contributor (default role)',
        // His default role, or the first journey's role on infra (its holders moved to contributor): an explicit role replaces the default.
        expect.stringMatching(/^ringo,Ringo,contributor \((default role|assigned here)\)$/),
        '',
      ]);

      // Revoked: gone from the list the next time the page reads it.
      await api.setup('john', 'mutation($id: ID!) { revokeGrant(input: {grantId: $id}) { grant { id } } }', {
        id: (granted.grantPermission as { grant: { id: string } }).grant.id,
      });
      await goTo(page, '/');
      await goTo(page, '/repos/beatles/infra');
      await people.getByLabel('Permission').selectOption('read_code');
      await expect.poll(() => caption.innerText()).toBe('3 people hold read_code:repository on beatles/infra');
      expect(await people.getByRole('cell', { name: 'george', exact: true }).count()).toBe(0);
    });
  }, 60_000);

  it('john offboards ringo: what ringo holds, a reason, nothing after, and ringo in no list; the last admin is refused in words', async () => {
    await journey('offboarding', async (tab) => {
      const { page } = tab;
      await signIn(page, 'john');
      await goTo(page, '/orgs/beatles/members');
      await page.getByRole('button', { name: 'Offboard john' }).click();
      const johnPanel = page.getByRole('region', { name: 'Offboard John (john)' });
      await johnPanel.getByLabel('Reason (kept in the audit log)').fill('Leaving.');
      await johnPanel.getByRole('button', { name: 'Confirm offboarding of john' }).click();
      await expect
        .poll(() => johnPanel.getByRole('alert').innerText())
        .toBe('An organization must keep at least one admin; promote another member first.');
      await johnPanel.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Offboard ringo' }).click();
      const panel = page.getByRole('region', { name: 'Offboard Ringo (ringo)' });
      const before = panel.getByRole('table', { name: 'Before: what ringo holds in The Beatles now' });
      const abbeyRoad = before.getByRole('row').filter({ has: page.getByRole('cell', { name: 'beatles/abbey-road', exact: true }) });
      await expect.poll(() => abbeyRoad.innerText()).toContain('manage_roles');
      expect(await abbeyRoad.getByRole('listitem').last().innerText()).toContain('maintainer (assigned here)');
      await panel.getByLabel('Reason (kept in the audit log)').fill('Left the band.');
      await panel.getByRole('button', { name: 'Confirm offboarding of ringo' }).click();
      await expect
        .poll(() => panel.getByRole('status').innerText())
        .toBe('ringo is offboarded: they hold nothing in The Beatles any more.');
      expect(await panel.getByText('After: ringo holds nothing in The Beatles.').count()).toBe(1);
      expect(
        await panel.getByRole('table', { name: 'Before: what ringo held in The Beatles as the offboarding found it' }).innerText(),
      ).toContain('beatles/abbey-road');
      const members = page.getByRole('table', { name: /members of The Beatles/ });
      await expect.poll(() => members.getByRole('cell', { name: 'ringo', exact: true }).count()).toBe(0);
      expect(await members.getByRole('cell', { name: 'paul', exact: true }).count()).toBe(1);

      // Who has access, for every permission of the organization and of each repository: never ringo.
      for (const [route, resource] of [
        ['/orgs/beatles', 'organization'],
        ['/repos/beatles/abbey-road', 'repository'],
        ['/repos/beatles/infra', 'repository'],
      ] as const) {
        await goTo(page, route);
        const people = page.getByRole('region', { name: 'People with access' });
        const picker = people.getByLabel('Permission');
        await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
        for (const action of await picker
          .locator('option')
          .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))) {
          await picker.selectOption(action);
          await expect.poll(() => people.locator('caption').innerText()).toMatch(new RegExp(` holds? ${action}:${resource} on `));
          expect(await people.getByRole('cell', { name: 'ringo', exact: true }).count(), `${route} ${action}`).toBe(0);
        }
      }
    });
  }, 60_000);

  // Last: paul is no member of beatles afterwards, which the journeys above rely on.
  it("john reviews beatles' access: revokes paul's membership with a note, paul loses it at once, the progress moves; his own item offers no decision", async () => {
    await journey('access-review', async (tab) => {
      const { page } = tab;
      await signIn(page, 'john');
      await page.getByRole('link', { name: 'The Beatles' }).click();
      await nav(page, 'Access reviews').click();
      const start = page.getByRole('form', { name: 'Start a review' });
      await start.getByRole('radio', { name: 'keep' }).check();
      await start.getByRole('button', { name: 'Start review' }).click();
      const review = page.getByRole('region', { name: /^Review due .+ \(open\)$/ });
      const progress = review.getByRole('progressbar', { name: 'Progress of this review' });
      await expect.poll(() => progress.getAttribute('value')).toBe('0');
      const total = Number(await progress.getAttribute('max'));
      expect(total).toBeGreaterThanOrEqual(4);

      await review.getByLabel('Undecided only').check();
      await expect.poll(() => review.getByText(/^\d+ undecided items$/).innerText()).toBe(`${total} undecided items`);
      const membershipOf = (login: string, role: string) =>
        review.getByRole('listitem', { name: `${login}: Membership: organization role "${role}" on beatles.`, exact: true });
      const paulsItem = membershipOf('paul', 'member');
      await paulsItem.getByLabel("Note on paul's item (optional)").fill('Left the band; no access needed.');
      await paulsItem.getByRole('button', { name: 'Revoke' }).click();
      await expect
        .poll(() => review.getByRole('status').innerText())
        .toBe('paul: Membership: organization role "member" on beatles. Revoked: removed at once.');
      // At once: paul's next request finds no beatles (and with it, no contributor default on its repositories).
      const asPaul = await api.gql('paul', '{ organization(login: "beatles") { viewerPermissions } }');
      expect(asPaul.data?.organization ?? null).toBeNull();
      expect(asPaul.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      // The bar moves, in the panel and in the list; decided, paul's item leaves the undecided ones.
      await expect.poll(() => progress.getAttribute('value')).toBe('1');
      await expect
        .poll(() =>
          page
            .getByRole('progressbar', { name: /^Progress of the review due / })
            .first()
            .getAttribute('value'),
        )
        .toBe('1');
      await expect.poll(() => paulsItem.count()).toBe(0);

      // john's own membership: no Keep or Revoke (the API would refuse it), a sentence instead.
      const johnsItem = membershipOf('john', 'admin');
      expect(await johnsItem.innerText()).toContain('This is your own access: another reviewer decides it, or at the due date it is kept.');
      expect(await johnsItem.getByRole('button').count()).toBe(0);

      // Decided meanwhile elsewhere (john through the API): the card's Keep is refused with the API's sentence.
      const items = await api.setup(
        'john',
        '{ organization(login: "beatles") { accessReviews(first: 1) { nodes { items(first: 100) { nodes { id kind user { login } } } } } } }',
      );
      const billsItemId = (
        items.organization as { accessReviews: { nodes: { items: { nodes: { id: string; kind: string; user: { login: string } }[] } }[] } }
      ).accessReviews.nodes[0]!.items.nodes.find((item) => item.user.login === 'bill' && item.kind === 'MEMBERSHIP')!.id;
      await api.setup('john', 'mutation($i: ID!) { decideAccessReviewItem(input: {itemId: $i, decision: KEEP}) { item { id } } }', {
        i: billsItemId,
      });
      const billsItem = membershipOf('bill', 'billing');
      await billsItem.getByRole('button', { name: 'Keep' }).click();
      await expect.poll(() => billsItem.getByRole('alert').innerText()).toBe('This item was decided already (KEEP); decisions are final.');

      // Every item again: paul's shows the decision, who took it and the note; decisions are final.
      await review.getByLabel('Undecided only').uncheck();
      await expect.poll(() => paulsItem.innerText()).toContain('Revoked by john on ');
      expect(await paulsItem.innerText()).toContain('Note: “Left the band; no access needed.”');
      expect(await paulsItem.getByRole('button').count()).toBe(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        review.getByRole('button', { name: 'Download decisions (JSON Lines)' }).click(),
      ]);
      const lines = readFileSync(await download.path(), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toHaveLength(total);
      const reviewId = lines[0]!.review as string;
      expect(download.suggestedFilename()).toBe(`beatles-access-review-${reviewId}.jsonl`);
      expect(lines.filter((line) => line.decision !== null)).toEqual([
        expect.objectContaining({ user: 'bill', kind: 'membership', decision: 'keep', decidedBy: 'john', note: null }),
        expect.objectContaining({
          organization: 'beatles',
          user: 'paul',
          kind: 'membership',
          role: 'member',
          decision: 'revoke',
          decidedBy: 'john',
          note: 'Left the band; no access needed.',
          removed: true,
        }),
      ]);
      expect(await review.getByText(`npm run access-review:export -- --review ${reviewId}`).count()).toBe(1);
    });
  }, 60_000);
});

// `npm run console:screenshots`: pictures of the console's main pages for docs/frontend.md, written to
// docs/console/ (PNG, 1280 px wide, and two at 390 px). It starts a private server on an embedded
// in-memory database with the demo data (nothing on disk, nothing else running needed), drives
// Debian's Chromium through playwright-core (CHROMIUM_PATH to use another), and stops both.
/* global window, Event -- the functions given to page.evaluate run in the browser */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const outputFolder = join(root, 'docs', 'console');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

register();
const { loadConfig } = await import(pathToFileURL(join(root, 'src', 'config.ts')).href);
const { startServer } = await import(pathToFileURL(join(root, 'src', 'server.ts')).href);

const server = await startServer(
  loadConfig({ PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'true', LOG_LEVEL: 'silent', CONSOLE_ENABLED: 'true' }),
  { host: '127.0.0.1' },
);
const origin = `http://localhost:${server.port}`;
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});

/** A signed-in tab of one demo persona. */
async function signedIn(login, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${origin}/console`);
  await page.getByLabel('Email').fill(`${login}@gitclub.test`);
  await page.getByLabel('Password').fill('rolegate-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/** Opens a console route in place (a reload would sign out: tokens live in memory). */
async function goTo(page, route) {
  await page.evaluate((path) => {
    window.history.pushState(null, '', `/console${path}`);
    window.dispatchEvent(new Event('console:navigate'));
  }, route);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
}

async function shoot(page, name) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(outputFolder, `${name}.png`), fullPage: true });
  console.log(`Wrote docs/console/${name}.png`);
}

try {
  mkdirSync(outputFolder, { recursive: true });

  const signInContext = await browser.newContext({ viewport: { width: 1280, height: 600 } });
  const signInPage = await signInContext.newPage();
  await signInPage.goto(`${origin}/console`);
  await signInPage.getByRole('button', { name: 'Sign in' }).waitFor();
  await shoot(signInPage, 'sign-in');

  // george asks for read_code on infra: his repository page, then john's pending request.
  const george = await signedIn('george');
  await goTo(george, '/repos/beatles/infra');
  await george.getByRole('button', { name: 'Request access' }).click();
  await george.getByLabel('Reason').fill('I debug the deploy pipeline and need to read the Terraform.');
  await shoot(george, 'repository-without-code');
  await george.getByRole('button', { name: 'Send request' }).click();
  await george.getByRole('status').waitFor();

  const john = await signedIn('john');
  await shoot(john, 'home');
  await goTo(john, '/orgs/beatles');
  await shoot(john, 'organization');
  await goTo(john, '/orgs/beatles/members');
  await shoot(john, 'members');
  await goTo(john, '/orgs/beatles/roles');
  await john.getByRole('button', { name: 'New role' }).click();
  await john.getByLabel('Name', { exact: true }).fill('release-manager');
  await john.getByLabel('Description', { exact: true }).fill('Ships releases: triggers workflows and closes issues, reads no code.');
  await john.getByRole('checkbox', { name: 'trigger_workflow:repository' }).check();
  await john.getByRole('checkbox', { name: 'manage_issues:repository' }).check();
  await shoot(john, 'custom-roles');
  await goTo(john, '/repos/beatles/infra');
  await shoot(john, 'repository');
  await goTo(john, '/orgs/beatles/access-requests');
  await john.getByRole('button', { name: 'Approve' }).waitFor();
  await shoot(john, 'access-requests');
  await john.getByRole('button', { name: 'Approve' }).click();
  await john.getByText('No pending request.').waitFor();
  await goTo(john, '/orgs/beatles/exceptions');
  await shoot(john, 'exceptions');
  await goTo(john, '/orgs/beatles/audit-log');
  await shoot(john, 'audit-log');
  await goTo(john, '/orgs/beatles/access');
  await john.getByLabel('Login').fill('george');
  await john.getByLabel('Permission').selectOption('trigger_workflow:repository');
  await john.getByLabel('Resource').selectOption({ label: 'beatles/infra' });
  await john.getByRole('button', { name: 'Explain' }).click();
  await john.locator('.explanation').waitFor();
  await shoot(john, 'access');

  const paulNarrow = await signedIn('paul', { width: 390, height: 844 });
  await shoot(paulNarrow, 'home-390');
  const johnNarrow = await signedIn('john', { width: 390, height: 844 });
  await goTo(johnNarrow, '/orgs/beatles/members');
  await shoot(johnNarrow, 'members-390');
} finally {
  await browser.close();
  await server.stop();
}

// Browser smoke test: a demo database, a real `ettlag serve`, Chromium via playwright-core,
// and axe-core accessibility checks (WCAG 2.0/2.1 A and AA).
//
// Run: node --test e2e/            (scripts/test does this after `cargo build -p ettlag-cli`)
// Environment:
//   ETTLAG_BIN        the ettlag binary (default: <repo>/target/debug/ettlag, or $CARGO_TARGET_DIR/debug/ettlag)
//   ETTLAG_CHROMIUM   the browser (default: /usr/bin/chromium, Debian's package)
//   ETTLAG_E2E_KEEP   set to keep the temporary directory (database, server log) after the run

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { DemoServer, assertNoAxeViolations, launchBrowser, parseLogins } from './support.mjs';

export { parseLogins };

const TEACHER = 'laerer.nordli';

function pickTeacher(logins) {
  return (
    logins.find((l) => l.username === TEACHER) ||
    logins.find((l) => /Nordli skole/i.test(l.description) && /^(teacher|lærer|laerer)/i.test(l.description)) ||
    logins.find((l) => /Nordli skole/i.test(l.description))
  );
}

describe('ettlag in a browser', () => {
  const demo = new DemoServer();
  let base;
  let browser;
  let teacher;
  const withServerLog = (fn) => demo.withLog(fn);

  before(async () => {
    const logins = await demo.create();
    teacher = pickTeacher(logins);
    if (!teacher) {
      demo.failed = true;
      assert.fail(`no teacher login for Nordli skole (${TEACHER}) in the demo output; found ${logins.length} login line(s)`);
    }
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    await demo.remove();
  });

  /** A fresh browser context (own cookies); CSP bypassed so axe can be injected. */
  async function newPage() {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO' });
    const page = await context.newPage();
    return { context, page };
  }

  test('the login page has no WCAG 2.1 A/AA violations', { timeout: 120_000 }, withServerLog(async () => {
    const { context, page } = await newPage();
    try {
      const res = await page.goto(`${base}/login`);
      assert.equal(res.status(), 200, `GET /login answered ${res.status()}`);
      await page.locator('input[name=username]').waitFor();
      await page.locator('input[name=password]').waitFor();
      await assertNoAxeViolations(page, '/login');
    } finally {
      await context.close();
    }
  }));

  test('a wrong password shows the login page again with an alert', { timeout: 120_000 }, withServerLog(async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${base}/login`);
      await page.fill('input[name=username]', teacher.username);
      await page.fill('input[name=password]', `${teacher.password}-wrong`);
      await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
      await page.locator('[role=alert]').first().waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await page.locator('input[name=username]').count(), 1, 'the login form is shown again');
      assert.equal(await page.locator('input[name=password]').count(), 1, 'the login form is shown again');
      assert.ok(!new URL(page.url()).pathname.endsWith('/children'), `a wrong password reached ${page.url()}`);
    } finally {
      await context.close();
    }
  }));

  test('a teacher signs in and sees the children list, with no WCAG 2.1 A/AA violations', { timeout: 120_000 }, withServerLog(async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${base}/login`);
      await page.fill('input[name=username]', teacher.username);
      await page.fill('input[name=password]', teacher.password);
      await page.click('button[type=submit]');
      await page.waitForURL((url) => url.pathname.endsWith('/children'), { timeout: 30_000 });

      await page.locator('h1').first().waitFor({ state: 'visible' });
      const table = page.locator('table').first();
      await table.waitFor({ state: 'visible' });
      const rows = table.locator('tbody tr');
      assert.ok((await rows.count()) >= 1, 'the children table has at least one row');
      const links = table.locator('tbody tr a[href*="/children/"]');
      assert.ok((await links.count()) >= 1, 'a row links to /children/<id>');

      await assertNoAxeViolations(page, '/children');

      await Promise.all([page.waitForURL((url) => /\/children\/[^/]+$/.test(url.pathname)), links.first().click()]);
      await page.locator('h1').first().waitFor({ state: 'visible' });
      await assertNoAxeViolations(page, 'a child\'s page');
    } finally {
      await context.close();
    }
  }));
  test('search narrows the list as the teacher types, with htmx under the real CSP', { timeout: 120_000 }, withServerLog(async () => {
    // No bypassCSP here: this is the page as a browser runs it.
    const context = await browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    const blocked = [];
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) blocked.push(msg.text());
    });
    try {
      await page.goto(`${base}/login`);
      await page.fill('input[name=username]', teacher.username);
      await page.fill('input[name=password]', teacher.password);
      await page.click('button[type=submit]');
      await page.waitForURL((url) => url.pathname.endsWith('/children'), { timeout: 30_000 });
      const firstName = (await page.locator('tbody tr a').first().innerText()).split(',')[0].trim();

      await page.locator('#q').pressSequentially('zzzz', { delay: 20 });
      await page.locator('#child-results .empty').waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await page.locator('#child-results tbody tr').count(), 0, 'nobody is called zzzz');

      await page.locator('#q').fill('');
      await page.locator('#q').pressSequentially(firstName, { delay: 20 });
      await page.locator('#child-results tbody tr').first().waitFor({ state: 'visible', timeout: 15_000 });
      const names = await page.locator('#child-results tbody tr a').allInnerTexts();
      assert.ok(names.length >= 1, 'the family name finds children');
      for (const name of names) {
        assert.ok(name.toLowerCase().startsWith(firstName.toLowerCase()) || name.toLowerCase().includes(`, ${firstName.toLowerCase()}`),
          `${name} does not match ${firstName}`);
      }
      assert.ok(new URL(page.url()).searchParams.get('q') === firstName, 'the address keeps the search');
      assert.deepEqual(blocked, [], 'the content security policy blocked nothing');
    } finally {
      await context.close();
    }
  }));
});

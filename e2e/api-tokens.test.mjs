// Personal API tokens in a browser: a teacher finds the page under her
// settings, makes a token with a name and a lifetime, sees it once, uses it
// on /api/v1 with `Authorization: Bearer`, revokes it on the page, and the
// API refuses it at once. The administrator sees the token another teacher
// made on the command line in the list of the municipality's tokens,
// revokes it there, and the API refuses that one too. Every page is checked
// with axe.
//
// Run: node --test e2e/api-tokens.test.mjs   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { DemoServer, assertNoAxeViolations, launchBrowser, signInAs, submit } from './support.mjs';

const TEACHER = 'laerer.nordli';
const OTHER = 'laerer.solbakken';

describe('personal API tokens', () => {
  const demo = new DemoServer({ children: 10, prefix: 'ettlag-e2e-tokens-' });
  let base;
  let browser;
  const login = {};

  before(async () => {
    for (const l of await demo.create()) login[l.username] = l;
    assert.ok(login[TEACHER] && login[OTHER] && login.admin, 'the demo prints the teachers and the admin');
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    await demo.remove();
  });

  /** The status the API answers the holder of `token`. */
  async function apiStatus(token) {
    const r = await fetch(`${base}/api/v1/children`, { headers: { authorization: `Bearer ${token}` } });
    return r.status;
  }

  test('a teacher makes a token on her settings page, uses it, and revokes it', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await signInAs(browser, base, login, TEACHER);
    try {
      await page.goto(`${base}/settings`);
      await Promise.all([page.waitForURL(/\/settings\/api-tokens$/), page.getByRole('link', { name: /API-nøkler/ }).click()]);
      assert.match(await page.locator('main').innerText(), /Du har ingen gyldige API-nøkler/);
      await assertNoAxeViolations(page, 'the own API tokens page without tokens');

      // A lifetime past the limit is refused in words; nothing is made.
      await page.fill('#token-label', 'Fagsystem');
      await page.locator('#token-days').evaluate((el) => el.removeAttribute('max'));
      await page.fill('#token-days', '400');
      await submit(page, 'main form[action="/settings/api-tokens"] button[type=submit]');
      assert.match(await page.locator('.alert').innerText(), /fra 1 til 366/);
      assert.equal(await page.locator('#token-days').getAttribute('aria-invalid'), 'true');
      await assertNoAxeViolations(page, 'the own API tokens page with a refused lifetime');

      await page.fill('#token-days', '30');
      await submit(page, 'main form[action="/settings/api-tokens"] button[type=submit]');
      assert.match(await page.locator('main').innerText(), /vises bare denne ene gangen/);
      const token = await page.inputValue('#new-token');
      assert.match(token, /^ettlag_/);
      await assertNoAxeViolations(page, 'the new token, shown once');
      assert.equal(await apiStatus(token), 200, 'the new token opens the API');

      await Promise.all([
        page.waitForURL(/\/settings\/api-tokens$/),
        page.getByRole('link', { name: 'Jeg har kopiert nøkkelen' }).click(),
      ]);
      const row = page.locator('table.api-tokens tbody tr', { hasText: 'Fagsystem' });
      assert.equal(await row.count(), 1, 'the token is listed by its name');
      assert.ok(!(await page.content()).includes(token), 'the secret is not shown again');
      await assertNoAxeViolations(page, 'the own API tokens page with a token');

      await row.locator('summary').click();
      await submit(page, 'table.api-tokens tbody tr:has-text("Fagsystem") form button[type=submit]');
      assert.match(await page.locator('.notice').innerText(), /trukket tilbake/);
      assert.equal(await page.locator('table.api-tokens tbody tr', { hasText: 'Fagsystem' }).count(), 0);
      await assertNoAxeViolations(page, 'the own API tokens page after a revocation');
      assert.equal(await apiStatus(token), 401, 'the API refuses the revoked token');
    } finally {
      await context.close();
    }
  }));

  test('the administrator revokes a token another teacher made on the command line', { timeout: 120_000 }, demo.withLog(async () => {
    const token = (await demo.cli(['user', 'token', OTHER, '--label', 'Skript for rapporter'])).trim().split(/\s+/).pop();
    assert.equal(await apiStatus(token), 200);
    const { context, page } = await signInAs(browser, base, login, 'admin');
    try {
      await page.goto(`${base}/admin`);
      await Promise.all([
        page.waitForURL(/\/admin\/api-tokens$/),
        page.locator('nav.search').getByRole('link', { name: 'Ansattes API-nøkler' }).click(),
      ]);
      const row = page.locator('table.api-tokens tbody tr', { hasText: 'Skript for rapporter' });
      assert.equal(await row.count(), 1, 'the teacher\'s token is listed');
      await assertNoAxeViolations(page, 'the administrator\'s list of API tokens');
      await row.locator('summary').click();
      await submit(page, 'table.api-tokens tbody tr:has-text("Skript for rapporter") form button[type=submit]');
      assert.match(await page.locator('.notice').innerText(), /trukket tilbake/);
      assert.equal(await page.locator('table.api-tokens tbody tr', { hasText: 'Skript for rapporter' }).count(), 0);
      await assertNoAxeViolations(page, 'the administrator\'s list after a revocation');
      assert.equal(await apiStatus(token), 401, 'the API refuses it at once');
    } finally {
      await context.close();
    }
  }));
});

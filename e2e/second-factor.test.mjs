// A second factor for a local staff account, in a browser: a teacher sets
// it up on her own page (QR code, the first code from the "app", recovery
// codes shown once), signs out and in again with her password and a code,
// makes new recovery codes (the old ones stop working) and signs in with
// one of the new; the administrator turns on the municipality's setting on
// the admin settings page and resets her factor from the staff list, and
// her next sign-in asks her to set it up again. The codes are computed here
// from the secret the page shows, as an authenticator app would (RFC 6238:
// HMAC-SHA1, 30-second steps, six digits). Every second-factor page is
// checked with axe.
//
// Run: node --test e2e/second-factor.test.mjs   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import { DemoServer, assertNoAxeViolations, launchBrowser, signInAs } from './support.mjs';

const TEACHER = 'laerer.nordli';

/** Decodes RFC 4648 base32 (the secret as the page shows it, spaces allowed). */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.toUpperCase().replace(/[\s=]/g, '')) {
    const index = alphabet.indexOf(ch);
    assert.ok(index >= 0, `not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The app's six-digit code for `secret` at `seconds` (RFC 6238 over RFC 4226). */
function totp(secret, seconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(number).padStart(6, '0');
}

describe('a second factor for a local staff account', () => {
  const demo = new DemoServer({ children: 10, prefix: 'ettlag-e2e-2fa-' });
  let base;
  let browser;
  const login = {};
  /** The teacher's secret, and her recovery codes as last shown. */
  let secret;
  let codes = [];

  before(async () => {
    for (const l of await demo.create()) login[l.username] = l;
    assert.ok(login[TEACHER] && login.admin, 'the demo prints the teacher and admin logins');
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    await demo.remove();
  });

  /** Types the password on the sign-in page; the page it leads to. */
  async function password(page, username) {
    await page.goto(`${base}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', login[username].password);
    await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login')), page.click('button[type=submit]')]);
  }

  /** Submits the form that holds `selector` and waits for the page it answers with. */
  async function send(page, selector) {
    await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(selector)]);
  }

  /** The recovery codes the page shows once. */
  async function shownCodes(page) {
    const shown = await page.locator('ol.recovery-codes code').allInnerTexts();
    assert.equal(shown.length, 10, 'ten recovery codes');
    return shown;
  }

  async function signOut(page) {
    await send(page, 'header form[action="/logout"] button');
  }

  test('a teacher sets up a second factor on her own page with the QR code and her first code', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await signInAs(browser, base, login, TEACHER);
    try {
      await page.goto(`${base}/settings/second-factor`);
      assert.match(await page.locator('main').innerText(), /Du har ikke satt opp totrinnsinnlogging/);
      await assertNoAxeViolations(page, 'the own second-factor page without a factor');
      await send(page, 'main form[action="/settings/second-factor/enrol"] button');
      assert.equal(await page.locator('.qr svg[role=img]').count(), 1, 'a QR code');
      await assertNoAxeViolations(page, 'the enrolment page with the QR code');
      secret = (await page.locator('code.hash').innerText()).replace(/\s/g, '');
      await page.fill('#code', totp(secret));
      await send(page, 'main form button[type=submit]');
      assert.match(await page.locator('main').innerText(), /Totrinnsinnlogging er satt opp/);
      codes = await shownCodes(page);
      await assertNoAxeViolations(page, 'the recovery codes after enrolment');
      await page.getByRole('link', { name: 'Jeg har tatt vare på kodene' }).click();
      await page.waitForURL(/\/settings\/second-factor$/);
      assert.match(await page.locator('main').innerText(), /Du har 10 reservekoder igjen/);
      await assertNoAxeViolations(page, 'the own second-factor page with a factor');
    } finally {
      await context.close();
    }
  }));

  test('she signs out, and in again with her password and a code from the app', { timeout: 120_000 }, demo.withLog(async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO' });
    const page = await context.newPage();
    try {
      await password(page, TEACHER);
      assert.equal(new URL(page.url()).pathname, '/login/second-factor');
      await assertNoAxeViolations(page, 'the code page of a sign-in');
      // The enrolment used this step's code: the next step's is the one
      // still unused (the server takes one step either side).
      await page.fill('#code', totp(secret, Date.now() / 1000 + 30));
      await send(page, 'main form button[type=submit]');
      assert.equal(new URL(page.url()).pathname, '/children');
      await signOut(page);
    } finally {
      await context.close();
    }
  }));

  test('she makes new recovery codes with an old one, and signs in with a new one', { timeout: 120_000 }, demo.withLog(async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO' });
    const page = await context.newPage();
    try {
      await password(page, TEACHER);
      await page.fill('#code', codes[0]);
      await send(page, 'main form button[type=submit]');
      assert.equal(new URL(page.url()).pathname, '/children', 'a recovery code signs in');

      await page.goto(`${base}/settings/second-factor`);
      await page.fill('#renew-code', '000000');
      await send(page, 'form[action="/settings/second-factor/recovery-codes"] button');
      assert.match(await page.locator('[role=alert]').innerText(), /Koden stemmer ikke/);
      assert.match(await page.locator('main').innerText(), /Du har 9 reservekoder igjen/, 'nothing changed');
      await assertNoAxeViolations(page, 'the own second-factor page with a wrong code');

      const old = codes;
      await page.fill('#renew-code', old[1]);
      await send(page, 'form[action="/settings/second-factor/recovery-codes"] button');
      assert.match(await page.locator('main').innerText(), /Du har fått nye reservekoder/);
      codes = await shownCodes(page);
      assert.ok(codes.every((c) => !old.includes(c)), 'all new');
      await assertNoAxeViolations(page, 'the new recovery codes');
      await page.getByRole('link', { name: 'Jeg har tatt vare på kodene' }).click();
      await page.waitForURL(/\/settings\/second-factor$/);
      await signOut(page);

      await password(page, TEACHER);
      await page.fill('#code', old[2]);
      await send(page, 'main form button[type=submit]');
      assert.match(await page.locator('[role=alert]').innerText(), /Koden stemmer ikke/, 'the old codes stopped working');
      await page.fill('#code', codes[0]);
      await send(page, 'main form button[type=submit]');
      assert.equal(new URL(page.url()).pathname, '/children', 'a new recovery code signs in');
    } finally {
      await context.close();
    }
  }));

  test('the administrator requires a second factor and resets hers; her next sign-in asks her to set it up again', { timeout: 180_000 }, demo.withLog(async () => {
    const admin = await signInAs(browser, base, login, 'admin');
    const setting = async (value) => {
      await admin.page.goto(`${base}/admin/settings`);
      const form = admin.page.locator('form', { has: admin.page.locator('#second_factor_required') });
      await form.locator('#second_factor_required').fill(value);
      await Promise.all([admin.page.waitForLoadState('load'), form.locator('button[type=submit]').click()]);
    };
    try {
      await setting('1');
      await admin.page.goto(`${base}/admin/staff`);
      const row = admin.page.locator('main tr', { hasText: TEACHER });
      assert.match(await row.innerText(), /Satt opp/);
      await assertNoAxeViolations(admin.page, 'the staff list with second factors');
      await row.locator('details.reset-second-factor summary').click();
      assert.match(await row.locator('details').innerText(), /mistet telefonen og reservekodene/);
      await assertNoAxeViolations(admin.page, 'the staff list with a reset to confirm');
      await Promise.all([
        admin.page.waitForURL(/done=second-factor-reset$/),
        row.locator('details form button[type=submit]').click(),
      ]);
      assert.match(await admin.page.locator('[role=status]').innerText(), /Totrinnsinnloggingen er tilbakestilt/);
      assert.match(await admin.page.locator('main tr', { hasText: TEACHER }).innerText(), /Ikke satt opp/);
      await assertNoAxeViolations(admin.page, 'the staff list after a reset');

      const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO' });
      const page = await context.newPage();
      try {
        await password(page, TEACHER);
        assert.equal(new URL(page.url()).pathname, '/login/second-factor/enrol');
        assert.match(await page.locator('main').innerText(), /Kommunen krever totrinnsinnlogging for deg/);
        assert.equal(await page.locator('.qr svg[role=img]').count(), 1, 'a QR code');
        assert.notEqual((await page.locator('code.hash').innerText()).replace(/\s/g, ''), secret, 'a new secret');
        await assertNoAxeViolations(page, 'the enrolment required at sign-in after a reset');
      } finally {
        await context.close();
      }
    } finally {
      // Leave the demo as other runs expect it: no factor required.
      await setting('0').catch(() => {});
      await admin.context.close();
    }
  }));
});

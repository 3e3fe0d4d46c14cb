// The annual cycle (årshjul) in a browser: the unit leader of Nordli skole
// follows the link from the steering page, reads the year month by month
// (also on a phone-sized screen, with no sideways scrolling), marks one task
// done with a note and sees who did it; the administrator opens the list of
// tasks. Every page is checked with axe.
//
// Run: node --test e2e/cycle.test.mjs   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { DemoServer, assertNoAxeViolations, launchBrowser, signInAs, submit } from './support.mjs';

const HEAD = 'leder.nordli';
const ADMIN = 'admin';

describe('the annual cycle', () => {
  const demo = new DemoServer({ children: 30, prefix: 'ettlag-e2e-cycle-' });
  let base;
  let browser;
  const login = {};

  before(async () => {
    const logins = await demo.create();
    for (const l of logins) login[l.username] = l;
    for (const who of [HEAD, ADMIN]) assert.ok(login[who], `the demo prints a login for ${who}`);
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    await demo.remove();
  });

  test('a leader sees the year and marks a task done', { timeout: 240_000 }, demo.withLog(async () => {
    const { context, page } = await signInAs(browser, base, login, HEAD);
    try {
      await page.goto(`${base}/steering`);
      await Promise.all([page.waitForURL(/\/steering\/cycle/), page.click('a[href="/steering/cycle"]')]);
      await assertNoAxeViolations(page, 'the annual cycle');
      // Twelve months, each a section with a heading.
      assert.equal(await page.locator('section.cycle-month h2').count(), 12);
      // Next year holds the school's tasks whatever today's date is.
      const year = new Date().getUTCFullYear() + 1;
      await page.goto(`${base}/steering/cycle?year=${year}`);
      await assertNoAxeViolations(page, 'next year of the annual cycle');
      const main = await page.locator('main').innerText();
      assert.match(main, /Evaluer praksis i skolen/);
      assert.doesNotMatch(main, /Evaluer praksis i barnehagen/, 'a school leader sees the school\'s tasks');

      // An empty note is refused in words, and the form says which field.
      await submit(page, 'form[action="/steering/cycle/mark"] button[value=done] >> nth=0');
      assert.match(await page.locator('[role=alert]').first().innerText(), /kort notat/);
      await assertNoAxeViolations(page, 'a refused mark');

      await page.locator('form[action="/steering/cycle/mark"] textarea').first().fill('Vi gikk gjennom loggene på nivå 1.');
      await submit(page, 'form[action="/steering/cycle/mark"] button[value=done] >> nth=0');
      assert.match(await page.locator('[role=status]').first().innerText(), /merket som gjort/);
      const after = await page.locator('main').innerText();
      assert.match(after, /Vi gikk gjennom loggene på nivå 1\./);
      assert.match(after, /Gjort av/);
      await assertNoAxeViolations(page, 'the annual cycle after a mark');

      // On a phone-sized screen the year reads without sideways scrolling.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}/steering/cycle?year=${year}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      assert.equal(wide, false, 'no sideways scrolling at 390×844');
      await assertNoAxeViolations(page, 'the annual cycle on a phone');
    } finally {
      await context.close();
    }
  }));

  test('the administrator keeps the list of tasks', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await signInAs(browser, base, login, ADMIN);
    try {
      await page.goto(`${base}/admin/cycle`);
      await assertNoAxeViolations(page, 'the annual cycle tasks');
      assert.match(await page.locator('main').innerText(), /Evaluer BTI-praksisen/);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}/admin/cycle`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      assert.equal(wide, false, 'no sideways scrolling at 390×844');
    } finally {
      await context.close();
    }
  }));
});

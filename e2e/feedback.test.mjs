// Feedback (FIT) on a phone-sized screen (390×844, touch): a staff member
// starts an episode for a child and answers the first form with the family
// in a meeting (slider by keyboard, a typed "7,3"; untouched sliders are
// refused by name); makes a one-time link;
// the parent answers on their own phone without an account (the page shows
// only the child's first name); staff find the alert on their desk and the
// graph on the episode page; a used link and an expired link are refused.
// Every page is checked with axe.
//
// Run: node --test e2e/feedback.test.mjs   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { DemoServer, assertNoAxeViolations, execFileP, launchBrowser, submit } from './support.mjs';

const TEACHER = 'pedagog.eventyrskogen';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'nb-NO', bypassCSP: true };

describe('feedback: answered on a phone, seen as a graph and an alert', () => {
  const demo = new DemoServer({ children: 30, prefix: 'ettlag-e2e-feedback-' });
  let base;
  let browser;
  const login = {};
  let episodePath;
  let childGiven;

  before(async () => {
    const logins = await demo.create();
    for (const l of logins) login[l.username] = l;
    assert.ok(login[TEACHER], `the demo prints a login for ${TEACHER}`);
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    await demo.remove();
  });

  async function staffPage() {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=username]', TEACHER);
    await page.fill('input[name=password]', login[TEACHER].password);
    await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login')), page.click('button[type=submit]')]);
    return { context, page };
  }

  /** Makes a one-time link for a parent on the episode page; returns its path. */
  async function makeLink(page) {
    await page.goto(`${base}${episodePath}`);
    await page.selectOption('#link-respondent', 'parent');
    await submit(page, 'form[action$="/link"] button[type=submit]');
    const href = await page.locator('#new-link').getAttribute('href');
    assert.match(href, /^\/f\/[0-9a-f]{64}$/);
    return href;
  }

  /** Expires every unused link, as time would. */
  async function expireLinks() {
    const sql = 'UPDATE feedback_links SET expires_at = 1 WHERE used_at IS NULL';
    if (demo.pgServer) {
      await execFileP('psql', [demo.dbUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
    } else {
      await execFileP('sqlite3', [join(demo.dir, 'e2e.db'), sql]);
    }
  }

  test('staff start an episode and answer with the family in a meeting', { timeout: 180_000 }, demo.withLog(async () => {
    const { context, page } = await staffPage();
    try {
      await page.goto(`${base}/children`);
      const first = page.locator('tbody tr a').first();
      // The list writes "Family, Given"; the link page shows the given name only.
      const listed = (await first.innerText()).trim();
      childGiven = (listed.includes(',') ? listed.split(',')[1] : listed).trim();
      await Promise.all([page.waitForURL(/\/children\/[^/]+$/), first.click()]);
      await Promise.all([page.waitForURL(/\/feedback$/), page.getByRole('link', { name: 'Tilbakemeldinger (FIT)' }).click()]);
      await assertNoAxeViolations(page, 'a child\'s feedback');
      await submit(page, 'form[action$="/feedback"] button[type=submit]');
      episodePath = new URL(page.url()).pathname;
      assert.match(episodePath, /^\/feedback\/[^/]+$/);
      await assertNoAxeViolations(page, 'a new episode');

      const form = page.locator('form[action$="/answer"]').first();
      // A score with two decimals is refused in words, and nothing is saved.
      await form.locator('#item-going-0').fill('7,35');
      await submit(page, 'form[action$="/answer"] button[type=submit] >> nth=0');
      assert.match(await page.locator('[role=alert]').first().innerText(), /høyst én desimal/);
      await assertNoAxeViolations(page, 'a refused answer');

      // Every slider starts "not chosen" and sends nothing until it is moved.
      await page.locator('#item-going-0').fill('');
      assert.equal((await page.locator('#state-going-1').innerText()).trim(), 'Ikke valgt ennå');
      assert.equal(await page.locator('#item-going-1').inputValue(), '');
      // The slider by keyboard: from the middle up five steps is 5,5, written into the number field.
      await page.locator('#slider-going-0').focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      assert.equal(await page.locator('#slider-going-0').inputValue(), '5.5');
      assert.equal(await page.locator('#item-going-0').inputValue(), '5,5');
      assert.equal(await page.locator('#state-going-0').isVisible(), false, 'a moved slider is chosen');
      // Sending with untouched sliders is refused, naming them, keeping the 5,5.
      await submit(page, 'form[action$="/answer"] button[type=submit] >> nth=0');
      assert.match(await page.locator('[role=alert]').first().innerText(), /Du har ikke svart på «/);
      assert.equal(await page.locator('#item-going-0').inputValue(), '5,5');
      assert.equal(await page.locator('#slider-going-0').inputValue(), '5.5');
      assert.match(await page.locator('.fb-empty, p.empty').first().innerText(), /Ingen svar/);
      await assertNoAxeViolations(page, 'an answer with items missing');
      for (const i of [1, 2, 3]) await page.locator(`#item-going-${i}`).fill('7,3');
      await submit(page, 'form[action$="/answer"] button[type=submit] >> nth=0');
      assert.match(await page.locator('[role=status]').first().innerText(), /lagret/);
      assert.match(await page.locator('table.fb-table').first().innerText(), /27,4/);
    } finally {
      await context.close();
    }
  }));

  test('a parent answers once on their own phone through a link', { timeout: 180_000 }, demo.withLog(async () => {
    const staff = await staffPage();
    const link = await makeLink(staff.page);
    await assertNoAxeViolations(staff.page, 'a link made');
    await staff.context.close();

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      await page.goto(`${base}${link}`);
      const heading = (await page.locator('h1').innerText()).trim();
      assert.equal(heading, `Hvordan går det med ${childGiven}?`);
      assert.equal(await page.locator('header a[href="/my"]').count(), 0, 'no staff navigation');
      await assertNoAxeViolations(page, 'the answering page on a phone');
      // The first line with a tap at its left end (0,0), the rest by keyboard and typing.
      const slider = page.locator('#slider-going-0');
      const box = await slider.boundingBox();
      assert.ok(box.height >= 40, `the slider is large enough to touch (${box.height}px)`);
      assert.equal((await page.locator('#state-going-0').innerText()).trim(), 'Ikke valgt ennå');
      await slider.focus();
      await page.keyboard.press('Home');
      assert.equal(await slider.inputValue(), '0');
      assert.equal(await page.locator('#item-going-0').inputValue(), '0,0');
      for (const i of [1, 2, 3]) await page.locator(`#item-going-${i}`).fill('3.5');
      await submit(page, 'button.fb-submit');
      assert.equal((await page.locator('h1').innerText()).trim(), 'Takk!');
      await assertNoAxeViolations(page, 'the thanks page');
      // A used link says so.
      const again = await page.goto(`${base}${link}`);
      assert.equal(again.status(), 410);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Lenken er brukt');
      await assertNoAxeViolations(page, 'a used link');
    } finally {
      await context.close();
    }
  }));

  test('staff see the alert on their desk and the graph of the episode', { timeout: 180_000 }, demo.withLog(async () => {
    const { context, page } = await staffPage();
    try {
      await page.goto(`${base}/my`);
      const reminder = page.getByRole('link', { name: /En tilbakemelding fra .* bør snakkes om/ }).first();
      await Promise.all([page.waitForURL(/\/feedback\/[^/]+$/), reminder.click()]);
      assert.equal(new URL(page.url()).pathname, episodePath);
      const graph = page.locator('svg.fb-graph[role=img]').first();
      await graph.waitFor();
      assert.equal(await graph.locator('circle').count(), 2);
      assert.match(await page.locator('.fb-alerts').first().innerText(), /Bør snakkes om/);
      assert.match(await page.locator('table.fb-table').first().innerText(), /Forelder/);
      await assertNoAxeViolations(page, 'the episode with its graph and alert');
    } finally {
      await context.close();
    }
  }));

  test('an expired link is refused', { timeout: 180_000 }, demo.withLog(async () => {
    const staff = await staffPage();
    const link = await makeLink(staff.page);
    await staff.context.close();
    await expireLinks();
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      const r = await page.goto(`${base}${link}`);
      assert.equal(r.status(), 410);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Lenken virker ikke');
      await assertNoAxeViolations(page, 'an expired link');
    } finally {
      await context.close();
    }
  }));
});

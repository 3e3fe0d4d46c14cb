// Steering in a browser: the municipality leader opens the five bottom
// lines of the demo municipality, narrows them with the filters and
// downloads a table as CSV; the unit leader sees their own school. Every
// page is checked with axe, and every chart has a table beside it.
//
// Run: node --test e2e/steering.test.mjs   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { DemoServer, assertNoAxeViolations, launchBrowser, signInAs, submit } from './support.mjs';

const LEADER = 'kommunalsjef';
const HEAD = 'leder.nordli';
const ADMIN = 'admin';
const LINES = ['citizen', 'quality', 'workplace', 'economy', 'law'];

describe('steering: the leaders\' figures', () => {
  const demo = new DemoServer({ children: 60, prefix: 'ettlag-e2e-steering-' });
  let base;
  let browser;
  const login = {};

  before(async () => {
    const logins = await demo.create();
    for (const l of logins) login[l.username] = l;
    for (const who of [LEADER, HEAD, ADMIN]) assert.ok(login[who], `the demo prints a login for ${who}`);
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    await demo.remove();
  });

  test('the municipality leader reads every bottom line, filters and downloads', { timeout: 240_000 }, demo.withLog(async () => {
    const { context, page } = await signInAs(browser, base, login, LEADER);
    try {
      await page.goto(`${base}/steering`);
      await assertNoAxeViolations(page, 'the steering overview');
      // Every chart is an image with a name, and a table follows it.
      const charts = await page.locator('svg[role=img]').count();
      assert.ok(charts >= 5, `charts drawn: ${charts}`);
      const named = await page.locator('svg[role=img] > title').count();
      assert.equal(named, charts, 'every chart has a text alternative');
      assert.ok(await page.locator('table caption').count() >= charts);
      for (const line of LINES) {
        await page.goto(`${base}/steering/${line}`);
        await assertNoAxeViolations(page, `the bottom line ${line}`);
      }
      await page.goto(`${base}/steering`);
      await page.selectOption('#f-age', '6-12');
      await submit(page, 'form.filters button[type=submit]');
      assert.match(page.url(), /age=6-12/);
      await assertNoAxeViolations(page, 'the steering overview, filtered');
      const href = await page.locator('a[href*="/steering/citizen/funnel.csv"]').first().getAttribute('href');
      const res = await page.request.get(`${base}${href}`);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-type'], /text\/csv/);
      assert.match(await res.text(), /^Trinn,Antall\n/);
      // A bad month is refused in words.
      await page.goto(`${base}/steering?from=2025-13`);
      assert.match(await page.locator('main').innerText(), /ÅÅÅÅ-MM/);
      await assertNoAxeViolations(page, 'a refused filter');
    } finally {
      await context.close();
    }
  }));

  test('the unit leader sees their own school', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await signInAs(browser, base, login, HEAD);
    try {
      await page.goto(`${base}/steering/law`);
      assert.equal(await page.locator('#f-unit option').count(), 1, 'only their own unit');
      await assertNoAxeViolations(page, 'the unit leader\'s law page');
    } finally {
      await context.close();
    }
  }));

  test('the administrator keeps the ladder and the areas, and the leader sees them', { timeout: 240_000 }, demo.withLog(async () => {
    const { context, page } = await signInAs(browser, base, login, ADMIN);
    try {
      await page.goto(`${base}/admin/ladder`);
      await assertNoAxeViolations(page, 'the ladder');
      // The demo starts from the suggested types: every step has one.
      const steps = await page.locator('form[action^="/admin/ladder/types/"] select[name=step]').evaluateAll(
        (selects) => selects.map((s) => s.value),
      );
      for (const n of ['1', '2', '3', '4', '5', '6']) assert.ok(steps.includes(n), `a type on step ${n}: ${steps}`);
      // A bad cost is refused in words, next to what was typed.
      await page.fill('#new-type-name', 'Avlastning i helgene');
      await page.selectOption('#new-type-step', '3');
      await page.fill('#new-type-cost', 'mange');
      await submit(page, 'form[action="/admin/ladder/types"] button[type=submit]');
      assert.match(await page.locator('[role=alert]').innerText(), /helt antall kroner/);
      assert.equal(await page.locator('#new-type-name').inputValue(), 'Avlastning i helgene');
      await assertNoAxeViolations(page, 'a refused measure type');
      await page.fill('#new-type-cost', '4 800');
      await submit(page, 'form[action="/admin/ladder/types"] button[type=submit]');
      assert.match(await page.locator('[role=status]').innerText(), /Tiltakstypen er lagret/);
      await page.fill('#step-4', 'Slekt og nettverk');
      await submit(page, 'form[action="/admin/ladder/steps"] button[type=submit]');
      assert.equal(await page.locator('#step-4').inputValue(), 'Slekt og nettverk');

      await page.goto(`${base}/admin/areas?q=skole`);
      await assertNoAxeViolations(page, 'the areas');
      const first = page.locator('form[action^="/admin/areas/"]').first();
      await first.locator('input[name=area]').fill('Sentrum');
      await submit(page, 'form[action^="/admin/areas/"] >> nth=0 >> button[type=submit]');
      assert.match(await page.locator('[role=status]').innerText(), /Området er lagret/);
    } finally {
      await context.close();
    }
    const leader = await signInAs(browser, base, login, LEADER);
    try {
      await leader.page.goto(`${base}/steering/economy`);
      const main = await leader.page.locator('main').innerText();
      assert.match(main, /Avlastning i helgene/);
      assert.match(main, /4\. Slekt og nettverk/);
      assert.ok(await leader.page.locator('#f-area option[value="Sentrum"]').count() === 1, 'the new area is a filter');
      await assertNoAxeViolations(leader.page, 'the economy line with measure types');
    } finally {
      await leader.context.close();
    }
  }));
});

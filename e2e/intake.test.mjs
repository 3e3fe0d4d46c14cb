// Intake in a browser: a parent asks for help on the public page without
// signing in and gets a receipt; the coordinating unit finds it in its
// queue, links it to the child, forms a team around the child from the
// kindergarten and the health station and gives the item to the team; the
// kindergarten teacher starts a relay log from it; an item no one takes on
// is escalated when its deadline passes (jobs run as of a later day); and
// every step is in the access log. Every page is checked with axe.
//
// Run: node --test e2e/   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { DemoServer, assertNoAxeViolations, launchBrowser, signInAs, submit, tellFamily } from './support.mjs';

const INTAKE = 'inntak';
const KINDERGARTEN = 'pedagog.eventyrskogen';
const OFFICER = 'personvern';
const REQUEST = 'Sønnen vår på fire år sier nesten ingen ord og blir veldig sint. Vi vet ikke hvem vi skal spørre.';

/** A date `days` from today as YYYY-MM-DD (UTC). */
function isoDay(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('intake: from a parent\'s request to a relay log', () => {
  const demo = new DemoServer({ children: 60, prefix: 'ettlag-e2e-intake-' });
  let base;
  let browser;
  const login = {};
  let reference;
  let itemPath;

  before(async () => {
    const logins = await demo.create();
    for (const l of logins) login[l.username] = l;
    for (const who of [INTAKE, KINDERGARTEN, OFFICER]) assert.ok(login[who], `the demo prints a login for ${who}`);
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    await demo.remove();
  });

  const signIn = (username) => signInAs(browser, base, login, username);

  async function askForHelp(page, text) {
    await page.goto(`${base}/help`);
    await page.check('input[name=who][value=parent]');
    await page.fill('#help-text', text);
    await page.fill('#help-name', 'Mor Testesen');
    await page.fill('#help-phone', '400 00 000');
    await submit(page, 'main form button[type=submit]');
  }

  test('a parent asks for help without signing in and gets a receipt', { timeout: 180_000 }, demo.withLog(async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/login`);
      await Promise.all([page.waitForURL(/\/help$/), page.getByRole('link', { name: 'Skriv til kommunen her' }).click()]);
      await assertNoAxeViolations(page, 'the public request for help');
      // Without a way to reach them: refused, with what was typed kept.
      await page.check('input[name=who][value=parent]');
      await page.fill('#help-text', REQUEST);
      await page.fill('#help-name', 'Mor Testesen');
      await submit(page, 'main form button[type=submit]');
      assert.match(await page.locator('[role=alert]').innerText(), /telefonnummer eller e-post/);
      assert.equal(await page.inputValue('#help-text'), REQUEST);
      await page.fill('#help-phone', '400 00 000');
      await submit(page, 'main form button[type=submit]');
      assert.match(page.url(), /\/help\/sent\?ref=INN-/);
      const main = await page.locator('main').innerText();
      reference = main.match(/INN-[0-9A-F]{8}/)[0];
      assert.match(main, /innen 7 dager/);
      assert.doesNotMatch(main, /sier nesten ingen ord/, 'the receipt repeats nothing written');
      await assertNoAxeViolations(page, 'the receipt');
      // A second request that no one will take on.
      await askForHelp(page, 'Vi lurer på om vi kan få hjelp med søvn. Ingen haster.');
    } finally {
      await context.close();
    }
  }));

  test('intake links it to the child, forms a team and gives it to the team', { timeout: 180_000 }, demo.withLog(async () => {
    assert.ok(reference, 'the request was sent');
    // A child of the kindergarten, as the kindergarten sees its number.
    const kg = await signIn(KINDERGARTEN);
    let nin;
    try {
      await kg.page.goto(`${base}/children`);
      await Promise.all([kg.page.waitForURL(/\/children\/[^/]+$/), kg.page.locator('tbody tr a').first().click()]);
      const shown = (await kg.page.locator('main dl').first().innerText()).match(/\b(\d{6})\s?(\d{5})\b/);
      nin = shown[1] + shown[2];
    } finally {
      await kg.context.close();
    }

    const { context, page } = await signIn(INTAKE);
    try {
      await page.goto(`${base}/intake`);
      assert.match(await page.locator('main table').innerText(), new RegExp(reference));
      await assertNoAxeViolations(page, 'the intake queue');
      await Promise.all([page.waitForURL(/\/intake\/[^/?]+$/), page.getByRole('link', { name: reference }).click()]);
      itemPath = new URL(page.url()).pathname;
      assert.match(await page.locator('main').innerText(), /sier nesten ingen ord/);
      await assertNoAxeViolations(page, 'an intake item');

      await page.locator('#form-link summary').click();
      await page.fill('#link-nin', nin);
      await submit(page, '#form-link form:first-of-type button[type=submit]');
      assert.equal(await page.locator('[role=status]').innerText(), 'Saken er knyttet til barnet.');

      await page.locator('#form-categorise summary').click();
      await page.check('#form-categorise input[name=areas][value=language]');
      await submit(page, '#form-categorise button[type=submit]');

      await page.locator('#form-team summary').click();
      await page.fill('#team-name', 'Språkteam');
      await page.getByLabel('Fatima Haugland (Eventyrskogen barnehage)').check();
      await page.getByLabel('Ingrid Helse (Helsestasjonen)').check();
      await submit(page, '#form-team button[type=submit]');
      assert.equal(await page.locator('[role=status]').innerText(), 'Teamet er opprettet og har fått saken.');
      assert.match(await page.locator('main dl').first().innerText(), /Tatt imot/);
      await assertNoAxeViolations(page, 'an item given to a team');
    } finally {
      await context.close();
    }
  }));

  test('the kindergarten teacher in the team starts a relay log from it', { timeout: 180_000 }, demo.withLog(async () => {
    assert.ok(itemPath, 'the item was triaged');
    const { context, page } = await signIn(KINDERGARTEN);
    try {
      await page.goto(`${base}/intake`);
      assert.match(await page.locator('main table').innerText(), new RegExp(reference), 'the team member sees the item');
      await page.goto(`${base}${itemPath}`);
      await page.selectOption('#log-level', '1');
      await tellFamily(page, { who: 'Foreldrene', said: 'De ba selv om hjelp og vil være med.' });
      await submit(page, 'form[action$="/log"] button[type=submit]');
      assert.match(page.url(), /\/logs\/[^/?]+\?done=opened$/);
      const main = await page.locator('main').innerText();
      assert.match(main, /Nivå 1/);
      assert.match(main, /sier nesten ingen ord/, 'the request is the log\'s first entry');
      await page.goto(`${base}${itemPath}`);
      assert.match(await page.locator('main').innerText(), /Stafettlogg startet/);
    } finally {
      await context.close();
    }
  }));

  test('an item no one takes on is escalated when its deadline passes, and every step is audited', { timeout: 180_000 }, demo.withLog(async () => {
    // The jobs of ten days from now, as the server would run them then.
    const out = await demo.cli(['jobs', 'run', '--as-of', isoDay(10)]);
    assert.match(out, /job\(s\) ran/);
    const { context, page } = await signIn(INTAKE);
    try {
      await page.goto(`${base}/intake`);
      const row = page.locator('tbody tr', { hasText: 'hjelp med søvn' });
      assert.match(await row.innerText(), /Sendt videre til leder/);
      await page.goto(`${base}/my`);
      assert.match(await page.locator('main').innerText(), /gått over fristen uten at noen har tatt den/);
      await assertNoAxeViolations(page, 'my follow-up with an escalation');
    } finally {
      await context.close();
    }
    const officer = await signIn(OFFICER);
    try {
      const item = itemPath.split('/').pop();
      await officer.page.goto(`${base}/audit?resource=${item}`);
      const table = await officer.page.locator('main table').innerText();
      assert.match(table, /Innkommen sak/);
      assert.match(table, /Familiens egen henvendelse/, 'the request came from the family itself');
      assert.ok((table.match(/Endret/g) || []).length >= 4, 'each triage step is in the access log');
    } finally {
      await officer.context.close();
    }
  }));
});

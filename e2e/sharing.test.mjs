// Sharing only as far as the family has said, in a browser: the school that
// a parent's consent names for the relay log and the plan finds the log on
// its desk and reads it — but not the health station's health entry, which
// the consent does not cover; when the consent is withdrawn the school is cut
// off on its very next request; an anonymous consultation refuses a national
// identity number and stores none; a report to child welfare goes through
// without any consent, gives the reporter a receipt, lands in child
// welfare's queue with its one-week clock and shows in the access log with
// its statutory ground; a teacher with no relation to a child
// takes break-the-glass access with a reason and the password, reads but
// cannot write, ends it — and the privacy officer reviews the use. Every page
// is checked with axe.
//
// The demo (`ettlag demo`) gives the kindergarten's level-2 case a consent
// for Nordli skole (relay log and plan) and a health entry written by the
// health nurse; see crates/cli/src/commands/demo_sharing.rs.
//
// Run: node --test e2e/   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { DemoServer, assertNoAxeViolations, launchBrowser, signInAs, submit } from './support.mjs';

const KINDERGARTEN = 'pedagog.eventyrskogen';
const SCHOOL = 'laerer.nordli';
const NURSE = 'helsesykepleier';
const OTHER_SCHOOL = 'laerer.solbakken';
const OFFICER = 'personvern';
const CHILD_WELFARE = 'barnevern';
const HEALTH_TEXT = /Vekten følges tettere/;

describe('sharing as far as the family has consented', () => {
  const demo = new DemoServer({ children: 60, prefix: 'ettlag-e2e-sharing-' });
  let base;
  let browser;
  const login = {};
  let logPath;

  before(async () => {
    const logins = await demo.create();
    for (const l of logins) login[l.username] = l;
    for (const who of [KINDERGARTEN, SCHOOL, NURSE, OTHER_SCHOOL, OFFICER, CHILD_WELFARE]) assert.ok(login[who], `the demo prints a login for ${who}`);
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    await demo.remove();
  });

  const signIn = (username) => signInAs(browser, base, login, username);

  test('the school reads the shared log but not the health entry', { timeout: 180_000 }, demo.withLog(async () => {
    const school = await signIn(SCHOOL);
    try {
      const { page } = school;
      await page.goto(`${base}/my`);
      const shared = page.locator('section[aria-labelledby=shared-h]');
      assert.match(await shared.innerText(), /Familien har samtykket/);
      await assertNoAxeViolations(page, 'my follow-up with a shared log');
      const link = shared.locator('a[href^="/logs/"]').first();
      logPath = await link.getAttribute('href');
      await Promise.all([page.waitForURL(/\/logs\//), link.click()]);
      const main = await page.locator('main').innerText();
      assert.match(main, /Nivå 2/);
      assert.doesNotMatch(main, HEALTH_TEXT, 'the health entry is not shown to the school');
      assert.match(await page.locator('#withheld').innerText(), /Én oppføring vises ikke for deg \(Helseopplysninger\)/);
      assert.doesNotMatch(await page.content(), HEALTH_TEXT, 'nor is it anywhere in the page');
      await assertNoAxeViolations(page, 'a shared log with a withheld entry');
    } finally {
      await school.context.close();
    }

    // The health nurse wrote it and reads it, marked as health information;
    // the kindergarten that holds the log has no consent for health either.
    const nurse = await signIn(NURSE);
    try {
      await nurse.page.goto(`${base}${logPath}`);
      const main = await nurse.page.locator('main').innerText();
      assert.match(main, HEALTH_TEXT);
      assert.match(main, /Helseopplysninger – vises bare for enheter med samtykke/);
      await assertNoAxeViolations(nurse.page, 'a log with a health entry, as its writer sees it');
    } finally {
      await nurse.context.close();
    }
    const holder = await signIn(KINDERGARTEN);
    try {
      await holder.page.goto(`${base}${logPath}`);
      assert.doesNotMatch(await holder.page.locator('main').innerText(), HEALTH_TEXT);
      assert.ok(await holder.page.locator('#withheld').isVisible());
    } finally {
      await holder.context.close();
    }
  }));

  test('withdrawing the consent cuts the school off on its next request', { timeout: 180_000 }, demo.withLog(async () => {
    assert.ok(logPath, 'the shared log was found');
    const school = await signIn(SCHOOL);
    const holder = await signIn(KINDERGARTEN);
    try {
      const response = await school.page.goto(`${base}${logPath}`);
      assert.equal(response.status(), 200);

      const { page } = holder;
      await page.goto(`${base}${logPath}`);
      await Promise.all([page.waitForURL(/\/children\/[^/]+$/), page.getByRole('link', { name: 'Tilbake til barnet' }).click()]);
      const consent = page.locator('#consents li.consent', { hasText: 'Overgang fra barnehage til skole' });
      await consent.locator('summary').click();
      await consent.locator('textarea[name=note]').fill('Foreldrene vil vente til skolestart.');
      await assertNoAxeViolations(page, 'a child with a consent to withdraw');
      await submit(page, `#${await consent.getAttribute('id')} button[type=submit]`);
      assert.match(await page.locator(`#consents`).innerText(), /Foreldrene vil vente til skolestart/);

      const after = await school.page.goto(`${base}${logPath}`);
      assert.equal(after.status(), 404, 'the school is cut off at once');
      await school.page.goto(`${base}/my`);
      assert.equal(await school.page.locator('section[aria-labelledby=shared-h]').count(), 0);
    } finally {
      await school.context.close();
      await holder.context.close();
    }
  }));

  test('an anonymous consultation refuses a national identity number and stores none', { timeout: 180_000 }, demo.withLog(async () => {
    const { context, page } = await signIn(SCHOOL);
    try {
      // A real (synthetic) number from the school's own register.
      await page.goto(`${base}/children`);
      await Promise.all([page.waitForURL(/\/children\/[^/]+$/), page.locator('tbody tr a').first().click()]);
      const shown = (await page.locator('main dl').first().innerText()).match(/\b(\d{6})\s?(\d{5})\b/);
      assert.ok(shown, 'the child page shows its national identity number');
      const nin = shown[1] + shown[2];

      await page.goto(`${base}/consultations`);
      await page.selectOption('#with-unit', { label: 'PPT' });
      await page.fill('#question', `Hvordan hjelper vi en elev som ikke leser? Fødselsnummer ${nin}.`);
      await submit(page, 'main form button[type=submit]');
      assert.match(await page.locator('[role=alert]').first().innerText(), /fødselsnummer/);
      assert.equal(await page.inputValue('#question'), `Hvordan hjelper vi en elev som ikke leser? Fødselsnummer ${nin}.`, 'what was typed stays');
      await assertNoAxeViolations(page, 'a refused consultation');

      await page.fill('#question', 'Hvordan hjelper vi en elev i 3. klasse som ikke vil lese høyt?');
      await submit(page, 'main form button[type=submit]');
      assert.match(page.url(), /\/consultations\?done=saved$/);
      const mine = await page.locator('section[aria-labelledby=mine-h]').innerText();
      assert.match(mine, /ikke vil lese høyt/);
      assert.doesNotMatch(mine, new RegExp(nin), 'no identity number is stored');
    } finally {
      await context.close();
    }
  }));

  test('break-the-glass: read-only access with a reason, ended, then reviewed', { timeout: 180_000 }, demo.withLog(async () => {
    assert.ok(logPath, 'the shared log was found');
    // The kindergarten child's number, as the kindergarten sees it.
    const holder = await signIn(KINDERGARTEN);
    let childPath;
    let nin;
    try {
      await holder.page.goto(`${base}${logPath}`);
      childPath = await holder.page.getByRole('link', { name: 'Tilbake til barnet' }).getAttribute('href');
      await holder.page.goto(`${base}${childPath}`);
      const shown = (await holder.page.locator('main dl').first().innerText()).match(/\b(\d{6})\s?(\d{5})\b/);
      nin = shown[1] + shown[2];
    } finally {
      await holder.context.close();
    }

    const { context, page } = await signIn(OTHER_SCHOOL);
    try {
      assert.equal((await page.goto(`${base}${childPath}`)).status(), 404, 'no relation, no access');
      await page.goto(`${base}/emergency`);
      await assertNoAxeViolations(page, 'the break-the-glass form');
      await page.fill('#nin', nin);
      await page.fill('#reason', 'Barnet er hentet av en ukjent voksen; jeg må finne foresatte nå.');
      await page.fill('#password', 'feil-passord');
      await submit(page, 'main form button[type=submit]');
      assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true', 'a wrong password is refused');
      assert.equal((await page.goto(`${base}${childPath}`)).status(), 404, 'nothing was granted');

      await page.goto(`${base}/emergency`);
      await page.fill('#nin', nin);
      await page.fill('#reason', 'Barnet er hentet av en ukjent voksen; jeg må finne foresatte nå.');
      await page.fill('#password', login[OTHER_SCHOOL].password);
      await submit(page, 'main form button[type=submit]');
      assert.equal(new URL(page.url()).pathname, childPath);
      assert.match(await page.locator('section[aria-labelledby=emergency-h]').innerText(), /ukjent voksen/);
      await assertNoAxeViolations(page, 'a child under emergency access');

      await page.goto(`${base}${logPath}`);
      assert.ok(await page.locator('#emergency-h').isVisible());
      assert.equal(await page.locator('#write-h').count(), 0, 'read only: no forms to write with');
      await assertNoAxeViolations(page, 'a relay log under emergency access');

      await submit(page, 'section[aria-labelledby=emergency-h] button[type=submit]');
      assert.equal((await page.goto(`${base}${childPath}`)).status(), 404, 'ended: closed again');
    } finally {
      await context.close();
    }

    const officer = await signIn(OFFICER);
    try {
      await officer.page.goto(`${base}/privacy/emergency`);
      const item = officer.page.locator('article', { hasText: 'ukjent voksen' });
      assert.match(await item.innerText(), /Avsluttet før tiden/);
      await assertNoAxeViolations(officer.page, 'the review of emergency accesses');
      await item.locator('textarea[name=note]').fill('Snakket med den ansatte; riktig bruk.');
      await submit(officer.page, 'article button[type=submit]');
      assert.match(await officer.page.locator('main').innerText(), /riktig bruk/);
    } finally {
      await officer.context.close();
    }
  }));

  test('a report to child welfare needs no consent and is in the access log with its ground', { timeout: 180_000 }, demo.withLog(async () => {
    const TEXT = 'Barnet har kommet på skolen med blåmerker på armene tre ganger denne måneden.';
    let receipt;
    const teacher = await signIn(SCHOOL);
    try {
      const { page } = teacher;
      await page.goto(`${base}/children`);
      await Promise.all([page.waitForURL(/\/children\/[^/]+$/), page.locator('tbody tr a').nth(5).click()]);
      await Promise.all([page.waitForURL(/\/reports\/new/), page.getByRole('link', { name: 'Send bekymringsmelding til barnevernet' }).click()]);
      await assertNoAxeViolations(page, 'the report form');
      // No ground: refused with a message, nothing sent.
      await page.fill('#report-text', TEXT);
      await submit(page, 'main form button[type=submit]');
      assert.ok(await page.locator('[role=alert]').first().isVisible());
      assert.equal(await page.inputValue('#report-text'), TEXT, 'what was typed stays');

      await page.check('input[name=ground][value=mistreatment]');
      await submit(page, 'main form button[type=submit]');
      assert.match(page.url(), /\/reports\/[^/?]+\?done=sent$/);
      const main = await page.locator('main').innerText();
      receipt = main.match(/BV-[0-9A-F]{8}/)[0];
      assert.match(main, /Barneverntjenesten/);
      await assertNoAxeViolations(page, 'the reporter\'s receipt');
    } finally {
      await teacher.context.close();
    }

    const caseworker = await signIn(CHILD_WELFARE);
    try {
      const { page } = caseworker;
      await page.goto(`${base}/reports`);
      const row = page.locator('main li, main tr', { hasText: receipt }).first();
      assert.ok(await row.isVisible(), 'the report is in child welfare\'s queue');
      await assertNoAxeViolations(page, 'child welfare\'s queue');
      await Promise.all([page.waitForURL(/\/reports\/[^/?]+/), row.locator('a').first().click()]);
      assert.match(await page.locator('main').innerText(), /blåmerker/);
      await submit(page, 'form[action$="/acknowledge"] button[type=submit]');
      await page.check('input[name=outcome][value=investigate]');
      await page.fill('#review-note', 'Undersøkelse startet; foreldrene innkalt.');
      await submit(page, 'form[action$="/review"] button[type=submit]');
      await assertNoAxeViolations(page, 'a reviewed report');
    } finally {
      await caseworker.context.close();
    }

    // The reporter's receipt shows the outcome, not child welfare's note.
    const again = await signIn(SCHOOL);
    try {
      await again.page.goto(`${base}/reports`);
      const sent = again.page.locator('main li, main tr', { hasText: receipt }).first();
      await Promise.all([again.page.waitForURL(/\/reports\/[^/?]+/), sent.locator('a').first().click()]);
      assert.doesNotMatch(await again.page.locator('main').innerText(), /foreldrene innkalt/);
    } finally {
      await again.context.close();
    }

    const officer = await signIn(OFFICER);
    try {
      await officer.page.goto(`${base}/audit`);
      assert.match(await officer.page.locator('main table').innerText(), /Opplysningsplikten til barnevernet \(a\)/);
      await assertNoAxeViolations(officer.page, 'the access log with legal bases');
    } finally {
      await officer.context.close();
    }
  }));
});

// The individual plan and a meeting with the family in a browser: a
// kindergarten teacher's relay log brought to level 3 becomes a plan; a
// meeting called from the municipality's template opens with its values
// poster; the parent is marked present, the child's voice heard, a decision
// recorded and two action items agreed, which appear as measures on the
// plan; the revision reminder fires when the jobs run past the revision
// date; a decision about the family in a meeting without the family is
// refused with a clear message; and the access log shows the reads of the
// meeting. Every page is checked with axe (WCAG 2.1 A/AA).
//
// Run: node --test e2e/plan.test.mjs   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { DemoServer, assertNoAxeViolations, launchBrowser, signInAs, submit, tellFamily } from './support.mjs';

const TEACHER = 'pedagog.eventyrskogen';
const OFFICER = 'personvern';

/** A date `days` from today as YYYY-MM-DD (UTC, as the server counts days). */
function isoDay(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('an individual plan and a meeting with the family', () => {
  const demo = new DemoServer({ children: 60, env: { ETTLAG_JOB_INTERVAL_SECONDS: '3600' }, prefix: 'ettlag-e2e-plan-' });
  let base;
  let browser;
  const login = {};
  let planPath;
  let meetingId;

  before(async () => {
    const logins = await demo.create();
    for (const l of logins) login[l.username] = l;
    for (const who of [TEACHER, OFFICER]) assert.ok(login[who], `the demo prints a login for ${who}`);
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    await demo.remove();
  });

  const signIn = (username) => signInAs(browser, base, login, username);

  async function openForm(page, id) {
    const details = page.locator(`#${id}`);
    if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  }

  test('a level-3 relay log becomes a plan', { timeout: 240_000 }, demo.withLog(async () => {
    const { context, page } = await signIn(TEACHER);
    try {
      await page.goto(`${base}/children`);
      const first = page.locator('tbody tr a').first();
      await Promise.all([page.waitForURL(/\/children\/[^/]+$/), first.click()]);
      await page.getByRole('link', { name: 'Noter en undring' }).click();
      await page.waitForURL(/\/concerns\/new$/);
      await page.fill('#concern-text', 'Strever med å finne ord og trekker seg unna de andre barna.');
      await page.check('input[name=areas][value=language]');
      await page.fill('#concern-since', isoDay(-14));
      await submit(page, 'main form button[type=submit]');
      await page.check('input[name=decision][value=level-1]');
      await page.fill('#decision-note', 'Snakket med far. Vi starter en stafettlogg.');
      await tellFamily(page, { who: 'Far', said: 'Han vil gjerne at barnehagen hjelper med språket.' });
      await submit(page, 'form[action$="/decision"] button[type=submit]');
      assert.match(page.url(), /\/logs\/[^/?]+\?done=opened$/);
      await openForm(page, 'form-goal');
      await page.fill('#goal-text', 'Bruke ord for å be om å få være med i leken.');
      await page.check('#form-goal input[name=areas][value=language]');
      await submit(page, '#form-goal button[type=submit]');
      for (const [level, why] of [['2', 'PPT bør være med.'], ['3', 'Vi trenger også helsestasjonen og en plan.']]) {
        await openForm(page, 'form-level');
        await page.selectOption('#level-to', level);
        await page.fill('#level-reason', why);
        await tellFamily(page, { who: 'Far', said: 'Enig.' });
        await submit(page, '#form-level button[type=submit]');
        assert.match(await page.locator('main').innerText(), new RegExp(`Nivå ${level}`));
      }
      await Promise.all([page.waitForURL(/\/plan\/new\?log=/), page.locator('a[href*="/plan/new?log="]').click()]);
      await assertNoAxeViolations(page, 'the plan form from a level-3 log');
      assert.equal(await page.inputValue('#goal-1-master'), 'Bruke ord for å be om å få være med i leken.');
      await page.fill('#what-matters', 'Å leke med de andre på avdelingen');
      await page.fill('#needs-and-dreams', 'Ha en bestevenn');
      await page.fill('#goal-1-by', isoDay(120));
      await page.fill('#goal-1-know-by', 'De voksne ser det i frileken');
      await page.fill('#period-start', isoDay(0));
      await page.fill('#period-end', isoDay(365));
      await page.fill('#next-revision', isoDay(20));
      await submit(page, 'main form button[type=submit]');
      assert.match(page.url(), /\/plans\/[^/?]+$/);
      planPath = new URL(page.url()).pathname;
      const main = await page.locator('main').innerText();
      assert.match(main, /Å leke med de andre på avdelingen/);
      assert.match(main, /Ingen møter ennå/);
      await assertNoAxeViolations(page, 'the new plan');
    } finally {
      await context.close();
    }
  }));

  test('a meeting with the family: the values poster, a decision and two action items that become measures', { timeout: 240_000 }, demo.withLog(async () => {
    assert.ok(planPath, 'the plan was made');
    const { context, page } = await signIn(TEACHER);
    try {
      await page.goto(`${base}${planPath}`);
      await Promise.all([page.waitForURL(/\/meetings\/new$/), page.getByRole('link', { name: 'Nytt møte' }).click()]);
      await assertNoAxeViolations(page, 'the new meeting form');
      const family = page.locator('input[name=family]');
      assert.ok((await family.count()) >= 1, 'the family is offered');
      await family.first().check();
      await page.fill('#date', isoDay(1));
      await page.fill('#start', '09:00');
      await page.fill('#end', '10:00');
      await page.fill('#place', 'Eventyrskogen, personalrommet');
      await submit(page, '#meeting-create');
      assert.match(page.url(), /\/meetings\/[^/?#]+$/);
      meetingId = new URL(page.url()).pathname.split('/').pop();
      let main = await page.locator('main').innerText();
      assert.match(main, /Verdiplakaten/);
      assert.match(main, /Respekt/, 'the values poster opens the meeting');
      assert.match(main, /Forstå personen/, 'the agenda follows the template');
      await assertNoAxeViolations(page, 'a new meeting');

      // The leader is first on the list, the parent second.
      await page.check('#present-0');
      await page.check('#present-1');
      await submit(page, 'form[action$="/attendance"] button[type=submit]');
      assert.match(await page.locator('#attendance').innerText(), /Familien er med i møtet/);
      await page.fill('#minute-text', 'Far fortalte om hvordan det går hjemme.');
      await submit(page, 'form[action$="/minutes"] button[type=submit]');
      await page.fill('#voice-how', 'Samtale med tegninger dagen før');
      await page.fill('#voice-words', 'Jeg vil leke i sandkassa med Ali');
      await submit(page, 'form[action$="/voice"] button[type=submit]');
      await page.fill('#decision-text', 'Barnehagen og PPT starter språkgrupper, og far er med en gang i måneden.');
      await submit(page, 'form[action$="/decisions"] button[type=submit]');
      for (const what of ['Språkgruppe to dager i uka', 'Lesestund hjemme med far']) {
        await page.fill('#action-what', what);
        await page.fill('#action-deadline', isoDay(40));
        await submit(page, 'form[action$="/actions"] button[type=submit]');
      }
      main = await page.locator('main').innerText();
      assert.match(main, /Jeg vil leke i sandkassa med Ali/);
      assert.match(main, /Barnehagen og PPT starter språkgrupper/);
      assert.match(main, /Språkgruppe to dager i uka/);
      await assertNoAxeViolations(page, 'the meeting with minutes, decisions and action items');

      await page.goto(`${base}${planPath}`);
      const plan = await page.locator('main').innerText();
      assert.match(plan, /Språkgruppe to dager i uka/);
      assert.match(plan, /Lesestund hjemme med far/);
      assert.equal((plan.match(/Fra møte: ansvarlig/g) || []).length, 2, 'both action items are measures from the meeting');
      assert.match(plan, /Barnehagen og PPT starter språkgrupper/, 'the plan lists the meeting\'s decision');
      await assertNoAxeViolations(page, 'the plan with measures from a meeting');
      await page.goto(`${base}${planPath}/print`);
      assert.match(await page.locator('main').innerText(), /Barnehagen og PPT starter språkgrupper/);

      const ics = await page.request.get(`${base}/meetings/${meetingId}/invitation.ics`);
      assert.equal(ics.status(), 200);
      const body = await ics.text();
      assert.match(body, /^BEGIN:VCALENDAR\r\n/);
      assert.match(body, /SUMMARY:Møte om planen\r\n/);
    } finally {
      await context.close();
    }
  }));

  test('the revision reminder fires, and a decision without the family is refused', { timeout: 240_000 }, demo.withLog(async () => {
    assert.ok(meetingId, 'the meeting was held');
    const out = await demo.cli(['jobs', 'run', '--as-of', isoDay(21)]);
    assert.match(out, /job\(s\) ran/);
    const { context, page } = await signIn(TEACHER);
    try {
      await page.goto(`${base}/my`);
      assert.match(await page.locator('main').innerText(), /Tid for å revidere den individuelle planen/);
      await assertNoAxeViolations(page, 'my follow-up with the revision reminder');

      await page.goto(`${base}${planPath}/meetings/new`);
      await page.uncheck('#child');
      await page.fill('#date', isoDay(2));
      await page.fill('#place', 'Telefonmøte');
      await submit(page, '#meeting-create');
      await page.check('#present-0');
      await submit(page, 'form[action$="/attendance"] button[type=submit]');
      await page.fill('#decision-text', 'Far skal være med på språkgruppa hver uke.');
      await submit(page, 'form[action$="/decisions"] button[type=submit]');
      assert.match(await page.locator('[role=alert]').innerText(), /ingen fra familien var med i møtet/);
      assert.match(await page.locator('#decisions').innerText(), /Ingenting skrevet ennå/, 'nothing was recorded');
      await assertNoAxeViolations(page, 'a refused decision without the family');
    } finally {
      await context.close();
    }
    const officer = await signIn(OFFICER);
    try {
      await officer.page.goto(`${base}/audit?resource=${meetingId}`);
      const table = await officer.page.locator('main table').innerText();
      assert.match(table, /Møte/);
      assert.match(table, /Åpnet/, 'the reads of the meeting are in the access log');
      assert.match(table, /Opprettet/);
      await assertNoAxeViolations(officer.page, 'the access log of the meeting');
    } finally {
      await officer.context.close();
    }
  }));
});

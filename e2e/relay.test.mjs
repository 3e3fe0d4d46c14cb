// The relay log in a browser, from a kindergarten teacher's concern to the
// archive copy: the concern and its decision, levels 1 to 3, goals, a measure
// and its evaluation, a reminder that fires after the server is restarted, a
// handover of the baton to the health nurse in another unit (once both
// guardians have consented: her unit having the child enrolled opens nothing), closing with the
// archive copy, the API refusing to change an entry, and the access log
// showing who did what. Every page is checked with axe (WCAG 2.1 A/AA).
//
// Run: node --test e2e/   (see smoke.test.mjs for the environment variables)
// With ETTLAG_E2E_POSTGRES=postgres://… the same walk runs on PostgreSQL
// (scripts/test does both).

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { DemoServer, assertNoAxeViolations, launchBrowser, signInAs, submit, tellFamily } from './support.mjs';

const TEACHER = 'pedagog.eventyrskogen';
const NURSE = 'helsesykepleier';
const OFFICER = 'personvern';

/** A date `days` from today as YYYY-MM-DD (UTC, as the server counts days). */
function isoDay(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('a relay log from concern to archive', () => {
  // Jobs run when the server starts and then only every hour: a reminder
  // that appears after a restart was fired by the restart.
  const demo = new DemoServer({ children: 60, env: { ETTLAG_JOB_INTERVAL_SECONDS: '3600' }, prefix: 'ettlag-e2e-relay-' });
  let base;
  let browser;
  const login = {};
  let logPath;
  let childName;

  before(async () => {
    const logins = await demo.create();
    for (const l of logins) login[l.username] = l;
    for (const who of [TEACHER, NURSE, OFFICER]) assert.ok(login[who], `the demo prints a login for ${who}`);
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

  async function notice(page) {
    return (await page.locator('[role=status]').first().innerText()).trim();
  }

  test('a teacher notes a concern and starts a relay log at level 1', { timeout: 180_000 }, demo.withLog(async () => {
    const { context, page } = await signIn(TEACHER);
    try {
      await page.goto(`${base}/children`);
      // The first child of the kindergarten has no case in the demo.
      const first = page.locator('tbody tr a').first();
      childName = (await first.innerText()).trim();
      await Promise.all([page.waitForURL(/\/children\/[^/]+$/), first.click()]);
      await page.getByRole('link', { name: 'Noter en undring' }).click();
      await page.waitForURL(/\/concerns\/new$/);
      await assertNoAxeViolations(page, 'the concern form');

      // An empty text is refused with a message, and nothing is stored.
      await page.locator('#concern-text').evaluate((t) => t.removeAttribute('required'));
      await submit(page, 'main form button[type=submit]');
      assert.match(await page.locator('[role=alert]').innerText(), /tomt/);

      await page.fill('#concern-text', 'Sitter ofte alene og gråter når mor går i barnehagen.');
      await page.check('input[name=areas][value=emotional]');
      await page.check('input[name=areas][value=social]');
      await page.fill('#concern-since', isoDay(-21));
      await submit(page, 'main form button[type=submit]');
      assert.match(page.url(), /\/concerns\/[^/?]+\?done=raised$/);
      assert.match(await page.locator('main').innerText(), /14 dager igjen til fristen/);
      await assertNoAxeViolations(page, 'the concern page');

      await page.check('input[name=decision][value=level-1]');
      await page.fill('#decision-note', 'Snakket med mor. Vi følger opp i barnehagen først.');
      // Not without whether the family was told: refused in words, with a
      // link to the fieldset, and what was typed stays.
      await submit(page, 'form[action$="/decision"] button[type=submit]');
      assert.match(await page.locator('main [role=alert]').innerText(), /Velg om familien er informert/);
      assert.equal(await page.getAttribute('main [role=alert] a', 'href'), '#family-told');
      assert.equal(await page.inputValue('#decision-note'), 'Snakket med mor. Vi følger opp i barnehagen først.');
      await assertNoAxeViolations(page, 'a start refused without the family');
      await tellFamily(page, { who: 'Mor', said: 'Hun er glad for at barnehagen følger opp.' });
      await submit(page, 'form[action$="/decision"] button[type=submit]');
      assert.match(page.url(), /\/logs\/[^/?]+\?done=opened$/);
      assert.match(await page.locator('.timeline').innerText(), /Mor ble informert i møte .*: Hun er glad for at barnehagen følger opp\./);
      logPath = new URL(page.url()).pathname;
      const main = await page.locator('main').innerText();
      assert.match(main, /Nivå 1/);
      assert.match(main, /Fatima Haugland \(Eventyrskogen barnehage\)/);
      assert.match(main, /Sitter ofte alene og gråter/, 'the concern is the first entry of the log');
      await assertNoAxeViolations(page, 'a new relay log');
    } finally {
      await context.close();
    }
  }));

  test('goals, a measure past its date, and levels 2 and 3 with reasons', { timeout: 180_000 }, demo.withLog(async () => {
    assert.ok(logPath, 'the log was opened');
    const { context, page } = await signIn(TEACHER);
    try {
      await page.goto(`${base}${logPath}`);
      await openForm(page, 'form-goal');
      await page.fill('#goal-text', 'Si ha det til mor uten å gråte, fire av fem morgener.');
      await page.check('#form-goal input[name=areas][value=emotional]');
      await submit(page, '#form-goal button[type=submit]');
      assert.equal(await notice(page), 'Lagret i loggen.');

      await openForm(page, 'form-measure');
      await page.fill('#measure-what', 'Fast voksen tar imot henne i garderoben hver morgen.');
      await page.fill('#measure-start', isoDay(-30));
      // A date before the start is refused with a message, and what was typed stays.
      await page.fill('#measure-evaluate-by', isoDay(-40));
      await submit(page, '#form-measure button[type=submit]');
      assert.match(await page.locator('#form-measure [role=alert]').innerText(), /før tiltaket starter/);
      assert.equal(await page.inputValue('#measure-what'), 'Fast voksen tar imot henne i garderoben hver morgen.');
      await page.fill('#measure-start', isoDay(-30));
      await page.fill('#measure-evaluate-by', isoDay(-1));
      await page.selectOption('#measure-goal', { index: 1 });
      await submit(page, '#form-measure button[type=submit]');
      assert.equal(await notice(page), 'Lagret i loggen.');
      assert.match(await page.locator('#measures-h + table').innerText(), /Evaluering på overtid/);

      await openForm(page, 'form-observation');
      await page.fill('#observation-text', 'Vinket til mor fra vinduet i dag.');
      await submit(page, '#form-observation button[type=submit]');

      for (const [level, why] of [['2', 'Helsestasjonen bør være med.'], ['3', 'Vi trenger også PPT.']]) {
        await openForm(page, 'form-level');
        await page.selectOption('#level-to', level);
        await page.fill('#level-reason', why);
        await tellFamily(page, { how: 'phone', who: 'Mor', said: `Enig: ${why}` });
        await submit(page, '#form-level button[type=submit]');
        assert.equal(await notice(page), 'Nivået er endret.');
        const main = await page.locator('main').innerText();
        assert.match(main, new RegExp(`Nivå ${level}`));
        assert.match(main, new RegExp(why));
      }
      assert.match(await page.locator('main').innerText(), /individuell plan/, 'level 3 asks about an individual plan');
      await assertNoAxeViolations(page, 'a relay log at level 3');
    } finally {
      await context.close();
    }
  }));

  test('the evaluation reminder arrives after the server restarts', { timeout: 180_000 }, demo.withLog(async () => {
    const { context, page } = await signIn(TEACHER);
    try {
      await page.goto(`${base}/my`);
      const before = await page.locator('main').innerText();
      assert.doesNotMatch(before, /Fast voksen tar imot henne/, 'no reminder before the restart');
    } finally {
      await context.close();
    }
    await demo.stop();
    await demo.start();
    const again = await signIn(TEACHER);
    try {
      // The runner starts with the server; give it a moment to commit.
      let main = '';
      for (let i = 0; i < 20 && !/Påminnelser/.test(main); i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 250));
        await again.page.goto(`${base}/my`);
        main = await again.page.locator('main').innerText();
      }
      const [family, given] = childName.split(',').map((s) => s.trim());
      assert.match(main, new RegExp(`Tid for å evaluere et tiltak for ${given} ${family}`));
      assert.match(main, /Fast voksen tar imot henne/);
      assert.match(main, /Evaluering på overtid siden/, 'the log is listed first, overdue');
      await assertNoAxeViolations(again.page, 'my follow-up');
      await again.page.goto(`${base}/consultations`);
      await assertNoAxeViolations(again.page, 'anonymous consultation');
    } finally {
      await again.context.close();
    }
  }));

  test('the baton goes to the health nurse, who evaluates and closes with an archive copy', { timeout: 240_000 }, demo.withLog(async () => {
    const teacher = await signIn(TEACHER);
    try {
      const { page } = teacher;
      // The child is enrolled at the health station too, but that does not
      // open the kindergarten's log: the nurse is not offered the baton.
      await page.goto(`${base}${logPath}`);
      await openForm(page, 'form-offer');
      assert.equal(await page.locator('#offer-to option', { hasText: 'Ingrid Helse' }).count(), 0,
        'without consent the health station is no receiver');
      // Both guardians consent in a meeting that the health station may
      // receive the relay log; the kindergarten records it.
      const childHref = await page.locator('main a[href^="/children/"]').first().getAttribute('href');
      await page.goto(`${base}${childHref}/consents/new`);
      for (const g of await page.locator('label.check', { hasText: 'foresatt med foreldreansvar' }).all()) {
        await g.locator('input').check();
      }
      await page.fill('#consent-purpose', 'Helsestasjonen og barnehagen følger opp sammen.');
      await page.check('input[name=categories][value=relay_log]');
      await page.locator('label.check', { hasText: 'Helsestasjonen' }).locator('input[name=units]').check();
      await page.check('input[name=evidence][value=meeting]');
      await assertNoAxeViolations(page, 'the consent form, filled in');
      await submit(page, 'main form button[type=submit]');
      assert.match(page.url(), /done=consent-given/);
      assert.match(await page.locator('#consents').innerText(), /Gjelder nå/);

      await page.goto(`${base}${logPath}`);
      await openForm(page, 'form-offer');
      const nurse = await page.locator('#offer-to option', { hasText: 'Ingrid Helse' }).getAttribute('value');
      assert.ok(nurse, 'the nurse at the health station, which the consent names, can take the baton');
      await page.selectOption('#offer-to', nurse);
      await page.fill('#offer-wish', 'Mor ønsker at helsesykepleier følger opp.');
      await submit(page, '#form-offer button[type=submit]');
      assert.match(await page.locator('main').innerText(), /Tilbudt Ingrid Helse \(Helsestasjonen\), venter på svar/);
      assert.match(await page.locator('main').innerText(), /Stafettholder\s+Fatima Haugland/, 'the holder keeps the baton until it is accepted');
    } finally {
      await teacher.context.close();
    }

    const { context, page } = await signIn(NURSE);
    try {
      await page.goto(`${base}/my`);
      const offer = page.locator('#offers-h + ul a').first();
      await Promise.all([page.waitForURL(/\/logs\//), offer.click()]);
      await assertNoAxeViolations(page, 'a log offered to the nurse');
      assert.match(await page.locator('#answer-h').innerText(), /tilbudt stafettpinnen/);
      await submit(page, 'button[name=answer][value=accept]');
      assert.equal(await notice(page), 'Du har tatt imot stafettpinnen.');
      assert.match(await page.locator('main').innerText(), /Stafettholder\s+Ingrid Helse \(Helsestasjonen\)/);

      await openForm(page, 'form-evaluation');
      await page.check('#form-evaluation input[name=outcome][value=continue]');
      await page.fill('#evaluation-learned', 'Det går bedre de dagene hun blir tatt imot av samme voksen.');
      await page.fill('#evaluation-next', isoDay(28));
      await submit(page, '#form-evaluation button[type=submit]');
      assert.doesNotMatch(await page.locator('#measures-h + table').innerText(), /på overtid/);

      await openForm(page, 'form-close');
      await page.check('input[name=reason][value=goals_reached]');
      await submit(page, '#form-close button[type=submit]');
      assert.equal(await notice(page), 'Stafettloggen er avsluttet, og arkivkopien er laget.');

      await Promise.all([page.waitForURL(/\/archive$/), page.getByRole('link', { name: 'Arkivkopi', exact: true }).click()]);
      const archive = await page.locator('main').innerText();
      assert.match(archive, /Arkivkopi laget/);
      assert.match(archive, /Sitter ofte alene og gråter/);
      assert.match(archive, /Ingrid Helse tok imot stafettpinnen/);
      await assertNoAxeViolations(page, 'the archive copy');

      const json = await context.request.get(`${base}${logPath}/archive.json`);
      assert.equal(json.status(), 200);
      const body = await json.text();
      assert.equal(createHash('sha256').update(body).digest('hex'), json.headers()['x-archive-sha256']);
      const copy = JSON.parse(body);
      assert.equal(copy.level, 3);
      assert.equal(copy.closed.reason, 'goals_reached');
      assert.ok(copy.events.length >= 10, `the archive holds every event (${copy.events.length})`);

      await page.goto(`${base}${logPath}/print`);
      await assertNoAxeViolations(page, 'the print view');
    } finally {
      await context.close();
    }
  }));

  test('the API refuses to change or delete an entry', { timeout: 120_000 }, demo.withLog(async () => {
    const token = (await demo.cli(['user', 'token', NURSE])).trim().split(/\s+/).pop();
    const id = logPath.split('/').pop();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const log = await fetch(`${base}/api/v1/relay-logs/${id}`, { headers: auth });
    assert.equal(log.status, 200);
    const before = await log.json();
    const entry = before.events.find((e) => e.event === 'entry');
    assert.ok(entry, 'the log has entries');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const r = await fetch(`${base}/api/v1/relay-logs/${id}/entries/${entry.id}`, {
        method,
        headers: auth,
        body: method === 'DELETE' ? undefined : JSON.stringify({ kind: 'concern', text: 'endret' }),
      });
      assert.equal(r.status, 405, `${method} of an entry`);
      assert.equal((await r.json()).error, 'relay-error-append-only');
    }
    const after = await (await fetch(`${base}/api/v1/relay-logs/${id}`, { headers: auth })).json();
    assert.deepEqual(after.events, before.events, 'nothing changed');
    assert.equal(after.version, before.version);
  }));

  test('the privacy officer sees every access to the log', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await signIn(OFFICER);
    try {
      const id = logPath.split('/').pop();
      await page.goto(`${base}/audit?resource=${id}`);
      const rows = await page.locator('tbody tr').allInnerTexts();
      const text = rows.join('\n');
      assert.ok(rows.length >= 15, `the log has ${rows.length} records for the relay log`);
      assert.match(text, /Fatima Haugland|pedagog/i);
      assert.match(text, /Ingrid Helse|helsesykepleier/i);
      await assertNoAxeViolations(page, 'the access log');
      await page.goto(`${base}/privacy`);
      await assertNoAxeViolations(page, 'the restriction page');
    } finally {
      await context.close();
    }
  }));
});

// The family portal in a browser at phone size (390×844): a parent signs in
// through an OpenID Connect test provider (code flow, PKCE, nonce, acr,
// pid), finds who follows up their child, reads the child's log in plain
// words (level, who holds the baton, goals, measures, meetings), sees the next meeting and its
// calendar file, answers a feedback form, withdraws the consent that let the
// school read the relay log (and the school's next request is refused),
// reads who has looked at their data, and downloads everything. Every page
// is checked with axe, and the portal is walked by keyboard alone. Last, the
// parent signs out, also at the provider, and must sign in again.
//
// Run: node --test e2e/   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DemoServer, assertNoAxeViolations, freePort, launchBrowser, signInAs, submit } from './support.mjs';
import { startProvider } from './oidc-provider.mjs';

const SCHOOL = 'laerer.nordli';
const PHONE = { width: 390, height: 844 };
const CLIENT = 'ettlag-e2e';
const SECRET = 'e2e-hemmelig';

describe('the family portal on a phone', () => {
  const demo = new DemoServer({ children: 60, prefix: 'ettlag-e2e-portal-' });
  let base;
  let browser;
  let provider;
  const login = {};
  let logPath;
  let childPath;

  before(async () => {
    const logins = await demo.create();
    for (const l of logins) login[l.username] = l;
    assert.ok(login.forelder, 'the demo prints the parent login');
    const out = await readFile(join(demo.dir, 'demo.out'), 'utf8');
    const pid = /portal test identity[^:]*:\s*(\d{11})/.exec(out)?.[1];
    assert.ok(pid, 'the demo prints the parent\'s synthetic identity number');
    provider = await startProvider({ clientId: CLIENT, clientSecret: SECRET, pid });
    demo.port = await freePort();
    demo.env = {
      ETTLAG_OIDC_ISSUER: provider.issuer,
      ETTLAG_OIDC_CLIENT_ID: CLIENT,
      ETTLAG_OIDC_CLIENT_SECRET: SECRET,
      ETTLAG_OIDC_REDIRECT_URL: `http://127.0.0.1:${demo.port}/portal/oidc/callback`,
    };
    // The default post-logout address: the signed-out page beside the callback.
    provider.allowPostLogout(`http://127.0.0.1:${demo.port}/portal/signed-out`);
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (provider) await provider.close();
    await demo.remove();
  });

  async function parentPage() {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO', viewport: PHONE, acceptDownloads: true });
    return { context, page: await context.newPage() };
  }

  test('the school reads the shared log before the parent withdraws', { timeout: 120_000 }, demo.withLog(async () => {
    const school = await signInAs(browser, base, login, SCHOOL);
    try {
      await school.page.goto(`${base}/my`);
      const link = school.page.locator('section[aria-labelledby=shared-h] a[href^="/logs/"]').first();
      logPath = await link.getAttribute('href');
      assert.equal((await school.page.goto(`${base}${logPath}`)).status(), 200);
    } finally {
      await school.context.close();
    }
  }));

  test('a parent signs in with ID-porten, sees who follows up and the next meeting, answers a feedback form, withdraws a consent, reads who looked and downloads everything', { timeout: 240_000 }, demo.withLog(async () => {
    const { context, page } = await parentPage();
    try {
      await page.goto(`${base}/portal/login`);
      await assertNoAxeViolations(page, 'the portal sign-in');
      await Promise.all([page.waitForURL(/\/authorize/), page.getByRole('link', { name: 'Logg inn med ID-porten' }).click()]);
      await Promise.all([page.waitForURL((u) => u.pathname === '/portal'), page.getByRole('button', { name: 'Logg inn som testbruker' }).click()]);
      await assertNoAxeViolations(page, 'our family');

      const child = page.locator('main ul.cards a').first();
      childPath = await child.getAttribute('href');
      await Promise.all([page.waitForURL((u) => u.pathname === childPath), child.click()]);
      const who = page.locator('section[aria-labelledby=who]');
      assert.match(await who.innerText(), /Har ansvar for å følge dere opp/);
      await assertNoAxeViolations(page, 'the child\'s page');

      // Our log, in plain words on the phone: the level, who holds the baton
      // and how to reach them, and no sideways scrolling.
      const childName = (await page.locator('h1').innerText()).trim();
      await Promise.all([page.waitForURL((u) => u.pathname === `${childPath}/log`), page.getByRole('link', { name: 'Loggen vår' }).click()]);
      assert.match(await page.locator('section[aria-labelledby=level]').innerText(), /Nivå [123]/);
      assert.match(await page.locator('section[aria-labelledby=holder]').innerText(), /Den som har ansvaret\s+\S/);
      for (const part of ['goals', 'measures', 'meetings']) {
        assert.equal(await page.locator(`section[aria-labelledby=${part}]`).count(), 1, `the log shows ${part}`);
      }
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
      await assertNoAxeViolations(page, 'our log');
      await page.goto(`${base}${childPath}`);

      // Our next meeting: where, who comes, and a calendar file without the child's name.
      const meetings = page.locator('section[aria-labelledby=meetings]');
      assert.match(await meetings.innerText(), /Eventyrskogen barnehage, lille møterom/);
      assert.match(await meetings.innerText(), /leder møtet/);
      const [ics] = await Promise.all([
        page.waitForEvent('download'),
        meetings.getByRole('link', { name: 'Legg møtet i kalenderen' }).first().click(),
      ]);
      const calendar = await readFile(await ics.path(), 'utf8');
      assert.match(calendar, /BEGIN:VEVENT/);
      assert.ok(!calendar.includes(childName.split(' ')[0]), 'the calendar file names no child');

      // Answer the kindergarten's feedback form on the phone.
      const form = page.locator('section[aria-labelledby=forms] a').first();
      await Promise.all([page.waitForURL(/\/feedback\//), form.click()]);
      await assertNoAxeViolations(page, 'a feedback form');
      const typed = page.locator('main input.fb-typed');
      const items = await typed.count();
      assert.ok(items > 0, 'the form has items');
      for (let i = 0; i < items; i += 1) await typed.nth(i).fill(i === 0 ? '7,3' : '6');
      await submit(page, 'main form button[type=submit]');
      assert.match(await page.locator('[role=status]').innerText(), /Svaret er sendt/);
      await assertNoAxeViolations(page, 'a feedback form answered');
      await Promise.all([page.waitForURL((u) => u.pathname === childPath), page.getByRole('link', { name: 'Tilbake' }).click()]);

      await Promise.all([page.waitForURL(/\/consents$/), page.getByRole('link', { name: 'Ja eller nei til å dele' }).click()]);
      await assertNoAxeViolations(page, 'our consents');
      assert.match(await page.locator('main').innerText(), /Overgang fra barnehage til skole/);
      // The school's consent, not the health station's: the school is the
      // one whose next request must be refused.
      const transfer = page.locator('main li', { hasText: 'Overgang fra barnehage til skole' });
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        transfer.locator('form[action$="/withdraw"] button[type=submit]').click(),
      ]);
      await page.locator('h1').first().waitFor();
      assert.match(await page.locator('[role=status]').innerText(), /Det gjelder ikke lenger/);
      await assertNoAxeViolations(page, 'a consent withdrawn');

      await page.goto(`${base}${childPath}/looked`);
      assert.match(await page.locator('main').innerText(), /Dere sa ja til å dele/);
      await assertNoAxeViolations(page, 'who has looked');

      await page.goto(`${base}${childPath}/write`);
      await assertNoAxeViolations(page, 'write to us');
      await page.goto(`${base}${childPath}/document`);
      await assertNoAxeViolations(page, 'everything about us');

      await page.goto(`${base}${childPath}`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Last ned alt (fil)' }).click(),
      ]);
      const path = await download.path();
      const everything = JSON.parse(await readFile(path, 'utf8'));
      assert.ok(everything.person.given_name, 'the download names the child');
      assert.ok(Array.isArray(everything.consents) && everything.consents.length > 0);
      const name = (await page.locator('h1').innerText()).trim();
      assert.equal(`${everything.person.given_name} ${everything.person.family_name}`, name);
    } finally {
      await context.close();
    }
  }));

  test('the school\'s next request after the withdrawal is refused', { timeout: 120_000 }, demo.withLog(async () => {
    const school = await signInAs(browser, base, login, SCHOOL);
    try {
      assert.equal((await school.page.goto(`${base}${logPath}`)).status(), 404);
    } finally {
      await school.context.close();
    }
  }));

  test('the portal works by keyboard alone', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await parentPage();
    try {
      await page.goto(`${base}/portal/login`);
      // Tab to the identity provider's link and press Enter, then the test
      // provider's button with the keyboard too.
      let found = false;
      for (let i = 0; i < 10 && !found; i += 1) {
        await page.keyboard.press('Tab');
        found = (await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Logg inn med ID-porten';
      }
      assert.ok(found, 'the ID-porten link is reached by Tab');
      await Promise.all([page.waitForURL(/\/authorize/), page.keyboard.press('Enter')]);
      await page.keyboard.press('Tab');
      await Promise.all([page.waitForURL((u) => u.pathname === '/portal'), page.keyboard.press('Enter')]);
      // The skip link comes first and moves focus to the main content.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#main');
      // Tab on to the child's link and open it with Enter.
      found = false;
      for (let i = 0; i < 15 && !found; i += 1) {
        await page.keyboard.press('Tab');
        found = (await page.evaluate(() => document.activeElement?.getAttribute('href'))) === childPath;
      }
      assert.ok(found, 'the child is reached by Tab');
      await Promise.all([page.waitForURL((u) => u.pathname === childPath), page.keyboard.press('Enter')]);
      assert.match(await page.locator('h2#who').innerText(), /Hvem følger oss opp/);
    } finally {
      await context.close();
    }
  }));

  test('a parent signs out, also at ID-porten, and must sign in again', { timeout: 120_000 }, demo.withLog(async () => {
    // With the page's own CSP (form-action 'self'): the way on to the
    // provider must not depend on a form redirect to another origin.
    const context = await browser.newContext({ locale: 'nb-NO', viewport: PHONE });
    const page = await context.newPage();
    const checked = await parentPage();
    try {
      await page.goto(`${base}/portal/login`);
      await Promise.all([page.waitForURL(/\/authorize/), page.getByRole('link', { name: 'Logg inn med ID-porten' }).click()]);
      await Promise.all([page.waitForURL((u) => u.pathname === '/portal'), page.getByRole('button', { name: 'Logg inn som testbruker' }).click()]);
      await Promise.all([page.waitForURL((u) => u.pathname === '/portal/signed-out'), page.getByRole('button', { name: 'Logg ut' }).click()]);
      assert.match(await page.locator('main').innerText(), /Du er logget ut her og i ID-porten/);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
      await page.goto(`${base}/portal`);
      assert.equal(new URL(page.url()).pathname, '/portal/login');
      // The signed-out page (here in its "this service only" form) for axe.
      await checked.page.goto(`${base}/portal/signed-out?provider=none`);
      assert.match(await checked.page.locator('main').innerText(), /Vi fikk ikke logget deg ut av ID-porten/);
      await assertNoAxeViolations(checked.page, 'signed out');
    } finally {
      await context.close();
      await checked.context.close();
    }
  }));
});

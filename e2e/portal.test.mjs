// The family portal in a browser at phone size (390×844): a parent signs in
// through a real OpenID Connect provider (`oidc-provider`, set up as
// ID-porten, over HTTPS with a CA made for the run; ettlag authenticates
// with private_key_jwt), finds who follows up their child, reads the child's log in plain
// words (level, who holds the baton, goals, measures, meetings), sees the next meeting and its
// calendar file, answers a feedback form, withdraws the consent that let the
// school read the relay log (and the school's next request is refused),
// reads who has looked at their data, and downloads everything. Every page
// is checked with axe, and the portal is walked by keyboard alone. Last, the
// parent signs out, also at the provider, and must sign in again; signing
// out at the provider from elsewhere ends the portal session too
// (back-channel logout). The refusals are tried with the same provider: a
// callback in another browser, a replayed callback, a wrong `iss`, too low
// a level, and ID tokens changed on their way (another audience, expired,
// another issuer, a nonce of an earlier sign-in, `alg: none`, HS256 keyed
// with the provider's public key).
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
    demo.port = await freePort();
    const here = `http://127.0.0.1:${demo.port}`;
    provider = await startProvider({
      clientId: CLIENT,
      pid,
      auth: 'private_key_jwt',
      redirectUri: `${here}/portal/oidc/callback`,
      // The default post-logout address: the signed-out page beside the callback.
      postLogoutUri: `${here}/portal/signed-out`,
      backchannelUri: `${here}/portal/oidc/backchannel-logout`,
    });
    demo.env = {
      ETTLAG_OIDC_ISSUER: provider.issuer,
      ETTLAG_OIDC_CLIENT_ID: CLIENT,
      ETTLAG_OIDC_CLIENT_KEY_FILE: provider.clientKeyFile,
      ETTLAG_OIDC_CLIENT_KEY_ID: 'ettlag-1',
      ETTLAG_OIDC_REDIRECT_URL: `${here}/portal/oidc/callback`,
      ETTLAG_TLS_EXTRA_CA_FILE: provider.caFile,
    };
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (provider) await provider.close();
    await demo.remove();
  });

  async function parentPage() {
    // The browser is not what is tested against the provider's certificate:
    // ettlag's server is, through ETTLAG_TLS_EXTRA_CA_FILE.
    const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO', viewport: PHONE, acceptDownloads: true, ignoreHTTPSErrors: true });
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
      await Promise.all([page.waitForURL(/\/interaction\//), page.getByRole('link', { name: 'Logg inn med ID-porten' }).click()]);
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
      await Promise.all([page.waitForURL(/\/interaction\//), page.keyboard.press('Enter')]);
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
    const context = await browser.newContext({ locale: 'nb-NO', viewport: PHONE, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const checked = await parentPage();
    try {
      await page.goto(`${base}/portal/login`);
      await Promise.all([page.waitForURL(/\/interaction\//), page.getByRole('link', { name: 'Logg inn med ID-porten' }).click()]);
      await Promise.all([page.waitForURL((u) => u.pathname === '/portal'), page.getByRole('button', { name: 'Logg inn som testbruker' }).click()]);
      await Promise.all([page.waitForURL(/\/session\/end/), page.getByRole('button', { name: 'Logg ut' }).click()]);
      await Promise.all([page.waitForURL((u) => u.pathname === '/portal/signed-out'), page.getByRole('button', { name: 'Logg ut overalt' }).click()]);
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

  /** Signs in through the provider in a fresh context; the page after the callback. */
  async function signInThroughProvider() {
    const { context, page } = await parentPage();
    await page.goto(`${base}/portal/login`);
    await Promise.all([page.waitForURL(/\/interaction\//), page.getByRole('link', { name: 'Logg inn med ID-porten' }).click()]);
    const [callback] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/portal/oidc/callback')),
      page.getByRole('button', { name: 'Logg inn som testbruker' }).click(),
    ]);
    await page.waitForLoadState('load');
    return { context, page, callback: callback.url() };
  }

  async function signedIn(page) {
    await page.goto(`${base}/portal`);
    return new URL(page.url()).pathname === '/portal';
  }

  test('signing out at ID-porten from elsewhere ends the portal session (back-channel logout)', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await signInThroughProvider();
    try {
      assert.ok(await signedIn(page), 'signed in');
      // Another service sends the citizen to the provider's sign-out.
      await page.goto(`${provider.issuer}/session/end`);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Logg ut overalt' }).click()]);
      assert.ok(!(await signedIn(page)), 'the provider\'s logout ended the portal session');
    } finally {
      await context.close();
    }
  }));

  /**
   * Signs in at the provider in `page` but stops before the browser opens
   * ettlag's callback: the address it would have opened. (Playwright does
   * not route the requests of a redirect chain, so the chain from the
   * provider's sign-in form is followed here, in the context's cookies.)
   */
  async function callbackNotOpened(page) {
    let captured;
    await page.route('**/interaction/*/login', async (route) => {
      let response = await route.fetch({ maxRedirects: 0 });
      let at = response.url();
      let next = response.headers().location;
      while (next && !next.includes('/portal/oidc/callback')) {
        at = new URL(next, at).toString();
        response = await page.context().request.get(at, { maxRedirects: 0, ignoreHTTPSErrors: true });
        next = response.headers().location;
      }
      captured = next;
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stopped</title>' });
    });
    await page.goto(`${base}/portal/login`);
    await Promise.all([page.waitForURL(/\/interaction\//), page.getByRole('link', { name: 'Logg inn med ID-porten' }).click()]);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Logg inn som testbruker' }).click()]);
    await page.unroute('**/interaction/*/login');
    assert.ok(captured, 'the provider sent the browser to the callback');
    return captured;
  }

  test('a callback opened in another browser, a replayed one and one naming another issuer sign no one in', { timeout: 120_000 }, demo.withLog(async () => {
    const attacker = await parentPage();
    const victim = await parentPage();
    const own = await parentPage();
    try {
      // The attacker's own sign-in, its callback opened in the victim's browser.
      const stolen = await callbackNotOpened(attacker.page);
      assert.equal(new URL(stolen).searchParams.get('iss'), provider.issuer, 'the provider names itself (RFC 9207)');
      const r = await victim.page.goto(stolen);
      assert.equal(r.status(), 401);
      assert.match(await victim.page.locator('main').innerText(), /startet i en annen nettleser/);
      assert.ok(!(await signedIn(victim.page)), 'the victim\'s browser is not signed in');
      // The sign-in is used up: the attacker's browser cannot finish it either.
      assert.equal((await attacker.page.goto(stolen)).status(), 401);

      // This browser's own sign-in, its callback naming another issuer.
      const wrong = new URL(await callbackNotOpened(own.page));
      wrong.searchParams.set('iss', 'https://evil.example');
      assert.equal((await own.page.goto(wrong.toString())).status(), 401);
      assert.ok(!(await signedIn(own.page)), 'a wrong iss signs no one in');

      // A good sign-in, then its callback again: used once.
      const good = await signInThroughProvider();
      try {
        assert.ok(await signedIn(good.page));
        assert.equal((await victim.page.goto(good.callback)).status(), 401, 'a replayed callback is refused');
        assert.ok(!(await signedIn(victim.page)));
      } finally {
        await good.context.close();
      }
    } finally {
      await attacker.context.close();
      await victim.context.close();
      await own.context.close();
    }
  }));

  test('too low a level and ID tokens changed on their way are refused', { timeout: 180_000 }, demo.withLog(async () => {
    // Each is refused for its own reason, as the server log names it.
    const tries = [
      ['a sign-in at idporten-loa-substantial where high is asked for', () => provider.setAcr('idporten-loa-substantial'), 'acr', /høyere sikkerhetsnivå/],
      ['another audience', () => provider.tamper('audience'), 'audience'],
      ['an expired token', () => provider.tamper('expired'), 'expired'],
      ['another issuer in the token', () => provider.tamper('issuer'), 'issuer'],
      ['the nonce of an earlier sign-in', () => provider.tamper('nonce'), 'nonce'],
      ['alg: none', () => provider.tamper('none'), 'signature'],
      ['HS256 keyed with the provider\'s public key', () => provider.tamper('hs256'), 'signature'],
    ];
    for (const [what, arrange, reason, message = /Vi fikk ikke logget deg inn/] of tries) {
      arrange();
      const logged = demo.log.length;
      const { context, page } = await signInThroughProvider();
      try {
        assert.equal(new URL(page.url()).pathname, '/portal/oidc/callback', what);
        assert.match(await page.locator('main').innerText(), message, what);
        const log = demo.log.slice(logged).replace(/\x1b\[[0-9;]*m/g, '');
        assert.match(log, new RegExp(`reason="?${reason}\\b`), `${what}: refused as ${reason}`);
        assert.ok(!(await signedIn(page)), `${what} signs no one in`);
      } finally {
        provider.setAcr('idporten-loa-high');
        await context.close();
      }
    }
  }));
});

// Staff single sign-on in a browser against the OpenID-certified
// `oidc-provider` over HTTPS (as a municipality's Entra ID or Ansattporten
// would be): a teacher signs in with the municipality's account and is
// found by their user name; the administrator maps a group to a role on
// Admin → Sign-in and the teacher's next sign-in gives exactly that role;
// with the municipality's second-factor setting on, a sign-in by password
// alone is refused and one with a second factor (`amr`) gets in; someone
// the register does not know, and a deactivated account, are refused
// whatever the provider says; a newcomer whose group gives a role gets an
// account (the municipality's rule), one whose groups give none does not;
// a teacher who signs out is signed out at the provider too, and a
// sign-out at the provider from elsewhere ends her session here
// (back-channel). Every page is checked with axe.
//
// Run: node --test e2e/   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { DemoServer, assertNoAxeViolations, freePort, launchBrowser, signInAs } from './support.mjs';
import { startProvider } from './oidc-provider.mjs';

const CLIENT = 'ettlag-staff-e2e';
const SECRET = 'e2e-ansatt-hemmelig';

describe('staff sign in with the municipality\'s account', () => {
  const demo = new DemoServer({ children: 40, prefix: 'ettlag-e2e-sso-' });
  let base;
  let browser;
  let provider;
  const login = {};

  before(async () => {
    const logins = await demo.create();
    for (const l of logins) login[l.username] = l;
    assert.ok(login['laerer.nordli'] && login.admin, 'the demo prints the teacher and admin logins');
    demo.port = await freePort();
    const here = `http://127.0.0.1:${demo.port}`;
    provider = await startProvider({
      clientId: CLIENT,
      clientSecret: SECRET,
      auth: 'client_secret_basic',
      redirectUri: `${here}/oidc/callback`,
      postLogoutUri: `${here}/signed-out`,
      backchannelUri: `${here}/oidc/backchannel-logout`,
      staff: {
        'entra-kari': { preferred_username: 'laerer.nordli', groups: ['g-nordli-larere'] },
        'entra-per': { preferred_username: 'leder.nordli', groups: ['g-ledere'] },
        'entra-ukjent': { preferred_username: 'finnes.ikke', groups: ['g-andre'] },
        'entra-ny': { preferred_username: 'ny.nordli', name: 'Nina Nykommer', email: 'nina@example.org', groups: ['g-nordli-larere'] },
      },
    });
    demo.env = {
      ETTLAG_STAFF_OIDC_ISSUER: provider.issuer,
      ETTLAG_STAFF_OIDC_CLIENT_ID: CLIENT,
      ETTLAG_STAFF_OIDC_CLIENT_SECRET: SECRET,
      ETTLAG_STAFF_OIDC_CLIENT_AUTH: 'client_secret_basic',
      ETTLAG_STAFF_OIDC_REDIRECT_URL: `${here}/oidc/callback`,
      ETTLAG_STAFF_MATCH_CLAIM: 'preferred_username',
      ETTLAG_STAFF_CREATE_ACCOUNTS_IN: 'demo',
      ETTLAG_STAFF_OIDC_SCOPE: 'openid profile',
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

  /** Signs in as `account` of the provider's directory; the page after the callback. */
  async function throughProvider(account, amr) {
    provider.setAccount(account, amr);
    const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO', ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await Promise.all([page.waitForURL(/\/interaction\//), page.getByRole('link', { name: 'Logg inn med kommunens konto' }).click()]);
    await Promise.all([
      page.waitForURL((u) => u.origin === base),
      page.getByRole('button', { name: 'Logg inn som testbruker' }).click(),
    ]);
    await page.waitForLoadState('load');
    return { context, page };
  }

  const status = async (page, path) => (await page.goto(`${base}${path}`)).status();
  /** Signed in: one's own settings open rather than sending to the sign-in. */
  const signedIn = async (page) => {
    await page.goto(`${base}/settings`);
    return new URL(page.url()).pathname === '/settings';
  };

  test('a teacher signs in with the municipality\'s account and sees the children she follows up', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await throughProvider('entra-kari');
    try {
      assert.equal(new URL(page.url()).pathname, '/children');
      assert.match(await page.locator('header').innerText(), /Kari Nordmann/);
      assert.ok(await page.locator('main a[href^="/children/"]').count() > 0, 'she follows up children');
      await assertNoAxeViolations(page, 'the children after single sign-on');
    } finally {
      await context.close();
    }
  }));

  test('a teacher signs out, also at the municipality\'s provider; signing out there from elsewhere ends her session here', { timeout: 120_000 }, demo.withLog(async () => {
    const first = await throughProvider('entra-kari');
    try {
      assert.ok(await signedIn(first.page), 'signed in');
      await first.page.goto(`${base}/children`);
      await Promise.all([first.page.waitForURL(/\/session\/end/), first.page.getByRole('button', { name: 'Logg ut' }).click()]);
      await Promise.all([first.page.waitForURL((u) => u.pathname === '/signed-out'), first.page.getByRole('button', { name: 'Logg ut overalt' }).click()]);
      assert.match(await first.page.locator('main').innerText(), /Du er logget ut her og fra kommunens konto/);
      await assertNoAxeViolations(first.page, 'signed out here and at the provider');
      assert.ok(!(await signedIn(first.page)), 'signed out here');
    } finally {
      await first.context.close();
    }
    const second = await throughProvider('entra-kari');
    try {
      assert.ok(await signedIn(second.page), 'signed in again');
      // Another service sends her to the provider's sign-out.
      await second.page.goto(`${provider.issuer}/session/end`);
      await Promise.all([second.page.waitForLoadState('load'), second.page.getByRole('button', { name: 'Logg ut overalt' }).click()]);
      assert.ok(!(await signedIn(second.page)), 'the provider\'s logout ended the session here');
    } finally {
      await second.context.close();
    }
  }));

  test('the administrator maps a group to a role and asks for a second factor; the next sign-in with one gives exactly that role', { timeout: 180_000 }, demo.withLog(async () => {
    const admin = await signInAs(browser, base, login, 'admin');
    /** Sets the municipality's second-factor setting on the admin page. */
    const secondFactor = async (value) => {
      await admin.page.goto(`${base}/admin/settings`);
      const setting = admin.page.locator('form', { has: admin.page.locator('#second_factor_required') });
      await setting.locator('#second_factor_required').fill(value);
      await Promise.all([admin.page.waitForLoadState('load'), setting.locator('button[type=submit]').click()]);
    };
    try {
      await admin.page.goto(`${base}/admin/sign-in`);
      await assertNoAxeViolations(admin.page, 'the sign-in mapping');
      await admin.page.fill('#group', 'g-nordli-larere');
      await admin.page.selectOption('#role', 'intake');
      await Promise.all([admin.page.waitForURL(/done=group-added/), admin.page.getByRole('button', { name: 'Koble gruppe til rolle' }).click()]);
      assert.match(await admin.page.locator('main table').innerText(), /g-nordli-larere/);
      await assertNoAxeViolations(admin.page, 'the sign-in mapping with a line');
      // A newcomer in the mapped group gets an account with that role.
      const newcomer = await throughProvider('entra-ny');
      try {
        assert.equal(new URL(newcomer.page.url()).pathname, '/children');
        assert.match(await newcomer.page.locator('header').innerText(), /Nina Nykommer/);
        assert.equal(await status(newcomer.page, '/intake'), 200, 'the mapped role takes in requests');
      } finally {
        await newcomer.context.close();
      }
      await admin.page.goto(`${base}/admin/staff`);
      assert.match(await admin.page.locator('main').innerText(), /ny\.nordli/);
      // Staff who read personal data must show a second factor.
      await secondFactor('1');

      const byPassword = await throughProvider('entra-kari', ['pwd']);
      try {
        assert.match(await byPassword.page.locator('main').innerText(), /to faktorer/);
        assert.ok(!(await signedIn(byPassword.page)), 'a password alone is not enough');
      } finally {
        await byPassword.context.close();
      }
      const { context, page } = await throughProvider('entra-kari', ['pwd', 'mfa']);
      try {
        assert.ok(await signedIn(page), 'a second factor lets her in');
        await page.goto(`${base}/children`);
        assert.equal(await page.locator('main a[href^="/children/"]').count(), 0,
          'she follows up no child now: the mapped role replaced the one set by hand');
        assert.equal(await status(page, '/intake'), 200, 'the mapped role takes in requests');
        await assertNoAxeViolations(page, 'the intake queue after single sign-on');
      } finally {
        await context.close();
      }
    } finally {
      // The other tests' administrator signs in with a password alone.
      await secondFactor('0');
      await admin.context.close();
    }
  }));

  test('someone the register does not know, and a deactivated account, are refused whatever the provider says', { timeout: 120_000 }, demo.withLog(async () => {
    const stranger = await throughProvider('entra-ukjent');
    try {
      assert.match(await stranger.page.locator('main').innerText(), /ikke koblet til en bruker her/);
      assert.ok(!(await signedIn(stranger.page)), 'the stranger is not signed in');
      await assertNoAxeViolations(stranger.page, 'a refused single sign-on');
    } finally {
      await stranger.context.close();
    }
    const admin = await signInAs(browser, base, login, 'admin');
    try {
      await admin.page.goto(`${base}/admin/staff`);
      const row = admin.page.locator('tr', { hasText: 'leder.nordli' });
      await Promise.all([
        admin.page.waitForNavigation({ waitUntil: 'load' }),
        row.locator('form[action$="/active"] button[type=submit]').click(),
      ]);
    } finally {
      await admin.context.close();
    }
    const leader = await throughProvider('entra-per');
    try {
      assert.match(await leader.page.locator('main').innerText(), /deaktivert/);
      assert.ok(!(await signedIn(leader.page)), 'the deactivated leader is not signed in');
    } finally {
      await leader.context.close();
    }
  }));
});

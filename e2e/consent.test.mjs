// Consent that holds (issue 17), in a browser: a kindergarten teacher opens
// a relay log for a child after telling the mother; the health station,
// where the child is enrolled too, still finds no such log; a consent from
// only one of the two guardians opens nothing (the portal says it waits for
// the other), and once the father says yes in the portal the school may
// receive the log; the kindergarten hands the baton to a school
// teacher, and the family gets an e-mail that names no child but links to
// the portal; the mother reads the log on her phone (level, who holds the
// baton, how to reach her); the father withdraws the consent in the
// portal, and on its next request the school is refused, the baton is back
// at the kindergarten, and both desks say why; last, "who has looked" shows
// the school's reads. Every page on the way is checked with axe.
//
// The e-mail goes through a small SMTP server in this test, the family signs
// in through the OpenID Connect test provider, as each guardian in turn.
//
// Run: node --test e2e/consent.test.mjs   (ETTLAG_E2E_POSTGRES=postgres://… for PostgreSQL)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DemoServer, assertNoAxeViolations, freePort, launchBrowser, signInAs, submit, tellFamily } from './support.mjs';
import { startProvider } from './oidc-provider.mjs';

const KINDERGARTEN = 'pedagog.eventyrskogen';
const SCHOOL = 'laerer.nordli';
const NURSE = 'helsesykepleier';
const PHONE = { width: 390, height: 844 };
const CLIENT = 'ettlag-e2e';
const SECRET = 'e2e-hemmelig';
const MOTHER_MAIL = 'mor.e2e@example.no';
const SCHOOL_MAIL = 'kari.nordmann@nordli.example.no';
const PURPOSE = 'Overgangen fra barnehagen til Nordli skole.';

/**
 * An SMTP server that keeps every message it is sent: it answers 220, 250
 * to every command, 354 to DATA, and keeps what comes until the lone dot.
 */
async function smtpSink() {
  const inbox = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let data = null;
    let to = [];
    socket.setEncoding('utf8');
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let at;
      while ((at = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (data !== null) {
          if (line === '.') {
            inbox.push({ to, data: data.join('\n') });
            data = null;
            to = [];
            socket.write('250 queued\r\n');
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const upper = line.toUpperCase();
        if (upper.startsWith('DATA')) {
          data = [];
          socket.write('354 go on\r\n');
        } else if (upper.startsWith('RCPT TO:')) {
          to.push(line.slice(8).trim().replace(/^<|>$/g, ''));
          socket.write('250 OK\r\n');
        } else if (upper.startsWith('QUIT')) {
          socket.end('221 bye\r\n');
        } else {
          socket.write('250 OK\r\n');
        }
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    inbox,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** The text of a quoted-printable body: soft line breaks joined, =XX decoded. */
function unQuote(text) {
  const joined = text.replace(/=\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined[i] === '=' ? joined.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The messages to the mother, the only family member who gave an address. */
const family = (inbox) => inbox.filter((m) => m.to.includes(MOTHER_MAIL));

/** Waits until `count` messages to `to` have arrived; the mailer runs every second. */
async function waitForMail(inbox, to, count, timeoutMs = 30_000) {
  const arrived = () => inbox.filter((m) => m.to.includes(to)).length;
  const deadline = Date.now() + timeoutMs;
  while (arrived() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  assert.ok(arrived() >= count, `${count} e-mail(s) to ${to} arrived (got ${arrived()} of ${inbox.length} in all)`);
}

describe('consent that holds: from the kindergarten to the school and back', () => {
  const demo = new DemoServer({ children: 60, prefix: 'ettlag-e2e-consent-' });
  let base;
  let browser;
  let provider;
  let sink;
  const login = {};
  // What the steps find and leave for the next ones.
  let childId;
  let child;
  let mother;
  let father;
  let logPath;
  let consentId;
  let schoolReads = 0;

  before(async () => {
    const logins = await demo.create();
    for (const l of logins) login[l.username] = l;
    for (const who of [KINDERGARTEN, SCHOOL, NURSE]) assert.ok(login[who], `the demo prints a login for ${who}`);
    sink = await smtpSink();
    demo.port = await freePort();
    provider = await startProvider({
      clientId: CLIENT,
      clientSecret: SECRET,
      pid: '00000000000',
      auth: 'client_secret_basic',
      redirectUri: `http://127.0.0.1:${demo.port}/portal/oidc/callback`,
      postLogoutUri: `http://127.0.0.1:${demo.port}/portal/signed-out`,
    });
    const config = join(demo.dir, 'ettlag.toml');
    await writeFile(config, [
      '[smtp]',
      'host = "127.0.0.1"',
      `port = ${sink.port}`,
      'security = "none"',
      'from = "ettlag <ettlag@ettlagvik.example.no>"',
      `base_url = "http://127.0.0.1:${demo.port}"`,
      '',
    ].join('\n'));
    // The mailer runs every second (with the other jobs), so the family's
    // e-mail arrives while the test waits for it.
    demo.env = {
      ETTLAG_CONFIG: config,
      ETTLAG_JOB_INTERVAL_SECONDS: '1',
      ETTLAG_OIDC_ISSUER: provider.issuer,
      ETTLAG_OIDC_CLIENT_ID: CLIENT,
      ETTLAG_OIDC_CLIENT_SECRET: SECRET,
      ETTLAG_OIDC_CLIENT_AUTH: 'client_secret_basic',
      ETTLAG_OIDC_REDIRECT_URL: `http://127.0.0.1:${demo.port}/portal/oidc/callback`,
      ETTLAG_TLS_EXTRA_CA_FILE: provider.caFile,
    };
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (provider) await provider.close();
    if (sink) await sink.close();
    await demo.remove();
  });

  const signIn = (username) => signInAs(browser, base, login, username);

  /** A guardian signed in to the portal through the test provider, on a phone. */
  async function signInToPortal(guardian) {
    provider.setPid(guardian.national_id);
    const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO', viewport: PHONE, isMobile: true, hasTouch: true, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${base}/portal/login`);
    await Promise.all([page.waitForURL(/\/interaction\//), page.getByRole('link', { name: 'Logg inn med ID-porten' }).click()]);
    await Promise.all([page.waitForURL((u) => u.pathname === '/portal'), page.getByRole('button', { name: 'Logg inn som testbruker' }).click()]);
    return { context, page };
  }

  /** Neither the raw message nor its decoded text names the child. */
  function assertNamesNoChild(mail) {
    const text = unQuote(mail.data);
    for (const name of [child.given_name, child.family_name, child.national_id, child.national_id.slice(0, 6)]) {
      assert.ok(!mail.data.includes(name) && !text.includes(name), `the e-mail to ${mail.to} does not contain ${name}:\n${text}`);
    }
  }

  async function openForm(page, id) {
    const details = page.locator(`#${id}`);
    if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  }

  async function offerReceivers(page) {
    await page.goto(`${base}${logPath}`);
    await openForm(page, 'form-offer');
    return page.locator('#offer-to option').allInnerTexts();
  }

  test('a kindergarten teacher opens a relay log for a child with two guardians, having told the mother', { timeout: 180_000 }, demo.withLog(async () => {
    // The kindergarten's children through the API: the first one with two
    // guardians and no case in the demo (the demo's cases are the 2nd, 5th, 8th…).
    const token = (await demo.cli(['user', 'token', KINDERGARTEN])).trim().split(/\s+/).pop();
    const api = async (path) => {
      const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(r.status, 200, `GET ${path}`);
      return r.json();
    };
    const { context, page } = await signIn(KINDERGARTEN);
    try {
      await page.goto(`${base}/children`);
      const hrefs = await page.locator('tbody tr a[href^="/children/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const [i, href] of hrefs.entries()) {
        if (i % 3 === 1) continue;
        const person = await api(`/api/v1/persons/${href.split('/').pop()}`);
        const guardians = person.relations.filter((r) => r.kind === 'guardian');
        if (guardians.length !== 2) continue;
        assert.ok(person.enrolments.some((e) => e.unit_name === 'Helsestasjonen'), 'a kindergarten child is enrolled at the health station too');
        childId = person.id;
        child = person;
        [mother, father] = await Promise.all(guardians.map((g) => api(`/api/v1/persons/${g.person_id}`)));
        break;
      }
      assert.ok(childId, 'the kindergarten has a child with two guardians');
      assert.ok(mother.national_id && father.national_id, 'both guardians have identity numbers');

      await page.goto(`${base}/children/${childId}`);
      await page.getByRole('link', { name: 'Noter en undring' }).click();
      await page.waitForURL(/\/concerns\/new$/);
      await page.fill('#concern-text', 'Gruer seg til skolestart og spør hver dag om hvem som skal være der.');
      await page.check('input[name=areas][value=emotional]');
      await submit(page, 'main form button[type=submit]');
      assert.match(page.url(), /\/concerns\/[^/?]+\?done=raised$/);
      await page.check('input[name=decision][value=level-1]');
      await page.fill('#decision-note', 'Vi følger opp i barnehagen, og tar skolen med når foreldrene vil.');
      await tellFamily(page, { who: 'Mor', said: 'Hun vil gjerne at skolen får vite det før start.' });
      await submit(page, 'form[action$="/decision"] button[type=submit]');
      assert.match(page.url(), /\/logs\/[^/?]+\?done=opened$/);
      logPath = new URL(page.url()).pathname;
      assert.match(await page.locator('.timeline').innerText(), /Mor ble informert i møte .*: Hun vil gjerne at skolen får vite det før start\./);
      assert.match(await page.locator('main').innerText(), /Nivå 1/);
      await assertNoAxeViolations(page, 'the new relay log');
    } finally {
      await context.close();
    }
  }));

  test('the public health nurse, where the child is enrolled too, finds no such log', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await signIn(NURSE);
    try {
      const response = await page.goto(`${base}${logPath}`);
      assert.equal(response.status(), 404, 'enrolment at the health station does not open the kindergarten\'s log');
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(child.given_name), 'the refusal names no child');
      await assertNoAxeViolations(page, 'the not-found page');
    } finally {
      await context.close();
    }
  }));

  test('one guardian\'s consent opens nothing; once the father says yes in the portal, the school may receive the log', { timeout: 180_000 }, demo.withLog(async () => {
    const teacher = await signIn(KINDERGARTEN);
    const school = await signIn(SCHOOL);
    try {
      const { page } = teacher;
      assert.ok(!(await offerReceivers(page)).some((o) => /Kari Nordmann/.test(o)), 'without consent the school is no receiver');

      // Joint parental responsibility: the mother consents in a meeting,
      // the father is not there. The consent waits for him.
      await page.goto(`${base}/children/${childId}/consents/new`);
      await assertNoAxeViolations(page, 'the consent form');
      for (const g of await page.locator('label.check:has(input[name=grantors])').all()) {
        await g.locator('input').setChecked((await g.innerText()).includes(`${mother.given_name} ${mother.family_name}`));
      }
      await page.fill('#consent-purpose', PURPOSE);
      await page.check('input[name=categories][value=relay_log]');
      await page.locator('label.check', { hasText: 'Nordli skole' }).locator('input[name=units]').check();
      await page.check('input[name=evidence][value=meeting]');
      await submit(page, 'main form button[type=submit]');
      const line = page.locator('#consents li.consent', { hasText: PURPOSE });
      const waiting = await line.innerText();
      assert.match(waiting, /Venter på en foresatt/);
      assert.match(waiting, new RegExp(`Har ikke samtykket ennå\\s+${father.given_name} ${father.family_name}`), 'the consent waits for the father');
      consentId = (await line.getAttribute('id')).replace(/^consent-/, '');
      await assertNoAxeViolations(page, 'a consent waiting for a guardian');

      assert.ok(!(await offerReceivers(page)).some((o) => /Kari Nordmann/.test(o)), 'a consent with one of two guardians opens nothing');
      assert.equal((await school.page.goto(`${base}${logPath}`)).status(), 404, 'the school cannot read the log yet');
    } finally {
      await school.context.close();
    }

    // The mother reads in the portal that it waits for the father, not that it has ended.
    const mum = await signInToPortal(mother);
    try {
      await mum.page.goto(`${base}/portal/children/${childId}/consents`);
      const item = await mum.page.locator('main li', { hasText: PURPOSE }).innerText();
      assert.match(item, /Vi venter på at den andre forelderen sier ja\./);
      assert.doesNotMatch(item, /Gjelder ikke lenger/);
      assert.equal(await mum.page.locator(`main form[action$="/consents/${consentId}/join"]`).count(), 0, 'she has said yes already');
      await assertNoAxeViolations(mum.page, 'our consents, waiting for the other parent');
    } finally {
      await mum.context.close();
    }

    // The father says yes on his phone.
    const dad = await signInToPortal(father);
    try {
      const { page } = dad;
      await page.goto(`${base}/portal/children/${childId}/consents`);
      assert.match(await page.locator('main li', { hasText: PURPOSE }).innerText(), /Vi venter på at du sier ja\./);
      await assertNoAxeViolations(page, 'our consents, waiting for my yes');
      await submit(page, `main form[action$="/consents/${consentId}/join"] button[type=submit]`);
      assert.match(await page.locator('[role=status]').innerText(), /Takk\. Nå gjelder det\./);
      assert.match(await page.locator('main li', { hasText: PURPOSE }).innerText(), /Gjelder nå\./);
      await assertNoAxeViolations(page, 'our consents, in force');
    } finally {
      await dad.context.close();
    }

    try {
      const { page } = teacher;
      await page.goto(`${base}/children/${childId}`);
      const joined = await page.locator(`#consent-${consentId}`).innerText();
      assert.match(joined, /Gjelder nå/);
      assert.doesNotMatch(joined, /Venter på en foresatt|Har ikke samtykket ennå/);
      assert.ok((await offerReceivers(page)).some((o) => /Kari Nordmann/.test(o)), 'with both guardians the school can take the baton');
    } finally {
      await teacher.context.close();
    }
  }));

  test('the mother asks for notices by e-mail in the portal', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await signInToPortal(mother);
    try {
      await assertNoAxeViolations(page, 'our family');
      await page.goto(`${base}/portal/notices`);
      await assertNoAxeViolations(page, 'the notices page');
      await page.fill('#email', MOTHER_MAIL);
      await submit(page, 'main form button[value=save]');
      assert.match(await page.locator('[role=status]').innerText(), /Det er lagret/);
      assert.equal(await page.inputValue('#email'), MOTHER_MAIL);
      await assertNoAxeViolations(page, 'the notices page, saved');
    } finally {
      await context.close();
    }
  }));

  test('the kindergarten offers the baton to the school and a school teacher accepts it', { timeout: 180_000 }, demo.withLog(async () => {
    const teacher = await signIn(KINDERGARTEN);
    try {
      const { page } = teacher;
      await page.goto(`${base}${logPath}`);
      await openForm(page, 'form-offer');
      const kari = await page.locator('#offer-to option', { hasText: 'Kari Nordmann' }).getAttribute('value');
      await page.selectOption('#offer-to', kari);
      await page.fill('#offer-wish', 'Foreldrene ønsker at skolen følger opp fra skolestart.');
      await submit(page, '#form-offer button[type=submit]');
      assert.match(await page.locator('main').innerText(), /Tilbudt Kari Nordmann \(Nordli skole\), venter på svar/);
    } finally {
      await teacher.context.close();
    }

    const { context, page } = await signIn(SCHOOL);
    try {
      // Her work address, so that the family can reach her.
      await page.goto(`${base}/settings`);
      await page.fill('#email', SCHOOL_MAIL);
      await submit(page, 'form[action="/settings/email"] button[type=submit]');
      await page.goto(`${base}/my`);
      const offer = page.locator('#offers-h + ul a').first();
      await Promise.all([page.waitForURL(/\/logs\//), offer.click()]);
      schoolReads += 1;
      await assertNoAxeViolations(page, 'a log offered to the school');
      await submit(page, 'button[name=answer][value=accept]');
      schoolReads += 1;
      assert.equal((await page.locator('[role=status]').first().innerText()).trim(), 'Du har tatt imot stafettpinnen.');
      assert.match(await page.locator('main').innerText(), /Stafettholder\s+Kari Nordmann \(Nordli skole\)/);
    } finally {
      await context.close();
    }
  }));

  test('the family gets an e-mail that names no child and links to the portal', { timeout: 60_000 }, demo.withLog(async () => {
    await waitForMail(sink.inbox, MOTHER_MAIL, 1);
    const [mail] = family(sink.inbox);
    const text = unQuote(mail.data);
    assert.match(text, /Det er noe nytt/);
    assert.ok(text.includes(`http://127.0.0.1:${demo.port}/portal`), `the e-mail links to the portal:\n${text}`);
    assert.match(text, /^Subject: .+/m);
    assertNamesNoChild(mail);
    // The school teacher, who gave her work address, gets her reminder
    // e-mail about the offer; it names no child either.
    for (const m of sink.inbox) assertNamesNoChild(m);
  }));

  test('the mother reads the log on her phone: the level, who holds the baton and how to reach her', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await signInToPortal(mother);
    try {
      await page.goto(`${base}/portal/children/${childId}/log`);
      assert.match(await page.locator('section[aria-labelledby=level]').innerText(), /Nivå 1/);
      const holder = page.locator('section[aria-labelledby=holder]');
      assert.match(await holder.innerText(), /Kari Nordmann, Nordli skole/);
      assert.equal(await holder.locator(`a[href="mailto:${SCHOOL_MAIL}"]`).count(), 1, 'the holder can be e-mailed');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
      await assertNoAxeViolations(page, 'our log on a phone');
    } finally {
      await context.close();
    }
  }));

  test('the father withdraws the school\'s consent in the portal', { timeout: 120_000 }, demo.withLog(async () => {
    // The school reads the log once more before the withdrawal.
    const school = await signIn(SCHOOL);
    try {
      assert.equal((await school.page.goto(`${base}${logPath}`)).status(), 200);
      schoolReads += 1;
    } finally {
      await school.context.close();
    }

    const { context, page } = await signInToPortal(father);
    try {
      await page.goto(`${base}/portal/children/${childId}/consents`);
      await assertNoAxeViolations(page, 'our consents');
      const consent = page.locator('main li', { hasText: PURPOSE });
      assert.match(await consent.innerText(), /Gjelder nå/);
      await submit(page, `main form[action$="/consents/${consentId}/withdraw"] button[type=submit]`);
      assert.match(await page.locator('[role=status]').innerText(), /Det gjelder ikke lenger/);
      assert.match(await page.locator('main li', { hasText: PURPOSE }).innerText(), /Gjelder ikke lenger/);
      await assertNoAxeViolations(page, 'a consent withdrawn');
    } finally {
      await context.close();
    }
  }));

  test('the school is refused on its next request, and the baton is back at the kindergarten with a notice on both desks', { timeout: 180_000 }, demo.withLog(async () => {
    const school = await signIn(SCHOOL);
    try {
      const { page } = school;
      assert.equal((await page.goto(`${base}${logPath}`)).status(), 404, 'the school is cut off at once');
      await page.goto(`${base}/my`);
      const notices = await page.locator('section[aria-labelledby=reminders-h]').innerText();
      assert.match(notices, /Du har ikke lenger stafettpinnen i en stafettlogg, fordi familien trakk tilbake samtykket\. Den gikk tilbake til Eventyrskogen barnehage\./);
      assert.doesNotMatch(notices, new RegExp(child.given_name), 'the notice to the school names no child');
      await assertNoAxeViolations(page, 'the school\'s desk with the notice');
    } finally {
      await school.context.close();
    }

    const teacher = await signIn(KINDERGARTEN);
    try {
      const { page } = teacher;
      await page.goto(`${base}/my`);
      const notices = await page.locator('section[aria-labelledby=reminders-h]').innerText();
      assert.match(notices, new RegExp(`Stafettpinnen for ${child.given_name} ${child.family_name} er tilbake hos deg, fordi familien trakk tilbake samtykket\\.`));
      await assertNoAxeViolations(page, 'the kindergarten\'s desk with the notice');
      await page.goto(`${base}${logPath}`);
      const main = await page.locator('main').innerText();
      assert.match(main, /Stafettholder\s+Fatima Haugland \(Eventyrskogen barnehage\)/);
      assert.match(main, /Stafettpinnen gikk tilbake til Fatima Haugland \(Eventyrskogen barnehage\)/);
      assert.match(main, /Familien trakk tilbake samtykket som ga Nordli skole tilgang/);
      await assertNoAxeViolations(page, 'the log with the baton back');
    } finally {
      await teacher.context.close();
    }

    // The family hears that someone else holds the baton now, in the same words.
    await waitForMail(sink.inbox, MOTHER_MAIL, 2);
    const second = family(sink.inbox)[1];
    assert.ok(unQuote(second.data).includes(`http://127.0.0.1:${demo.port}/portal`));
    for (const m of sink.inbox) assertNamesNoChild(m);
  }));

  test('"who has looked" shows the school\'s reads of the log', { timeout: 120_000 }, demo.withLog(async () => {
    const { context, page } = await signInToPortal(father);
    try {
      await page.goto(`${base}/portal/children/${childId}/looked`);
      const looks = await page.locator('table.looks').innerText();
      // One line per day and reason: reading as a unit the family named,
      // and then as the baton holder.
      const reads = [...looks.matchAll(/Nordli skole så loggen (\d+) ganger?\./g)].map((m) => Number(m[1]));
      assert.ok(reads.length >= 1 && reads.length <= 2, `the school's reads are grouped:\n${looks}`);
      const total = reads.reduce((a, b) => a + b, 0);
      assert.ok(total >= schoolReads, `the school read the log at least ${schoolReads} times (${total}):\n${looks}`);
      assert.match(looks, /Eventyrskogen barnehage/);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
      await assertNoAxeViolations(page, 'who has looked');
    } finally {
      await context.close();
    }
  }));
});

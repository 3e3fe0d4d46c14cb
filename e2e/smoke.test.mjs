// Browser smoke test: a demo database, a real `ettlag serve`, Chromium via playwright-core,
// and axe-core accessibility checks (WCAG 2.0/2.1 A and AA).
//
// Run: node --test e2e/            (scripts/test does this after `cargo build -p ettlag-cli`)
// Environment:
//   ETTLAG_BIN        the ettlag binary (default: <repo>/target/debug/ettlag, or $CARGO_TARGET_DIR/debug/ettlag)
//   ETTLAG_CHROMIUM   the browser (default: /usr/bin/chromium, Debian's package)
//   ETTLAG_E2E_KEEP   set to keep the temporary directory (database, server log) after the run

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createWriteStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { promisify } from 'node:util';

import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = resolve(
  process.env.ETTLAG_BIN ||
    join(process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target'), 'debug', 'ettlag'),
);
const CHROMIUM = process.env.ETTLAG_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TEACHER = 'laerer.nordli';

const execFileP = promisify(execFile);

/** A free TCP port on 127.0.0.1: listen on port 0, read the port, close. */
function freePort() {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/**
 * The demo logins from `ettlag demo` output, one per line:
 *   login: <username> / <password> — <description>
 */
export function parseLogins(stdout) {
  const logins = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s*login:\s+(\S+)\s+\/\s+(\S+)\s+(?:—|–|-{1,2})\s+(.*?)\s*$/u.exec(line);
    if (m) logins.push({ username: m[1], password: m[2], description: m[3] });
  }
  return logins;
}

function pickTeacher(logins) {
  return (
    logins.find((l) => l.username === TEACHER) ||
    logins.find((l) => /Nordli skole/i.test(l.description) && /^(teacher|lærer|laerer)/i.test(l.description)) ||
    logins.find((l) => /Nordli skole/i.test(l.description))
  );
}

async function waitForHealthz(base, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`ettlag serve exited early (code ${server.exitCode}, signal ${server.signalCode})`);
    }
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code || err.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET ${base}/healthz did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}

/** Runs axe-core in the page and returns its violations in a plain, printable form. */
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: tags, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html,
        summary: n.failureSummary,
      })),
    }));
  }, AXE_TAGS);
}

function formatViolations(where, violations) {
  const lines = [`${violations.length} axe violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help}`, `  ${v.helpUrl}`);
    for (const n of v.nodes) {
      lines.push(`  * ${n.target}`, `    ${n.html.slice(0, 300)}`);
      if (n.summary) lines.push(...n.summary.split('\n').map((s) => `    ${s}`));
    }
  }
  return lines.join('\n');
}

async function assertNoAxeViolations(page, where) {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    assert.fail(formatViolations(where, violations));
  }
}

describe('ettlag in a browser', () => {
  let dir;
  let server;
  let serverLog = '';
  let base;
  let browser;
  let teacher;
  let failed = false;

  /** Runs a test body; on failure adds the tail of the server's log to the error. */
  const withServerLog = (fn) => async (t) => {
    try {
      await fn(t);
    } catch (err) {
      failed = true;
      const tail = serverLog.split('\n').slice(-40).join('\n');
      err.message += `\n--- last lines of the ettlag serve log ---\n${tail}`;
      throw err;
    }
  };

  before(async () => {
    assert.ok(existsSync(BIN), `ettlag binary not found at ${BIN} (run: cargo build -p ettlag-cli)`);
    assert.ok(existsSync(CHROMIUM), `chromium not found at ${CHROMIUM} (run: scripts/setup-test-tools)`);

    dir = await mkdtemp(join(tmpdir(), 'ettlag-e2e-'));
    const dbUrl = `sqlite://${join(dir, 'e2e.db')}`;

    let demo;
    try {
      demo = await execFileP(BIN, ['--database-url', dbUrl, 'demo', '--children', '40'], {
        cwd: dir,
        timeout: 600_000,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (err) {
      failed = true;
      throw new Error(`ettlag demo failed: ${err.message}\n--- stdout ---\n${err.stdout}\n--- stderr ---\n${err.stderr}`);
    }
    await writeFile(join(dir, 'demo.out'), demo.stdout + '\n--- stderr ---\n' + demo.stderr);
    const logins = parseLogins(demo.stdout);
    teacher = pickTeacher(logins);
    if (!teacher) {
      failed = true;
      assert.fail(
        `no teacher login for Nordli skole (${TEACHER}) in the demo output; found ${logins.length} login line(s):\n` +
          demo.stdout.split('\n').slice(0, 60).join('\n'),
      );
    }

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const logFile = createWriteStream(join(dir, 'serve.log'));
    server = spawn(BIN, ['--database-url', dbUrl, 'serve', '--addr', `127.0.0.1:${port}`], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk) => {
      serverLog += chunk.toString();
      if (serverLog.length > 200_000) serverLog = serverLog.slice(-100_000);
      logFile.write(chunk);
    };
    server.stdout.on('data', collect);
    server.stderr.on('data', collect);
    try {
      await waitForHealthz(base, server, 60_000);
    } catch (err) {
      failed = true;
      err.message += `\n--- ettlag serve log ---\n${serverLog.split('\n').slice(-60).join('\n')}`;
      throw err;
    }

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (dir) {
      if (failed || process.env.ETTLAG_E2E_KEEP) {
        console.error(`e2e: kept ${dir} (demo.out, serve.log, e2e.db)`);
      } else {
        await rm(dir, { recursive: true, force: true });
      }
    }
  });

  /** A fresh browser context (own cookies); CSP bypassed so axe can be injected. */
  async function newPage() {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO' });
    const page = await context.newPage();
    return { context, page };
  }

  test('the login page has no WCAG 2.1 A/AA violations', { timeout: 120_000 }, withServerLog(async () => {
    const { context, page } = await newPage();
    try {
      const res = await page.goto(`${base}/login`);
      assert.equal(res.status(), 200, `GET /login answered ${res.status()}`);
      await page.locator('input[name=username]').waitFor();
      await page.locator('input[name=password]').waitFor();
      await assertNoAxeViolations(page, '/login');
    } finally {
      await context.close();
    }
  }));

  test('a wrong password shows the login page again with an alert', { timeout: 120_000 }, withServerLog(async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${base}/login`);
      await page.fill('input[name=username]', teacher.username);
      await page.fill('input[name=password]', `${teacher.password}-wrong`);
      await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
      await page.locator('[role=alert]').first().waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await page.locator('input[name=username]').count(), 1, 'the login form is shown again');
      assert.equal(await page.locator('input[name=password]').count(), 1, 'the login form is shown again');
      assert.ok(!new URL(page.url()).pathname.endsWith('/children'), `a wrong password reached ${page.url()}`);
    } finally {
      await context.close();
    }
  }));

  test('a teacher signs in and sees the children list, with no WCAG 2.1 A/AA violations', { timeout: 120_000 }, withServerLog(async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${base}/login`);
      await page.fill('input[name=username]', teacher.username);
      await page.fill('input[name=password]', teacher.password);
      await page.click('button[type=submit]');
      await page.waitForURL((url) => url.pathname.endsWith('/children'), { timeout: 30_000 });

      await page.locator('h1').first().waitFor({ state: 'visible' });
      const table = page.locator('table').first();
      await table.waitFor({ state: 'visible' });
      const rows = table.locator('tbody tr');
      assert.ok((await rows.count()) >= 1, 'the children table has at least one row');
      const links = table.locator('tbody tr a[href*="/children/"]');
      assert.ok((await links.count()) >= 1, 'a row links to /children/<id>');

      await assertNoAxeViolations(page, '/children');

      await Promise.all([page.waitForURL((url) => /\/children\/[^/]+$/.test(url.pathname)), links.first().click()]);
      await page.locator('h1').first().waitFor({ state: 'visible' });
      await assertNoAxeViolations(page, 'a child\'s page');
    } finally {
      await context.close();
    }
  }));
  test('search narrows the list as the teacher types, with htmx under the real CSP', { timeout: 120_000 }, withServerLog(async () => {
    // No bypassCSP here: this is the page as a browser runs it.
    const context = await browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    const blocked = [];
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) blocked.push(msg.text());
    });
    try {
      await page.goto(`${base}/login`);
      await page.fill('input[name=username]', teacher.username);
      await page.fill('input[name=password]', teacher.password);
      await page.click('button[type=submit]');
      await page.waitForURL((url) => url.pathname.endsWith('/children'), { timeout: 30_000 });
      const firstName = (await page.locator('tbody tr a').first().innerText()).split(',')[0].trim();

      await page.locator('#q').pressSequentially('zzzz', { delay: 20 });
      await page.locator('#child-results .empty').waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await page.locator('#child-results tbody tr').count(), 0, 'nobody is called zzzz');

      await page.locator('#q').fill('');
      await page.locator('#q').pressSequentially(firstName, { delay: 20 });
      await page.locator('#child-results tbody tr').first().waitFor({ state: 'visible', timeout: 15_000 });
      const names = await page.locator('#child-results tbody tr a').allInnerTexts();
      assert.ok(names.length >= 1, 'the family name finds children');
      for (const name of names) {
        assert.ok(name.toLowerCase().startsWith(firstName.toLowerCase()) || name.toLowerCase().includes(`, ${firstName.toLowerCase()}`),
          `${name} does not match ${firstName}`);
      }
      assert.ok(new URL(page.url()).searchParams.get('q') === firstName, 'the address keeps the search');
      assert.deepEqual(blocked, [], 'the content security policy blocked nothing');
    } finally {
      await context.close();
    }
  }));
});

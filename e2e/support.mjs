// What the browser tests share: the ettlag binary and Debian's Chromium, a demo
// database, a real `ettlag serve` that can be stopped and started again, and
// axe-core accessibility checks (WCAG 2.0/2.1 A and AA).

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

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = resolve(
  process.env.ETTLAG_BIN ||
    join(process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target'), 'debug', 'ettlag'),
);
export const CHROMIUM = process.env.ETTLAG_CHROMIUM || '/usr/bin/chromium';
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

export const execFileP = promisify(execFile);

/** A free TCP port on 127.0.0.1: listen on port 0, read the port, close. */
export function freePort() {
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

export async function assertNoAxeViolations(page, where) {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    assert.fail(formatViolations(where, violations));
  }
}

/**
 * A demo municipality in a temporary directory and an `ettlag serve` over it.
 * `env` is added to the server's environment. `start()` and `stop()` may be
 * called again to restart the server on the same database.
 */
export class DemoServer {
  constructor({ children = 40, env = {}, prefix = 'ettlag-e2e-' } = {}) {
    this.children = children;
    this.env = env;
    this.prefix = prefix;
    this.log = '';
    this.failed = false;
  }

  async create() {
    assert.ok(existsSync(BIN), `ettlag binary not found at ${BIN} (run: cargo build -p ettlag-cli)`);
    assert.ok(existsSync(CHROMIUM), `chromium not found at ${CHROMIUM} (run: scripts/setup-test-tools)`);
    this.dir = await mkdtemp(join(tmpdir(), this.prefix));
    const server = process.env.ETTLAG_E2E_POSTGRES;
    if (server) {
      // A schema of its own on the PostgreSQL server, named like the Rust
      // tests' schemas so that scripts/test removes it if a run is killed.
      this.schema = `t_e2e_${Math.random().toString(36).slice(2, 12)}`;
      await execFileP('psql', [server, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE SCHEMA ${this.schema}`]);
      this.pgServer = server;
      const sep = server.includes('?') ? '&' : '?';
      this.dbUrl = `${server}${sep}options=-c%20search_path%3D${this.schema}`;
    } else {
      this.dbUrl = `sqlite://${join(this.dir, 'e2e.db')}`;
    }
    let demo;
    try {
      demo = await execFileP(BIN, ['--database-url', this.dbUrl, 'demo', '--children', String(this.children)], {
        cwd: this.dir,
        timeout: 600_000,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (err) {
      this.failed = true;
      throw new Error(`ettlag demo failed: ${err.message}\n--- stdout ---\n${err.stdout}\n--- stderr ---\n${err.stderr}`);
    }
    await writeFile(join(this.dir, 'demo.out'), demo.stdout + '\n--- stderr ---\n' + demo.stderr);
    this.logins = parseLogins(demo.stdout);
    this.logFile = createWriteStream(join(this.dir, 'serve.log'));
    return this.logins;
  }

  /** Runs the ettlag binary on this database, e.g. `['user', 'token', 'admin']`. */
  async cli(args) {
    const out = await execFileP(BIN, ['--database-url', this.dbUrl, ...args], { cwd: this.dir, timeout: 60_000 });
    return out.stdout;
  }

  async start() {
    const port = this.port || (await freePort());
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    this.server = spawn(BIN, ['--database-url', this.dbUrl, 'serve', '--addr', `127.0.0.1:${port}`], {
      cwd: this.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    const collect = (chunk) => {
      this.log += chunk.toString();
      if (this.log.length > 200_000) this.log = this.log.slice(-100_000);
      this.logFile.write(chunk);
    };
    this.server.stdout.on('data', collect);
    this.server.stderr.on('data', collect);
    try {
      await waitForHealthz(this.base, this.server, 60_000);
    } catch (err) {
      this.failed = true;
      err.message += `\n--- ettlag serve log ---\n${this.log.split('\n').slice(-60).join('\n')}`;
      throw err;
    }
    return this.base;
  }

  /** Stops the server the way an operator does (SIGTERM), or kills it. */
  async stop(signal = 'SIGTERM') {
    const server = this.server;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill(signal);
    const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  async remove() {
    await this.stop();
    if (this.schema && !(this.failed || process.env.ETTLAG_E2E_KEEP)) {
      await execFileP('psql', [this.pgServer, '-X', '-q', '-c', `DROP SCHEMA IF EXISTS ${this.schema} CASCADE`]).catch(() => {});
    }
    if (!this.dir) return;
    if (this.failed || process.env.ETTLAG_E2E_KEEP) {
      console.error(`e2e: kept ${this.dir} (demo.out, serve.log, e2e.db)`);
    } else {
      await rm(this.dir, { recursive: true, force: true });
    }
  }

  /** Wraps a test body so that a failure shows the end of the server's log. */
  withLog(fn) {
    return async (t) => {
      try {
        await fn(t);
      } catch (err) {
        this.failed = true;
        const tail = this.log.split('\n').slice(-40).join('\n');
        err.message += `\n--- last lines of the ettlag serve log ---\n${tail}`;
        throw err;
      }
    };
  }
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Signs `username` in, with the password the demo printed (`login` maps
 * usernames to logins), in a new Norwegian bokmål browser context.
 */
export async function signInAs(browser, base, login, username) {
  const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', login[username].password);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login')), page.click('button[type=submit]')]);
  return { context, page };
}

/** Submits the form that holds `selector` and waits for the next page. */
export async function submit(page, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
  await page.locator('h1').first().waitFor();
}

/**
 * Fills the fieldset that says the family was told of a start or a level
 * change (yesterday, as the server refuses a day after its own today).
 */
export async function tellFamily(page, { how = 'meeting', who = 'Mor', said = 'Hun vil gjerne være med.' } = {}) {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.check('#family-told');
  await page.fill('#family-on', yesterday);
  await page.selectOption('#family-how', how);
  await page.fill('#family-who', who);
  await page.fill('#family-said', said);
}

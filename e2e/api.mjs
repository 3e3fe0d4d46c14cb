// What the API tests share (two-servers, crash, schemathesis): a small JSON
// client for `/api/v1` with a personal token, a second `ettlag serve` on a
// demo's database, the demo's logs and users, and `ettlag audit verify`.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

import { BIN, DemoServer } from './support.mjs';

/** The password given to the staff members these tests add. */
const PASSWORD = 'e2e-Passord-som-er-langt-nok-1';

/** A whole number from the environment, or `fallback`. */
export function envInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  assert.ok(Number.isInteger(n) && n > 0, `${name} must be a positive whole number (got ${JSON.stringify(raw)})`);
  return n;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A caller of the JSON API on one server with one token. Every answer is
 * `{ status, headers, json, text, ms }`; a request that got no answer at all
 * (connection refused or reset) throws, with `err.network = true`.
 */
export class Api {
  constructor(base, token, label = '') {
    this.base = base;
    this.token = token;
    this.label = label;
  }

  async call(method, path, { body, headers = {}, timeoutMs = 30_000 } = {}) {
    const init = {
      method,
      headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
    };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const started = performance.now();
    let res;
    let text;
    try {
      res = await fetch(`${this.base}${path}`, init);
      text = await res.text();
    } catch (err) {
      const e = new Error(`${method} ${path} on ${this.base}: no answer (${err.cause?.code || err.name}: ${err.cause?.message || err.message})`);
      e.network = true;
      throw e;
    }
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text, ms: performance.now() - started, method, path };
  }

  get(path, opts) {
    return this.call('GET', path, opts);
  }

  post(path, body, opts = {}) {
    return this.call('POST', path, { ...opts, body });
  }

  /** GET that must answer 200; returns the JSON body (and the ETag). */
  async read(path) {
    const r = await this.get(path);
    assert.equal(r.status, 200, `GET ${path} (${this.label}) answered ${r.status}: ${r.text.slice(0, 500)}`);
    return { json: r.json, etag: r.headers.get('etag') };
  }
}

/** A short printable form of an answer, for assertion messages. */
export function show(r) {
  return `${r.method} ${r.path} -> ${r.status} ${String(r.text).slice(0, 300)}`;
}

/**
 * Asserts that an error answer is the API's error body: JSON with a stable
 * `error` id, a `message` and the same `status`.
 */
export function assertErrorBody(r) {
  assert.match(r.headers.get('content-type') || '', /json/, `error answer is JSON: ${show(r)}`);
  assert.ok(r.json && typeof r.json === 'object', `error answer has a JSON body: ${show(r)}`);
  assert.equal(typeof r.json.error, 'string', `error body names its error: ${show(r)}`);
  assert.equal(typeof r.json.message, 'string', `error body has a message: ${show(r)}`);
  assert.equal(r.json.status, r.status, `error body repeats the status: ${show(r)}`);
}

/** A new personal API token for `username`, from the command line. */
export async function tokenFor(demo, username, label = 'e2e') {
  const out = await demo.cli(['user', 'token', username, '--days', '2', '--label', label]);
  const token = out.trim().split(/\s+/).pop();
  assert.match(token, /^\S{16,}$/, `ettlag user token ${username} printed a token`);
  return token;
}

/** Adds a staff member with a local account in `units` (names separated by `|`). */
export async function addStaff(demo, { username, name, units, roles = 'staff' }) {
  await new Promise((res, rej) => {
    const child = execFile(
      BIN,
      ['--database-url', demo.dbUrl, 'user', 'add', '--username', username, '--name', name, '--roles', roles, '--units', units, '--password-stdin'],
      { cwd: demo.dir, timeout: 60_000 },
      (err, stdout, stderr) => (err ? rej(new Error(`ettlag user add ${username} failed: ${err.message}\n${stderr}`)) : res(stdout)),
    );
    child.stdin.end(`${PASSWORD}\n`);
  });
}

/**
 * A second `ettlag serve` on the same database as `demo` (the same SQLite
 * file, or the same PostgreSQL schema), with its log in `serve-<name>.log`
 * of the demo's directory. `start()`, `stop(signal)` and `log` as on
 * DemoServer; never `remove()` it (the demo owns the directory).
 */
export function secondServer(demo, name = 'b', env = {}) {
  const other = new DemoServer({ env: { ...demo.env, ...env } });
  other.dir = demo.dir;
  other.dbUrl = demo.dbUrl;
  other.logFile = createWriteStream(join(demo.dir, `serve-${name}.log`));
  other.remove = async () => {
    await other.stop();
    other.logFile.end();
  };
  return other;
}

/** Runs `ettlag audit verify` and asserts that every municipality's chain is intact. */
export async function assertAuditIntact(demo) {
  let out;
  try {
    out = await demo.cli(['audit', 'verify']);
  } catch (err) {
    assert.fail(`ettlag audit verify failed (exit ${err.code}):\n${err.stdout}\n${err.stderr}`);
  }
  const lines = out.split('\n').filter((l) => l.trim());
  assert.ok(lines.length > 0, 'audit verify names at least one municipality');
  for (const line of lines) assert.match(line, /^ok: .*chain intact/, `audit verify: ${line}`);
  return out.trim();
}

/**
 * The open relay logs `api`'s user holds (from `/api/v1/me/work`), as
 * `{ id, child_id, level }`.
 */
export async function heldLogs(api) {
  const { json } = await api.read('/api/v1/me/work');
  return json.logs.filter((l) => l.closed_at_ms === null).map((l) => ({ id: l.id, child_id: l.child_id, level: l.level }));
}

/** The texts of the entries in a relay log, one per entry event, and its version. */
export async function entryTexts(api, logId) {
  const { json } = await api.read(`/api/v1/relay-logs/${logId}`);
  const texts = [];
  for (const e of json.events) {
    if (e.event === 'entry' && e.entry && typeof e.entry.text === 'string') texts.push(e.entry.text);
  }
  return { texts, version: json.version };
}

/** Counts how often each string occurs. */
export function tally(strings) {
  const counts = new Map();
  for (const s of strings) counts.set(s, (counts.get(s) || 0) + 1);
  return counts;
}

/** Lines of a server log that show a panic or a logged error. */
export function serverTrouble(log) {
  // eslint-disable-next-line no-control-regex
  const plain = log.replace(/\x1b\[[0-9;]*m/g, '');
  return plain.split('\n').filter((l) => /panicked|\bERROR\b|status=5\d\d/.test(l));
}

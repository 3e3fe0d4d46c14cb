// Schemathesis against a running demo server: it reads `/api/openapi.json`,
// generates requests for every operation (examples, coverage, fuzzing and
// stateful phases) with an administrator's API token, and checks
// `not_a_server_error`: no answer may be a 5xx, whatever the input. The
// server's own log must show no 5xx and no panic either.
//
// schemathesis is installed, at a pinned version, in e2e/.venv by
// scripts/setup-test-tools.
//
// Run: ETTLAG_BIN=target/debug/ettlag node --test e2e/schemathesis.test.mjs
// Short by default (a few examples per operation, about a minute). Longer runs:
//   ETTLAG_SCHEMATHESIS_EXAMPLES=8     test cases per operation and phase (schemathesis -n)
//   ETTLAG_SCHEMATHESIS_SEED=1         the random seed; `random` for a new one each run
//   ETTLAG_SCHEMATHESIS_MAX_TIME=      a time budget in seconds: fuzzing and stateful
//                                      testing repeat until it is spent (unset: no budget)
//   ETTLAG_SCHEMATHESIS_USER=admin     whose token the requests carry; a comma-separated
//                                      list runs schemathesis once per user (e.g.
//                                      admin,pedagog.eventyrskogen,barnevern reaches more
//                                      records than the administrator, who sees few)
//   ETTLAG_SCHEMATHESIS=e2e/.venv/bin/st  the schemathesis command
// e.g. ETTLAG_SCHEMATHESIS_EXAMPLES=100 ETTLAG_SCHEMATHESIS_SEED=random
//
// A failure prints schemathesis's report of each server error (operation,
// a curl command that reproduces it, the answer); the JUnit and NDJSON
// reports stay in the kept demo directory.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { DemoServer, ROOT } from './support.mjs';
import { envInt, serverTrouble, tokenFor } from './api.mjs';

const ST = resolve(ROOT, process.env.ETTLAG_SCHEMATHESIS || 'e2e/.venv/bin/st');
const EXAMPLES = envInt('ETTLAG_SCHEMATHESIS_EXAMPLES', 8);
const SEED_ENV = process.env.ETTLAG_SCHEMATHESIS_SEED || '1';
const SEED = SEED_ENV === 'random' ? String(Math.floor(Math.random() * 2 ** 31)) : String(Number.parseInt(SEED_ENV, 10));
const MAX_TIME = process.env.ETTLAG_SCHEMATHESIS_MAX_TIME ? envInt('ETTLAG_SCHEMATHESIS_MAX_TIME', 60) : null;
const USERS = (process.env.ETTLAG_SCHEMATHESIS_USER || 'admin').split(',').map((u) => u.trim()).filter(Boolean);

/** Runs a command; resolves with its exit code and output, never rejects on a non-zero exit. */
function run(cmd, args, { cwd, timeoutMs }) {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', PYTHONUNBUFFERED: '1' } });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', rej);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      res({ code, signal, out });
    });
  });
}

describe('schemathesis: no server errors from the API', () => {
  const demo = new DemoServer({ children: 40, prefix: 'ettlag-e2e-st-', env: { ETTLAG_JOB_INTERVAL_SECONDS: '3600' } });
  let base;
  const tokens = {};

  before(async () => {
    assert.ok(existsSync(ST), `schemathesis not found at ${ST} (run: scripts/setup-test-tools)`);
    const logins = await demo.create();
    for (const user of USERS) assert.ok(logins.some((l) => l.username === user), `the demo prints a login for ${user}`);
    base = await demo.start();
    for (const user of USERS) tokens[user] = await tokenFor(demo, user, 'schemathesis');
  }, { timeout: 300_000 });

  after(async () => {
    await demo.remove();
  });

  for (const USER of USERS) test(`every operation as ${USER}, ${EXAMPLES} examples each, seed ${SEED}: not_a_server_error`, { timeout: 3_600_000 }, demo.withLog(async (t) => {
    const token = tokens[USER];
    const reports = join(demo.dir, `schemathesis-${USER}`);
    const args = [
      'run',
      `${base}/api/openapi.json`,
      '--checks', 'not_a_server_error',
      '--max-examples', String(EXAMPLES),
      '--seed', SEED,
      '--workers', '2',
      '--generation-database', 'none',
      '--request-timeout', '30',
      '--no-color',
      '--report', 'junit,ndjson',
      '--report-dir', reports,
      '--header', `Authorization: Bearer ${token}`,
    ];
    if (MAX_TIME) args.push('--max-time', String(MAX_TIME));
    const started = Date.now();
    const { code, signal, out } = await run(ST, args, { cwd: demo.dir, timeoutMs: (MAX_TIME ? MAX_TIME + 600 : 3000) * 1000 });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const summary = out.slice(out.lastIndexOf('SUMMARY')).trim();
    const cases = /Test cases:\s*\n\s*(.*)/.exec(out)?.[1] ?? '?';
    t.diagnostic(`schemathesis (${USER}'s token, ${EXAMPLES} examples, seed ${SEED}) in ${seconds} s: ${cases}; exit ${code ?? signal}`);

    // The server's own account: no 5xx answered, no panic (over the run so far).
    const log = await readFile(join(demo.dir, 'serve.log'), 'utf8');
    const trouble = serverTrouble(log).filter((l) => /panicked|status=5\d\d/.test(l));

    assert.equal(
      code,
      0,
      `schemathesis found server errors or could not run (exit ${code ?? signal}; seed ${SEED}; reports in ${reports}):\n${failuresOf(out)}\n${summary}`,
    );
    assert.match(out, /Tested:\s*\d+/, 'schemathesis tested the operations');
    assert.doesNotMatch(out, /Selected:\s*0\//, 'the schema has operations');
    assert.deepEqual(trouble.slice(0, 10), [], `the server logged no 5xx and no panic (${trouble.length} lines)`);
  }));
});

/** The part of schemathesis's output that describes failures (its FAILURES section), or the end of it. */
function failuresOf(out) {
  const at = out.indexOf('FAILURES');
  const end = out.lastIndexOf('SUMMARY');
  if (at >= 0) return out.slice(at, end > at ? end : undefined).trim().slice(0, 20_000);
  return out.split('\n').slice(-80).join('\n');
}

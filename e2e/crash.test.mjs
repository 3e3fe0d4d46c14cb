// `kill -9` while writing: callers write relay-log entries continuously over
// the JSON API, each with a text of its own, and record every write the
// server acknowledged (201). At a random moment the server is killed with
// SIGKILL, then started again on the same database (SQLite file, or the
// PostgreSQL schema with ETTLAG_E2E_POSTGRES). Every acknowledged entry must
// be there, exactly once (0 lost acknowledged writes, 0 duplicates); a write
// that got no answer may or may not be there, but never twice. After every
// round `ettlag audit verify` finds the access log's chain intact.
//
// Run: ETTLAG_BIN=target/debug/ettlag node --test e2e/crash.test.mjs
// Short by default (3 rounds, well under a minute). Longer runs:
//   ETTLAG_CRASH_ROUNDS=3       how many times the server is killed
//   ETTLAG_CRASH_CLIENTS=4      concurrent writers
//   ETTLAG_CRASH_MAX_MS=2500    the kill comes 200 ms to this many ms after the writers start
// e.g. ETTLAG_CRASH_ROUNDS=30 ETTLAG_CRASH_CLIENTS=8

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';

import { DemoServer } from './support.mjs';
import { Api, assertAuditIntact, envInt, heldLogs, show, sleep, tokenFor } from './api.mjs';

const ROUNDS = envInt('ETTLAG_CRASH_ROUNDS', 3);
const CLIENTS = envInt('ETTLAG_CRASH_CLIENTS', 4);
const MAX_MS = Math.max(envInt('ETTLAG_CRASH_MAX_MS', 2500), 300);

const HOLDERS = ['pedagog.eventyrskogen', 'laerer.nordli'];

describe('kill -9 while writing', () => {
  const demo = new DemoServer({ children: 40, prefix: 'ettlag-e2e-crash-', env: { ETTLAG_JOB_INTERVAL_SECONDS: '3600' } });
  const targets = []; // { api, log }

  before(async () => {
    const logins = await demo.create();
    for (const who of HOLDERS) assert.ok(logins.some((l) => l.username === who), `the demo prints a login for ${who}`);
    await demo.start();
    for (const who of HOLDERS) {
      const api = new Api(demo.base, await tokenFor(demo, who), who);
      for (const log of await heldLogs(api)) targets.push({ api, log });
    }
    assert.ok(targets.length >= 3, `the demo's holders hold some open logs (${targets.length})`);
  }, { timeout: 300_000 });

  after(async () => {
    await demo.remove();
  });

  test(`${ROUNDS} rounds of SIGKILL during writes lose no acknowledged write`, { timeout: 1_800_000 }, demo.withLog(async (t) => {
    const acked = new Map(); // text -> { logId, entryId, round }
    const unanswered = new Set(); // texts sent without an answer
    const totals = { acked: 0, found: 0, lost: 0, duplicates: 0, unanswered: 0, unansweredStored: 0, serverErrors: 0 };

    for (let round = 1; round <= ROUNDS; round++) {
      let stop = false;
      const serverErrors = [];
      const refused = []; // other answers than 201 below 500, or a broken answer
      let roundAcked = 0;
      let roundUnanswered = 0;
      async function writer(n) {
        let i = 0;
        while (!stop) {
          const { api, log } = targets[(n + i) % targets.length];
          const text = `Krasj ${round}, skriver ${n}, nr ${i++}: ${randomUUID()}`;
          try {
            const r = await api.post(`/api/v1/relay-logs/${log.id}/entries`, { kind: 'observation', text }, { timeoutMs: 20_000 });
            if (r.status === 201) {
              acked.set(text, { logId: log.id, entryId: r.json.id, round });
              roundAcked++;
            } else if (r.status >= 500) {
              serverErrors.push(show(r));
            } else {
              refused.push(show(r));
            }
          } catch (err) {
            if (!err.network) {
              refused.push(`${err.stack}`);
              return;
            }
            // No answer: the server died under it. Stop, as a client would.
            unanswered.add(text);
            roundUnanswered++;
            return;
          }
        }
      }
      const writers = Array.from({ length: CLIENTS }, (_, n) => writer(n));
      const killAfter = randomInt(200, MAX_MS + 1);
      await sleep(killAfter);
      const ackedAtKill = roundAcked;
      await demo.stop('SIGKILL');
      stop = true;
      await Promise.all(writers);
      // Answers that came in between the kill and the writers seeing it are
      // still acknowledgements (the server sent them before it died).

      await demo.start(); // the same database and port
      const seen = new Map(); // text -> count, over all logs
      const seenIds = new Map();
      for (const { api, log } of targets) {
        const { json } = await api.read(`/api/v1/relay-logs/${log.id}`);
        for (const e of json.events) {
          if (e.event !== 'entry' || typeof e.entry?.text !== 'string') continue;
          seen.set(e.entry.text, (seen.get(e.entry.text) || 0) + 1);
          seenIds.set(e.id, (seenIds.get(e.id) || 0) + 1);
        }
      }
      let found = 0;
      const lost = [];
      for (const [text, { entryId }] of acked) {
        if (seen.get(text) >= 1 && seenIds.get(entryId) >= 1) found++;
        else lost.push(text);
      }
      const duplicates = [...seen].filter(([text, n]) => n > 1 && text.startsWith('Krasj ')).map(([text]) => text);
      const duplicateIds = [...seenIds].filter(([, n]) => n > 1).length;
      const unansweredStored = [...unanswered].filter((text) => seen.has(text)).length;
      const audit = await assertAuditIntact(demo).catch((err) => err);

      const msg =
        `round ${round}: SIGKILL after ${killAfter} ms (${ackedAtKill} acknowledged by then); ` +
        `acknowledged so far ${acked.size} (this round ${roundAcked}), found ${found}, lost ${lost.length}, duplicates ${duplicates.length + duplicateIds}; ` +
        `without an answer this round ${roundUnanswered} (stored in all ${unansweredStored} of ${unanswered.size}); answers >= 500 ${serverErrors.length}; ` +
        `audit ${audit instanceof Error ? 'BROKEN' : 'intact'}`;
      t.diagnostic(msg);
      totals.serverErrors += serverErrors.length;

      assert.deepEqual(serverErrors.slice(0, 5), [], `round ${round}: no answer >= 500 before the kill`);
      assert.deepEqual(refused.slice(0, 5), [], `round ${round}: every entry without If-Match is accepted`);
      assert.ok(roundAcked > 0, `round ${round}: some writes were acknowledged before the kill`);
      assert.deepEqual(lost.slice(0, 5), [], `round ${round}: 0 lost acknowledged writes (${lost.length} lost)`);
      assert.deepEqual(duplicates.slice(0, 5), [], `round ${round}: no entry stored twice`);
      assert.equal(duplicateIds, 0, `round ${round}: no entry id twice`);
      if (audit instanceof Error) throw audit;
      totals.acked = acked.size;
      totals.found = found;
      totals.lost = lost.length;
      totals.unanswered = unanswered.size;
      totals.unansweredStored = unansweredStored;
    }
    const summary =
      `kill -9 harness: ${ROUNDS} rounds, ${CLIENTS} writers; acknowledged ${totals.acked}, found ${totals.found}, lost ${totals.lost}, ` +
      `duplicates 0; unanswered ${totals.unanswered} (stored ${totals.unansweredStored}); answers >= 500 ${totals.serverErrors}; audit chain intact`;
    t.diagnostic(summary);
  }));
});

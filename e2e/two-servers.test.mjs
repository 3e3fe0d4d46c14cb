// Two `ettlag serve` processes on ONE database (the same SQLite file, or the
// same PostgreSQL schema with ETTLAG_E2E_POSTGRES), as a deployment with two
// instances behind a load balancer runs, over the JSON API:
//
//   - If-Match races: in each round two callers, one on each server, send the
//     same conditional write with the same `If-Match` at the same moment: two
//     child welfare caseworkers review one report, and the holder of a relay
//     log writes two entries to it from both servers. Exactly one wins (2xx),
//     the other gets 412 (or 409) with the API's error body, never a 5xx; the
//     record ends as the winner left it, and the loser's write is nowhere.
//   - Concurrent appends: several callers on both servers write relay-log
//     entries and send reports for some seconds; every acknowledged (2xx)
//     write is read back exactly once (0 lost, 0 duplicates), 0 answers >= 500.
//   - `ettlag audit verify` finds the access log's chain intact afterwards.
//
// Run: ETTLAG_BIN=target/debug/ettlag node --test e2e/two-servers.test.mjs
// Short by default (about a minute). Longer runs:
//   ETTLAG_RACE_ROUNDS=20       rounds of each If-Match race
//   ETTLAG_APPEND_SECONDS=6     how long the concurrent appends run
//   ETTLAG_APPEND_CLIENTS=3     concurrent writers per server (entries; plus one reporter each)
// e.g. ETTLAG_RACE_ROUNDS=300 ETTLAG_APPEND_SECONDS=120 ETTLAG_APPEND_CLIENTS=6

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DemoServer } from './support.mjs';
import {
  Api,
  addStaff,
  assertAuditIntact,
  assertErrorBody,
  entryTexts,
  envInt,
  heldLogs,
  secondServer,
  serverTrouble,
  show,
  tally,
  tokenFor,
} from './api.mjs';

const ROUNDS = envInt('ETTLAG_RACE_ROUNDS', 20);
const APPEND_SECONDS = envInt('ETTLAG_APPEND_SECONDS', 6);
const APPEND_CLIENTS = envInt('ETTLAG_APPEND_CLIENTS', 3);
/** The reporter's receipts list answers at most 200 reports. */
const MAX_APPEND_REPORTS = 180;

const CASEWORKER = 'barnevern';
const CASEWORKER_2 = 'barnevern.to';
const KINDERGARTEN_TEACHER = 'pedagog.eventyrskogen';
const SCHOOL_TEACHER = 'laerer.nordli';

/** Whether a losing answer is the refusal a stale `If-Match` should give. */
const REFUSED = [409, 412];

describe('two servers on one database', () => {
  const demo = new DemoServer({ children: 40, prefix: 'ettlag-e2e-two-', env: { ETTLAG_JOB_INTERVAL_SECONDS: '3600' } });
  let other; // server B: a second `ettlag serve` on the demo's database
  const api = {}; // api[username] = [on server A, on server B]

  before(async () => {
    const logins = await demo.create();
    for (const who of [CASEWORKER, KINDERGARTEN_TEACHER, SCHOOL_TEACHER]) {
      assert.ok(logins.some((l) => l.username === who), `the demo prints a login for ${who}`);
    }
    await addStaff(demo, { username: CASEWORKER_2, name: 'Bodil Bakke', units: 'Barneverntjenesten' });
    other = secondServer(demo, 'b');
    await demo.start();
    await other.start();
    for (const who of [CASEWORKER, CASEWORKER_2, KINDERGARTEN_TEACHER, SCHOOL_TEACHER]) {
      api[who] = [new Api(demo.base, await tokenFor(demo, who, 'e2e-a'), `${who}@A`), new Api(other.base, await tokenFor(demo, who, 'e2e-b'), `${who}@B`)];
    }
  }, { timeout: 300_000 });

  after(async () => {
    if (other) await other.remove().catch(() => {});
    await demo.remove();
  });

  /** Fails the test with both servers' last log lines. */
  const withLogs = (fn) =>
    demo.withLog(async (t) => {
      try {
        await fn(t);
      } catch (err) {
        err.message += `\n--- last lines of server B's log ---\n${other?.log.split('\n').slice(-40).join('\n')}`;
        throw err;
      }
    });

  /**
   * Sends the two writes of a round at once (`send(0)` to server A, `send(1)`
   * to B), the one to B first in every other round; answers in server order.
   */
  function together(round, send) {
    const order = round % 2 === 0 ? [1, 0] : [0, 1];
    const pending = [];
    for (const i of order) pending[i] = send(i);
    return Promise.all(pending);
  }

  /** Judges one round: one winner, one refusal with the error body, no 5xx. */
  function oneWinner(round, answers, winStatus) {
    const where = `round ${round}: ${answers.map(show).join(' | ')}`;
    for (const r of answers) assert.ok(r.status < 500, `no server error in ${where}`);
    const won = answers.filter((r) => r.status >= 200 && r.status < 300);
    assert.equal(won.length, 1, `exactly one of the two writes wins in ${where}`);
    const lost = answers.find((r) => r !== won[0]);
    assert.ok(REFUSED.includes(lost.status), `the other is refused with 412 or 409 in ${where}`);
    assertErrorBody(lost);
    assert.equal(won[0].status, winStatus, `the winner's status in ${where}`);
    return { winner: answers.indexOf(won[0]), loser: answers.indexOf(lost), lostStatus: lost.status };
  }

  test(`If-Match race: two caseworkers review one report from both servers (${ROUNDS} rounds)`, { timeout: 600_000 }, withLogs(async (t) => {
    const [teacher] = api[KINDERGARTEN_TEACHER];
    const [child] = await heldLogs(teacher);
    assert.ok(child, `${KINDERGARTEN_TEACHER} holds a relay log in the demo`);
    const reviewers = [api[CASEWORKER][0], api[CASEWORKER_2][1]]; // one on A, one on B
    const wins = [0, 0];
    const refusals = {};
    for (let round = 1; round <= ROUNDS; round++) {
      const sent = await teacher.post('/api/v1/reports', {
        child_id: child.child_id,
        grounds: ['a'],
        text: `Kappløp ${round}: blåmerker på armene (${randomUUID()}).`,
      });
      assert.equal(sent.status, 201, show(sent));
      const id = sent.json.id;
      // Both caseworkers read it, each on their own server: the same version.
      const seen = await Promise.all(reviewers.map((r) => r.read(`/api/v1/reports/${id}`)));
      assert.equal(seen[0].etag, seen[1].etag, 'both servers give the same ETag');
      const version = seen[0].json.version;
      assert.equal(seen[0].etag, `"${version}"`);
      // Alternate the outcomes so a winner cannot be told apart by outcome alone.
      const bodies = reviewers.map((r, i) => ({
        outcome: (round + i) % 2 === 0 ? 'investigate' : 'dismiss',
        note: `Runde ${round}, ${r.label}, ${randomUUID()}`,
      }));
      const answers = await together(round, (i) =>
        reviewers[i].post(`/api/v1/reports/${id}/review`, bodies[i], { headers: { 'if-match': seen[i].etag } }),
      );
      const { winner, lostStatus } = oneWinner(round, answers, 200);
      wins[winner]++;
      refusals[lostStatus] = (refusals[lostStatus] || 0) + 1;
      // The report is as the winner left it, read on the loser's server too.
      const won = answers[winner].json;
      assert.equal(won.outcome, bodies[winner].outcome, `round ${round}: the winner's answer shows its outcome`);
      for (const r of reviewers) {
        const { json, etag } = await r.read(`/api/v1/reports/${id}`);
        assert.equal(json.outcome, bodies[winner].outcome, `round ${round}: the stored outcome is the winner's`);
        assert.equal(json.review_note, bodies[winner].note, `round ${round}: the stored note is the winner's (no lost update)`);
        assert.equal(json.reviewed_by?.id, won.reviewed_by?.id, `round ${round}: reviewed by the winner`);
        assert.equal(json.version, won.version, `round ${round}: the version is the winner's`);
        assert.ok(json.version > version, `round ${round}: the version moved on`);
        assert.equal(etag, `"${json.version}"`);
      }
    }
    const msg = `report review race: ${ROUNDS} rounds, ${ROUNDS} single winners (server A ${wins[0]}, server B ${wins[1]}), refusals ${JSON.stringify(refusals)}, 0 lost updates`;
    t.diagnostic(msg);
  }));

  test(`If-Match race: one relay log written from both servers at the same version (${ROUNDS} rounds)`, { timeout: 600_000 }, withLogs(async (t) => {
    const holder = api[KINDERGARTEN_TEACHER]; // the same holder, one token on each server
    const [log] = await heldLogs(holder[0]);
    const wins = [0, 0];
    const refusals = {};
    for (let round = 1; round <= ROUNDS; round++) {
      const seen = await Promise.all(holder.map((h) => h.read(`/api/v1/relay-logs/${log.id}`)));
      assert.equal(seen[0].etag, seen[1].etag, 'both servers give the same ETag');
      const version = seen[0].json.version;
      const texts = holder.map((h) => `Kappløp ${round} fra ${h.label}: ${randomUUID()}`);
      const answers = await together(round, (i) =>
        holder[i].post(`/api/v1/relay-logs/${log.id}/entries`, { kind: 'observation', text: texts[i] }, { headers: { 'if-match': seen[i].etag } }),
      );
      const { winner, loser, lostStatus } = oneWinner(round, answers, 201);
      wins[winner]++;
      refusals[lostStatus] = (refusals[lostStatus] || 0) + 1;
      assert.equal(answers[winner].headers.get('etag'), `"${version + 1}"`, `round ${round}: the winner's ETag is the next version`);
      for (const h of holder) {
        const after = await entryTexts(h, log.id);
        const counts = tally(after.texts);
        assert.equal(after.version, version + 1, `round ${round}: exactly one change was written (${h.label})`);
        assert.equal(counts.get(texts[winner]), 1, `round ${round}: the winner's entry is in the log once (${h.label})`);
        assert.equal(counts.get(texts[loser]), undefined, `round ${round}: the refused entry is nowhere (${h.label})`);
      }
    }
    const msg = `relay log If-Match race: ${ROUNDS} rounds, ${ROUNDS} single winners (server A ${wins[0]}, server B ${wins[1]}), refusals ${JSON.stringify(refusals)}, 0 lost updates`;
    t.diagnostic(msg);
  }));

  test(`concurrent appends on both servers for ${APPEND_SECONDS} s: nothing lost, nothing twice`, { timeout: 900_000 }, withLogs(async (t) => {
    // Entry writers: each holder's logs, written from both servers at once.
    const targets = [];
    for (const who of [KINDERGARTEN_TEACHER, SCHOOL_TEACHER]) {
      for (const log of await heldLogs(api[who][0])) targets.push({ who, log });
    }
    assert.ok(targets.length >= 3, `the demo's holders hold some open logs (${targets.length})`);
    const acked = new Map(); // text -> { logId, entryId, by }
    const reportsAcked = new Map(); // text -> report id
    const statuses = {};
    const failures = []; // answers >= 500, or no answer
    const refused = []; // other non-2xx answers
    const latencies = [];
    const deadline = Date.now() + APPEND_SECONDS * 1000;
    const count = (r) => {
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      latencies.push(r.ms);
      if (r.status >= 500) failures.push(show(r));
      else if (r.status >= 300) refused.push(show(r));
    };

    async function entryWriter(server, n) {
      let i = 0;
      while (Date.now() < deadline) {
        const { who, log } = targets[(n + i) % targets.length];
        const caller = api[who][server];
        const text = `Samtidig ${caller.label} #${n}.${i++}: ${randomUUID()}`;
        let r;
        try {
          r = await caller.post(`/api/v1/relay-logs/${log.id}/entries`, { kind: 'observation', text });
        } catch (err) {
          failures.push(err.message);
          continue;
        }
        count(r);
        if (r.status === 201) acked.set(text, { logId: log.id, entryId: r.json.id, by: caller.label });
      }
    }

    const reportChild = targets.find((x) => x.who === SCHOOL_TEACHER).log.child_id;
    async function reporter(server) {
      const caller = api[SCHOOL_TEACHER][server];
      let i = 0;
      while (Date.now() < deadline && reportsAcked.size < MAX_APPEND_REPORTS) {
        const text = `Melding ${caller.label} #${i++}: ${randomUUID()}`;
        let r;
        try {
          r = await caller.post('/api/v1/reports', { child_id: reportChild, grounds: ['b'], text });
        } catch (err) {
          failures.push(err.message);
          continue;
        }
        count(r);
        if (r.status === 201) reportsAcked.set(text, r.json.id);
      }
    }

    const writers = [];
    for (const server of [0, 1]) {
      for (let n = 0; n < APPEND_CLIENTS; n++) writers.push(entryWriter(server, n * 2 + server));
      writers.push(reporter(server));
    }
    await Promise.all(writers);

    // Read back, on both servers: every acknowledged entry once, by id and by text.
    let found = 0;
    let lost = 0;
    let duplicates = 0;
    let wrongIds = 0;
    const lostSamples = [];
    for (const server of [0, 1]) {
      const seenTexts = new Map();
      const seenIds = new Map();
      for (const { who, log } of targets) {
        const { json } = await api[who][server].read(`/api/v1/relay-logs/${log.id}`);
        for (const e of json.events) {
          if (e.event !== 'entry' || typeof e.entry?.text !== 'string') continue;
          seenTexts.set(e.entry.text, (seenTexts.get(e.entry.text) || 0) + 1);
          seenIds.set(e.id, (seenIds.get(e.id) || 0) + 1);
        }
      }
      for (const [text, { entryId, by }] of acked) {
        const n = seenTexts.get(text) || 0;
        if (n === 0) {
          lost++;
          if (lostSamples.length < 5) lostSamples.push(`${by}: ${text}`);
        } else if (n > 1) duplicates++;
        else if (seenIds.get(entryId) === 1) found++;
        else wrongIds++;
      }
      for (const [, n] of seenIds) if (n > 1) duplicates++;
      for (const [text, n] of seenTexts) if (n > 1 && text.startsWith('Samtidig ')) duplicates++;
    }
    found /= 2; // read on both servers

    // Reports: each acknowledged one readable by id, and once in the receipts list.
    let reportsFound = 0;
    let reportsLost = 0;
    for (const [text, id] of reportsAcked) {
      const r = await api[CASEWORKER][1].get(`/api/v1/reports/${id}`);
      if (r.status === 200 && r.json.text === text) reportsFound++;
      else reportsLost++;
    }
    const receipts = (await api[SCHOOL_TEACHER][0].read('/api/v1/reports')).json.sent;
    const receiptCounts = tally(receipts.map((r) => r.text));
    const reportDuplicates = [...receiptCounts.values()].filter((n) => n > 1).length;
    const reportsMissingFromList = [...reportsAcked.keys()].filter((text) => !receiptCounts.has(text)).length;

    latencies.sort((a, b) => a - b);
    const p = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1) : '-');
    const msg =
      `concurrent appends (${APPEND_SECONDS} s, ${APPEND_CLIENTS} entry writers + 1 reporter per server, ${targets.length} logs): ` +
      `entries acknowledged ${acked.size}, found ${found}, lost ${lost}, duplicates ${duplicates}; ` +
      `reports acknowledged ${reportsAcked.size}, found ${reportsFound}, lost ${reportsLost}, duplicates ${reportDuplicates}; ` +
      `statuses ${JSON.stringify(statuses)}, failures (>= 500 or no answer) ${failures.length}; latency ms p50 ${p(0.5)} p99 ${p(0.99)} max ${p(1)}`;
    t.diagnostic(msg);

    assert.deepEqual(failures.slice(0, 10), [], `0 answers >= 500 and 0 requests without an answer (${failures.length} in all)`);
    assert.deepEqual(refused.slice(0, 10), [], `appends without If-Match are all accepted (${refused.length} refused)`);
    assert.ok(acked.size > 0 && reportsAcked.size > 0, 'some writes were acknowledged');
    assert.equal(lost, 0, `0 lost acknowledged entries (e.g. ${lostSamples.join(' | ')})`);
    assert.equal(duplicates, 0, '0 duplicated entries');
    assert.equal(wrongIds, 0, 'every acknowledged entry is stored under the id its answer gave');
    assert.equal(found, acked.size, 'every acknowledged entry found once on both servers');
    assert.equal(reportsLost, 0, '0 lost acknowledged reports');
    assert.equal(reportDuplicates, 0, '0 duplicated reports');
    assert.equal(reportsMissingFromList, 0, 'every acknowledged report is in the receipts list');
  }));

  test('the access log is intact after both servers wrote to it, and neither panicked', { timeout: 120_000 }, withLogs(async (t) => {
    const out = await assertAuditIntact(demo);
    t.diagnostic(out);

    for (const [name, file] of [['A', 'serve.log'], ['B', 'serve-b.log']]) {
      const log = await readFile(join(demo.dir, file), 'utf8');
      const panics = serverTrouble(log).filter((l) => /panicked|status=5\d\d/.test(l));
      assert.deepEqual(panics.slice(0, 5), [], `server ${name} logged no panic and no 5xx`);
    }
  }));
});

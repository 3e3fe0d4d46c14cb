// Every page a signed-in user can reach, for every demo login, in a
// phone-sized viewport: no axe-core violations (WCAG 2.0/2.1 A and AA), no
// sideways scrolling of the page, and usable by keyboard alone — the first Tab
// reaches "skip to content", and Tab reaches every visible control without a
// trap and without a positive tabindex.
//
// The pages are found by following links from the desk, so a new page is
// checked as soon as something links to it. Each kind of page (its path with
// ids replaced) is checked once per login.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { DemoServer, assertNoAxeViolations, launchBrowser } from './support.mjs';

const PHONE = { width: 390, height: 844 };
/** Pages of one kind per login; enough to reach every kind in the demo. */
const MAX_PAGES_PER_LOGIN = 40;

/** The path with ids, numbers and references replaced, so one kind of page is checked once. */
export function pageKind(pathname) {
  return pathname
    .split('/')
    .map((part) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(part) || /^[0-9a-f]{16,}$/i.test(part) || /^\d+$/.test(part) || /^[A-Z]{2,4}-/.test(part)
        ? ':id'
        : part,
    )
    .join('/');
}

/** Links worth following: our own pages, not files, the API, or signing out. */
function followable(base, href) {
  let url;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.origin !== new URL(base).origin) return null;
  const path = url.pathname;
  if (path.startsWith('/static/') || path.startsWith('/api/') || /(^|\/)logout$/.test(path)) return null;
  if (path.startsWith('/portal/oidc/')) return null; // leaves for the identity provider
  if (/\.[a-z0-9]{2,4}$/i.test(path) || /(^|\/)(export|download|archive)(\/|$)/.test(path)) return null;
  if (url.searchParams.get('format')) return null;
  url.hash = '';
  return url;
}

/**
 * Tabs through the page from the top. Returns the controls Tab never reached
 * and what the first Tab focused.
 */
async function keyboardWalk(page) {
  const total = await page.evaluate(() => {
    const visible = (el) => {
      if (el.closest('[hidden], [inert]')) return false;
      // Inside a closed <details> only its own <summary> can be reached.
      const closed = el.closest('details:not([open])');
      if (closed && el !== closed.querySelector(':scope > summary')) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      return el.getClientRects().length > 0 || el.classList.contains('skip-link');
    };
    const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')].filter(
      (el) => el.type !== 'hidden' && !el.disabled && el.tabIndex >= 0 && visible(el),
    );
    // Tab reaches one radio button per group; the group counts as one control.
    const seenGroups = new Set();
    let n = 0;
    for (const el of controls) {
      if (el.type === 'radio' && el.name) {
        const group = `${el.form?.id || ''}/${el.name}`;
        el.dataset.kb = `r:${group}`;
        if (seenGroups.has(group)) continue;
        seenGroups.add(group);
      } else {
        el.dataset.kb = String(n);
      }
      n += 1;
    }
    document.activeElement?.blur?.();
    window.scrollTo(0, 0);
    return n;
  });
  const positive = await page.evaluate(() => [...document.querySelectorAll('[tabindex]')].filter((el) => el.tabIndex > 0).length);
  const reached = new Set();
  let first = null;
  // A date field takes three Tab stops (day, month, year) on one element.
  for (let i = 0; i < total * 3 + 10; i += 1) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { key: null };
      return { key: el.dataset.kb ?? `?${el.tagName}`, skip: el.classList.contains('skip-link') };
    });
    if (i === 0) first = at;
    if (at.key === null) break; // past the last control, out of the page
    if (i > 0 && at.key === first.key) break; // around once: no trap
    reached.add(at.key);
  }
  const missed = await page.evaluate(
    (keys) =>
      [...document.querySelectorAll('[data-kb]')]
        .filter((el) => !keys.includes(el.dataset.kb))
        .map((el) => el.outerHTML.slice(0, 160)),
    [...reached],
  );
  return { first, missed, positive };
}

describe('every page, every login, phone-sized, by keyboard', () => {
  const demo = new DemoServer({ children: 30, prefix: 'ettlag-a11y-' });
  let base;
  let browser;
  let logins;

  before(async () => {
    logins = await demo.create();
    base = await demo.start();
    browser = await launchBrowser();
  }, { timeout: 720_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    await demo.remove();
  });

  test('the public pages', { timeout: 120_000 }, demo.withLog(async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO', viewport: PHONE });
    const page = await context.newPage();
    try {
      const problems = [];
      for (const path of ['/login', '/help', '/portal/login']) {
        const res = await page.goto(`${base}${path}`);
        assert.equal(res.status(), 200, path);
        problems.push(...(await checkPage(page, path)));
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }));

  test('every page reachable from each login\'s desk', { timeout: 1_200_000 }, demo.withLog(async () => {
    assert.ok(logins.length >= 5, `demo logins: ${logins.length}`);
    const kinds = new Set();
    const problems = [];
    for (const login of logins) {
      const context = await browser.newContext({ bypassCSP: true, locale: 'nb-NO', viewport: PHONE });
      const page = await context.newPage();
      try {
        // Families sign in at the portal's own door, staff at /login.
        const portal = /\/portal\/login/.test(login.description);
        await page.goto(`${base}${portal ? '/portal/login' : '/login'}`);
        await page.fill('input[name=username]', login.username);
        await page.fill('input[name=password]', login.password);
        await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login')), page.click('button[type=submit]')]);
        const queue = [new URL(page.url())];
        const done = new Set();
        let checked = 0;
        while (queue.length > 0 && checked < MAX_PAGES_PER_LOGIN) {
          const url = queue.shift();
          const kind = pageKind(url.pathname);
          if (done.has(kind)) continue;
          done.add(kind);
          const res = await page.goto(url.href);
          const type = res?.headers()['content-type'] || '';
          if (!res || res.status() !== 200 || !type.startsWith('text/html')) continue;
          const where = `${login.username} ${url.pathname}${url.search}`;
          problems.push(...(await checkPage(page, where)));
          kinds.add(kind);
          checked += 1;
          const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
          for (const href of hrefs) {
            const next = followable(base, href);
            if (next && !done.has(pageKind(next.pathname))) queue.push(next);
          }
        }
        assert.ok(checked >= 2, `${login.username}: only ${checked} page(s) reached`);
      } finally {
        await context.close();
      }
    }
    assert.deepEqual(problems, [], problems.join('\n\n'));
    // The crawl reaches the main parts of the product, or it checks too little.
    for (const kind of ['/my', '/children', '/children/:id', '/intake', '/reports', '/audit', '/privacy', '/admin', '/admin/ladder', '/admin/areas', '/steering', '/steering/cycle', '/steering/cycle/tasks', '/settings', '/portal', '/portal/children/:id']) {
      assert.ok(kinds.has(kind), `not reached: ${kind} (reached: ${[...kinds].sort().join(' ')})`);
    }
  }));
});

/** What is wrong with the page, as lines; empty when nothing is. */
async function checkPage(page, where) {
  const problems = [];
  try {
    await assertNoAxeViolations(page, where);
  } catch (err) {
    problems.push(err.message);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) {
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 3)
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    problems.push(`${where}: the page scrolls sideways by ${overflow}px on a phone: ${wide.join(' | ')}`);
  }
  const { first, missed, positive } = await keyboardWalk(page);
  if (positive > 0) problems.push(`${where}: ${positive} element(s) with a positive tabindex`);
  if (!first?.skip) problems.push(`${where}: the first Tab does not reach "skip to content" (${JSON.stringify(first)})`);
  if (missed.length > 0) problems.push(`${where}: Tab never reaches ${missed.join(' | ')}`);
  return problems;
}

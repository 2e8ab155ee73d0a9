// The SPA as Chromium really loads it, counted from the page's own Resource Timing and timed by
// its own User Timing marks (apps/web/src/lib/timing.ts), not by polling from outside:
//   - /login: every byte (gzip bodies as sent, and with headers) until the form is usable, and
//     until the page has settled (what it fetches ahead for after the sign-in included);
//   - the sign-in: click "Log in" → the first frame with the tenants table's rows, split into
//     the server's part (the API calls on the way, request sent → answer received) and the rest;
//   - the tenants page: every byte loaded between the click and the rows.
// The static gzip sizes of apps/web/dist are printed too, for reference.
//
//   npm run build -w @obconsole/web && node bench/frontend.mjs     (BENCH_RUNS=7)
/* global document, window, HTMLInputElement, MutationObserver -- in the page (addInitScript, evaluate) */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStack } from './lib/stack.mjs';
import { kb, median, ms, summary } from './lib/stats.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const LOGIN_TARGET_KIB = 150;
const SIGN_IN_TARGET_MS = 250;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'apps/web/dist');
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error('apps/web/dist is missing: run `npm run build -w @obconsole/web` first.');
  process.exit(1);
}

// 1. For reference: what dist holds (zlib's default level, as the BFF's compression serves it).
const assets = readdirSync(path.join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
let distRaw = 0;
let distGzip = 0;
for (const f of assets) {
  const buf = readFileSync(path.join(dist, 'assets', f));
  distRaw += buf.length;
  distGzip += gzipSync(buf).length;
}
console.log(`dist: ${assets.length} JS/CSS files, ${kb(distRaw)} raw, ${kb(distGzip)} gzip`);

// 2. Chromium (the system browser when there is one, as playwright.config.ts).
const executablePath = [
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].find((p) => typeof p === 'string' && p.length > 0 && existsSync(p));
const stack = await startStack({ sim: { seedHistory: 120 }, bff: { webDist: 'apps/web/dist' } });
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
  ],
});

/** The page's resource entries (the document included), with `at` = when each one finished. */
const entries = (page) =>
  page.evaluate(() =>
    [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ].map((e) => ({
      url: e.name,
      type: e.initiatorType ?? 'navigation',
      start: e.startTime,
      requestStart: e.requestStart,
      responseStart: e.responseStart,
      end: e.responseEnd,
      body: e.encodedBodySize,
      transfer: e.transferSize,
    })),
  );
const bytes = (list) => ({
  files: list.length,
  body: list.reduce((a, e) => a + e.body, 0),
  transfer: list.reduce((a, e) => a + e.transfer, 0),
});
const pathOf = (url) => new URL(url).pathname;

const runs = [];
try {
  console.log(
    `\nChromium ${browser.version()} (${executablePath ?? "Playwright's own"}), ${RUNS} runs + 1 warm-up, a fresh context (empty cache) each`,
  );
  for (let run = 0; run <= RUNS; run++) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    // Usable: the Tenant field is in the page and takes input, noted by the page itself on its
    // own clock at the mutation that made it so. Read by Playwright after its wait instead, the
    // moment came late whenever the wait did, and took in the chunks fetched ahead meanwhile.
    await context.addInitScript(() => {
      const usable = () => {
        const label = [...document.querySelectorAll('label')].find(
          (l) => l.textContent?.trim() === 'Tenant',
        );
        const field = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
        return field instanceof HTMLInputElement && !field.disabled;
      };
      const observer = new MutationObserver(() => {
        if (!usable()) return;
        window.__formUsableAt = performance.now();
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true, attributes: true });
    });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/login`);
    const tenant = page.getByLabel('Tenant');
    await tenant.waitFor({ state: 'visible' });
    const usableAt = await page.evaluate(() => window.__formUsableAt ?? NaN);
    if (Number.isNaN(usableAt)) throw new Error('the page never noted the Tenant field as usable');
    const beforeForm = bytes((await entries(page)).filter((e) => e.end <= usableAt));
    // A user takes seconds to type a password; the page fetches ahead meanwhile. Count it all.
    await page.waitForLoadState('networkidle');
    const settled = bytes(await entries(page));

    await tenant.fill('sys');
    await page.getByLabel('User').fill('root');
    await page.getByLabel('Password', { exact: true }).fill('oceanbase');
    await page.getByRole('button', { name: 'Log in' }).click();
    // The page measures itself; this only waits until it has.
    await page.waitForFunction(
      () => performance.getEntriesByName('obconsole:login-to-tenants', 'measure').length > 0,
      undefined,
      { timeout: 30_000 },
    );
    const marks = await page.evaluate(() => ({
      submitted: performance.getEntriesByName('obconsole:login-submitted', 'mark')[0].startTime,
      shown: performance.getEntriesByName('obconsole:tenants-shown', 'mark')[0].startTime,
      total: performance.getEntriesByName('obconsole:login-to-tenants', 'measure')[0].duration,
    }));
    const after = (await entries(page)).filter(
      (e) => e.start >= marks.submitted && e.end <= marks.shown,
    );
    const api = after.filter((e) => pathOf(e.url).startsWith('/api/'));
    const login = api.find((e) => /\/session$/.test(pathOf(e.url)));
    const tenants = api.find((e) => /\/tenants$/.test(pathOf(e.url)));
    const tenantsPage = bytes(after);
    await context.close();

    // The server's part: the sign-in's answer, then the tenants' answer (each request sent →
    // response received). What is left is the page: chunks, rendering, anything it waited for.
    const server =
      (login ? login.end - login.requestStart : NaN) +
      (tenants ? tenants.end - tenants.requestStart : NaN);
    const r = {
      total: marks.total,
      server,
      gap: login && tenants ? tenants.start - login.end : NaN,
      render: tenants ? marks.shown - tenants.end : NaN,
      beforeForm,
      settled,
      tenantsPage,
      api: api
        .map(
          (e) =>
            `${pathOf(e.url).replace(/^\/api\/clusters\/[^/]+/, '…')} +${(e.start - marks.submitted).toFixed(0)}→+${(e.end - marks.submitted).toFixed(0)}`,
        )
        .join(', '),
    };
    console.log(
      `run ${run || 'warm-up'}: click → tenants rows ${ms(r.total, 0)} (server ${ms(r.server, 0)}, ` +
        `login answer → tenants request ${ms(r.gap, 0)}, tenants answer → rows ${ms(r.render, 0)}); ` +
        `/login ${kb(beforeForm.body)} gzip in ${beforeForm.files} files before the form is usable, ` +
        `${kb(settled.body)} in ${settled.files} once settled; tenants page ${kb(tenantsPage.body)} in ${tenantsPage.files} ` +
        `(API after the click, ms from it: ${r.api})`,
    );
    if (run > 0) runs.push(r);
  }
} finally {
  await browser.close();
  await stack.close();
}

const med = (f) => median(runs.map(f));
const loginKiB = Math.max(...runs.map((r) => r.beforeForm.body)) / 1024;
const signIn = med((r) => r.total);
console.log(
  `\nmedian of ${runs.length}: click → tenants rows ${ms(signIn, 0)}, of which server ${ms(
    med((r) => r.server),
    0,
  )} ` +
    `(login answer → tenants request ${ms(
      med((r) => r.gap),
      0,
    )}, tenants answer → rows ${ms(
      med((r) => r.render),
      0,
    )})`,
);
console.log(
  `bytes (Resource Timing, gzip bodies; with headers in brackets): /login before the form is usable ` +
    `${kb(med((r) => r.beforeForm.body))} (${kb(med((r) => r.beforeForm.transfer))}), /login settled ` +
    `${kb(med((r) => r.settled.body))} (${kb(med((r) => r.settled.transfer))}), tenants page after the click ` +
    `${kb(med((r) => r.tenantsPage.body))} (${kb(med((r) => r.tenantsPage.transfer))})`,
);
summary(
  'frontend',
  `click → tenants rows p50 ${signIn.toFixed(0)} ms = ${(signIn / SIGN_IN_TARGET_MS).toFixed(2)}× the ${SIGN_IN_TARGET_MS} ms target ` +
    `(server ${med((r) => r.server).toFixed(0)} ms); /login before the form is usable ${loginKiB.toFixed(1)} KiB gzip ` +
    `(largest run) = ${(loginKiB / LOGIN_TARGET_KIB).toFixed(2)}× the ${LOGIN_TARGET_KIB} KiB target; ` +
    `settled ${(med((r) => r.settled.body) / 1024).toFixed(0)} KiB, tenants page ${(med((r) => r.tenantsPage.body) / 1024).toFixed(0)} KiB`,
  signIn <= SIGN_IN_TARGET_MS && loginKiB <= LOGIN_TARGET_KIB,
);

// The SPA: gzip size of the initial JS (what dist/index.html loads before anything renders) and
// of all JS+CSS, then the login journey in Chromium: /login → submit → tenants table visible.
//
//   npm run build -w @obconsole/web && node bench/frontend.mjs     (BENCH_RUNS=5)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStack } from './lib/stack.mjs';
import { kb, median, ms, now, summary } from './lib/stats.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_KB = 250;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'apps/web/dist');
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error('apps/web/dist is missing: run `npm run build -w @obconsole/web` first.');
  process.exit(1);
}

// 1. Sizes. gzip at zlib's default level, as the BFF's compression middleware serves them.
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = [
  ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
];
const sizeOf = (rel) => {
  const buf = readFileSync(path.join(dist, rel.replace(/^\//, '')));
  return { raw: buf.length, gzip: gzipSync(buf).length };
};
console.log('initial load (dist/index.html scripts and modulepreloads):');
console.log('| file | raw | gzip |');
console.log('|---|---|---|');
let initialJs = 0;
let initialRaw = 0;
for (const f of initial) {
  const s = sizeOf(f);
  if (f.endsWith('.js')) {
    initialJs += s.gzip;
    initialRaw += s.raw;
  }
  console.log(`| ${f} | ${kb(s.raw)} | ${kb(s.gzip)} |`);
}
const inlineCss = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].reduce(
  (a, m) => a + m[1].length,
  0,
);
console.log(
  `initial JS: ${kb(initialRaw)} raw, ${kb(initialJs)} gzip (target ≤ ${TARGET_KB} KB); inline CSS in index.html ${inlineCss} bytes`,
);
const assets = readdirSync(path.join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
const total = { js: 0, css: 0, raw: 0, files: assets.length };
for (const f of assets) {
  const s = sizeOf(`assets/${f}`);
  total[f.endsWith('.css') ? 'css' : 'js'] += s.gzip;
  total.raw += s.raw;
}
console.log(
  `all JS+CSS: ${total.files} files, ${kb(total.raw)} raw, ${kb(total.js + total.css)} gzip (JS ${kb(total.js)}, CSS ${kb(total.css)})`,
);

// 2. The login journey in Chromium (the system browser when there is one, as playwright.config.ts).
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
const loads = [];
const logins = [];
const totals = [];
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
    const page = await context.newPage();
    const t0 = now();
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByLabel('Tenant').waitFor({ state: 'visible' });
    const t1 = now();
    await page.getByLabel('Tenant').fill('sys');
    await page.getByLabel('User').fill('root');
    await page.getByLabel('Password', { exact: true }).fill('oceanbase');
    // When each API call after the submit was sent and answered (first of each).
    const api = {};
    const key = (req) => `${req.method()} ${new URL(req.url()).pathname}`;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) api[key(r)] ??= { sent: now() };
    });
    page.on('response', (r) => {
      const a = api[key(r.request())];
      if (a) a.answered ??= now();
    });
    const t2 = now();
    await page.getByRole('button', { name: 'Log in' }).click();
    await page
      .getByRole('heading', { name: 'Tenants' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await page
      .getByRole('row')
      .filter({ hasText: 'mysql_tenant' })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    const t3 = now();
    await context.close();
    const apiAt = Object.entries(api)
      .filter(([, a]) => a.sent >= t2)
      .map(
        ([k, a]) => `${k} +${(a.sent - t2).toFixed(0)}→+${((a.answered ?? NaN) - t2).toFixed(0)}`,
      )
      .join(', ');
    const line =
      `run ${run || 'warm-up'}: /login form ${ms(t1 - t0, 0)}, submit → tenants table ${ms(t3 - t2, 0)}, ` +
      `whole journey ${ms(t3 - t0, 0)} (API calls after submit, sent→answered, ms: ${apiAt})`;
    console.log(line);
    if (run === 0) continue;
    loads.push(t1 - t0);
    logins.push(t3 - t2);
    totals.push(t3 - t0);
  }
  console.log(
    `median: /login form ${ms(median(loads), 0)}, submit → tenants table ${ms(median(logins), 0)}, whole journey ${ms(median(totals), 0)}`,
  );
} finally {
  await browser.close();
  await stack.close();
}
summary(
  'frontend',
  `initial JS ${(initialJs / 1024).toFixed(1)} KiB gzip (target ≤ ${TARGET_KB} KB), all JS+CSS ${((total.js + total.css) / 1024).toFixed(0)} KiB gzip; ` +
    `login → tenants table median ${median(logins).toFixed(0)} ms (/login form ${median(loads).toFixed(0)} ms)`,
  initialJs / 1024 <= TARGET_KB,
);

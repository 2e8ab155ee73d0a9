// Gzip size of the JS a first visit to a route downloads: the entry's static import graph plus
// the route's lazy chunk and its static imports. Run after `vite build`.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const assets = join(dist, 'assets');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entry = /<script type="module"[^>]*src="\/assets\/([^"]+)"/.exec(html)?.[1];
const files = readdirSync(assets).filter((f) => f.endsWith('.js'));

function staticImports(file) {
  const src = readFileSync(join(assets, file), 'utf8');
  const out = new Set();
  for (const m of src.matchAll(
    /(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["']\.\/([^"']+\.js)["']/g,
  ))
    out.add(m[1]);
  return [...out];
}
function closure(start) {
  const seen = new Set();
  const stack = [...start];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...staticImports(f));
  }
  return seen;
}
const gz = (f) => gzipSync(readFileSync(join(assets, f))).length;
const routes = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['login-route', 'layout', 'tenants-page'];
const set = closure([entry]);
for (const r of routes) {
  const chunk = files.find((f) => f.startsWith(`${r}-`));
  if (chunk) for (const f of closure([chunk])) set.add(f);
}
let total = 0;
for (const f of [...set].sort((a, b) => gz(b) - gz(a))) {
  total += gz(f);
  console.log(`${(gz(f) / 1024).toFixed(1).padStart(7)} KB  ${f}`);
}
console.log(
  `initial JS for [${routes.join(', ')}]: ${(total / 1024).toFixed(1)} KB gzip in ${set.size} files`,
);

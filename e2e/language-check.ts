import type { Page } from '@playwright/test';

/**
 * What may stay in Latin letters on a Chinese screen: names (tenants, users, products), SQL,
 * codes and units. Everything else in English is an untranslated string.
 */
const ALLOWED = new Set(
  [
    // products and protocols
    'OceanBase',
    'MySQL',
    'Oracle',
    'OBProxy',
    'OCP',
    'observer',
    'SQL',
    'CSV',
    'JSON',
    'UTF',
    'TDE',
    'SCN',
    'ID',
    'Tablet',
    'Meta',
    'Idempotency',
    'Key',
    'UUID',
    'trace_id',
    // OceanBase components named in a failed task's error report, and its log stream label
    'OBServer',
    'RootService',
    'ls',
    // units and zones
    'B',
    'KB',
    'MB',
    'GB',
    'TB',
    'PB',
    'UTC',
    'kB',
    // SQL keywords as they appear in a fix to copy
    'ALTER',
    'SYSTEM',
    'SET',
    'ARCHIVELOG',
    'DATA_BACKUP_DEST',
    'BACKUP',
    'TENANT',
    'CANCEL',
    'ENCRYPTION',
    'ON',
    'IDENTIFIED',
    'BY',
    'ONLY',
    'PLUS',
    'DATABASE',
    'INCREMENTAL',
    'DESCRIPTION',
    'CDB_OB_ARCHIVELOG',
    'NUL',
    'SELECT',
  ].map((w) => w.toLowerCase()),
);

/** Visible text of the page, node by node, without SQL blocks and inline code (statements, paths, comments). */
async function visibleProse(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // translate="no" marks what users typed (a backup's description): their words, not ours.
      if (!el || el.closest('pre, code, script, style, [aria-hidden="true"], [translate="no"]'))
        continue;
      if (!el.checkVisibility()) continue;
      parts.push(n.textContent ?? '');
    }
    return parts.join(' ');
  });
}

/**
 * English words on screen that are neither names, SQL nor codes. `names` are this journey's own
 * identifiers (tenant and user names).
 */
export async function englishWords(page: Page, names: string[]): Promise<string[]> {
  const text = (await visibleProse(page))
    // codes shown next to a translated sentence, e.g. （LOG_ARCHIVE_NOT_DOING） or (NO_FULL_BACKUP)
    .replace(/[(（]\s*[A-Z][A-Z0-9_]+\s*[)）]/g, ' ')
    // OceanBase's error symbols (OB_TIMEOUT, OB_LOG_ARCHIVE_INTERRUPTED) are codes
    .replace(/\bOB_[A-Z0-9_]+\b/g, ' ')
    // addresses, paths and account names
    .replace(/\S+:\/\/\S+/g, ' ')
    .replace(/[\w.-]+@[\w.#-]+/g, ' ')
    .replace(/\b\d+(\.\d+)*(:\d+)?\b/g, ' ');
  const own = new Set(names.map((n) => n.toLowerCase()));
  const words = text.match(/[A-Za-z][A-Za-z_]*/g) ?? [];
  return [
    ...new Set(words.filter((w) => !ALLOWED.has(w.toLowerCase()) && !own.has(w.toLowerCase()))),
  ];
}

/** Console errors and uncaught exceptions of a page, collected from the moment this is called. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

import type { TenantState } from './model.js';
import { S } from './model.js';

const DEST_RE = /^(file:\/\/\/.+|(oss|cos|s3|obs):\/\/[^/?]+\/.*)$/i;
export function isValidDest(uri: string): boolean {
  return DEST_RE.test(uri.trim());
}

/** '1d' .. '7d' (also h/m) → microseconds. */
export function parseInterval(text: string): number | null {
  const m = /^(\d+)\s*([dhm])$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'd').toLowerCase();
  return n * (unit === 'd' ? 86400 : unit === 'h' ? 3600 : 60) * S;
}

/** 'LOCATION=uri [BINDING=Optional|Mandatory] [PIECE_SWITCH_INTERVAL=1d..7d]' */
export function parseArchiveDest(value: string): TenantState['archiveDest'] {
  let path: string | null = null;
  let binding: 'OPTIONAL' | 'MANDATORY' = 'OPTIONAL';
  let pieceSwitch = '1d';
  for (const part of value.trim().split(/\s+/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).toUpperCase();
    const v = part.slice(eq + 1);
    if (key === 'LOCATION') path = v;
    else if (key === 'BINDING') {
      const b = v.toUpperCase();
      if (b !== 'OPTIONAL' && b !== 'MANDATORY') return null;
      binding = b;
    } else if (key === 'PIECE_SWITCH_INTERVAL') {
      const us = parseInterval(v);
      if (us === null || us < 86400 * S || us > 7 * 86400 * S) return null;
      pieceSwitch = v.toLowerCase();
    } else return null;
  }
  if (!path) return null;
  return { path, binding, pieceSwitch };
}

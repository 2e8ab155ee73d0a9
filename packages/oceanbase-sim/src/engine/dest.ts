import { ObErrors } from '../errors.js';
import { S } from './model.js';

const DEST_RE = /^(file:\/\/\/.+|(oss|cos|s3|obs):\/\/[^/?]+\/.*)$/i;
export function isValidDest(uri: string): boolean {
  return DEST_RE.test(uri.trim());
}

/** A stored piece_switch_interval ('1d', '36h', ...) → microseconds. */
export function parseInterval(text: string): number | null {
  return timeUs(text);
}

/** A TIME value ('1d', '36h', '90m', '3600s', '500ms', '10us'; a bare number is seconds) → microseconds. */
function timeUs(text: string): number | null {
  const m = /^(\d+)(us|ms|s|m|h|d)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = { us: 1, ms: 1e3, s: S, m: 60 * S, h: 3600 * S, d: 86400 * S }[
    (m[2] ?? 's').toLowerCase() as 'us'
  ];
  return Number(m[1]) * unit;
}

/**
 * `LOG_ARCHIVE_DEST` as ObLogArchiveDestConfigParser reads it (src/share/backup/ob_backup_config.cpp):
 * space-separated `key=value` items, keys case-insensitive. An unknown key is OB_NOT_SUPPORTED
 * (generic text), an empty value or a malformed interval OB_INVALID_ARGUMENT, an interval outside
 * [1d,7d] OB_NOT_SUPPORTED `invalid piece_switch_interval out of range [1d,7d] is not supported`.
 * '' is allowed (it removes the destination): null. A missing LOCATION is refused later, by
 * check_before_update_inner_config, as `set archive dest without location is not supported`.
 */
export function parseArchiveDest(
  value: string,
): { path: string | null; binding: 'OPTIONAL' | 'MANDATORY'; pieceSwitch: string } | null {
  if (value === '') return null;
  let path: string | null = null;
  let binding: 'OPTIONAL' | 'MANDATORY' = 'OPTIONAL';
  let pieceSwitch = '1d';
  for (const part of value.split(' ').filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = (eq === -1 ? part : part.slice(0, eq)).toLowerCase();
    const v = eq === -1 ? '' : part.slice(eq + 1);
    if (key === 'location') {
      if (!v) throw ObErrors.invalidArgument();
      path = v;
    } else if (key === 'binding') {
      const b = v.toUpperCase();
      if (b !== 'OPTIONAL' && b !== 'MANDATORY') throw ObErrors.invalidArgument();
      binding = b;
    } else if (key === 'piece_switch_interval') {
      const us = v ? timeUs(v) : null;
      if (us === null) throw ObErrors.invalidArgument();
      if (us < 86400 * S || us > 7 * 86400 * S)
        throw ObErrors.notSupported('invalid piece_switch_interval out of range [1d,7d] is');
      pieceSwitch = v.toLowerCase();
    } else throw ObErrors.notSupported();
  }
  return { path, binding, pieceSwitch };
}

/** Masks every IDENTIFIED BY '…' literal (either quote style, doubled or escaped quotes inside). */
export function redactSql(sql: string): string {
  return sql.replace(
    /(IDENTIFIED\s+BY\s+)(?:'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|\S+)/gi,
    "$1'******'",
  );
}

/**
 * Removes known secret strings from any text (an error message, a driver's SQL echo) as a last
 * line of defence; the first line is never putting them there.
 */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = redactSql(text);
  for (const s of secrets) {
    if (s.length >= 1) out = out.split(s).join('******');
  }
  return out;
}

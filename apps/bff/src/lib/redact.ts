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
  let out = text;
  for (const s of secrets) {
    // Longest first: the escaped forms contain the plain one's pieces.
    for (const form of literalForms(s).sort((a, b) => b.length - a.length)) {
      if (form.length >= 1) out = out.split(form).join('******');
    }
  }
  return redactSql(out);
}

/**
 * A secret as typed, and as it reads inside a string literal: MySQL mode (quote escaped either
 * way), NO_BACKSLASH_ESCAPES and Oracle mode.
 */
export function literalForms(secret: string): string[] {
  return [
    ...new Set([
      secret,
      secret.replace(/\\/g, '\\\\').replace(/'/g, "\\'"),
      secret.replace(/\\/g, '\\\\').replace(/'/g, "''"),
      secret.replace(/'/g, "''"),
    ]),
  ];
}

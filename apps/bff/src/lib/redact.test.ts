import { describe, expect, it } from 'vitest';
import { redactSql, scrub } from './redact.js';
import { stringLiteral } from './sql-literals.js';

const PASSWORD = `a\\' b'' c\\ "d" — 🔐`;

describe('redaction', () => {
  it('masks IDENTIFIED BY literals in either quote style', () => {
    expect(redactSql("SET ENCRYPTION ON IDENTIFIED BY 'x\\'y' ONLY")).toBe(
      "SET ENCRYPTION ON IDENTIFIED BY '******' ONLY",
    );
    expect(redactSql("SET ENCRYPTION ON IDENTIFIED BY 'x''y' ONLY")).toBe(
      "SET ENCRYPTION ON IDENTIFIED BY '******' ONLY",
    );
    expect(redactSql('CREATE USER u IDENTIFIED BY "p""w"')).toBe(
      "CREATE USER u IDENTIFIED BY '******'",
    );
  });

  it('scrubs a known secret from a server echo of the statement, in both modes', () => {
    for (const mode of ['MYSQL', 'ORACLE'] as const) {
      const echo = `ERROR near 'SET ENCRYPTION ON IDENTIFIED BY ${stringLiteral(PASSWORD, mode)} ONLY' at line 1`;
      const out = scrub(echo, [PASSWORD]);
      expect(out, mode).not.toContain(' b');
      expect(out, mode).not.toContain('🔐');
      expect(out, mode).toContain('******');
    }
  });

  it('scrubs the secret wherever else it appears', () => {
    expect(scrub(`unknown value ${PASSWORD} here`, [PASSWORD])).toBe('unknown value ****** here');
  });
});

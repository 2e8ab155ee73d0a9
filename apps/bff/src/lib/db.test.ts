import { describe, expect, it } from 'vitest';
import { toAppError } from './db.js';

describe('driver errors become one client error', () => {
  it('keeps OceanBase errno and text, shortened when the server echoes a long statement', () => {
    const echo = `You have an error in your SQL syntax; near '${'x'.repeat(100_000)}'`;
    const e = toAppError({
      errno: 1064,
      sqlState: '42000',
      sqlMessage: echo,
      code: 'ER_PARSE_ERROR',
    });
    expect(e.code).toBe('OCEANBASE_ERROR');
    expect(e.details).toMatchObject({ errno: 1064, sqlState: '42000' });
    expect(String(e.details?.sqlMessage).length).toBeLessThan(600);
    expect(String(e.details?.sqlMessage)).toMatch(
      /^You have an error in your SQL syntax.*more characters\)$/,
    );
    expect(e.message.length).toBeLessThan(700);
  });

  it('scrubs a secret from the server text', () => {
    const e = toAppError({ errno: 1064, sqlMessage: "near 'IDENTIFIED BY 'p4ss' ONLY'" }, ['p4ss']);
    expect(JSON.stringify(e.details)).not.toContain('p4ss');
  });

  it('a connection that cannot be made is DATABASE_UNAVAILABLE, anything else INTERNAL', () => {
    expect(toAppError({ code: 'ECONNREFUSED', errno: -111 }).code).toBe('DATABASE_UNAVAILABLE');
    expect(toAppError({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }).code).toBe(
      'DATABASE_UNAVAILABLE',
    );
    expect(toAppError(new Error('boom')).code).toBe('INTERNAL');
  });
});

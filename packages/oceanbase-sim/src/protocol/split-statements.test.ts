import { describe, expect, it } from 'vitest';
import { splitStatements, trimStatement } from './split-statements.js';

describe('splitStatements', () => {
  it('splits on semicolons and drops empty pieces', () => {
    expect(splitStatements('select 1; select 2;;  ;\n')).toEqual(['select 1', 'select 2']);
    expect(splitStatements('  ')).toEqual([]);
  });

  it('keeps semicolons inside quotes, with backslash escapes and doubled quotes', () => {
    expect(
      splitStatements(`select 'a;b', 'it''s;', 'x\\';y'; select "c;\\"d", \`e;\`\`f\``),
    ).toEqual([`select 'a;b', 'it''s;', 'x\\';y'`, `select "c;\\"d", \`e;\`\`f\``]);
  });

  it('keeps semicolons inside comments and drops comment-only pieces', () => {
    expect(
      splitStatements(
        'select 1 -- one; two\n; # three; four\n/* five; */ select 2; /* six; */ -- seven',
      ),
    ).toEqual(['select 1 -- one; two', '# three; four\n/* five; */ select 2']);
  });

  it('needs whitespace after -- for a comment, as MySQL does', () => {
    expect(splitStatements('select 1--1; select 2')).toEqual(['select 1--1', 'select 2']);
  });

  it('treats /*! … */ as a statement, since MySQL executes it', () => {
    expect(splitStatements('/*!40101 SET NAMES utf8mb4 */; select 1')).toEqual([
      '/*!40101 SET NAMES utf8mb4 */',
      'select 1',
    ]);
  });

  it('keeps an unterminated quote to the end', () => {
    expect(splitStatements("select 'a; select 2")).toEqual(["select 'a; select 2"]);
  });
});

describe('trimStatement', () => {
  it('trims whitespace and trailing semicolons', () => {
    expect(trimStatement('  select 1 ;\n ; ')).toBe('select 1');
    expect(trimStatement('select 1; select 2')).toBe('select 1; select 2');
  });
});

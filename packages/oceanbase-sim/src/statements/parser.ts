import { parseError, tokenizeStatement } from './tokenizer.js';
import type { LexOptions, Mode, Token } from './tokenizer.js';

/** A tenant name as written: identifiers and quoted strings are both accepted. */
export interface NameRef {
  name: string;
  token: Token;
}

export type SetValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: string }
  | { kind: 'word'; value: string }
  | { kind: 'null' }
  | { kind: 'sysvar'; name: string };

export type Statement =
  | { kind: 'select'; tokens: Token[] }
  | {
      kind: 'backup';
      incremental: boolean;
      database: boolean;
      tenants: NameRef[] | null;
      to: string | null;
      plusArchivelog: boolean;
      description: string | null;
    }
  | { kind: 'cancelBackup'; tenants: NameRef[] | null }
  | { kind: 'archivelog'; enable: boolean; tenants: NameRef[] | null; description: string | null }
  | { kind: 'alterSystemSet'; items: { name: string; value: SetValue }[]; tenant: NameRef | null }
  | { kind: 'setEncryption'; password: string }
  | { kind: 'setDecryption'; passwords: string[] }
  | {
      kind: 'set';
      items: { scope: 'session' | 'global' | 'user'; name: string; value: SetValue }[];
    }
  | { kind: 'setNames'; charset: string }
  | { kind: 'setTransaction' }
  | { kind: 'alterSession'; name: string; value: SetValue }
  | { kind: 'use'; database: string }
  | { kind: 'showDatabases'; like: string | null }
  | { kind: 'showTables'; database: string | null; like: string | null; full: boolean }
  | { kind: 'showVariables'; like: string | null; global: boolean }
  | { kind: 'showGrants' }
  | { kind: 'showWarnings' }
  | { kind: 'showParameters'; like: string | null; tenant: NameRef | null }
  | { kind: 'showColumns'; table: string; database: string | null }
  | { kind: 'write'; verb: string }
  | { kind: 'transaction' };

class Parser {
  private i = 0;
  constructor(
    private readonly sql: string,
    private readonly tokens: Token[],
  ) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }
  next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.i++;
    return t;
  }
  fail(token: Token = this.peek()): never {
    throw parseError(this.sql, token.pos);
  }
  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'word' && t.upper === word;
  }
  acceptWord(word: string): boolean {
    if (this.isWord(word)) {
      this.i++;
      return true;
    }
    return false;
  }
  expectWord(word: string): void {
    if (!this.acceptWord(word)) this.fail();
  }
  isOp(op: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'op' && t.value === op;
  }
  acceptOp(op: string): boolean {
    if (this.isOp(op)) {
      this.i++;
      return true;
    }
    return false;
  }
  expectEnd(): void {
    if (this.peek().type !== 'eof') this.fail();
  }
  string(): string {
    const t = this.peek();
    if (t.type !== 'string') this.fail();
    this.i++;
    return t.value;
  }
  identifier(): string {
    const t = this.peek();
    if (t.type !== 'word' && t.type !== 'qident') this.fail();
    this.i++;
    return t.value;
  }
  /** relation_name_or_string */
  nameRef(): NameRef {
    const t = this.peek();
    if (t.type !== 'word' && t.type !== 'qident' && t.type !== 'string') this.fail();
    this.i++;
    return { name: t.value, token: t };
  }
  nameList(): NameRef[] {
    const list = [this.nameRef()];
    while (this.acceptOp(',')) list.push(this.nameRef());
    return list;
  }
  tenantClause(): NameRef[] | null {
    if (!this.acceptWord('TENANT')) return null;
    this.acceptOp('=');
    return this.nameList();
  }
  description(): string | null {
    if (!this.acceptWord('DESCRIPTION')) return null;
    this.acceptOp('=');
    return this.string();
  }
  setValue(): SetValue {
    const t = this.peek();
    if (t.type === 'string') {
      this.i++;
      return { kind: 'string', value: t.value };
    }
    if (t.type === 'number') {
      this.i++;
      return { kind: 'number', value: t.value };
    }
    if (t.type === 'op' && t.value === '-' && this.peek(1).type === 'number') {
      this.i += 2;
      return { kind: 'number', value: `-${this.tokens[this.i - 1]?.value ?? ''}` };
    }
    if (t.type === 'sysvar') {
      this.i++;
      return { kind: 'sysvar', name: t.value };
    }
    if (t.type === 'word') {
      this.i++;
      if (t.upper === 'NULL') return { kind: 'null' };
      return { kind: 'word', value: t.value };
    }
    this.fail();
  }

  statement(): Statement {
    const t = this.peek();
    if (t.type === 'op' && t.value === '(') return { kind: 'select', tokens: this.tokens };
    if (t.type !== 'word') this.fail();
    switch (t.upper) {
      case 'SELECT':
      case 'WITH':
        return { kind: 'select', tokens: this.tokens };
      case 'ALTER':
        this.next();
        if (this.acceptWord('SYSTEM')) return this.alterSystem();
        if (this.acceptWord('SESSION')) return this.alterSession();
        this.fail();
        break;
      case 'SET':
        this.next();
        return this.set();
      case 'USE': {
        this.next();
        const database = this.identifier();
        this.expectEnd();
        return { kind: 'use', database };
      }
      case 'SHOW':
        this.next();
        return this.show();
      case 'DESC':
      case 'DESCRIBE': {
        this.next();
        const { table, database } = this.tableName();
        this.expectEnd();
        return { kind: 'showColumns', table, database };
      }
      case 'INSERT':
      case 'UPDATE':
      case 'DELETE':
      case 'REPLACE':
      case 'TRUNCATE':
      case 'CREATE':
      case 'DROP':
      case 'MERGE':
        return { kind: 'write', verb: t.upper };
      case 'BEGIN':
      case 'COMMIT':
      case 'ROLLBACK':
        this.next();
        this.acceptWord('WORK');
        this.expectEnd();
        return { kind: 'transaction' };
      case 'START':
        this.next();
        this.expectWord('TRANSACTION');
        this.expectEnd();
        return { kind: 'transaction' };
      default:
        this.fail();
    }
    return this.fail();
  }

  tableName(): { table: string; database: string | null } {
    const first = this.identifier();
    if (this.acceptOp('.')) return { database: first, table: this.identifier() };
    return { database: null, table: first };
  }

  alterSystem(): Statement {
    if (this.acceptWord('BACKUP')) {
      const incremental = this.acceptWord('INCREMENTAL');
      let database = false;
      let tenants: NameRef[] | null = null;
      if (this.acceptWord('DATABASE')) database = true;
      else tenants = this.tenantClause();
      let to: string | null = null;
      if (this.acceptWord('TO')) {
        this.acceptOp('=');
        to = this.string();
      }
      let plusArchivelog = false;
      if (this.acceptWord('PLUS')) {
        this.expectWord('ARCHIVELOG');
        plusArchivelog = true;
      }
      const description = this.description();
      this.expectEnd();
      return { kind: 'backup', incremental, database, tenants, to, plusArchivelog, description };
    }
    if (this.acceptWord('CANCEL')) {
      this.expectWord('BACKUP');
      const tenants = this.tenantClause();
      this.expectEnd();
      return { kind: 'cancelBackup', tenants };
    }
    if (this.isWord('ARCHIVELOG') || this.isWord('NOARCHIVELOG')) {
      const enable = this.next().upper === 'ARCHIVELOG';
      const tenants = this.tenantClause();
      const description = this.description();
      this.expectEnd();
      return { kind: 'archivelog', enable, tenants, description };
    }
    if (this.acceptWord('SET')) {
      const items: { name: string; value: SetValue }[] = [];
      do {
        const nameTok = this.peek();
        if (nameTok.type !== 'word') this.fail();
        this.next();
        this.expectOpEq();
        items.push({ name: nameTok.value.toLowerCase(), value: this.setValue() });
      } while (this.acceptOp(','));
      let tenant: NameRef | null = null;
      if (this.acceptWord('TENANT')) {
        this.acceptOp('=');
        tenant = this.nameRef();
      }
      this.expectEnd();
      return { kind: 'alterSystemSet', items, tenant };
    }
    this.fail();
  }

  expectOpEq(): void {
    if (!this.acceptOp('=') && !this.acceptOp(':=')) this.fail();
  }

  alterSession(): Statement {
    this.expectWord('SET');
    const nameTok = this.peek();
    if (nameTok.type !== 'word') this.fail();
    this.next();
    this.expectOpEq();
    const value = this.setValue();
    this.expectEnd();
    return { kind: 'alterSession', name: nameTok.value.toLowerCase(), value };
  }

  set(): Statement {
    if (this.acceptWord('ENCRYPTION')) {
      this.expectWord('ON');
      this.expectWord('IDENTIFIED');
      this.expectWord('BY');
      const password = this.string();
      this.expectWord('ONLY');
      this.expectEnd();
      return { kind: 'setEncryption', password };
    }
    if (this.acceptWord('DECRYPTION')) {
      this.expectWord('IDENTIFIED');
      this.expectWord('BY');
      const passwords = [this.string()];
      while (this.acceptOp(',')) passwords.push(this.string());
      this.expectEnd();
      return { kind: 'setDecryption', passwords };
    }
    if (this.acceptWord('NAMES')) {
      const charset = this.peek().type === 'string' ? this.string() : this.identifier();
      if (this.acceptWord('COLLATE')) {
        if (this.peek().type === 'string') this.string();
        else this.identifier();
      }
      this.expectEnd();
      return { kind: 'setNames', charset };
    }
    if ((this.isWord('CHARACTER') && this.isWord('SET', 1)) || this.isWord('CHARSET')) {
      if (this.acceptWord('CHARACTER')) this.expectWord('SET');
      else this.next();
      const charset = this.peek().type === 'string' ? this.string() : this.identifier();
      this.expectEnd();
      return { kind: 'setNames', charset };
    }
    if (
      this.isWord('TRANSACTION') ||
      ((this.isWord('SESSION') || this.isWord('GLOBAL')) && this.isWord('TRANSACTION', 1))
    ) {
      if (!this.isWord('TRANSACTION')) this.next();
      this.next();
      // ISOLATION LEVEL … | READ ONLY | READ WRITE: accepted and ignored.
      while (this.peek().type === 'word' || this.isOp(',')) this.next();
      this.expectEnd();
      return { kind: 'setTransaction' };
    }
    const items: { scope: 'session' | 'global' | 'user'; name: string; value: SetValue }[] = [];
    do {
      const t = this.peek();
      let scope: 'session' | 'global' | 'user' = 'session';
      let name: string;
      if (t.type === 'uservar') {
        this.next();
        scope = 'user';
        name = t.value;
      } else if (t.type === 'sysvar') {
        this.next();
        const parts = t.value.toLowerCase().split('.');
        if (parts.length === 2) {
          scope = parts[0] === 'global' ? 'global' : 'session';
          name = parts[1] ?? '';
        } else name = parts[0] ?? '';
      } else if (t.type === 'word') {
        this.next();
        if (t.upper === 'SESSION' || t.upper === 'LOCAL' || t.upper === 'GLOBAL') {
          scope = t.upper === 'GLOBAL' ? 'global' : 'session';
          const v = this.peek();
          if (v.type !== 'word') this.fail();
          this.next();
          name = v.value.toLowerCase();
        } else name = t.value.toLowerCase();
      } else this.fail();
      if (!name) this.fail(t);
      this.expectOpEq();
      items.push({ scope, name, value: this.setValue() });
    } while (this.acceptOp(','));
    this.expectEnd();
    return { kind: 'set', items };
  }

  like(): string | null {
    if (this.acceptWord('LIKE')) return this.string();
    return null;
  }

  show(): Statement {
    const full = this.acceptWord('FULL');
    if (this.acceptWord('DATABASES') || this.acceptWord('SCHEMAS')) {
      const like = this.like();
      this.expectEnd();
      return { kind: 'showDatabases', like };
    }
    if (this.acceptWord('TABLES')) {
      let database: string | null = null;
      if (this.acceptWord('FROM') || this.acceptWord('IN')) database = this.identifier();
      const like = this.like();
      this.expectEnd();
      return { kind: 'showTables', database, like, full };
    }
    if (this.acceptWord('COLUMNS') || this.acceptWord('FIELDS')) {
      if (!this.acceptWord('FROM')) this.expectWord('IN');
      const ref = this.tableName();
      let database = ref.database;
      if (this.acceptWord('FROM') || this.acceptWord('IN')) database = this.identifier();
      this.expectEnd();
      return { kind: 'showColumns', table: ref.table, database };
    }
    const global = this.acceptWord('GLOBAL');
    if (!global && !this.acceptWord('SESSION')) this.acceptWord('LOCAL');
    if (this.acceptWord('VARIABLES')) {
      const like = this.like();
      this.expectEnd();
      return { kind: 'showVariables', like, global };
    }
    if (this.acceptWord('GRANTS')) {
      if (this.acceptWord('FOR')) {
        if (this.acceptWord('CURRENT_USER')) {
          if (this.acceptOp('(')) {
            if (!this.acceptOp(')')) this.fail();
          }
        } else this.fail();
      }
      this.expectEnd();
      return { kind: 'showGrants' };
    }
    if (this.acceptWord('WARNINGS') || this.acceptWord('ERRORS')) {
      if (this.acceptWord('LIMIT')) {
        this.next();
        if (this.acceptOp(',')) this.next();
      }
      this.expectEnd();
      return { kind: 'showWarnings' };
    }
    if (this.acceptWord('PARAMETERS')) {
      const like = this.like();
      let tenant: NameRef | null = null;
      if (this.acceptWord('TENANT')) {
        this.acceptOp('=');
        tenant = this.nameRef();
      }
      this.expectEnd();
      return { kind: 'showParameters', like, tenant };
    }
    this.fail();
  }
}

export function parseStatement(sql: string, mode: Mode, lex: LexOptions = {}): Statement {
  const tokens = tokenizeStatement(sql, mode, lex);
  if (tokens.length === 1) throw parseError(sql, 0);
  return new Parser(sql, tokens).statement();
}

import { recoveryWindowUs, cancelCleaning } from '../engine/clean.js';
import { ObErrors } from '../errors.js';
import { SqlError } from '../protocol/types.js';
import type { StatementResult } from '../protocol/types.js';
import type { StatementContext } from './context.js';
import { ok } from './context.js';
import { parseError } from './tokenizer.js';
import type { Token } from './tokenizer.js';

/**
 * `ALTER SYSTEM ADD DELETE BACKUP POLICY 'p' RECOVERY_WINDOW 'w' [TENANT [=] t]`,
 * `ALTER SYSTEM DROP DELETE BACKUP POLICY 'p' [TENANT [=] t]` and
 * `ALTER SYSTEM CANCEL DELETE BACKUP [TENANT [=] t]`, read from the tokens (null: another statement).
 */
export type CleanStatement =
  | { kind: 'addPolicy'; name: string; window: string; tenant: string | null }
  | { kind: 'dropPolicy'; name: string; tenant: string | null }
  | { kind: 'cancelDelete'; tenant: string | null };

export function parseCleanStatement(sql: string, tokens: Token[]): CleanStatement | null {
  const words = tokens.map((t) => (t.type === 'word' ? t.upper : ''));
  const at = (i: number, ...w: string[]) => w.every((x, k) => words[i + k] === x);
  let i: number;
  let kind: CleanStatement['kind'];
  if (at(0, 'ALTER', 'SYSTEM', 'ADD', 'DELETE', 'BACKUP', 'POLICY')) [kind, i] = ['addPolicy', 6];
  else if (at(0, 'ALTER', 'SYSTEM', 'DROP', 'DELETE', 'BACKUP', 'POLICY'))
    [kind, i] = ['dropPolicy', 6];
  else if (at(0, 'ALTER', 'SYSTEM', 'CANCEL', 'DELETE', 'BACKUP')) [kind, i] = ['cancelDelete', 5];
  else return null;
  const fail = (k: number): SqlError => parseError(sql, tokens[k]?.pos ?? sql.length);
  const str = (): string => {
    const t = tokens[i];
    if (!t || t.type !== 'string') throw fail(i);
    i++;
    return t.value;
  };
  const name = kind === 'cancelDelete' ? '' : str();
  let window = '';
  if (kind === 'addPolicy') {
    if (words[i] !== 'RECOVERY_WINDOW') throw fail(i);
    i++;
    window = str();
  }
  let tenant: string | null = null;
  if (words[i] === 'TENANT') {
    i++;
    if (tokens[i]?.value === '=' && tokens[i]?.type === 'op') i++;
    const t = tokens[i];
    if (!t || (t.type !== 'word' && t.type !== 'qident' && t.type !== 'string')) throw fail(i);
    tenant = t.value;
    i++;
  }
  if (tokens[i]?.type === 'op' && tokens[i]?.value === ';') i++;
  if (tokens[i]?.type !== 'eof') throw fail(i);
  if (kind === 'addPolicy') return { kind, name, window, tenant };
  if (kind === 'dropPolicy') return { kind, name, tenant };
  return { kind, tenant };
}

export function runCleanStatement(ctx: StatementContext, stmt: CleanStatement): StatementResult {
  if (!ctx.canAlterSystem) throw ObErrors.noPrivilege('ALTER SYSTEM');
  const engine = ctx.engine;
  let tenantIds: number[];
  if (!ctx.isSys) {
    if (stmt.tenant !== null)
      throw ObErrors.notSupported('user tenant cannot specify tenant names');
    tenantIds = [ctx.tenant.id];
  } else if (stmt.tenant === null) {
    if (stmt.kind !== 'cancelDelete') throw ObErrors.notSupported('No tenant name specified');
    tenantIds = engine.userTenants().map((t) => t.id);
  } else tenantIds = engine.resolveTenantNames([stmt.tenant]).map((t) => t.id);
  const store = ctx.store;
  engine.tick();
  store.transaction(() => {
    for (const id of tenantIds) {
      if (stmt.kind === 'addPolicy') {
        if (recoveryWindowUs(stmt.window) === null) throw ObErrors.invalidArgument();
        const exists = store.all(
          `SELECT 1 FROM __all_backup_delete_policy WHERE tenant_id = ? AND policy_name = ?`,
          [id, stmt.name],
        );
        if (exists.length > 0) throw new SqlError(4017, 'HY000', 'Entry already exist');
        store.run(`INSERT INTO __all_backup_delete_policy VALUES (?, ?, ?)`, [
          id,
          stmt.name,
          stmt.window,
        ]);
      } else if (stmt.kind === 'dropPolicy') {
        const exists = store.all(
          `SELECT 1 FROM __all_backup_delete_policy WHERE tenant_id = ? AND policy_name = ?`,
          [id, stmt.name],
        );
        if (exists.length === 0) throw new SqlError(4018, 'HY000', 'Entry not exist');
        store.run(
          `DELETE FROM __all_backup_delete_policy WHERE tenant_id = ? AND policy_name = ?`,
          [id, stmt.name],
        );
      }
    }
    if (stmt.kind === 'cancelDelete') cancelCleaning(store, tenantIds, ctx.engine.nowUs());
  });
  engine.tick();
  engine.onChange();
  return ok();
}

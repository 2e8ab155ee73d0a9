import type { Mode } from './tokenizer.js';

export interface SelectContext {
  mode: Mode;
  tenantId: number;
  offset: number;
  database: string | null;
  /** Key into __sim_session_privs (Oracle SESSION_PRIVS). */
  account: string;
  sysvar(name: string): string | number | null;
  uservar(name: string): string | number | null;
}

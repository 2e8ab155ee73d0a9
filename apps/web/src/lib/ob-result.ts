import { obError, type JobStatus } from '@obconsole/contracts';
import { en } from '../i18n/en';

/** RESULT of a job that was cancelled on request (OB_CANCELED). */
export const OB_CANCELED = -4072;

export type Outcome = 'completed' | 'failed' | 'canceled' | 'running';

/** A cancelled job reads as cancelled, never as failed, whatever its RESULT says. */
export function outcomeOf(job: { status: JobStatus; result?: number }): Outcome {
  if (job.status === 'CANCELED' || job.status === 'CANCELING' || job.result === OB_CANCELED)
    return 'canceled';
  if (job.status === 'COMPLETED') return 'completed';
  if (job.status === 'FAILED') return 'failed';
  return 'running';
}

export interface ParsedComment {
  source?: 'ROOTSERVICE' | 'SERVER';
  addr?: string;
  lsId?: string;
  module?: string;
  code?: number;
  text?: string;
  traceId?: string;
}

/**
 * COMMENT of a failed job (ObHAResultInfo::get_comment_str):
 * `(SERVER)ls_id: 1001, addr: 10.0.0.1:2882, module: BACKUP_DATA, result: -4016(Internal error), trace_id: Y…`
 */
export function parseComment(comment: string): ParsedComment {
  const out: ParsedComment = {};
  if (!comment) return out;
  const source = /^\s*\((ROOTSERVICE|SERVER)\)/i.exec(comment)?.[1]?.toUpperCase();
  if (source === 'ROOTSERVICE' || source === 'SERVER') out.source = source;
  const addr = /addr:\s*([^,\s]+)/i.exec(comment)?.[1];
  if (addr) out.addr = addr;
  const ls = /ls_id:\s*(\d+)/i.exec(comment)?.[1];
  if (ls) out.lsId = ls;
  const mod = /module:\s*([A-Z_]+)/i.exec(comment)?.[1];
  if (mod) out.module = mod.toUpperCase();
  const res = /result:\s*(-?\d+)\s*(?:\(([^)]*)\))?/i.exec(comment);
  if (res?.[1]) out.code = Number(res[1]);
  if (res?.[2]) out.text = res[2];
  const trace = /trace_id:\s*([^,\s]+)/i.exec(comment)?.[1];
  if (trace) out.traceId = trace;
  return out;
}

export type ObHintKey = keyof typeof en.obHint;

function hintKeyFor(code: number): ObHintKey | undefined {
  const key = String(-Math.abs(code));
  return key in en.obHint ? (key as ObHintKey) : undefined;
}

export interface FailureExplanation {
  code: number;
  symbol?: string;
  message?: string;
  hintKey?: ObHintKey;
  where: ParsedComment;
}

/** What went wrong, from RESULT (or the code inside COMMENT when RESULT is 0). */
export function explainFailure(result: number, comment: string): FailureExplanation {
  const where = parseComment(comment);
  const code = result !== 0 ? result : (where.code ?? 0);
  const info = code !== 0 ? obError(code) : undefined;
  return {
    code,
    symbol: info?.symbol,
    message: info?.message ?? where.text,
    hintKey: code !== 0 ? hintKeyFor(code) : undefined,
    where,
  };
}

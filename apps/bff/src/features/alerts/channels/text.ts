import { obError } from '@obconsole/contracts';
import type { AlertMessage, ChannelLanguage, Condition, JobFacts, Resolution } from './types.js';

/** A message said in words: a title, the lines of its body, and the link to the console. */
export interface RenderedText {
  title: string;
  lines: string[];
  link: string | null;
}

type Lang = ChannelLanguage;

const TYPE: Record<Lang, Record<'full' | 'incremental', string>> = {
  en: { full: 'full', incremental: 'incremental' },
  'zh-CN': { full: '全量', incremental: '增量' },
};

const SEVERITY: Record<Lang, Record<string, string>> = {
  en: { critical: 'CRITICAL', warning: 'WARNING', info: 'INFO' },
  'zh-CN': { critical: '严重', warning: '警告', info: '提示' },
};

/** The reason a job failed, as the history detail explains it: code, symbol, text, comment. */
export function jobReason(job: JobFacts): string {
  if (job.result === 0) return job.comment;
  const info = obError(job.result);
  const head = info ? `${job.result} ${info.symbol}: ${info.message}` : String(job.result);
  return job.comment && job.comment !== info?.message ? `${head} (${job.comment})` : head;
}

function jobLabel(lang: Lang, job: JobFacts): string {
  return lang === 'en'
    ? `${TYPE.en[job.type]} backup job ${job.jobId}`
    : `${TYPE['zh-CN'][job.type]}备份任务 ${job.jobId}`;
}

function what(lang: Lang, c: Condition, tenant: string): string {
  const en = lang === 'en';
  switch (c.kind) {
    case 'backup_failed':
      return en
        ? `The ${jobLabel(lang, c.job)} of tenant ${tenant} failed.`
        : `租户 ${tenant} 的${jobLabel(lang, c.job)} 失败。`;
    case 'backup_canceled':
      return en
        ? `The ${jobLabel(lang, c.job)} of tenant ${tenant} was canceled.`
        : `租户 ${tenant} 的${jobLabel(lang, c.job)} 已取消。`;
    case 'backup_slow':
      return en
        ? `The ${jobLabel(lang, c.job)} of tenant ${tenant} has run for ${c.runningMinutes} minutes (the limit is ${c.limitMinutes}).`
        : `租户 ${tenant} 的${jobLabel(lang, c.job)} 已运行 ${c.runningMinutes} 分钟（上限 ${c.limitMinutes} 分钟）。`;
    case 'no_success':
      if (c.of === 'full')
        return en
          ? `Tenant ${tenant} has had no successful full backup in ${c.limit} days.`
          : `租户 ${tenant} 已 ${c.limit} 天没有成功的全量备份。`;
      return en
        ? `Tenant ${tenant} has had no successful backup in ${c.limit} hours.`
        : `租户 ${tenant} 已 ${c.limit} 小时没有成功的备份。`;
    case 'archive_not_doing':
      return en
        ? `Log archiving of tenant ${tenant} is ${c.archiveStatus}, not DOING: new backups cannot start and the logs are not kept.`
        : `租户 ${tenant} 的日志归档状态为 ${c.archiveStatus}，不是 DOING：无法发起新备份，日志也未归档。`;
    case 'archive_lag':
      return en
        ? `The archive checkpoint of tenant ${tenant} is ${c.lagSeconds} s behind (the limit is ${c.limitSeconds} s).`
        : `租户 ${tenant} 的归档检查点落后 ${c.lagSeconds} 秒（上限 ${c.limitSeconds} 秒）。`;
    case 'policy_run_not_started': {
      const outcome = en
        ? { skipped: 'was skipped', refused: 'was refused', missed: 'was missed' }[c.outcome]
        : { skipped: '被跳过', refused: '被拒绝', missed: '错过了' }[c.outcome];
      return en
        ? `The run of policy ${c.policy} for ${c.slot} ${outcome} for tenant ${tenant}.`
        : `策略 ${c.policy} 在 ${c.slot} 的运行对租户 ${tenant} ${outcome}。`;
    }
  }
}

function why(lang: Lang, c: Condition): string | null {
  const en = lang === 'en';
  switch (c.kind) {
    case 'backup_failed':
      return (en ? 'Why: ' : '原因：') + (jobReason(c.job) || (en ? 'not given' : '未提供'));
    case 'no_success':
      return c.lastSuccessAt
        ? (en ? 'Last success: ' : '上次成功：') + c.lastSuccessAt
        : en
          ? 'There has never been one.'
          : '从未成功过。';
    case 'policy_run_not_started':
      return (en ? 'Why: ' : '原因：') + c.reason;
    default:
      return null;
  }
}

function resolvedBy(lang: Lang, r: Resolution): string {
  const en = lang === 'en';
  switch (r.by) {
    case 'backup_succeeded':
      return en
        ? `Cleared by the successful ${TYPE.en[r.type]} backup job ${r.jobId}.`
        : `${TYPE['zh-CN'][r.type]}备份任务 ${r.jobId} 成功，告警已恢复。`;
    case 'archive_doing':
      return en ? 'Log archiving is DOING again.' : '日志归档已恢复为 DOING。';
    case 'within_limit':
      return en ? 'Back within the limit.' : '已恢复到上限以内。';
    case 'job_ended':
      return en ? `The job ended ${r.status}.` : `任务已结束（${r.status}）。`;
    case 'run_started':
      return en ? `The policy's run for ${r.slot} started.` : `策略在 ${r.slot} 的运行已开始。`;
    case 'rule_removed':
      return en ? 'The rule was removed or disabled.' : '规则已删除或停用。';
  }
}

/** The message in the channel's language. Every field it shows comes from the message's facts. */
export function renderText(m: AlertMessage, lang: Lang): RenderedText {
  const en = lang === 'en';
  const clusterLine = (en ? 'Cluster: ' : '集群：') + `${m.cluster.name} (${m.cluster.id})`;
  if (m.event === 'test') {
    return {
      title: en ? 'Test message from the OceanBase backup console' : 'OceanBase 备份控制台测试消息',
      lines: [
        clusterLine,
        en ? "This channel receives the console's alerts." : '此通道可以收到控制台的告警。',
        (en ? 'Sent at: ' : '发送时间：') + m.sentAt,
      ],
      link: m.link,
    };
  }
  const c = m.condition;
  const tenant = m.tenant?.name ?? (en ? '(all tenants)' : '（所有租户）');
  const sentence = c ? what(lang, c, tenant) : '';
  const severity = m.rule ? `[${SEVERITY[lang][m.rule.severity]}] ` : '';
  const ruleName = m.rule?.name ?? '';
  const head =
    m.event === 'resolved'
      ? en
        ? 'Resolved'
        : '已恢复'
      : m.event === 'reminder'
        ? en
          ? 'Still open'
          : '仍未恢复'
        : en
          ? 'Alert'
          : '告警';
  const lines = [sentence];
  const reason = c ? why(lang, c) : null;
  if (reason) lines.push(reason);
  if (m.event === 'resolved' && m.resolution) lines.push(resolvedBy(lang, m.resolution));
  lines.push(clusterLine);
  if (m.tenant) lines.push((en ? 'Tenant: ' : '租户：') + `${m.tenant.name} (${m.tenant.id})`);
  if (c && 'job' in c)
    lines.push(
      (en ? 'Job: ' : '任务：') +
        `${c.job.jobId} (${TYPE[lang][c.job.type]}, ${c.job.status})` +
        (en ? `, started ${c.job.startTime}` : `，开始于 ${c.job.startTime}`),
    );
  if (m.incident)
    lines.push(
      (en ? 'Opened at: ' : '开始时间：') +
        m.incident.openedAt +
        (m.incident.resolvedAt
          ? (en ? ', resolved at: ' : '，恢复时间：') + m.incident.resolvedAt
          : ''),
    );
  return { title: `${severity}${head}: ${ruleName}`.trim(), lines, link: m.link };
}

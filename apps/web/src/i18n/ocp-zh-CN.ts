import type { OcpMessages } from './ocp-en';

/** 术语按 OceanBase 中文文档与 OCP：备份目的端、停止备份、备份密码、任务、错误信息、暂无备份。 */
export const ocpZhCN: OcpMessages = {
  tenants: {
    lastFull: '最近成功的全量备份',
    lastInc: '最近成功的增量备份',
    readiness: '备份就绪',
    actions: '操作',
    backUpNow: '立即备份',
    backUpNowOf: '立即备份 {{name}}',
    ready: '就绪',
    notReady: '未就绪',
    neverBackedUp: '暂无备份',
    neverWarning: '从未备份：无法恢复。',
    staleWarning: '已 {{days}} 天未备份。',
    set: '备份集 {{id}}',
    lastAttempt: '最近一次{{status}}',
    copyPath: '复制路径',
    ago: {
      seconds: '刚刚',
      minutes: '{{count}} 分钟前',
      hours: '{{count}} 小时前',
      days_one: '{{count}} 天前',
      days_other: '{{count}} 天前',
    },
  },
};

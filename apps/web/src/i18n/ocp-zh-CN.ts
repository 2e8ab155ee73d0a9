import type { OcpMessages } from './ocp-en';

/** 术语按 OceanBase 中文文档与 OCP：备份目的端、停止备份、备份密码、任务、错误信息、暂无备份。 */
export const ocpZhCN: OcpMessages = {
  a11y: {
    skipToContent: '跳到主要内容',
    step: '第 {{current}} 步，共 {{total}} 步：{{title}}',
  },
  review: {
    summary: '将要执行的操作',
    summaryType: '类型',
    summaryTenants: '租户',
    summaryAllTenants: '所有通过检查的用户租户',
    summaryPassword: '备份密码',
    summaryPasswordOn: '已设置：恢复时需要此密码（这是密码保护，不是对数据加密）',
    summaryPasswordOff: '无',
    summaryArchivelog: 'PLUS ARCHIVELOG',
    summaryDescription: '描述',
    checkPassed: '通过',
    checkFailed: '未通过',
    fix: '修复方法：由管理员执行以下语句，然后重新检查：',
    nothingWillRun: '检查全部通过之前不会执行任何语句。',
  },
  tenants: {
    lastFull: '最近成功的全量备份',
    lastInc: '最近成功的增量备份',
    readiness: '备份就绪',
    actions: '操作',
    backUpNow: '立即备份',
    backUpNowOf: '立即备份：{{name}}',
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

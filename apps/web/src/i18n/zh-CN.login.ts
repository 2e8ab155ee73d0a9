import type { LoginMessages } from './en';

/** 登录页与模拟集群提示。 */
export const zhCNLogin: LoginMessages = {
  sim: {
    title: '模拟集群',
    text: '本控制台运行在内置的 OceanBase 模拟器上，而非真实集群：这里的操作不会影响真实数据。',
    demoAccounts: '演示账号（点击填入表单）：',
    fill: '使用 {{user}}@{{tenant}}',
    role: {
      operator: '集群运维（ALTER SYSTEM 权限）',
      tenantAdminMysql: '租户管理员，MySQL 模式',
      tenantAdminOracle: '租户管理员，Oracle 模式',
      support: '只读支持（对 oceanbase.* 有 SELECT 权限）',
    },
  },
  login: {
    heading: '登录',
    intro: '使用集群的数据库账号登录：控制台将以 user@tenant 身份连接。',
    tenant: '租户',
    user: '用户名',
    password: '密码',
    submit: '登录',
    tenantRequired: '请输入租户名。',
    tenantInvalid: '租户名以字母或下划线开头，只能包含字母、数字和下划线。',
    userRequired: '请输入数据库用户名。',
    userInvalid: '用户名不能包含 @、#、: 或空格（租户请填写在单独的字段中）。',
    failed: '租户、用户名或密码错误',
    rateLimited: '登录尝试次数过多：登录已被暂时锁定',
    unavailable: '无法连接数据库',
    other: '登录失败',
    expired: '会话已结束。请重新登录以回到之前的页面。',
    retryAfter: '请在 {{wait}}后重试。',
  },
};

/** The login page and the simulated-cluster notice. */
export const enLogin = {
  sim: {
    title: 'Simulated cluster',
    text: 'This console runs on the embedded OceanBase simulator, not on a real cluster: nothing here touches real data.',
    demoAccounts: 'Demo logins (click one to fill in the form):',
    fill: 'Use {{user}}@{{tenant}}',
    role: {
      operator: 'cluster operator (ALTER SYSTEM)',
      tenantAdminMysql: 'tenant admin, MySQL mode',
      tenantAdminOracle: 'tenant admin, Oracle mode',
      support: 'read-only support (SELECT on oceanbase.*)',
    },
  },
  login: {
    heading: 'Log in',
    intro: 'Use a database account of the cluster: the console connects as user@tenant.',
    tenant: 'Tenant',
    user: 'User',
    password: 'Password',
    submit: 'Log in',
    tenantRequired: 'Enter a tenant name.',
    tenantInvalid: 'A tenant name is a letter or _ followed by letters, digits or _.',
    userRequired: 'Enter a database user.',
    userInvalid: 'A user name has no @, #, : or spaces (put the tenant in its own field).',
    failed: 'Wrong tenant, user or password',
    rateLimited: 'Too many login attempts: logins are locked for a while',
    unavailable: 'The database cannot be reached',
    other: 'Login failed',
    expired: 'Your session ended. Log in again to continue where you were.',
    retryAfter: 'Try again in {{wait}}.',
  },
};

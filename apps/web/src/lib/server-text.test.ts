import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage, i18n } from '../i18n';
import { checkText, enumLabel, errorText, serverText } from './server-text';
import { ApiError } from './http';

describe('what the server says, in the user language', () => {
  afterEach(async () => {
    await applyLanguage('en');
  });

  it('a refused precondition is worded from its code and params, its enum values translated', async () => {
    await applyLanguage('zh-CN');
    const params = {
      tenant: 'mysql_tenant',
      status: 'STOPPING',
      sql: 'ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant',
    };
    expect(serverText(i18n.t, 'LOG_ARCHIVE_NOT_DOING', params, 'English')).toBe(
      'mysql_tenant：日志归档状态为“停止中”，必须处于归档中。请执行 ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant 开启归档。',
    );
    expect(
      checkText(i18n.t, { code: 'LOG_ARCHIVE_NOT_DOING', ok: true, message: 'x', params }),
    ).toBe('日志归档正在进行。');
  });

  it('a variant picks its own sentence', async () => {
    await applyLanguage('zh-CN');
    const e = new ApiError(503, 'DATABASE_UNAVAILABLE', 'The database at h:1 …', undefined, {
      variant: 'host',
      host: '10.0.0.7:2881',
    });
    expect(errorText(i18n.t, e)).toBe('无法连接位于 10.0.0.7:2881 的数据库，请稍后重试。');
  });

  it('the caps of the hardening work (sessions, streams, queue, host) are said in Chinese with their numbers', async () => {
    await applyLanguage('zh-CN');
    const sessions = new ApiError(
      429,
      'TOO_MANY_SESSIONS',
      'root@sys already has 20 sessions open (the limit is 20).',
      undefined,
      { account: 'root@sys', live: 20, limit: 20 },
    );
    expect(errorText(i18n.t, sessions)).toContain('root@sys 已打开 20 个会话（上限为 20）');
    expect(serverText(i18n.t, 'DATABASE_BUSY', { limit: 20 }, 'busy')).toContain('已有 20 个请求');
    expect(
      serverText(
        i18n.t,
        'DATABASE_BUSY',
        { variant: 'budget', perAccount: 8, perCluster: 64 },
        'busy',
      ),
    ).toContain('每个账号 8 个，每个集群 64 个');
    expect(serverText(i18n.t, 'MISDIRECTED_REQUEST', { host: 'evil.example' }, 'x')).toBe(
      '本控制台不响应主机名“evil.example”。',
    );
  });

  it('a code or variant the web does not know keeps the server English message', async () => {
    await applyLanguage('zh-CN');
    const unknownCode = new ApiError(
      429,
      'A_CODE_FROM_A_NEWER_SERVER' as never,
      'This account has too many sessions; log out elsewhere.',
    );
    expect(errorText(i18n.t, unknownCode)).toBe(
      'This account has too many sessions; log out elsewhere.',
    );
    expect(serverText(i18n.t, 'FORBIDDEN', { variant: 'somethingNew' }, 'Server says no.')).toBe(
      'Server says no.',
    );
    expect(
      checkText(i18n.t, { code: 'TENANT_NOT_NORMAL', ok: false, message: 'Old server text' }),
    ).toBe('Old server text');
  });

  it('enum values get labels, and an unknown value stays as it is', async () => {
    await applyLanguage('zh-CN');
    expect(enumLabel(i18n.t, 'encryption', 'PASSWORD')).toBe('备份密码（仅密码保护，不加密）');
    expect(enumLabel(i18n.t, 'archiveStatus', null)).toBe('未开启');
    expect(enumLabel(i18n.t, 'tenantStatus', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
    await applyLanguage('en');
    expect(enumLabel(i18n.t, 'encryption', 'PASSWORD')).toBe(
      'Backup password (password protection, not encryption)',
    );
  });
});

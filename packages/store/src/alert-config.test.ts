import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, makeBackend, type TestBackend } from './test-helpers/backends.js';
import { AlertConfigStore, type NewChannel, type RuleRecord } from './alerts/config-repo.js';
import { SecretBox, SecretBoxError } from './sealing/secret-box.js';
import { DuplicateNameError } from './unique.js';

const TOKEN = 'dingtalk-access-token-0123456789';
const SECRET = 'SECabcdef0123456789';

const channel = (over: Partial<NewChannel> = {}): NewChannel => ({
  id: 'c1',
  clusterId: 'hz',
  kind: 'dingtalk',
  name: 'ops robot',
  url: `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`,
  maskedUrl: 'https://oapi.dingtalk.com/robot/send?access_token=••••',
  secret: SECRET,
  to: null,
  language: 'zh-CN',
  ...over,
});

const rule = (over: Partial<RuleRecord> = {}): RuleRecord => ({
  id: 'r1',
  clusterId: 'hz',
  kind: 'backup_slow',
  name: 'slow backups',
  tenants: ['mysql_tenant'],
  params: { minutes: 90 },
  channels: ['c1'],
  severity: 'warning',
  enabled: true,
  mutedUntil: null,
  remindEveryMinutes: 30,
  ...over,
});

describe.each(BACKENDS)('alert channels and rules in the store on %s', (kind) => {
  let b: TestBackend;
  const box = new SecretBox([randomBytes(32)]);
  afterEach(async () => {
    await b?.cleanup();
  });

  it('stores a channel URL and secret only sealed, and opens them only for the sender', async () => {
    b = await makeBackend(kind);
    const repo = new AlertConfigStore(await b.open(), box);
    const shown = await repo.createChannel(channel());
    expect(shown).toMatchObject({
      url: 'https://oapi.dingtalk.com/robot/send?access_token=••••',
      hasSecret: true,
    });
    expect(JSON.stringify(shown)).not.toContain(TOKEN);
    const raw = JSON.stringify(await b.raw('SELECT * FROM alert_channel'));
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain(SECRET);
    expect(await repo.target('hz', 'c1')).toMatchObject({ url: channel().url, secret: SECRET });
    expect(await repo.target('sh', 'c1')).toBeUndefined();
  });

  it('binds a sealed value to its row: copied to another channel it does not open', async () => {
    b = await makeBackend(kind);
    const repo = new AlertConfigStore(await b.open(), box);
    await repo.createChannel(channel());
    await repo.createChannel(
      channel({ id: 'c2', name: 'other', url: 'https://example.com/hook', secret: null }),
    );
    const [row] = await b.raw("SELECT sealed_url FROM alert_channel WHERE id = 'c1'");
    await b.raw("UPDATE alert_channel SET sealed_url = ? WHERE id = 'c2'", [row!.sealed_url]);
    await expect(repo.target('hz', 'c2')).rejects.toThrow(SecretBoxError);
  });

  it('changes a secret, removes it, and refuses a name used twice', async () => {
    b = await makeBackend(kind);
    const repo = new AlertConfigStore(await b.open(), box);
    await repo.createChannel(channel());
    await expect(repo.createChannel(channel({ id: 'c9' }))).rejects.toThrow(DuplicateNameError);
    expect(await repo.updateChannel('hz', 'c1', { secret: null, language: 'en' })).toBe(true);
    expect(await repo.channel('hz', 'c1')).toMatchObject({ hasSecret: false, language: 'en' });
    expect(await repo.updateChannel('sh', 'c1', { name: 'x' })).toBe(false);
    expect(await repo.deleteChannel('hz', 'c1')).toBe(true);
    expect(await repo.channels('hz')).toEqual([]);
  });

  it('keeps rules per cluster with their parameters, mute and reminders', async () => {
    b = await makeBackend(kind);
    const repo = new AlertConfigStore(await b.open(), box);
    await repo.createRule(rule());
    await repo.createRule(rule({ id: 'r2', clusterId: 'sh' }));
    await expect(repo.createRule(rule({ id: 'r3' }))).rejects.toThrow(DuplicateNameError);
    expect(await repo.rules('hz')).toEqual([rule()]);
    const muted = rule({ mutedUntil: '2026-12-03T00:00:00.000Z', enabled: false });
    expect(await repo.updateRule(muted)).toBe(true);
    expect(await repo.rule('hz', 'r1')).toEqual(muted);
    expect(await repo.deleteRule('hz', 'r2')).toBe(false);
    expect(await repo.deleteRule('sh', 'r2')).toBe(true);
  });
});

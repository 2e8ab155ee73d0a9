import { describe, expect, it } from 'vitest';
import { CreateChannelRequest, CreateRuleRequest, UpdateRuleRequest } from './alerts.js';

function issues(schema: typeof CreateChannelRequest | typeof CreateRuleRequest, input: unknown) {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('alert requests', () => {
  it('asks each channel kind for what it needs', () => {
    expect(issues(CreateChannelRequest, { kind: 'dingtalk', name: 'ops' })).toEqual([
      'url: a dingtalk channel needs its URL',
    ]);
    expect(issues(CreateChannelRequest, { kind: 'email', name: 'ops' })).toEqual([
      'to: an email channel needs recipients',
    ]);
    expect(issues(CreateChannelRequest, { kind: 'email', name: 'ops', to: ['dba@'] })).toEqual([
      'to.0: not an email address',
    ]);
    expect(
      issues(CreateChannelRequest, { kind: 'webhook', name: 'ops', url: 'ftp://x' })[0],
    ).toMatch(/^url: give the full http\(s\) URL/);
    expect(
      CreateChannelRequest.parse({
        kind: 'slack',
        name: 'ops',
        url: 'https://hooks.slack.com/services/T/B/X',
      }).language,
    ).toBe('en');
  });

  it('asks each rule kind for its parameter', () => {
    expect(issues(CreateRuleRequest, { kind: 'backup_slow', name: 'slow' })).toEqual([
      'params.minutes: backup_slow needs minutes: how long a job may run',
    ]);
    expect(
      issues(CreateRuleRequest, {
        kind: 'no_success',
        name: 'n',
        params: { days: 7, hours: 3 },
      })[0],
    ).toMatch(/either days .* or hours/);
    expect(
      issues(CreateRuleRequest, { kind: 'archive_lag', name: 'lag', params: { seconds: 0 } }),
    ).toEqual(['params.seconds: at least 1 second']);
    expect(CreateRuleRequest.parse({ kind: 'backup_failed', name: 'failed' })).toMatchObject({
      tenants: 'all',
      severity: 'warning',
      enabled: true,
      mutedUntil: null,
    });
  });

  it('a rule change holds only the fields given, so a missing field never resets one', () => {
    expect(UpdateRuleRequest.parse({ severity: 'info' })).toEqual({ severity: 'info' });
    expect(UpdateRuleRequest.parse({})).toEqual({});
  });
});

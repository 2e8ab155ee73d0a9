import { describe, expect, it } from 'vitest';
import { CreatePolicyRequest, UpdatePolicyRequest } from './policies.js';

const good = {
  name: 'nightly',
  tenants: 'all',
  full: { cron: '0 2 * * 0' },
  incremental: { cron: '0 2 * * 1-6' },
  timeZone: 'Asia/Shanghai',
};

function issues(input: unknown) {
  const r = CreatePolicyRequest.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('policy requests', () => {
  it('accepts a policy and fills its defaults', () => {
    expect(CreatePolicyRequest.parse(good)).toMatchObject({
      plusArchivelog: false,
      description: '',
      enabled: true,
      catchUpMinutes: 60,
    });
    expect(CreatePolicyRequest.parse({ ...good, incremental: undefined }).incremental).toBeNull();
  });

  it('says which field of a schedule is wrong', () => {
    expect(issues({ ...good, full: { cron: '0 25 * * 0' } })).toEqual([
      'full.cron: hour field: 25 is out of range (0-23)',
    ]);
    const r = CreatePolicyRequest.safeParse({ ...good, incremental: { cron: '0 2 * *' } });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path).toEqual(['incremental', 'cron']);
    expect((issue as { params?: { field: string } }).params).toEqual({ field: 'line' });
  });

  it('refuses an unknown time zone, no full schedule, an empty scope and a long password', () => {
    expect(issues({ ...good, timeZone: 'Asia/Atlantis' })).toEqual([
      'timeZone: unknown time zone: use an IANA name such as Asia/Shanghai or UTC',
    ]);
    expect(issues({ ...good, full: undefined })[0]).toMatch(/^full: /);
    expect(issues({ ...good, tenants: [] })).toEqual([
      'tenants: choose at least one tenant, or "all"',
    ]);
    expect(issues({ ...good, encryptionPassword: 'x'.repeat(129) })).toEqual([
      'encryptionPassword: the encryption password is at most 128 characters',
    ]);
    expect(issues({ ...good, name: ' ' })).toEqual(['name: give the policy a name']);
    expect(issues({ ...good, bogus: 1 })[0]).toMatch(/bogus/);
  });

  it('lets a change remove the password with null', () => {
    expect(UpdatePolicyRequest.parse({ encryptionPassword: null })).toEqual({
      encryptionPassword: null,
    });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmtpReceiver } from '../../../testing/smtp-receiver.js';
import { OutboundPolicy } from './allowed-hosts.js';
import { sendToChannel } from './send.js';
import type { SmtpSettings } from './email.js';
import { channel, failedBackupMessage } from './fixtures.test-helpers.js';

describe('email channel', () => {
  const smtp = new SmtpReceiver();
  let settings: SmtpSettings;
  const policy = new OutboundPolicy(['127.0.0.1']);
  beforeAll(async () => {
    await smtp.start();
    settings = {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      user: smtp.user,
      password: smtp.password,
      from: 'OceanBase backup console <console@example.com>',
      timeoutMs: 5000,
    };
  });
  afterAll(() => smtp.stop());
  beforeEach(() => {
    smtp.mails.length = 0;
    smtp.refuse.clear();
  });

  it('mails every recipient the alert in the channel language, its id as Message-ID', async () => {
    const r = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'email', to: ['dba@example.com', 'oncall@example.com'], language: 'zh-CN' }),
      { policy, smtp: settings },
    );
    expect(r).toMatchObject({ ok: true, status: 250 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.from).toBe('console@example.com');
    expect(mail.to).toEqual(['dba@example.com', 'oncall@example.com']);
    expect(mail.raw).toMatch(/^Message-ID: <inc-7f3a:opened@obconsole>/im);
    // Subject and body are UTF-8 encoded words / quoted-printable: decode what matters.
    // A long subject is folded over several header lines.
    const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im
      .exec(mail.raw)![1]!
      .replace(/\r?\n[ \t]/g, ' ');
    expect(decodeWords(subject)).toBe('[严重] 告警: backup failed');
    const body = decodeQuotedPrintable(mail.raw);
    expect(body).toContain('原因：-9040 OB_BACKUP_CAN_NOT_START');
    expect(body).toContain('https://console.example.com/clusters/obcluster-hz/history/1002/17');
  });

  it('reports a refused recipient as a permanent failure', async () => {
    smtp.refuse.add('nobody@example.com');
    const r = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'email', to: ['nobody@example.com'] }),
      { policy, smtp: settings },
    );
    expect(r).toMatchObject({ ok: false, retryable: false });
    expect(r.error).toMatch(/nobody@example\.com|550/);
  });

  it('reports wrong SMTP credentials without showing the password', async () => {
    const r = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'email', to: ['dba@example.com'] }),
      {
        policy,
        smtp: { ...settings, password: 'wrong-password-xyz' },
      },
    );
    expect(r).toMatchObject({ ok: false, status: 535, retryable: false });
    expect(JSON.stringify(r)).not.toContain('wrong-password-xyz');
  });

  it('says what is missing when no SMTP server is configured', async () => {
    const r = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'email', to: ['a@example.com'] }),
      { policy },
    );
    expect(r.error).toBe('no SMTP server is configured (set SMTP_HOST and SMTP_FROM)');
  });
});

/** RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=), enough for a subject line. */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function decodeQuotedPrintable(raw: string): string {
  const bytes = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

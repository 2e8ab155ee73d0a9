import { describe, expect, it } from 'vitest';
import { AlertsConfigError, alertsSettingsFromEnv } from './settings.js';

describe('alert settings from the environment', () => {
  it('reads the allow-list and an SMTP server, STARTTLS on 587 by default', () => {
    const s = alertsSettingsFromEnv({
      ALERTS_ALLOWED_HOSTS: 'hooks.corp.example, 10.0.0.0/8',
      SMTP_HOST: 'smtp.example.com',
      SMTP_FROM: 'obconsole@example.com',
      SMTP_USER: 'u',
      SMTP_PASSWORD: 'p',
    });
    expect(s.allowedHosts).toEqual(['hooks.corp.example', '10.0.0.0/8']);
    expect(s.smtp).toMatchObject({ host: 'smtp.example.com', port: 587, security: 'starttls' });
    expect(alertsSettingsFromEnv({})).toEqual({ allowedHosts: [] });
  });

  it('names the variable and what to write when one is wrong', () => {
    expect(() => alertsSettingsFromEnv({ ALERTS_ALLOWED_HOSTS: '10.0.0.0/abc' })).toThrow(
      /ALERTS_ALLOWED_HOSTS: not a CIDR range: 10.0.0.0\/abc/,
    );
    expect(() => alertsSettingsFromEnv({ SMTP_HOST: 'smtp.example.com' })).toThrow(/SMTP_FROM/);
    expect(() =>
      alertsSettingsFromEnv({ SMTP_HOST: 'h', SMTP_FROM: 'a@b.c', SMTP_SECURITY: 'ssl' }),
    ).toThrow(AlertsConfigError);
    // A password without its user is refused without repeating the password.
    let message = '';
    try {
      alertsSettingsFromEnv({
        SMTP_HOST: 'h',
        SMTP_FROM: 'a@b.c',
        SMTP_PASSWORD: 'hunter2-secret',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('SMTP_USER and SMTP_PASSWORD');
    expect(message).not.toContain('hunter2-secret');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { browserLanguage, getLanguage, systemTheme } from './preferences';
import { env } from '../config/env';

describe('first-visit preferences', () => {
  it('a Chinese browser gets zh-CN, whatever its region', () => {
    expect(browserLanguage(['zh-CN'])).toBe('zh-CN');
    expect(browserLanguage(['zh-TW', 'en'])).toBe('zh-CN');
    expect(browserLanguage(['zh'])).toBe('zh-CN');
  });

  it('the first supported language in the browser list wins, English otherwise', () => {
    expect(browserLanguage(['en-US', 'zh-CN'])).toBe('en');
    expect(browserLanguage(['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(browserLanguage(['fr-FR'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });

  it('the theme follows the system colour scheme', () => {
    const dark = vi
      .spyOn(window, 'matchMedia')
      .mockImplementation(
        (q: string) => ({ matches: q.includes('dark'), media: q }) as MediaQueryList,
      );
    expect(systemTheme()).toBe('dark');
    dark.mockImplementation((q: string) => ({ matches: false, media: q }) as MediaQueryList);
    expect(systemTheme()).toBe('light');
    dark.mockRestore();
  });

  it('a language chosen in another tab applies here as soon as the browser says so', async () => {
    const key = `${env.storagePrefix}.preferences`;
    const other = getLanguage() === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem(
      key,
      JSON.stringify({ state: { language: other, theme: 'dark' }, version: 0 }),
    );
    window.dispatchEvent(new StorageEvent('storage', { key }));
    await vi.waitFor(() => expect(getLanguage()).toBe(other));
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRate, formatRelative, formatCount } from './format';

describe('locale formatting', () => {
  it('durations use each language’s units', () => {
    expect(formatDuration(3725, 'en')).toBe('1h 02m 05s');
    expect(formatDuration(3725, 'zh-CN')).toBe('1小时02分05秒');
    expect(formatDuration(65, 'zh-CN')).toBe('1分05秒');
    expect(formatDuration(9, 'en')).toBe('9s');
  });

  it('sizes keep OceanBase’s units and the language’s number format; rates say per second', () => {
    expect(formatBytes(1536, 'en')).toBe('1.50 KB');
    expect(formatBytes(1536, 'de')).toBe('1,50 KB');
    expect(formatRate(1048576, 'zh-CN')).toBe('1.00 MB/秒');
    expect(formatRate(1048576, 'en')).toBe('1.00 MB/s');
    expect(formatCount(12345, 67890, 'en')).toBe('12,345 / 67,890');
  });

  it('relative times read naturally in both languages', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(formatRelative('2026-12-01T11:57:00Z', now, 'en')).toBe('3 minutes ago');
    expect(formatRelative('2026-12-01T11:57:00Z', now, 'zh-CN')).toBe('3分钟前');
    expect(formatRelative('2026-11-29T12:00:00Z', now, 'zh-CN')).toBe('前天');
  });
});

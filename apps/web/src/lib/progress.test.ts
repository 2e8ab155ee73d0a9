import { describe, expect, it } from 'vitest';
import type { Progress } from '@obconsole/contracts';
import { barPercent, liveElapsed, visibleEta } from './progress';

const base: Progress = {
  percent: 0,
  macroBlocks: { done: 0, total: 1000 },
  tablets: { done: 0, total: 600 },
  inputBytes: 0,
  outputBytes: 0,
  rateBytesPerSec: 0,
  elapsedSeconds: 30,
  etaSeconds: 600,
};

describe('the ETA rule', () => {
  it('stays hidden until more than 5 % of the work is done, even when the BFF sends an estimate', () => {
    expect(visibleEta({ ...base, percent: 0 }, 0)).toBeNull();
    expect(visibleEta({ ...base, percent: 4.99 }, 0)).toBeNull();
    expect(visibleEta({ ...base, percent: 5 }, 0)).toBeNull();
    expect(visibleEta({ ...base, percent: 5.01 }, 0)).toBe(600);
  });

  it('stays hidden while the BFF has no estimate', () => {
    expect(visibleEta({ ...base, percent: 50, etaSeconds: null }, 0)).toBeNull();
  });

  it('counts down between updates and never below zero', () => {
    const p = { ...base, percent: 40, etaSeconds: 120 };
    expect(visibleEta(p, 1)).toBe(119);
    expect(visibleEta(p, 30.5)).toBe(89.5);
    expect(visibleEta(p, 500)).toBe(0);
  });

  it('advances elapsed locally and never shows 100 % before completion', () => {
    expect(liveElapsed(base, 5)).toBe(35);
    expect(barPercent(100)).toBe(99.99);
    expect(barPercent(-1)).toBe(0);
  });
});

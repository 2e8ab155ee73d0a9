import { describe, expect, it } from 'vitest';
import { SharedReads } from './shared-read.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SharedReads', () => {
  it('runs one read for concurrent callers of a key, and reuses it while fresh', async () => {
    let now = 0;
    const shared = new SharedReads<number>(1000, () => now);
    let reads = 0;
    const d = deferred<number>();
    const read = () => {
      reads += 1;
      return d.promise;
    };
    const all = Promise.all([shared.get('a', read), shared.get('a', read), shared.get('a', read)]);
    d.resolve(7);
    expect(await all).toEqual([7, 7, 7]);
    expect(reads).toBe(1);
    now = 999;
    expect(await shared.get('a', () => Promise.resolve(8))).toBe(7);
    now = 1001;
    expect(await shared.get('a', () => Promise.resolve(8))).toBe(8);
  });

  it('keys are separate, failures are not kept, and clear() drops an answer read before it', async () => {
    const shared = new SharedReads<string>(1000, () => 0);
    expect(await shared.get('x', () => Promise.resolve('x1'))).toBe('x1');
    expect(await shared.get('y', () => Promise.resolve('y1'))).toBe('y1');
    await expect(shared.get('z', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await shared.get('z', () => Promise.resolve('z2'))).toBe('z2');

    const d = deferred<string>();
    const inFlight = shared.get('x2', () => d.promise);
    shared.clear();
    d.resolve('before the change');
    expect(await inFlight).toBe('before the change');
    expect(await shared.get('x2', () => Promise.resolve('after'))).toBe('after');
  });
});

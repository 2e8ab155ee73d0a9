import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

describe('SingleFlight', () => {
  it('runs one read for concurrent callers of a key, and a new one once it has settled', async () => {
    const flight = new SingleFlight<number>();
    let reads = 0;
    const d = deferred<number>();
    const read = () => {
      reads += 1;
      return d.promise;
    };
    const all = Promise.all([flight.get('a', read), flight.get('a', read), flight.get('a', read)]);
    d.resolve(7);
    expect(await all).toEqual([7, 7, 7]);
    expect(reads).toBe(1);
    expect(flight.size).toBe(0);
    expect(await flight.get('a', () => Promise.resolve(8))).toBe(8);
  });

  it('keys are separate, failures are not kept, and after clear() callers get a fresh read', async () => {
    const flight = new SingleFlight<string>();
    expect(await flight.get('x', () => Promise.resolve('x1'))).toBe('x1');
    expect(await flight.get('y', () => Promise.resolve('y1'))).toBe('y1');
    await expect(flight.get('z', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await flight.get('z', () => Promise.resolve('z2'))).toBe('z2');

    const d = deferred<string>();
    const inFlight = flight.get('x2', () => d.promise);
    flight.clear();
    const after = flight.get('x2', () => Promise.resolve('after'));
    d.resolve('before the change');
    expect(await inFlight).toBe('before the change');
    expect(await after).toBe('after');
    expect(flight.size).toBe(0);
  });
});

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { writeCsvChunks, type CsvSink } from './history-csv.js';

/** A socket-like sink that is full after every write until the test lets it drain. */
class FullSink extends EventEmitter implements CsvSink {
  writes: string[] = [];
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return false;
  }
  drain(): void {
    this.emit('drain');
  }
}

const chunk = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('the CSV writer', () => {
  it('writes a chunk of rows as one write, and reads the next chunk while the socket is full', async () => {
    const sink = new FullSink();
    const chunks = [chunk(1, 1000), chunk(1001, 1000), chunk(2001, 3)];
    let reads = 0;
    let renewed = 0;
    const next = () => {
      reads += 1;
      const c = chunks[reads];
      return Promise.resolve(
        c ? { done: false as const, value: c } : { done: true as const, value: undefined },
      );
    };
    const done = writeCsvChunks(
      sink,
      ['n'],
      (n: number) => [n],
      { done: false, value: chunks[0]! },
      next,
      () => (renewed += 1),
    );
    await new Promise((r) => setImmediate(r));
    // The first chunk is written and waits for the socket; the second is already being read.
    expect(sink.writes).toHaveLength(1);
    expect(reads).toBe(1);
    sink.drain();
    await new Promise((r) => setImmediate(r));
    expect(sink.writes).toHaveLength(2);
    expect(reads).toBe(2);
    // One drain listener for the whole export, not one per chunk (they piled up on the gzip stream).
    expect(sink.listenerCount('drain')).toBe(1);
    sink.drain();
    await new Promise((r) => setImmediate(r));
    sink.drain();
    expect(await done).toBe('done');
    expect(sink.writes).toHaveLength(3);
    expect(renewed).toBe(3);
    const text = sink.writes.join('');
    expect(text.startsWith('\ufeffn\n1\n2\n')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(1 + 2003);
  });

  it('stops when the client leaves while the socket is full, and an empty export still has its header', async () => {
    const sink = new FullSink();
    let reads = 0;
    const done = writeCsvChunks(
      sink,
      ['n'],
      (n: number) => [n],
      { done: false, value: [1] },
      () => {
        reads += 1;
        return Promise.resolve({ done: false as const, value: [reads + 1] });
      },
      () => undefined,
    );
    await new Promise((r) => setImmediate(r));
    sink.emit('close');
    expect(await done).toBe('aborted');
    expect(sink.writes).toHaveLength(1);

    const empty = new FullSink();
    expect(
      await writeCsvChunks(
        empty,
        ['a', 'b'],
        (n: number) => [n],
        { done: true, value: undefined },
        () => Promise.reject(new Error('not called')),
        () => undefined,
      ),
    ).toBe('done');
    expect(empty.writes).toEqual(['\ufeffa,b\n']);
  });
});

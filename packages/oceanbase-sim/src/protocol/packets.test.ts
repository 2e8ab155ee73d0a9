import { describe, expect, it } from 'vitest';
import { doubleSha1, generateScramble, verifyNativeToken } from './native-password.js';
import { PacketWriter } from './packets.js';
import { nativeToken } from './test-helpers/raw-client.js';

const MAX = 0xffffff;

function headers(data: Buffer): { length: number; sequenceId: number }[] {
  const found = [];
  for (let at = 0; at < data.length;) {
    const length = data.readUIntLE(at, 3);
    found.push({ length, sequenceId: data[at + 3] ?? -1 });
    at += 4 + length;
  }
  return found;
}

describe('PacketWriter', () => {
  it('numbers packets and wraps sequence ids at 256', () => {
    const w = new PacketWriter(254, 8);
    for (let i = 0; i < 3; i++) w.begin().int1(i).end();
    expect(headers(w.take())).toEqual([
      { length: 1, sequenceId: 254 },
      { length: 1, sequenceId: 255 },
      { length: 1, sequenceId: 0 },
    ]);
  });

  it('encodes length-encoded integers', () => {
    const w = new PacketWriter(0);
    w.begin()
      .lenencInt(250)
      .lenencInt(251)
      .lenencInt(0x10000)
      .lenencInt(2 ** 40)
      .end();
    expect(w.take().subarray(4).toString('hex')).toBe(
      'fa' + 'fcfb00' + 'fd000001' + 'fe0000000000010000',
    );
  });

  it('splits payloads of 16 MiB - 1 and more, ending with a shorter (maybe empty) packet', () => {
    const w = new PacketWriter(0);
    w.begin().zeros(MAX).end();
    w.begin()
      .bytes(Buffer.alloc(MAX + 10, 1))
      .end();
    w.begin().int1(7).end();
    const data = w.take();
    expect(headers(data)).toEqual([
      { length: MAX, sequenceId: 0 },
      { length: 0, sequenceId: 1 },
      { length: MAX, sequenceId: 2 },
      { length: 10, sequenceId: 3 },
      { length: 1, sequenceId: 4 },
    ]);
    expect(data.at(-1)).toBe(7);
  });
});

describe('mysql_native_password', () => {
  const scramble = generateScramble();

  it('accepts the token of the right password only', () => {
    const stored = doubleSha1('secret');
    expect(verifyNativeToken(nativeToken('secret', scramble), scramble, stored)).toBe(true);
    expect(verifyNativeToken(nativeToken('Secret', scramble), scramble, stored)).toBe(false);
    expect(verifyNativeToken(nativeToken('secret', generateScramble()), scramble, stored)).toBe(
      false,
    );
    expect(verifyNativeToken(Buffer.alloc(0), scramble, stored)).toBe(false);
    expect(verifyNativeToken(Buffer.alloc(19), scramble, stored)).toBe(false);
  });

  it('accepts an empty token only for an account without a password', () => {
    expect(verifyNativeToken(Buffer.alloc(0), scramble, doubleSha1(''))).toBe(true);
    expect(verifyNativeToken(Buffer.alloc(0), scramble, Buffer.alloc(0))).toBe(true);
    expect(verifyNativeToken(nativeToken('x', scramble), scramble, doubleSha1(''))).toBe(false);
  });

  it('stores SHA1(SHA1(password))', () => {
    expect(doubleSha1('secret').toString('hex')).toBe('14e65567abdb5135d0cfd9a70b3032c179a49ee7');
  });

  it('makes scrambles a C string can hold', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = [...generateScramble()];
      expect(bytes.every((byte) => byte > 0 && byte < 0x80 && byte !== 0x24)).toBe(true);
    }
  });
});

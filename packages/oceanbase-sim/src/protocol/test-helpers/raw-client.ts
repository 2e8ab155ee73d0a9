import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface RawPacket {
  sequenceId: number;
  payload: Buffer;
}

export interface Greeting {
  serverVersion: string;
  connectionId: number;
  capabilities: number;
  scramble: Buffer;
  plugin: string;
}

export interface HandshakeOptions {
  user: string;
  /** Defaults to the token mysql_native_password would send for `password`. */
  token?: Buffer;
  password?: string;
  database?: string;
  plugin?: string;
  capabilities: number;
}

function sha1(...parts: Buffer[]): Buffer {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** What a client sends for mysql_native_password. */
export function nativeToken(password: string, scramble: Buffer): Buffer {
  if (password === '') return Buffer.alloc(0);
  const stage1 = sha1(Buffer.from(password));
  const mask = sha1(scramble, sha1(stage1));
  return Buffer.from(stage1.map((byte, i) => byte ^ (mask[i] ?? 0)));
}

/** A bare MySQL-protocol client, to send what real clients won't (or can't be told to). */
export class RawClient {
  private buffered = Buffer.alloc(0);
  private readonly waiting: ((packet: RawPacket | null) => void)[] = [];
  private ended = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.deliver();
    });
    socket.on('close', () => {
      this.ended = true;
      this.deliver();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** The next packet, or null once the server has closed the connection. */
  read(): Promise<RawPacket | null> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.deliver();
    });
  }

  async readOrThrow(): Promise<RawPacket> {
    const packet = await this.read();
    if (!packet) throw new Error('connection closed');
    return packet;
  }

  send(sequenceId: number, payload: Buffer): void {
    const header = Buffer.alloc(4);
    header.writeUIntLE(payload.length, 0, 3);
    header[3] = sequenceId;
    this.socket.write(Buffer.concat([header, payload]));
  }

  command(code: number, body: Buffer | string = Buffer.alloc(0)): void {
    this.send(
      0,
      Buffer.concat([Buffer.from([code]), typeof body === 'string' ? Buffer.from(body) : body]),
    );
  }

  async readGreeting(): Promise<Greeting> {
    const { payload } = await this.readOrThrow();
    const versionEnd = payload.indexOf(0, 1);
    let at = versionEnd + 1;
    const connectionId = payload.readUInt32LE(at);
    at += 4;
    const scramble1 = payload.subarray(at, at + 8);
    at += 9;
    const low = payload.readUInt16LE(at);
    at += 2 + 1 + 2;
    const high = payload.readUInt16LE(at);
    at += 2 + 1 + 10;
    const scramble2 = payload.subarray(at, at + 12);
    at += 13;
    return {
      serverVersion: payload.toString('utf8', 1, versionEnd),
      connectionId,
      capabilities: low | (high << 16),
      scramble: Buffer.concat([scramble1, scramble2]),
      plugin: payload.toString('utf8', at, payload.indexOf(0, at)),
    };
  }

  sendHandshakeResponse(greeting: Greeting, options: HandshakeOptions): void {
    const token = options.token ?? nativeToken(options.password ?? '', greeting.scramble);
    const fixed = Buffer.alloc(32);
    fixed.writeUInt32LE(options.capabilities >>> 0, 0);
    fixed.writeUInt32LE(16 * 1024 * 1024, 4);
    fixed[8] = 45;
    this.send(
      1,
      Buffer.concat([
        fixed,
        Buffer.from(`${options.user}\0`),
        Buffer.from([token.length]),
        token,
        options.database === undefined ? Buffer.alloc(0) : Buffer.from(`${options.database}\0`),
        Buffer.from(`${options.plugin ?? 'mysql_native_password'}\0`),
      ]),
    );
  }

  close(): void {
    this.socket.destroy();
  }

  private deliver(): void {
    while (this.waiting.length > 0) {
      if (this.buffered.length >= 4) {
        const length = this.buffered.readUIntLE(0, 3);
        if (this.buffered.length >= 4 + length) {
          const packet = {
            sequenceId: this.buffered[3] ?? 0,
            payload: this.buffered.subarray(4, 4 + length),
          };
          this.buffered = this.buffered.subarray(4 + length);
          this.waiting.shift()?.(packet);
          continue;
        }
      }
      if (!this.ended) return;
      this.waiting.shift()?.(null);
    }
  }
}

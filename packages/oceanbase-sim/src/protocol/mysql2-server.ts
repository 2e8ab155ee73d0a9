import mysql from 'mysql2';
import type { EventEmitter } from 'node:events';
import type { Server as NetServer, Socket } from 'node:net';

/*
 * Typings for the parts of mysql2's server side this layer drives; mysql2 ships none for them.
 * They describe mysql2 3.24 (lib/server.js, lib/base/connection.js, lib/packets/packet.js).
 */

/** An incoming packet, already reassembled when the client split it at 16 MiB. */
export interface WirePacket {
  readonly sequenceId: number;
  readInt8(): number;
  readInt16(): number;
  readInt32(): number;
  readBuffer(length?: number): Buffer;
  readLengthCodedNumber(): number | null;
  readSInt8(): number;
  readSInt16(): number;
  readSInt32(): number;
  readInt64String(): string;
  readSInt64String(): string;
  readFloat(): number;
  readDouble(): number;
  readLengthCodedString(encoding: string): string;
  readNullTerminatedString(encoding: string): string;
  /** Reads to the end of the packet. */
  readString(length: undefined, encoding: string): string;
  haveMoreData(): boolean;
  skip(count: number): void;
}

/**
 * A mysql2 "command": the connection feeds it every incoming packet (first `undefined`, when
 * it is added) until execute() returns true.
 */
export interface WireCommand {
  execute(packet: WirePacket | undefined, connection: WireConnection): boolean;
}

export interface WireConnection extends EventEmitter {
  readonly stream: Socket;
  /**
   * The sequence id mysql2 expects on the next incoming packet (it warns "got packets out of
   * order" otherwise) and bumps past each one it receives.
   */
  sequenceId: number;
  addCommand(command: WireCommand): void;
  /** Queues incoming packets (and pauses the socket) until resume() replays them. */
  pause(): void;
  resume(): void;
}

export interface WireServer extends EventEmitter {
  /** The underlying net.Server; mysql2's wrapper has no address() or error events of its own. */
  readonly _server: NetServer;
  listen(port: number, host: string, onListening: () => void): this;
  on(event: 'connection', listener: (connection: WireConnection) => void): this;
}

export function createWireServer(): WireServer {
  return (mysql.createServer as unknown as () => WireServer)();
}

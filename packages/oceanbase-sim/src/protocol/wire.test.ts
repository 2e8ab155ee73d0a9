import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Capability, Command } from './packets.js';
import { createProtocolServer } from './server.js';
import type { ProtocolServer } from './server.js';
import { FakeBackend, SERVER_VERSION } from './test-helpers/fake-backend.js';
import { RawClient, nativeToken } from './test-helpers/raw-client.js';
import type { RawPacket } from './test-helpers/raw-client.js';

/** What libmysqlclient-style clients send, minus the optional extras. */
const CLIENT =
  Capability.LONG_PASSWORD |
  Capability.PROTOCOL_41 |
  Capability.SECURE_CONNECTION |
  Capability.PLUGIN_AUTH |
  Capability.TRANSACTIONS |
  Capability.MULTI_RESULTS;

const backend = new FakeBackend();
let server: ProtocolServer;
let port: number;
const clients: RawClient[] = [];

beforeAll(async () => {
  server = createProtocolServer(backend, { logger: () => undefined });
  port = await server.listen();
});

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

afterAll(async () => {
  await server.close();
});

async function open(): Promise<RawClient> {
  const client = await RawClient.connect(port);
  clients.push(client);
  return client;
}

async function login(capabilities = CLIENT): Promise<RawClient> {
  const client = await open();
  const greeting = await client.readGreeting();
  client.sendHandshakeResponse(greeting, { user: 'root@sys', password: 'secret', capabilities });
  expect(await client.readOrThrow()).toMatchObject({
    sequenceId: 2,
    payload: Buffer.from([0, 0, 0, 2, 0, 0, 0]),
  });
  return client;
}

/** Reads packets until one is an OK, ERR or (final) EOF; `eofs` says how many EOFs to pass. */
async function readResponse(client: RawClient, eofs = 0): Promise<RawPacket[]> {
  const packets: RawPacket[] = [];
  for (;;) {
    const packet = await client.readOrThrow();
    packets.push(packet);
    const first = packet.payload[0];
    const isEof = first === 0xfe && packet.payload.length < 9;
    if (isEof && eofs-- > 0) continue;
    if (first === 0xff || isEof || (packets.length === 1 && first === 0x00)) return packets;
  }
}

function errorOf(packet: RawPacket | undefined): {
  errno: number;
  sqlState: string;
  message: string;
} {
  const payload = packet?.payload ?? Buffer.alloc(0);
  expect(payload[0]).toBe(0xff);
  return {
    errno: payload.readUInt16LE(1),
    sqlState: payload.toString('utf8', 4, 9),
    message: payload.toString('utf8', 9),
  };
}

describe('handshake', () => {
  it('greets with protocol 10, the backend version and mysql_native_password, without SSL', async () => {
    const client = await open();
    const greeting = await client.readGreeting();
    expect(greeting).toMatchObject({
      serverVersion: SERVER_VERSION,
      plugin: 'mysql_native_password',
    });
    expect(greeting.scramble).toHaveLength(20);
    expect(greeting.scramble.includes(0)).toBe(false);
    expect(greeting.capabilities & Capability.SSL).toBe(0);
    expect(greeting.capabilities & Capability.DEPRECATE_EOF).toBe(Capability.DEPRECATE_EOF);
  });

  it('switches a client that hashed for another plugin to mysql_native_password', async () => {
    const client = await open();
    const greeting = await client.readGreeting();
    client.sendHandshakeResponse(greeting, {
      user: 'root@sys',
      token: Buffer.alloc(32, 7),
      plugin: 'caching_sha2_password',
      capabilities: CLIENT,
    });
    const request = await client.readOrThrow();
    expect(request.sequenceId).toBe(2);
    expect(request.payload).toEqual(
      Buffer.concat([
        Buffer.from('\xfemysql_native_password\0', 'latin1'),
        greeting.scramble,
        Buffer.from([0]),
      ]),
    );
    client.send(3, nativeToken('secret', greeting.scramble));
    expect(await client.readOrThrow()).toMatchObject({
      sequenceId: 4,
      payload: Buffer.from([0, 0, 0, 2, 0, 0, 0]),
    });
    client.command(Command.QUERY, 'select 1');
    const response = await readResponse(client, 1);
    expect(response.map((packet) => packet.sequenceId)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a wrong password after an auth switch and closes', async () => {
    const client = await open();
    const greeting = await client.readGreeting();
    client.sendHandshakeResponse(greeting, {
      user: 'root@sys',
      token: Buffer.alloc(32, 7),
      plugin: 'caching_sha2_password',
      capabilities: CLIENT,
    });
    await client.readOrThrow();
    client.send(3, nativeToken('wrong', greeting.scramble));
    const refusal = await client.readOrThrow();
    expect(refusal.sequenceId).toBe(4);
    expect(errorOf(refusal)).toMatchObject({ errno: 1045, sqlState: '42000' });
    expect(await client.read()).toBeNull();
  });

  it('refuses a client that wants TLS', async () => {
    const client = await open();
    const greeting = await client.readGreeting();
    client.sendHandshakeResponse(greeting, {
      user: 'root@sys',
      capabilities: CLIENT | Capability.SSL,
    });
    expect(errorOf(await client.readOrThrow())).toMatchObject({ errno: 1043, sqlState: '08S01' });
    expect(await client.read()).toBeNull();
  });
});

describe('commands', () => {
  it('ends column lists and rows with EOF packets for classic clients', async () => {
    const client = await login();
    client.command(Command.QUERY, 'select types');
    const response = await readResponse(client, 1);
    // count, 9 columns, EOF, 2 rows, EOF
    expect(response).toHaveLength(14);
    expect(response.map((packet) => packet.sequenceId)).toEqual(
      Array.from({ length: 14 }, (_, i) => i + 1),
    );
    expect(response[10]?.payload).toEqual(Buffer.from([0xfe, 0, 0, 2, 0]));
    expect(response[13]?.payload).toEqual(Buffer.from([0xfe, 0, 0, 2, 0]));
  });

  it('ends rows with an OK packet (EOF header) and sends no column EOF under CLIENT_DEPRECATE_EOF', async () => {
    const client = await login(CLIENT | Capability.DEPRECATE_EOF);
    client.command(Command.QUERY, 'select types');
    const response = await readResponse(client);
    // count, 9 columns, 2 rows, OK
    expect(response).toHaveLength(13);
    expect(response[12]?.payload).toEqual(Buffer.from([0xfe, 0, 0, 2, 0, 0, 0]));
  });

  it('resets sequence ids for every command, including pipelined ones', async () => {
    const client = await login();
    client.socket.write(
      Buffer.concat(
        ['sleep 20', 'select 1'].map((sql) => {
          const payload = Buffer.concat([Buffer.from([Command.QUERY]), Buffer.from(sql)]);
          const header = Buffer.from([payload.length, 0, 0, 0]);
          return Buffer.concat([header, payload]);
        }),
      ),
    );
    const slept = await readResponse(client, 1);
    const selected = await readResponse(client, 1);
    expect(slept[3]?.payload.toString('utf8', 1)).toBe('20');
    expect(selected[3]?.payload.toString('utf8', 1)).toBe('1');
    for (const response of [slept, selected]) {
      expect(response.map((packet) => packet.sequenceId)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('answers an unknown command with an error and keeps the connection', async () => {
    const client = await login();
    client.command(0x09);
    expect(errorOf(await client.readOrThrow())).toEqual({
      errno: 1047,
      sqlState: '08S01',
      message: 'Unknown command',
    });
    client.command(Command.PING);
    expect(await client.readOrThrow()).toMatchObject({
      sequenceId: 1,
      payload: Buffer.from([0, 0, 0, 2, 0, 0, 0]),
    });
  });

  it('hands COM_INIT_DB to the session', async () => {
    const client = await login();
    client.command(Command.INIT_DB, 'oceanbase');
    expect((await client.readOrThrow()).payload[0]).toBe(0);
    expect(backend.sessions.at(-1)?.databases).toEqual(['oceanbase']);
    client.command(Command.INIT_DB, 'missing');
    expect(errorOf(await client.readOrThrow())).toMatchObject({ errno: 1049, sqlState: '42000' });
  });

  it('answers COM_FIELD_LIST with an empty list', async () => {
    const client = await login();
    client.command(Command.FIELD_LIST, 't\0');
    expect(await client.readOrThrow()).toMatchObject({
      sequenceId: 1,
      payload: Buffer.from([0xfe, 0, 0, 2, 0]),
    });
  });

  it('sends nothing back for COM_STMT_CLOSE', async () => {
    const client = await login();
    client.command(Command.STMT_CLOSE, Buffer.from([1, 0, 0, 0]));
    client.command(Command.PING);
    expect(await client.readOrThrow()).toMatchObject({
      sequenceId: 1,
      payload: Buffer.from([0, 0, 0, 2, 0, 0, 0]),
    });
  });

  it('turns multi-statements on and off with COM_SET_OPTION', async () => {
    const client = await login();
    client.command(Command.SET_OPTION, Buffer.from([0, 0]));
    expect((await client.readOrThrow()).payload[0]).toBe(0xfe);
    client.command(Command.QUERY, 'select 1; select 1');
    const first = await readResponse(client, 1);
    expect(first.at(-1)?.payload).toEqual(Buffer.from([0xfe, 0, 0, 2 | 8, 0]));
    const second = await readResponse(client, 1);
    expect(second.at(-1)?.payload).toEqual(Buffer.from([0xfe, 0, 0, 2, 0]));
    expect(second[0]?.sequenceId).toBe(first.length + 1);
  });

  it('closes the connection on COM_QUIT', async () => {
    const client = await login();
    const session = backend.sessions.at(-1);
    client.command(Command.QUIT);
    expect(await client.read()).toBeNull();
    for (let i = 0; i < 100 && session?.closeCount === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(session?.closeCount).toBe(1);
  });
});

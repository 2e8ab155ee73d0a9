import { Capability, NATIVE_PASSWORD_PLUGIN, SERVER_CAPABILITIES } from './packets.js';
import type { WirePacket } from './mysql2-server.js';
import { SqlError } from './types.js';
import type { LoginIdentity } from './types.js';

/** What a HandshakeResponse41 asks for, or the 1043 refusal of a client this server cannot serve. */
export interface HandshakeRequest {
  deprecateEof: boolean;
  multiStatements: boolean;
  identity: LoginIdentity;
  token: Buffer;
  /** The auth plugin the client hashed for. */
  plugin: string;
}

export function readHandshakeResponse(
  packet: WirePacket,
  remoteAddress: string | undefined,
  connectionId: number,
): HandshakeRequest | SqlError {
  const clientFlags = packet.readInt32();
  if ((clientFlags & Capability.SSL) !== 0)
    return new SqlError(1043, '08S01', 'Bad handshake: this server does not support SSL');
  const required = Capability.PROTOCOL_41 | Capability.SECURE_CONNECTION;
  if ((clientFlags & required) !== required)
    return new SqlError(1043, '08S01', 'Bad handshake: a MySQL 4.1 or newer client is required');
  const capabilities = clientFlags & SERVER_CAPABILITIES;
  packet.skip(4 + 1 + 23); // max packet size, charset, filler
  const rawUser = packet.readNullTerminatedString('utf8');
  const tokenLength =
    (capabilities & Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA) !== 0
      ? (packet.readLengthCodedNumber() ?? 0)
      : packet.readInt8();
  const token = packet.readBuffer(tokenLength);
  const database =
    (capabilities & Capability.CONNECT_WITH_DB) !== 0 && packet.haveMoreData()
      ? packet.readNullTerminatedString('utf8')
      : '';
  const plugin =
    (capabilities & Capability.PLUGIN_AUTH) !== 0 && packet.haveMoreData()
      ? packet.readNullTerminatedString('utf8')
      : NATIVE_PASSWORD_PLUGIN;
  return {
    deprecateEof: (capabilities & Capability.DEPRECATE_EOF) !== 0,
    multiStatements: (capabilities & Capability.MULTI_STATEMENTS) !== 0,
    identity: {
      ...parseLoginUser(rawUser),
      ...(database ? { database } : {}),
      ...(remoteAddress ? { remoteAddress: stripIpv4Mapping(remoteAddress) } : {}),
      connectionId,
    },
    token,
    plugin,
  };
}

/** OB_PASSWORD_WRONG: ER_ACCESS_DENIED_ERROR with SQLSTATE 42000, the user without @tenant. */
export function accessDenied(identity: LoginIdentity, token: Buffer): SqlError {
  const host = identity.remoteAddress ?? 'localhost';
  const usingPassword = token.length > 0 ? 'YES' : 'NO';
  return new SqlError(
    1045,
    '42000',
    `Access denied for user '${identity.user}'@'${host}' (using password: ${usingPassword})`,
  );
}

/** `user@tenant#cluster`: the tenant is `sys` when there is no `@`. */
export function parseLoginUser(
  rawUser: string,
): Pick<LoginIdentity, 'rawUser' | 'user' | 'tenant' | 'cluster'> {
  const hash = rawUser.indexOf('#');
  const userAndTenant = hash === -1 ? rawUser : rawUser.slice(0, hash);
  const cluster = hash === -1 ? '' : rawUser.slice(hash + 1);
  const at = userAndTenant.lastIndexOf('@');
  return {
    rawUser,
    user: at === -1 ? userAndTenant : userAndTenant.slice(0, at),
    tenant: at === -1 ? 'sys' : userAndTenant.slice(at + 1),
    ...(cluster ? { cluster } : {}),
  };
}

function stripIpv4Mapping(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

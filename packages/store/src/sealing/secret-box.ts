import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A sealed value that cannot be opened: tampered, sealed with another key, or not an envelope. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** Short, public name of a key: lets a box say which key a value needs, without revealing it. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * AES-256-GCM for the secrets the console must keep (a policy's encryption password, a
 * channel's signing key). Envelope `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url), so a key
 * can rotate: seal with the first key, open with any. `aad` binds a value to its place (e.g.
 * `policy:7:encryptionPassword`): a sealed value copied to another row does not open there.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly current: { id: string; key: Buffer };

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new SecretBoxError('a SecretBox needs at least one key');
    for (const k of keys)
      if (k.length !== KEY_BYTES)
        throw new SecretBoxError(`an AES-256 key is ${KEY_BYTES} bytes, got ${k.length}`);
    this.keys = new Map(keys.map((k) => [keyId(k), Buffer.from(k)]));
    this.current = { id: keyId(keys[0]!), key: Buffer.from(keys[0]!) };
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, aad = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.current.id, b64(iv), b64(tag), b64(ct)].join('.');
  }

  open(envelope: string, aad = ''): string {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION)
      throw new SecretBoxError(`not a sealed value (expected ${VERSION}.<key>.<iv>.<tag>.<data>)`);
    const [, id, ivText, tagText, ctText] = parts as [string, string, string, string, string];
    const key = this.keys.get(id);
    if (!key)
      throw new SecretBoxError(
        `this value was sealed with key ${id}, which is not configured (current key ${this.current.id}): set the key it was sealed with as CONSOLE_SECRET_KEY or in CONSOLE_SECRET_KEY_PREVIOUS`,
      );
    const iv = unb64(ivText);
    const tag = unb64(tagText);
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
      throw new SecretBoxError('sealed value is damaged (bad IV or tag length)');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(unb64(ctText)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(
        'sealed value does not authenticate: it was changed, or belongs to another place',
      );
    }
  }
}

function b64(b: Buffer): string {
  return b.toString('base64url');
}

function unb64(s: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(s))
    throw new SecretBoxError('sealed value is damaged (not base64url)');
  return Buffer.from(s, 'base64url');
}

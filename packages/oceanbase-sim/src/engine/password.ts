import { createHash } from 'node:crypto';

/**
 * What `SET ENCRYPTION ON IDENTIFIED BY 'p' ONLY` keeps: '*' + lower-case hex of SHA1(SHA1(p)),
 * the MySQL stage-2 hash (ObEncryptedHelper::encrypt_passwd_to_stage2, "%02hhx"). An empty
 * password is hashed like any other.
 */
export function backupPasswordHash(password: string): string {
  const stage1 = createHash('sha1').update(password, 'utf8').digest();
  return `*${createHash('sha1').update(stage1).digest('hex')}`;
}

/**
 * The PATH OceanBase records for a destination: the root path, plus `?host=…` for object
 * storage; the access id and key never reach a view (oceanbase/oceanbase,
 * src/share/backup/ob_backup_struct.cpp, ObBackupDest::get_backup_path_str: "backup_path =
 * root_path + host").
 */
export function backupPathOf(dest: string): string {
  const q = dest.indexOf('?');
  if (q < 0) return dest;
  const root = dest.slice(0, q);
  if (/^file:\/\//i.test(root)) return root;
  const host = dest
    .slice(q + 1)
    .split('&')
    .find((p) => /^host=/i.test(p));
  return host ? `${root}?${host}` : root;
}

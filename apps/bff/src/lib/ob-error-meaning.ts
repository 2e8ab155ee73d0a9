/**
 * The OceanBase error inside what the driver reports. A MySQL-mode session gets OceanBase's own
 * errors with the code as errno (9036); an Oracle-mode session gets ORA-00600 with the code as
 * its first argument ("ORA-00600: internal error code, arguments: -9036, Backup is in progress"),
 * and the few errors defined with their own Oracle number as that number (src/share/ob_errno.def).
 */
const ORA_600 = /^ORA-00600: internal error code, arguments: (-\d+), /;

/** MySQL errnos that are not OceanBase codes, for the refusals the console gives a meaning. */
const OB_CODE_OF_MYSQL_ERRNO: Record<number, number> = {
  1235: -4007, // OB_NOT_SUPPORTED
  1227: -5036, // OB_ERR_NO_PRIVILEGE
};

/** The (negative) OceanBase code of a driver error, or null when it carries none. */
export function innerObCode(errno: number, sqlMessage: string): number | null {
  if (errno === 600) {
    const m = ORA_600.exec(sqlMessage);
    return m ? Number(m[1]) : null;
  }
  const mapped = OB_CODE_OF_MYSQL_ERRNO[errno];
  if (mapped !== undefined) return mapped;
  return errno >= 4000 ? -errno : null;
}

/** OceanBase refusals the console explains in its own words (with its own error code). */
export const OB_MEANINGS: Record<number, { code: 'BACKUP_IN_PROGRESS'; message: string }> = {
  [-9036]: {
    code: 'BACKUP_IN_PROGRESS',
    message:
      'OceanBase refused: a backup is already running for this tenant. Wait for it to end or cancel it.',
  },
};

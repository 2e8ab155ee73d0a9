/**
 * OceanBase error codes that backup jobs report in RESULT (negative) or that statements raise
 * (MySQL errno, positive). From src/share/ob_errno.def; see docs/oceanbase-facts.md.
 */
export interface ObErrorInfo {
  /** The OB code as stored in RESULT, e.g. -9040. */
  code: number;
  /** The MySQL errno a client sees. */
  errno: number;
  sqlState: string;
  symbol: string;
  message: string;
}

const table: ObErrorInfo[] = [
  {
    code: -9040,
    errno: 9040,
    sqlState: 'HY000',
    symbol: 'OB_BACKUP_CAN_NOT_START',
    message: 'backup can not start',
  },
  {
    code: -9036,
    errno: 9036,
    sqlState: 'HY000',
    symbol: 'OB_BACKUP_IN_PROGRESS',
    message: 'Backup is in progress',
  },
  {
    code: -9029,
    errno: 9029,
    sqlState: 'HY000',
    symbol: 'OB_LOG_ARCHIVE_NOT_RUNNING',
    message: 'log archive is not running',
  },
  {
    code: -9027,
    errno: 9027,
    sqlState: 'HY000',
    symbol: 'OB_LOG_ARCHIVE_INTERRUPTED',
    message: 'ob log archive interrupted',
  },
  {
    code: -9041,
    errno: 9041,
    sqlState: 'HY000',
    symbol: 'OB_CANCEL_BACKUP_NOT_ALLOWED',
    message: 'cancel backup do not allow',
  },
  {
    code: -9023,
    errno: 9023,
    sqlState: 'HY000',
    symbol: 'OB_CANNOT_START_LOG_ARCHIVE_BACKUP',
    message: 'cannot start log archive backup',
  },
  {
    code: -9091,
    errno: 9091,
    sqlState: 'HY000',
    symbol: 'OB_ALREADY_IN_ARCHIVE_MODE',
    message: 'Already in ARCHIVELOG mode',
  },
  {
    code: -9092,
    errno: 9092,
    sqlState: 'HY000',
    symbol: 'OB_ALREADY_IN_NOARCHIVE_MODE',
    message: 'Already in NOARCHIVELOG mode',
  },
  {
    code: -9080,
    errno: 9080,
    sqlState: 'HY000',
    symbol: 'OB_BACKUP_FORMAT_FILE_NOT_EXIST',
    message: 'the format file does not exist under the destination',
  },
  {
    code: -9081,
    errno: 9081,
    sqlState: 'HY000',
    symbol: 'OB_BACKUP_FORMAT_FILE_NOT_MATCH',
    message: 'the content of the format file at the destination does not match',
  },
  {
    code: -9070,
    errno: 9070,
    sqlState: 'HY000',
    symbol: 'OB_BACKUP_DEST_NOT_CONNECT',
    message: 'can not connect to backup destination',
  },
  {
    code: -4007,
    errno: 1235,
    sqlState: '0A000',
    symbol: 'OB_NOT_SUPPORTED',
    message: 'Not supported feature or function',
  },
  {
    code: -5036,
    errno: 1227,
    sqlState: '42501',
    symbol: 'OB_ERR_NO_PRIVILEGE',
    message: 'Access denied',
  },
  {
    code: -5160,
    errno: 5160,
    sqlState: 'HY000',
    symbol: 'OB_ERR_INVALID_TENANT_NAME',
    message: 'invalid tenant name specified in connection string',
  },
  {
    code: -5157,
    errno: 5157,
    sqlState: 'HY000',
    symbol: 'OB_TENANT_NOT_EXIST',
    message: 'Unknown tenant',
  },
  {
    code: -4018,
    errno: 4018,
    sqlState: 'HY000',
    symbol: 'OB_ENTRY_NOT_EXIST',
    message: 'Entry not exist',
  },
  {
    code: -4016,
    errno: 4016,
    sqlState: 'HY000',
    symbol: 'OB_ERR_UNEXPECTED',
    message: 'Internal error',
  },
  {
    code: -4072,
    errno: 4072,
    sqlState: 'HY000',
    symbol: 'OB_CANCELED',
    message: 'Operation canceled',
  },
  { code: -4012, errno: 4012, sqlState: '25000', symbol: 'OB_TIMEOUT', message: 'Timeout' },
  { code: -4009, errno: 4009, sqlState: '58030', symbol: 'OB_IO_ERROR', message: 'IO error' },
  {
    code: -4013,
    errno: 4013,
    sqlState: 'HY001',
    symbol: 'OB_ALLOCATE_MEMORY_FAILED',
    message: 'No memory or reach tenant memory limit',
  },
  {
    code: -4184,
    errno: 4184,
    sqlState: '53100',
    symbol: 'OB_SERVER_OUTOF_DISK_SPACE',
    message: 'Server out of disk space',
  },
  {
    code: -5001,
    errno: 1064,
    sqlState: '42000',
    symbol: 'OB_ERR_PARSE_SQL',
    message: 'Parse error',
  },
];

const byCode = new Map(table.map((e) => [e.code, e]));

/** Looks up an OB error by its RESULT code (negative) or by its absolute value. */
export function obError(code: number): ObErrorInfo | undefined {
  return byCode.get(code) ?? byCode.get(-Math.abs(code));
}

export const OB_ERRORS: readonly ObErrorInfo[] = table;

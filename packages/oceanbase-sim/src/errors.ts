import { SqlError } from './protocol/types.js';

/** OceanBase's errors as the client sees them (reference §3.1). */
export const ObErrors = {
  backupCanNotStart: (because?: string) =>
    new SqlError(
      9040,
      'HY000',
      because === undefined ? 'backup can not start' : `backup can not start, because ${because}`,
    ),
  backupInProgress: () => new SqlError(9036, 'HY000', 'Backup is in progress'),
  notSupported: (what?: string) =>
    new SqlError(
      1235,
      '0A000',
      what === undefined ? 'Not supported feature or function' : `${what} not supported`,
    ),
  noPrivilege: (privilege?: string) =>
    new SqlError(
      1227,
      '42501',
      privilege === undefined
        ? 'Access denied'
        : `Access denied; you need (at least one of) the ${privilege} privilege(s) for this operation`,
    ),
  invalidTenantName: () =>
    new SqlError(5160, 'HY000', 'invalid tenant name specified in connection string'),
  internal: () => new SqlError(4016, 'HY000', 'Internal error'),
  alreadyArchive: () => new SqlError(9091, 'HY000', 'Already in ARCHIVELOG mode'),
  alreadyNoArchive: () => new SqlError(9092, 'HY000', 'Already in NOARCHIVELOG mode'),
  cannotStartArchive: () => new SqlError(9023, 'HY000', 'cannot start log archive backup'),
  invalidBackupDest: () => new SqlError(9026, 'HY000', 'backup destination is not valid'),
  formatFileNotMatch: () =>
    new SqlError(9081, 'HY000', 'the content of the format file at the destination does not match'),
  invalidArgument: () => new SqlError(1210, 'HY000', 'Invalid argument'),
  invalidConfig: () => new SqlError(4147, 'HY000', 'Invalid config'),
  sysConfigUnknown: () => new SqlError(5099, '42000', 'System config unknown'),
  tableNotExist: (qualified: string) =>
    new SqlError(1146, '42S02', `Table '${qualified}' doesn't exist`),
  /** OB_TABLE_NOT_EXIST in Oracle mode names the object: `table or view 'SYS.X' does not exist`. */
  oracleTableNotExist: (qualified: string) =>
    new SqlError(942, '42S02', `ORA-00942: table or view '${qualified}' does not exist`),
  noDatabaseSelected: () => new SqlError(1046, '3D000', 'No database selected'),
  unknownDatabase: (db: string) => new SqlError(1049, '42000', `Unknown database '${db}'`),
  unknownSysvar: (name: string) => new SqlError(1193, 'HY000', `Unknown system variable '${name}'`),
  unknownTimeZone: (tz: string) =>
    new SqlError(1298, 'HY000', `Unknown or incorrect time zone: '${tz}'`),
  emptyQuery: () => new SqlError(1065, '42000', 'Query was empty'),
  notUpdatable: (table: string, verb: string) =>
    new SqlError(1288, 'HY000', `The target table ${table} of the ${verb} is not updatable`),
  dataTooLong: (column: string) =>
    new SqlError(1406, '22001', `Data too long for column '${column}' at row 1`),
  /** OB_BUF_NOT_ENOUGH: a value does not fit an ObFixedLengthString (e.g. a DESCRIPTION of 2048 bytes or more). */
  bufNotEnough: () => new SqlError(4024, 'HY000', 'Buffer not enough'),
} as const;

/** ob_strerror texts for the result codes the engine writes into COMMENT. */
export const OB_MESSAGES: Record<number, string> = {
  [-4002]: 'Invalid argument',
  [-4009]: 'IO error',
  [-4012]: 'Timeout',
  [-4013]: 'No memory or reach tenant memory limit',
  [-4016]: 'Internal error',
  [-4072]: 'Operation canceled',
  [-4184]: 'Server out of disk space',
  [-9027]: 'ob log archive interrupted',
  [-9029]: 'log archive is not running',
  [-9070]: 'can not connect to backup destination',
};

/** Bad input to a control operation (the HTTP channel answers 400 with its message). */
export class ControlError extends Error {
  override name = 'ControlError';
}

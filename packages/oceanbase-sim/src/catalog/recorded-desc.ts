/**
 * OceanBase's own recorded `DESC` results for the backup views, copied verbatim (Field, Type,
 * Null, Key, Default, Extra; tab-separated) from
 * oceanbase/oceanbase 0118e1c28ced96d2cccd404135efe451f79ec404,
 * tools/deploy/mysql_test/test_suite/inner_table/r/mysql/desc_sys_views_in_sys.result.
 * The simulator declares its view columns' types and nullability from this record (DESC and
 * information_schema.COLUMNS); `desc.test.ts` replays every view against a running simulator.
 * CDB_OB_BACKUP_JOBS/_JOB_HISTORY/_TASKS/_TASK_HISTORY/_SET_FILES and
 * CDB_OB_ARCHIVELOG_PIECE_FILES were not among the pages read: they are derived from the DBA_
 * record with `TENANT_ID bigint(20) NO NULL` first (see RECORDED_DESC_DERIVED).
 */
export const RECORDED_DESC_SOURCE =
  'oceanbase/oceanbase 0118e1c28ced96d2cccd404135efe451f79ec404 tools/deploy/mysql_test/test_suite/inner_table/r/mysql/desc_sys_views_in_sys.result';

export const RECORDED_DESC: Record<string, string> = {
  DBA_OB_BACKUP_JOBS:
    'JOB_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nBACKUP_SET_ID\tbigint(20)\tYES\t\t\t\nINITIATOR_TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nINITIATOR_JOB_ID\tbigint(20)\tNO\t\tNULL\t\nEXECUTOR_TENANT_ID\tvarchar(65536)\tNO\t\t\t\nPLUS_ARCHIVELOG\tvarchar(4096)\tNO\t\t\t\nBACKUP_TYPE\tvarchar(4096)\tNO\t\tNULL\t\nJOB_LEVEL\tvarchar(4096)\tNO\t\tNULL\t\nENCRYPTION_MODE\tvarchar(4096)\tYES\t\t\t\nPASSWD\tvarchar(4096)\tYES\t\t\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(4096)\tNO\t\tNULL\t\nRESULT\tbigint(20)\tNO\t\tNULL\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t\nDESCRIPTION\tvarchar(4096)\tYES\t\t\t\nPATH\tvarchar(4096)\tYES\t\t\t',
  DBA_OB_BACKUP_JOB_HISTORY:
    'JOB_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nBACKUP_SET_ID\tbigint(20)\tYES\t\t\t\nINITIATOR_TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nINITIATOR_JOB_ID\tbigint(20)\tNO\t\tNULL\t\nEXECUTOR_TENANT_ID\tvarchar(65536)\tNO\t\t\t\nPLUS_ARCHIVELOG\tvarchar(4096)\tNO\t\t\t\nBACKUP_TYPE\tvarchar(4096)\tNO\t\tNULL\t\nJOB_LEVEL\tvarchar(4096)\tNO\t\tNULL\t\nENCRYPTION_MODE\tvarchar(4096)\tYES\t\t\t\nPASSWD\tvarchar(4096)\tYES\t\t\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(4096)\tNO\t\tNULL\t\nRESULT\tbigint(20)\tNO\t\tNULL\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t\nDESCRIPTION\tvarchar(4096)\tYES\t\t\t\nPATH\tvarchar(4096)\tYES\t\t\t',
  DBA_OB_BACKUP_TASKS:
    'TASK_ID\tbigint(20)\tNO\t\tNULL\t\nJOB_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nBACKUP_SET_ID\tbigint(20)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(4096)\tNO\t\tNULL\t\nSTART_SCN\tbigint(20) unsigned\tNO\t\tNULL\t\nEND_SCN\tbigint(20) unsigned\tNO\t\tNULL\t\nUSER_LS_START_SCN\tbigint(20) unsigned\tNO\t\tNULL\t\nENCRYPTION_MODE\tvarchar(4096)\tYES\t\t\t\nPASSWD\tvarchar(4096)\tYES\t\t\t\nINPUT_BYTES\tbigint(20)\tYES\t\t\t\nOUTPUT_BYTES\tbigint(20)\tYES\t\t\t\nOUTPUT_RATE_BYTES\tdecimal(32,4)\tNO\t\t\t\nEXTRA_META_BYTES\tbigint(20)\tYES\t\t\t\nTABLET_COUNT\tbigint(20)\tYES\t\t\t\nFINISH_TABLET_COUNT\tbigint(20)\tYES\t\t\t\nMACRO_BLOCK_COUNT\tbigint(20)\tYES\t\t\t\nFINISH_MACRO_BLOCK_COUNT\tbigint(20)\tYES\t\t\t\nFILE_COUNT\tbigint(20)\tYES\t\t\t\nMETA_TURN_ID\tbigint(20)\tYES\t\t\t\nDATA_TURN_ID\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tYES\t\t\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t\nPATH\tvarchar(4096)\tYES\t\t\t\nMINOR_TURN_ID\tbigint(20)\tNO\t\t\t\nMAJOR_TURN_ID\tbigint(20)\tNO\t\t\t\nDATA_PROGRESS\tdecimal(26,2)\tNO\t\t\t\nLOG_FILE_COUNT\tbigint(20)\tNO\t\t\t\nFINISH_LOG_FILE_COUNT\tbigint(20)\tNO\t\t\t\nLOG_PROGRESS\tdecimal(26,2)\tNO\t\t\t',
  DBA_OB_BACKUP_TASK_HISTORY:
    'TASK_ID\tbigint(20)\tNO\t\tNULL\t\nJOB_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nBACKUP_SET_ID\tbigint(20)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(4096)\tNO\t\tNULL\t\nSTART_SCN\tbigint(20) unsigned\tNO\t\tNULL\t\nEND_SCN\tbigint(20) unsigned\tNO\t\tNULL\t\nUSER_LS_START_SCN\tbigint(20) unsigned\tNO\t\tNULL\t\nENCRYPTION_MODE\tvarchar(4096)\tYES\t\t\t\nPASSWD\tvarchar(4096)\tYES\t\t\t\nINPUT_BYTES\tbigint(20)\tYES\t\t\t\nOUTPUT_BYTES\tbigint(20)\tYES\t\t\t\nOUTPUT_RATE_BYTES\tdecimal(32,4)\tNO\t\t\t\nEXTRA_META_BYTES\tbigint(20)\tYES\t\t\t\nTABLET_COUNT\tbigint(20)\tYES\t\t\t\nFINISH_TABLET_COUNT\tbigint(20)\tYES\t\t\t\nMACRO_BLOCK_COUNT\tbigint(20)\tYES\t\t\t\nFINISH_MACRO_BLOCK_COUNT\tbigint(20)\tYES\t\t\t\nFILE_COUNT\tbigint(20)\tYES\t\t\t\nMETA_TURN_ID\tbigint(20)\tYES\t\t\t\nDATA_TURN_ID\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tYES\t\t\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t\nPATH\tvarchar(4096)\tYES\t\t\t\nMINOR_TURN_ID\tbigint(20)\tNO\t\t\t\nMAJOR_TURN_ID\tbigint(20)\tNO\t\t\t',
  DBA_OB_BACKUP_SET_FILES:
    'BACKUP_SET_ID\tbigint(20)\tNO\t\tNULL\t\nDEST_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nBACKUP_TYPE\tvarchar(64)\tNO\t\tNULL\t\nPREV_FULL_BACKUP_SET_ID\tbigint(20)\tNO\t\tNULL\t\nPREV_INC_BACKUP_SET_ID\tbigint(20)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\tNULL\t\nFILE_STATUS\tvarchar(64)\tNO\t\tNULL\t\nELAPSED_SECONDES\tdecimal(22,0)\tNO\t\t\t\nPLUS_ARCHIVELOG\tvarchar(4096)\tNO\t\t\t\nSTART_REPLAY_SCN\tbigint(20) unsigned\tNO\t\tNULL\t\nSTART_REPLAY_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nMIN_RESTORE_SCN\tbigint(20) unsigned\tNO\t\tNULL\t\nMIN_RESTORE_SCN_DISPLAY\tvarchar(4096)\tNO\t\t\t\nINPUT_BYTES\tbigint(20)\tYES\t\t\t\nOUTPUT_BYTES\tbigint(20)\tYES\t\t\t\nOUTPUT_RATE_BYTES\tdecimal(32,4)\tNO\t\t\t\nEXTRA_META_BYTES\tbigint(20)\tYES\t\t\t\nTABLET_COUNT\tbigint(20)\tYES\t\t\t\nFINISH_TABLET_COUNT\tbigint(20)\tYES\t\t\t\nMACRO_BLOCK_COUNT\tbigint(20)\tYES\t\t\t\nFINISH_MACRO_BLOCK_COUNT\tbigint(20)\tYES\t\t\t\nFILE_COUNT\tbigint(20)\tYES\t\t\t\nMETA_TURN_ID\tbigint(20)\tYES\t\t\t\nDATA_TURN_ID\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tNO\t\tNULL\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t\nENCRYPTION_MODE\tvarchar(64)\tYES\t\t\t\nPASSWD\tvarchar(128)\tYES\t\t\t\nTENANT_COMPATIBLE\tvarchar(4096)\tNO\t\tNULL\t\nBACKUP_COMPATIBLE\tbigint(20)\tNO\t\tNULL\t\nPATH\tvarchar(4096)\tYES\t\t\t\nCLUSTER_VERSION\tvarchar(4096)\tNO\t\t\t\nCONSISTENT_SCN\tbigint(20) unsigned\tNO\t\t\t\nMINOR_TURN_ID\tbigint(20)\tNO\t\t\t\nMAJOR_TURN_ID\tbigint(20)\tNO\t\t\t',
  CDB_OB_BACKUP_DELETE_JOBS:
    'TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nJOB_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nINITIATOR_TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nINITIATOR_JOB_ID\tbigint(20)\tNO\t\tNULL\t\nEXECUTOR_TENANT_ID\tvarchar(65536)\tNO\t\tNULL\t\nTYPE\tvarchar(64)\tNO\t\tNULL\t\nPARAMETER\tvarchar(8209)\tNO\t\t\t\nJOB_LEVEL\tvarchar(64)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\tNULL\t\nTASK_COUNT\tbigint(20)\tYES\t\t\t\nSUCCESS_TASK_COUNT\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tNO\t\tNULL\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t',
  CDB_OB_BACKUP_DELETE_JOB_HISTORY:
    'TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nJOB_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nINITIATOR_TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nINITIATOR_JOB_ID\tbigint(20)\tNO\t\tNULL\t\nEXECUTOR_TENANT_ID\tvarchar(65536)\tNO\t\tNULL\t\nTYPE\tvarchar(64)\tNO\t\tNULL\t\nPARAMETER\tvarchar(8209)\tNO\t\t\t\nJOB_LEVEL\tvarchar(64)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\tNULL\t\nTASK_COUNT\tbigint(20)\tYES\t\t\t\nSUCCESS_TASK_COUNT\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tNO\t\tNULL\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t',
  CDB_OB_BACKUP_DELETE_TASKS:
    'TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nTASK_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nJOB_ID\tbigint(20)\tNO\t\tNULL\t\nTASK_TYPE\tvarchar(64)\tNO\t\tNULL\t\nID\tbigint(20)\tNO\t\tNULL\t\nROUND_ID\tbigint(20)\tNO\t\tNULL\t\nDEST_ID\tbigint(20)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\tNULL\t\nTOTAL_TASK_COUNT\tbigint(20)\tYES\t\t\t\nFINISH_TASK_COUNT\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tYES\t\t\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t\nPATH\tvarchar(1024)\tNO\t\tNULL\t',
  CDB_OB_BACKUP_DELETE_TASK_HISTORY:
    'TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nTASK_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nJOB_ID\tbigint(20)\tNO\t\tNULL\t\nTASK_TYPE\tvarchar(64)\tNO\t\tNULL\t\nID\tbigint(20)\tNO\t\tNULL\t\nROUND_ID\tbigint(20)\tNO\t\tNULL\t\nDEST_ID\tbigint(20)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\tNULL\t\nTOTAL_TASK_COUNT\tbigint(20)\tYES\t\t\t\nFINISH_TASK_COUNT\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tYES\t\t\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t\nPATH\tvarchar(1024)\tNO\t\tNULL\t',
  CDB_OB_BACKUP_DELETE_POLICY:
    'TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nPOLICY_NAME\tvarchar(256)\tNO\t\tNULL\t\nRECOVERY_WINDOW\tvarchar(64)\tNO\t\tNULL\t',
  DBA_OB_BACKUP_DELETE_POLICY:
    'POLICY_NAME\tvarchar(256)\tNO\t\tNULL\t\nRECOVERY_WINDOW\tvarchar(64)\tNO\t\tNULL\t',
  DBA_OB_BACKUP_DELETE_JOBS:
    'JOB_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nINITIATOR_TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nINITIATOR_JOB_ID\tbigint(20)\tNO\t\tNULL\t\nEXECUTOR_TENANT_ID\tvarchar(65536)\tNO\t\tNULL\t\nTYPE\tvarchar(64)\tNO\t\tNULL\t\nPARAMETER\tvarchar(8209)\tNO\t\t\t\nJOB_LEVEL\tvarchar(64)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\tNULL\t\nTASK_COUNT\tbigint(20)\tYES\t\t\t\nSUCCESS_TASK_COUNT\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tNO\t\tNULL\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t',
  DBA_OB_BACKUP_DELETE_JOB_HISTORY:
    'JOB_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nINITIATOR_TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nINITIATOR_JOB_ID\tbigint(20)\tNO\t\tNULL\t\nEXECUTOR_TENANT_ID\tvarchar(65536)\tNO\t\tNULL\t\nTYPE\tvarchar(64)\tNO\t\tNULL\t\nPARAMETER\tvarchar(8209)\tNO\t\t\t\nJOB_LEVEL\tvarchar(64)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\tNULL\t\nTASK_COUNT\tbigint(20)\tYES\t\t\t\nSUCCESS_TASK_COUNT\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tNO\t\tNULL\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t',
  DBA_OB_BACKUP_DELETE_TASKS:
    'TASK_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nJOB_ID\tbigint(20)\tNO\t\tNULL\t\nTASK_TYPE\tvarchar(64)\tNO\t\tNULL\t\nID\tbigint(20)\tNO\t\tNULL\t\nROUND_ID\tbigint(20)\tNO\t\tNULL\t\nDEST_ID\tbigint(20)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\tNULL\t\nTOTAL_TASK_COUNT\tbigint(20)\tYES\t\t\t\nFINISH_TASK_COUNT\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tYES\t\t\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t\nPATH\tvarchar(1024)\tNO\t\tNULL\t',
  DBA_OB_BACKUP_DELETE_TASK_HISTORY:
    'TASK_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\tNULL\t\nJOB_ID\tbigint(20)\tNO\t\tNULL\t\nTASK_TYPE\tvarchar(64)\tNO\t\tNULL\t\nID\tbigint(20)\tNO\t\tNULL\t\nROUND_ID\tbigint(20)\tNO\t\tNULL\t\nDEST_ID\tbigint(20)\tNO\t\tNULL\t\nSTART_TIMESTAMP\ttimestamp(6)\tNO\t\tNULL\t\nEND_TIMESTAMP\ttimestamp(6)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\tNULL\t\nTOTAL_TASK_COUNT\tbigint(20)\tYES\t\t\t\nFINISH_TASK_COUNT\tbigint(20)\tYES\t\t\t\nRESULT\tbigint(20)\tYES\t\t\t\nCOMMENT\tvarchar(4096)\tYES\t\t\t\nPATH\tvarchar(1024)\tNO\t\tNULL\t',
  DBA_OB_ARCHIVE_DEST:
    'DEST_NO\tbigint(20)\tNO\t\tNULL\t\nNAME\tvarchar(1024)\tNO\t\tNULL\t\nVALUE\tvarchar(4096)\tNO\t\tNULL\t',
  DBA_OB_ARCHIVELOG:
    'DEST_ID\tbigint(20)\tNO\t\t\t\nROUND_ID\tbigint(20)\tNO\t\t\t\nINCARNATION\tbigint(20)\tNO\t\t\t\nDEST_NO\tbigint(20)\tNO\t\tNULL\t\nSTATUS\tvarchar(64)\tNO\t\t\t\nSTART_SCN\tbigint(20) unsigned\tNO\t\t\t\nSTART_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nCHECKPOINT_SCN\tbigint(20) unsigned\tNO\t\t\t\nCHECKPOINT_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nCOMPATIBLE\tbigint(20)\tNO\t\t\t\nBASE_PIECE_ID\tbigint(20)\tNO\t\t\t\nUSED_PIECE_ID\tbigint(20)\tNO\t\t\t\nPIECE_SWITCH_INTERVAL\tbigint(20)\tNO\t\t\t\nUNIT_SIZE\tbigint(20)\tNO\t\t\t\nCOMPRESSION\tvarchar(128)\tNO\t\t\t\nINPUT_BYTES\tbigint(21)\tNO\t\t\t\nINPUT_BYTES_DISPLAY\tvarchar(28)\tNO\t\t\t\nOUTPUT_BYTES\tbigint(21)\tNO\t\t\t\nOUTPUT_BYTES_DISPLAY\tvarchar(28)\tNO\t\t\t\nCOMPRESSION_RATIO\tdecimal(24,2)\tNO\t\t\t\nDELETED_INPUT_BYTES\tbigint(20)\tNO\t\t\t\nDELETED_INPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nDELETED_OUTPUT_BYTES\tbigint(20)\tNO\t\t\t\nDELETED_OUTPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nCOMMENT\tvarchar(262144)\tNO\t\t\t\nPATH\tvarchar(2048)\tNO\t\t\t',
  DBA_OB_ARCHIVELOG_SUMMARY:
    'DEST_ID\tbigint(20)\tNO\t\t\t\nROUND_ID\tbigint(20)\tNO\t\t\t\nINCARNATION\tbigint(20)\tNO\t\t\t\nDEST_NO\tbigint(20)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\t\t\nSTART_SCN\tbigint(20) unsigned\tNO\t\t\t\nSTART_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nCHECKPOINT_SCN\tbigint(20) unsigned\tNO\t\t\t\nCHECKPOINT_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nCOMPATIBLE\tbigint(20)\tNO\t\t\t\nBASE_PIECE_ID\tbigint(20)\tNO\t\t\t\nUSED_PIECE_ID\tbigint(20)\tNO\t\t\t\nPIECE_SWITCH_INTERVAL\tbigint(20)\tNO\t\t\t\nUNIT_SIZE\tbigint(20)\tNO\t\t\t\nCOMPRESSION\tvarchar(128)\tNO\t\t\t\nINPUT_BYTES\tbigint(20)\tNO\t\t\t\nINPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nOUTPUT_BYTES\tbigint(20)\tNO\t\t\t\nOUTPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nCOMPRESSION_RATIO\tdecimal(23,2)\tNO\t\t\t\nDELETED_INPUT_BYTES\tbigint(20)\tNO\t\t\t\nDELETED_INPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nDELETED_OUTPUT_BYTES\tbigint(20)\tNO\t\t\t\nDELETED_OUTPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nPATH\tvarchar(2048)\tNO\t\t\t\nCOMMENT\tvarchar(262144)\tNO\t\t\t',
  DBA_OB_ARCHIVELOG_PIECE_FILES:
    'DEST_ID\tbigint(20)\tNO\t\tNULL\t\nROUND_ID\tbigint(20)\tNO\t\tNULL\t\nPIECE_ID\tbigint(20)\tNO\t\tNULL\t\nINCARNATION\tbigint(20)\tNO\t\t\t\nDEST_NO\tbigint(20)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\t\t\nSTART_SCN\tbigint(20) unsigned\tNO\t\t\t\nSTART_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nCHECKPOINT_SCN\tbigint(20) unsigned\tNO\t\t\t\nCHECKPOINT_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nMAX_SCN\tbigint(20) unsigned\tNO\t\t\t\nEND_SCN\tbigint(20) unsigned\tNO\t\t\t\nEND_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nCOMPATIBLE\tbigint(20)\tNO\t\t\t\nUNIT_SIZE\tbigint(20)\tNO\t\t\t\nCOMPRESSION\tvarchar(128)\tNO\t\t\t\nINPUT_BYTES\tbigint(20)\tNO\t\t\t\nINPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nOUTPUT_BYTES\tbigint(20)\tNO\t\t\t\nOUTPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nCOMPRESSION_RATIO\tdecimal(23,2)\tNO\t\t\t\nFILE_STATUS\tvarchar(64)\tNO\t\t\t\nPATH\tvarchar(2048)\tNO\t\t\t',
  DBA_OB_BACKUP_PARAMETER: 'NAME\tvarchar(1024)\tNO\t\tNULL\t\nVALUE\tlongtext\tNO\t\tNULL\t',
  CDB_OB_ARCHIVE_DEST:
    'TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nDEST_NO\tbigint(20)\tNO\t\tNULL\t\nNAME\tvarchar(1024)\tNO\t\tNULL\t\nVALUE\tvarchar(4096)\tNO\t\tNULL\t',
  CDB_OB_ARCHIVELOG:
    'TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nDEST_ID\tbigint(20)\tNO\t\t\t\nROUND_ID\tbigint(20)\tNO\t\t\t\nINCARNATION\tbigint(20)\tNO\t\t\t\nDEST_NO\tbigint(20)\tNO\t\tNULL\t\nSTATUS\tvarchar(64)\tNO\t\t\t\nSTART_SCN\tbigint(20) unsigned\tNO\t\t\t\nSTART_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nCHECKPOINT_SCN\tbigint(20) unsigned\tNO\t\t\t\nCHECKPOINT_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nCOMPATIBLE\tbigint(20)\tNO\t\t\t\nBASE_PIECE_ID\tbigint(20)\tNO\t\t\t\nUSED_PIECE_ID\tbigint(20)\tNO\t\t\t\nPIECE_SWITCH_INTERVAL\tbigint(20)\tNO\t\t\t\nUNIT_SIZE\tbigint(20)\tNO\t\t\t\nCOMPRESSION\tvarchar(128)\tNO\t\t\t\nINPUT_BYTES\tbigint(21)\tNO\t\t\t\nINPUT_BYTES_DISPLAY\tvarchar(28)\tNO\t\t\t\nOUTPUT_BYTES\tbigint(21)\tNO\t\t\t\nOUTPUT_BYTES_DISPLAY\tvarchar(28)\tNO\t\t\t\nCOMPRESSION_RATIO\tdecimal(24,2)\tNO\t\t\t\nDELETED_INPUT_BYTES\tbigint(20)\tNO\t\t\t\nDELETED_INPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nDELETED_OUTPUT_BYTES\tbigint(20)\tNO\t\t\t\nDELETED_OUTPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nCOMMENT\tvarchar(262144)\tNO\t\t\t\nPATH\tvarchar(2048)\tNO\t\t\t',
  CDB_OB_ARCHIVELOG_SUMMARY:
    'TENANT_ID\tbigint(20)\tNO\t\t\t\nDEST_ID\tbigint(20)\tNO\t\t\t\nROUND_ID\tbigint(20)\tNO\t\t\t\nINCARNATION\tbigint(20)\tNO\t\t\t\nDEST_NO\tbigint(20)\tNO\t\t\t\nSTATUS\tvarchar(64)\tNO\t\t\t\nSTART_SCN\tbigint(20) unsigned\tNO\t\t\t\nSTART_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nCHECKPOINT_SCN\tbigint(20) unsigned\tNO\t\t\t\nCHECKPOINT_SCN_DISPLAY\tdatetime(6)\tNO\t\t\t\nCOMPATIBLE\tbigint(20)\tNO\t\t\t\nBASE_PIECE_ID\tbigint(20)\tNO\t\t\t\nUSED_PIECE_ID\tbigint(20)\tNO\t\t\t\nPIECE_SWITCH_INTERVAL\tbigint(20)\tNO\t\t\t\nUNIT_SIZE\tbigint(20)\tNO\t\t\t\nCOMPRESSION\tvarchar(128)\tNO\t\t\t\nINPUT_BYTES\tbigint(20)\tNO\t\t\t\nINPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nOUTPUT_BYTES\tbigint(20)\tNO\t\t\t\nOUTPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nCOMPRESSION_RATIO\tdecimal(23,2)\tNO\t\t\t\nDELETED_INPUT_BYTES\tbigint(20)\tNO\t\t\t\nDELETED_INPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nDELETED_OUTPUT_BYTES\tbigint(20)\tNO\t\t\t\nDELETED_OUTPUT_BYTES_DISPLAY\tvarchar(27)\tNO\t\t\t\nPATH\tvarchar(2048)\tNO\t\t\t\nCOMMENT\tvarchar(262144)\tNO\t\t\t',
  GV$OB_PARAMETERS:
    'SVR_IP\tvarchar(46)\tNO\t\tNULL\t\nSVR_PORT\tbigint(20)\tNO\t\tNULL\t\nZONE\tvarchar(128)\tNO\t\tNULL\t\nSCOPE\tvarchar(64)\tNO\t\tNULL\t\nTENANT_ID\tbigint(20)\tYES\t\tNULL\t\nNAME\tvarchar(128)\tNO\t\tNULL\t\nDATA_TYPE\tvarchar(128)\tYES\t\tNULL\t\nVALUE\tvarchar(65536)\tNO\t\tNULL\t\nINFO\tvarchar(4096)\tNO\t\tNULL\t\nSECTION\tvarchar(128)\tNO\t\tNULL\t\nEDIT_LEVEL\tvarchar(128)\tNO\t\tNULL\t\nDEFAULT_VALUE\tvarchar(65536)\tNO\t\tNULL\t\nISDEFAULT\tvarchar(3)\tNO\t\t\t',
  V$OB_PARAMETERS:
    'SVR_IP\tvarchar(46)\tNO\t\t\t\nSVR_PORT\tbigint(20)\tNO\t\t\t\nZONE\tvarchar(128)\tNO\t\t\t\nSCOPE\tvarchar(64)\tNO\t\t\t\nTENANT_ID\tbigint(20)\tNO\t\t\t\nNAME\tvarchar(128)\tNO\t\t\t\nDATA_TYPE\tvarchar(128)\tNO\t\t\t\nVALUE\tvarchar(65536)\tNO\t\t\t\nINFO\tvarchar(4096)\tNO\t\t\t\nSECTION\tvarchar(128)\tNO\t\t\t\nEDIT_LEVEL\tvarchar(128)\tNO\t\t\t\nDEFAULT_VALUE\tvarchar(65536)\tNO\t\t\t\nISDEFAULT\tvarchar(3)\tNO\t\t\t',
  CDB_OB_BACKUP_PARAMETER:
    'TENANT_ID\tbigint(20)\tNO\t\tNULL\t\nNAME\tvarchar(1024)\tNO\t\tNULL\t\nVALUE\tlongtext\tNO\t\tNULL\t',
};

/** The CDB_ views whose record was not read: DBA_ columns after TENANT_ID. */
export const RECORDED_DESC_DERIVED = [
  'OB_BACKUP_JOBS',
  'OB_BACKUP_JOB_HISTORY',
  'OB_BACKUP_TASKS',
  'OB_BACKUP_TASK_HISTORY',
  'OB_BACKUP_SET_FILES',
  'OB_ARCHIVELOG_PIECE_FILES',
];

export interface RecordedColumn {
  name: string;
  /** As DESC prints it, e.g. `bigint(20) unsigned`, `varchar(4096)`, `datetime(6)`. */
  type: string;
  nullable: boolean;
  /** null = `NULL`; '' = empty default. */
  default: string | null;
}

function parse(text: string): RecordedColumn[] {
  return text.split('\n').map((line) => {
    const [name = '', type = '', nul = '', , def = ''] = line.split('\t');
    return { name, type, nullable: nul === 'YES', default: def === 'NULL' ? null : def };
  });
}

const cache = new Map<string, RecordedColumn[] | null>();

/** The recorded columns of a view (CDB_/DBA_ name), or null when OceanBase's record lacks it. */
export function recordedColumns(view: string): RecordedColumn[] | null {
  const key = view.toUpperCase();
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let cols: RecordedColumn[] | null = null;
  const text = RECORDED_DESC[key];
  if (text) cols = parse(text);
  else if (key.startsWith('CDB_') && RECORDED_DESC_DERIVED.includes(key.slice(4))) {
    const dba = RECORDED_DESC[`DBA_${key.slice(4)}`];
    if (dba)
      cols = [
        { name: 'TENANT_ID', type: 'bigint(20)', nullable: false, default: null },
        ...parse(dba),
      ];
  }
  cache.set(key, cols);
  return cols;
}

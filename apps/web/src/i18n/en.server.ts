/**
 * What the BFF and OceanBase say, in English: hints per error code, the sentence of each error
 * code and precondition check (rendered from the code and its params; the server's own English
 * message is the fallback for a code missing here), and the labels of OceanBase's enums.
 * Terms follow OceanBase's docs: see docs/glossary.md.
 */
export const enServer = {
  errors: {
    hint: {
      UNAUTHENTICATED: 'Your session has expired. Log in again.',
      LOGIN_FAILED:
        'Check the tenant, the user and the password: the user must exist in that tenant.',
      RATE_LIMITED: 'Wait until the time shown, then try again.',
      DATABASE_UNAVAILABLE:
        'The console cannot reach the OceanBase cluster. Check that the observer (or OBProxy) is running and reachable, then retry.',
      NETWORK_ERROR:
        'The console server did not answer. Check your network and that the console is running, then retry.',
      FORBIDDEN:
        'Your database account lacks the ALTER SYSTEM privilege. Use an account that holds it.',
      VALIDATION_FAILED: 'Correct the input and try again.',
      MALFORMED_JSON: 'The request was not understood. Reload the page and try again.',
      PAYLOAD_TOO_LARGE: 'The request is too large. Shorten the input and try again.',
      CROSS_ORIGIN_REJECTED:
        'The request did not come from the console’s own address. Reload the page.',
      NOT_FOUND: 'It may have been removed. Go back to the list.',
      INVALID_CURSOR: 'This page link is no longer valid. Go back to the first page.',
      IDEMPOTENCY_CONFLICT:
        'This request was already sent with other settings. Close the dialog and start again.',
      TENANT_NOT_FOUND: 'The tenant no longer exists. Refresh the tenant list.',
      NOT_A_USER_TENANT:
        'Only user tenants are backed up; sys and meta tenants are covered with them.',
      TENANT_NOT_NORMAL:
        'The tenant is not in NORMAL status (creating, restoring or dropping). Retry once it is.',
      LOG_ARCHIVE_NOT_DOING:
        'Log archiving must be running (DOING). Start it with ALTER SYSTEM ARCHIVELOG, then retry.',
      BACKUP_DEST_NOT_SET:
        'Set the data backup destination with ALTER SYSTEM SET DATA_BACKUP_DEST, then retry.',
      BACKUP_IN_PROGRESS:
        'A backup is already running for this tenant. Wait for it to finish, or cancel it on the Progress page.',
      NO_FULL_BACKUP:
        'An incremental backup needs a completed full backup first. Start a full backup.',
      NO_ELIGIBLE_TENANT:
        'No tenant meets the backup conditions. Check each tenant’s archive status, destination and running backups.',
      OCEANBASE_ERROR: 'OceanBase refused the statement. Fix the cause it names, then retry.',
      STORE_UNAVAILABLE:
        'Nothing was done. Try again in a moment; if it persists, the console administrator should check the console store (DATA_DIR or STORE_URL).',
      NO_SERVICE_ACCOUNT:
        'Policies run under the cluster’s service account. Ask the console administrator to configure one (serviceAccount in CLUSTERS_FILE, or OB_SERVICE_USER), or save the policy paused.',
      POLICY_NAME_TAKEN: 'Another policy of this cluster has this name. Choose another name.',
      DATABASE_BUSY:
        'The database is slow to answer and your requests are queuing. Wait a moment, then retry.',
      TOO_MANY_SESSIONS:
        'This database account has too many open sessions. Log out where you no longer work, or wait for idle ones to expire.',
      TOO_MANY_STREAMS:
        'Too many console tabs of this login are watching live. Close some tabs, then reload.',
      TOO_MANY_CONNECTIONS:
        'The console has too many open connections. Close other tabs or clients, then retry.',
      MISDIRECTED_REQUEST:
        'Open the console at its own address; ask the administrator to add this name to ALLOWED_HOSTS.',
      INTERNAL: 'The console server failed. Retry; if it keeps failing, check the server log.',
      BAD_RESPONSE:
        'The console server sent an unexpected answer. Retry; if it keeps failing, check the server log.',
    },
  },
  obHint: {
    '-9029':
      'Log archiving stopped during the backup; restart it with ALTER SYSTEM ARCHIVELOG and retry.',
    '-9027':
      'Log archiving was interrupted during the backup; check CDB_OB_ARCHIVELOG, bring archiving back to DOING and retry.',
    '-4012':
      'An operation timed out; the cluster or the backup destination was too slow. Check their load and retry.',
    '-4009':
      'Reading or writing the backup destination failed; check that the destination is mounted and writable, then retry.',
    '-4184': 'A server ran out of disk space; free space or extend the disk, then retry.',
    '-9040':
      'The backup could not start; check the tenant status, the archive status and the data backup destination, then retry.',
    '-9036': 'Another backup of this tenant was already running; wait for it to end and retry.',
    '-4016':
      'OceanBase hit an internal error; look up the trace_id of the comment in the observer log, then retry.',
    '-9070':
      'The backup destination could not be reached; check the path or the object storage credentials, then retry.',
    '-9080':
      'The destination has no format file; set DATA_BACKUP_DEST again to an empty directory.',
    '-9081':
      'The destination belongs to another cluster or tenant; use a different DATA_BACKUP_DEST.',
    '-4013': 'The tenant ran out of memory; lower the load or raise the tenant memory, then retry.',
    '-5036': 'The account lacked a privilege; use an account with ALTER SYSTEM.',
  },
  /** Failures that never reached the BFF, or came back unreadable. */
  refusals: {
    title: 'Refused',
    forTenant: '{{tenant}}: {{text}}',
    unavailableTitle: 'The database cannot be reached',
  },
  clientErrors: {
    NETWORK_ERROR: 'The console server cannot be reached.',
    BAD_RESPONSE: 'The console server sent an answer that could not be read.',
  },
  /** errors.<CODE>[_<variant>]: the sentence of a BFF error, from its params. */
  serverErrors: {
    VALIDATION_FAILED: 'The request was not accepted: check {{fields}}.',
    VALIDATION_FAILED_encoding: 'Send the body as UTF-8 JSON.',
    VALIDATION_FAILED_unreadable: 'The request body could not be read.',
    VALIDATION_FAILED_idempotencyKey:
      'The Idempotency-Key must be 8-128 letters, digits, - or _ (a UUID works).',
    VALIDATION_FAILED_tenantName: '"{{name}}" is not a valid tenant name.',
    VALIDATION_FAILED_nul: 'Text sent to the database cannot contain a NUL character.',
    MALFORMED_JSON: 'The request body is not valid JSON.',
    PAYLOAD_TOO_LARGE: 'The request body is too large (the limit is {{limitKb}} kB).',
    LOGIN_FAILED: 'Wrong tenant, user or password.',
    UNAUTHENTICATED_ended: 'Your session has ended. Log in again.',
    UNAUTHENTICATED_expired: 'Your session has expired. Log in again.',
    FORBIDDEN_noPrivilege:
      'This account has no ALTER SYSTEM privilege, so it can watch backups but not start or stop them.',
    FORBIDDEN_otherTenant:
      'A session of tenant {{tenant}} can only act on its own tenant, not "{{other}}".',
    RATE_LIMITED: 'Too many failed logins.',
    CROSS_ORIGIN_REJECTED: 'Changes are only accepted from the console itself.',
    NOT_FOUND_route: 'No such API route.',
    NOT_FOUND_cluster: 'This console has no cluster "{{cluster}}".',
    NOT_FOUND_job: 'Backup task {{jobId}} of tenant {{tenant}} was not found.',
    INVALID_CURSOR:
      'This page link is not valid (edited, or made by another server); start from the first page.',
    IDEMPOTENCY_CONFLICT:
      'This Idempotency-Key was already used for a different request; use a new key.',
    TENANT_NOT_FOUND: 'Tenant "{{tenant}}" does not exist, or this account cannot see it.',
    NOT_A_USER_TENANT_cancel: '"{{tenant}}" is a {{type}}; only user tenants have backups to stop.',
    NO_ELIGIBLE_TENANT_noUserTenant: 'There is no user tenant to back up.',
    NO_ELIGIBLE_TENANT_noneEligible:
      'No tenant meets the backup conditions; see the reason given for each tenant.',
    OCEANBASE_ERROR: 'OceanBase refused the statement.',
    DATABASE_UNAVAILABLE: 'The database cannot be reached right now. Try again in a moment.',
    DATABASE_UNAVAILABLE_host: 'The database at {{host}} cannot be reached. Try again in a moment.',
    INTERNAL: 'Something went wrong on the server.',
    STORE_UNAVAILABLE:
      'The console cannot write its audit trail right now, so it did not do this. Try again in a moment; if it persists, ask the administrator to check the console store.',
    NO_SERVICE_ACCOUNT:
      'Cluster {{cluster}} has no service account, so a policy cannot run or be enabled there.',
    POLICY_NAME_TAKEN: 'A policy named “{{name}}” already exists in this cluster.',
    DATABASE_BUSY:
      'The database is busy: {{limit}} requests of this session already wait for it. Wait for them to finish, then try again.',
    DATABASE_BUSY_budget:
      'The database is busy: every connection this account may open ({{perAccount}} per account, {{perCluster}} per cluster) stayed in use until your request’s time ran out. Try again in a moment.',
    TOO_MANY_SESSIONS:
      '{{account}} already has {{live}} sessions open (the limit is {{limit}}). Log out of a session you no longer use, or wait for idle ones to expire.',
    TOO_MANY_STREAMS:
      'This session already has {{open}} live streams open (the limit is {{limit}}). Close other console tabs of this login and reload.',
    TOO_MANY_CONNECTIONS:
      'The console has too many open connections (from your address or in all). Close other tabs or clients and try again.',
    MISDIRECTED_REQUEST: 'This console does not answer to the host name "{{host}}".',
  },
  /** checks.<CODE>.ok | fail[_<variant>]: one precondition check, from its params. */
  checks: {
    TENANT_NOT_FOUND: {
      ok: 'Tenant exists.',
      fail: 'Tenant "{{tenant}}" does not exist, or this account cannot see it.',
    },
    NOT_A_USER_TENANT: {
      ok: 'User tenant.',
      fail: '"{{tenant}}" is a {{type}}; only user tenants are backed up.',
    },
    TENANT_NOT_NORMAL: {
      ok: 'Tenant status is normal.',
      fail: 'Tenant status is "{{status}}"; a backup needs the normal status.',
    },
    LOG_ARCHIVE_NOT_DOING: {
      ok: 'Log archiving is running.',
      fail: 'Log archiving is "{{status}}"; it must be running. Start it with {{sql}}.',
      fail_noRound:
        'Log archiving has never been started; it must be running. Start it with {{sql}}.',
    },
    BACKUP_DEST_NOT_SET: {
      ok: 'Data backup destination: {{path}}.',
      fail: 'No data backup destination is set. Set one with {{sql}}.',
    },
    BACKUP_IN_PROGRESS: {
      ok: 'No backup is running.',
      fail: 'Backup task {{jobId}} is already "{{status}}" for this tenant; wait for it or stop it.',
    },
    NO_FULL_BACKUP: {
      ok: 'A successful full backup exists on this destination.',
      fail: 'No successful full backup exists on this destination: OceanBase would silently run a full backup instead. Run a full backup first.',
    },
  },
  /** OceanBase's value sets, as a reader of the console should see them. */
  enums: {
    tenantStatus: {
      NORMAL: 'Normal',
      RESTORE: 'Restoring',
      CREATING: 'Creating',
      DROPPING: 'Dropping',
    },
    archiveStatus: {
      PREPARE: 'Preparing',
      BEGINNING: 'Starting',
      DOING: 'Archiving',
      INTERRUPTED: 'Interrupted',
      STOP: 'Stopped',
      STOPPING: 'Stopping',
      SUSPENDING: 'Suspending',
      SUSPEND: 'Suspended',
      none: 'Not started',
    },
    logMode: { ARCHIVELOG: 'Archive log mode', NOARCHIVELOG: 'No archive log mode' },
    setStatus: { SUCCESS: 'Succeeded', FAILED: 'Failed', INIT: 'Starting', DOING: 'Running' },
    fileStatus: {
      COPYING: 'Being written',
      AVAILABLE: 'Available',
      DELETING: 'Being deleted',
      EXPIRED: 'Expired',
      INCOMPLETE: 'Incomplete (files missing)',
      BROKEN: 'Broken (unusable)',
      DELETED: 'Deleted',
    },
    tenantType: { SYS: 'sys tenant', USER: 'user tenant', META: 'meta tenant' },
    jobLevel: {
      CLUSTER: 'Cluster (sys backs up every tenant)',
      SYS_TENANT: 'Tenant, started by sys',
      USER_TENANT: 'Tenant, started by itself',
    },
    encryption: {
      NONE: 'No backup password',
      PASSWORD: 'Backup password (password protection, not encryption)',
      PASSWORD_ENCRYPTION: 'Encrypted and password-protected',
      TRANSPARENT_ENCRYPTION: 'Transparent data encryption (TDE)',
      DUAL_MODE_ENCRYPTION: 'TDE and password protection',
    },
  },
};

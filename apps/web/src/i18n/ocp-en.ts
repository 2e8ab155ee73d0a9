import type { Shape } from './shape';

/** What OCP users look for (issue 10): tenants row, start summary, history and cancel words. */
export const ocpEn = {
  a11y: {
    skipToContent: 'Skip to main content',
    step: 'Step {{current}} of {{total}}: {{title}}',
  },
  cancel: {
    title: 'Cancel backup job {{jobId}} of {{tenant}}?',
    job: 'Job',
    jobValue: '{{jobId}} · {{type}} backup · backup set {{setId}}',
    lost: 'Progress that will be lost',
    lostValue: '{{percent}} done, {{written}} written so far',
    lostText:
      'The job stops and its incomplete backup set cannot be used for a restore; a new backup starts from the beginning.',
    sql: 'SQL that will run',
  },
  history: {
    restorable: 'Restorable from',
    actions: 'Actions',
    retry: 'Retry',
    retryOf: 'Retry job {{jobId}} of {{tenant}}',
    total_one: '{{count}} job',
    total_other: '{{count}} jobs',
    range: 'Time range',
    rangeStart: 'From',
    rangeEnd: 'To',
    lastHour: 'Last hour',
    last24h: 'Last 24 hours',
    last7d: 'Last 7 days',
    last30d: 'Last 30 days',
    noBackupsTitle: 'No backup yet',
    noBackups:
      'This cluster has no finished backup job. Start a full backup from the Tenants page; it will be listed here once it ends.',
  },
  review: {
    summary: 'What will happen',
    summaryType: 'Type',
    summaryTenants: 'Tenants',
    summaryAllTenants: 'All user tenants that pass the checks',
    summaryDestination: 'Backup destination',
    summaryPassword: 'Backup password',
    summaryPasswordOn:
      'Set: restoring will need it (password protection, not encryption of the data)',
    summaryPasswordOff: 'None',
    summaryArchivelog: 'PLUS ARCHIVELOG',
    summaryDescription: 'Description',
    checkPassed: 'Passed',
    checkFailed: 'Failed',
    fix: 'To fix, run as an administrator, then review again:',
    nothingWillRun: 'Nothing will run until the checks above pass.',
  },
  tenants: {
    lastFull: 'Last successful full',
    lastInc: 'Last successful incremental',
    readiness: 'Ready to back up',
    actions: 'Actions',
    backUpNow: 'Back up now',
    backUpNowOf: 'Back up now: {{name}}',
    ready: 'Ready',
    notReady: 'Not ready',
    neverBackedUp: 'No backup yet',
    neverWarning: 'Never backed up: no restore is possible.',
    staleWarning: 'Not backed up for {{days}} days.',
    set: 'Set {{id}}',
    lastAttempt: 'Last attempt {{status}}',
    copyPath: 'Copy path',
    ago: {
      seconds: 'just now',
      minutes: '{{count}} min ago',
      hours: '{{count}} h ago',
      days_one: '{{count}} day ago',
      days_other: '{{count}} days ago',
    },
  },
};

export type OcpMessages = Shape<typeof ocpEn>;

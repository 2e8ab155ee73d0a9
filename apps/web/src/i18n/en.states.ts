/** What the console says about its own state: the session's end and data gone stale. */
export const enStates = {
  sessionState: {
    idleWarning: 'Your session ends in {{left}} unless you continue.',
    idleHelp:
      'Nothing has been done for a while. Stay signed in to continue; watching a running backup counts as activity.',
    absoluteWarning: 'Your session ends in {{left}}.',
    absoluteHelp:
      'Sessions last at most a fixed time and this one cannot be extended. Log in again afterwards to come back here.',
    extend: 'Stay signed in',
    endedTitle: 'Your session ended',
    endedText: 'It timed out. Log in again to continue where you were.',
  },
  stale: {
    title: 'The database cannot be reached',
    text: 'Shown: the last data received, at {{time}} ({{ago}}). It is not live: figures do not move, and starting or stopping backups is off until the database answers again.',
    tag: 'Stale',
    actionsOff: 'Not available while the database cannot be reached.',
  },
};

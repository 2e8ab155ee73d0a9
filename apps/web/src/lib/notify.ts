import type { NotificationInstance } from 'antd/es/notification/interface';

/**
 * The QueryClient lives outside React, but antd's notifications must come from inside <App> to
 * follow the theme. The app registers its instance here once; until then nothing is shown.
 */
let instance: NotificationInstance | undefined;

export function registerNotifier(api: NotificationInstance | undefined): void {
  instance = api;
}

/**
 * Bottom right: at the top right a toast lay over the header's sign-in and language controls and
 * over the menus they open, for as long as it showed (a click meant for "Sign out of all
 * clusters" right after cancelling a backup landed on the toast and was lost).
 */
const PLACEMENT = 'bottomRight';

export function notifyError(title: string, description: string): void {
  instance?.error({ title, description, placement: PLACEMENT, duration: 8 });
}

export function notifySuccess(title: string, description?: string): void {
  instance?.success({ title, description, placement: PLACEMENT, duration: 4 });
}

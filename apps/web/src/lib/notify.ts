import type { NotificationInstance } from 'antd/es/notification/interface';

/**
 * The QueryClient lives outside React, but antd's notifications must come from inside <App> to
 * follow the theme. The app registers its instance here once; until then nothing is shown.
 */
let instance: NotificationInstance | undefined;

export function registerNotifier(api: NotificationInstance | undefined): void {
  instance = api;
}

export function notifyError(title: string, description: string): void {
  instance?.error({ title, description, placement: 'topRight', duration: 8 });
}

export function notifySuccess(title: string, description?: string): void {
  instance?.success({ title, description, placement: 'topRight', duration: 4 });
}

import { useEffect } from 'react';
import { notification } from 'antd';
import { registerNotifier } from '../lib/notify';

/**
 * Registers antd's themed notification API for code outside React (the QueryClient's default
 * mutation error toast). Mounted by the signed-in layout: the login screen needs no toasts,
 * and leaving them out keeps its first download small. The hook rather than antd's <App>,
 * which would also bring Modal and message.
 */
export function NotifierBridge() {
  const [api, holder] = notification.useNotification();
  useEffect(() => {
    registerNotifier(api);
    return () => registerNotifier(undefined);
  }, [api]);
  return holder;
}

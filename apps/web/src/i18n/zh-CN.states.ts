import type { Messages } from './en';
import type { enStates } from './en.states';

/** 控制台自身状态的说明：会话即将结束、数据已过时。 */
export const zhCNStates: Pick<Messages, keyof typeof enStates> = {
  sessionState: {
    idleWarning: '会话将在 {{left}}后结束，除非您继续操作。',
    idleHelp: '您已有一段时间没有操作。如需继续，请保持登录；查看正在运行的备份也算作操作。',
    absoluteWarning: '会话将在 {{left}}后结束。',
    absoluteHelp: '会话有最长时限，无法延长。结束后请重新登录，即可回到此页面。',
    extend: '保持登录',
    endedTitle: '会话已结束',
    endedText: '会话已超时。请重新登录以回到之前的页面。',
  },
  stale: {
    title: '无法连接数据库',
    text: '当前显示的是最后一次收到的数据（{{time}}，{{ago}}）。这些数据不再实时更新：数字不会变化，在数据库恢复响应之前无法发起或停止备份。',
    tag: '已过时',
    actionsOff: '无法连接数据库时不可用。',
  },
};

import { DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, theme } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

export interface NavTarget {
  to: string;
  label: string;
}

/**
 * Below 1200 px the header has no room for every page: the ones used less often (policies,
 * alerts, the audit trail) are under "More", a menu button the keyboard opens like any other.
 */
export function NavMore({ items }: { items: NavTarget[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const active = items.find((i) => pathname === i.to || pathname.startsWith(`${i.to}/`));
  if (items.length === 0) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectedKeys: active ? [active.to] : [],
        // Links, not actions: they open in a new tab and say where they lead.
        items: items.map((i) => ({ key: i.to, label: <Link to={i.to}>{i.label}</Link> })),
      }}
    >
      <Button
        type="text"
        aria-current={active ? 'page' : undefined}
        style={{
          height: 56,
          borderRadius: 0,
          color: active ? token.colorLink : token.colorText,
          fontWeight: active ? 600 : 400,
          borderBottom: `2px solid ${active ? token.colorPrimary : 'transparent'}`,
        }}
      >
        {active ? active.label : t('nav.more')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}

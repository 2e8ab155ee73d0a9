import type { ReactNode } from 'react';
import { theme } from 'antd';

/** A bordered list of rows (antd's List is deprecated in v6). */
export function BorderedList<T>({
  items,
  rowKey,
  render,
}: {
  items: T[];
  rowKey: (item: T) => string;
  render: (item: T) => ReactNode;
}) {
  const { token } = theme.useToken();
  return (
    <ul
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        background: token.colorBgContainer,
      }}
    >
      {items.map((item, i) => (
        <li
          key={rowKey(item)}
          style={{
            padding: '8px 16px',
            borderTop: i === 0 ? undefined : `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {render(item)}
        </li>
      ))}
    </ul>
  );
}

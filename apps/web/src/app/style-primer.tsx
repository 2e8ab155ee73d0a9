import { createRoot } from 'react-dom/client';
import {
  Alert,
  Badge,
  Button,
  Dropdown,
  Flex,
  Layout,
  Progress,
  Select,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { AntdProviders } from './antd-providers';

/*
 * antd writes each component's CSS the first time the component mounts under a theme (CSS-in-JS:
 * its style objects are serialised and hashed in the browser), and runs each component's code
 * for the first time there too. On the first signed-in screen that was most of the time from the
 * tenants' answer to their rows (bench/frontend). While the user types their password, the
 * login page mounts what that screen is made of once, hidden, under the same theme: the styles
 * are then in the document and in antd's cache, which the real screen finds (see
 * docs/decisions/020-login-without-antd.md). It shows nothing and holds no data of anyone.
 */
const columns = [
  { title: 'a', dataIndex: 'a', key: 'a' },
  { title: 'b', dataIndex: 'b', key: 'b', render: () => <Tag color="success">b</Tag> },
];
const rows = [{ key: 1, a: 'a', b: 'b' }];

function Primer() {
  return (
    // No landmark or heading elements (Layout.Header/Content render <header>/<main>, Title an
    // <h1>): even hidden, a second <main> or <h1> in the document would confuse page checks.
    <Layout>
      <Flex gap={8} align="center">
        <Badge status="processing" text="a" />
        <Select value="a" options={[{ value: 'a', label: 'a' }]} />
        <Switch checked={false} />
        <Dropdown menu={{ items: [{ key: 'a', label: 'a' }] }}>
          <Button type="text">a</Button>
        </Dropdown>
      </Flex>
      <Alert type="info" showIcon title="a" />
      <Alert type="warning" showIcon title="a" description="a" closable />
      <Typography.Text type="secondary">a</Typography.Text>
      <Typography.Link>a</Typography.Link>
      <Flex gap={8} wrap>
        <Button type="primary">a</Button>
        <Button size="small">a</Button>
        <Tooltip title="a">
          <Tag>a</Tag>
        </Tooltip>
        <Tag color="processing">a</Tag>
        <Tag color="success">a</Tag>
        <Tag color="blue">a</Tag>
        <Tag color="warning">a</Tag>
        <Tag color="error">a</Tag>
      </Flex>
      <Progress percent={50} size="small" status="active" />
      <Table
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowSelection={{ selectedRowKeys: [] }}
        scroll={{ x: 'max-content' }}
      />
    </Layout>
  );
}

let primer: { release: () => void } | undefined;

/**
 * Mounts the primer once per page, hidden (display: none, inert: out of the accessibility tree
 * and the tab order). It stays mounted until the signed-in screens have mounted their own
 * components (releaseSignedInStyles): antd drops a style from its cache when the last component
 * that uses it unmounts, and the real screen would then generate it all over again.
 */
export function primeSignedInStyles(): void {
  if (primer || typeof document === 'undefined') return;
  const host = document.createElement('div');
  host.hidden = true;
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  document.body.appendChild(host);
  const root = createRoot(host);
  root.render(
    <AntdProviders>
      <Primer />
    </AntdProviders>,
  );
  primer = {
    release: () => {
      root.unmount();
      host.remove();
    },
  };
}

/** The signed-in screens hold their own styles now: the primer goes (once; a no-op after). */
export function releaseSignedInStyles(): void {
  const p = primer;
  if (!p) return;
  primer = { release: () => {} };
  p.release();
}

import { useState } from 'react';
import { Flex, Segmented, Table, Tag, Typography, theme, type TableColumnsType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PolicyTimeline as Timeline } from '@obconsole/contracts';
import { timelineDays, type TimelineDay } from '../timeline';
import { TIMELINE_DAYS } from '../api';
import { timeZoneLabel } from '../../../lib/format';

type Row = TimelineDay['runs'][number];

function DayTrack({ day }: { day: TimelineDay }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div
      style={{
        position: 'relative',
        height: 34,
        flex: 1,
        minWidth: 300,
        background: token.colorFillQuaternary,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
      }}
    >
      {[6, 12, 18].map((h) => (
        <span
          key={h}
          aria-hidden
          style={{
            position: 'absolute',
            left: `${(h / 24) * 100}%`,
            top: 0,
            bottom: 0,
            borderLeft: `1px dashed ${token.colorBorder}`,
          }}
        />
      ))}
      {day.runs.length === 0 && (
        <Typography.Text type="secondary" style={{ position: 'absolute', left: 8, top: 6 }}>
          {t('policies.timeline.noRun')}
        </Typography.Text>
      )}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {day.runs.map((r) => {
          const at = dayjs(r.at);
          const left = ((at.hour() * 60 + at.minute()) / 1440) * 100;
          const full = r.type === 'full';
          return (
            <li
              key={`${r.policyId}-${r.at}`}
              title={`${at.format('HH:mm')} ${r.policyName} · ${t(`type.${r.type}`)}`}
              style={{
                position: 'absolute',
                left: `min(${left}%, calc(100% - 64px))`,
                top: 4,
                height: 24,
                padding: '0 6px',
                display: 'flex',
                alignItems: 'center',
                gap: 4,
                whiteSpace: 'nowrap',
                fontSize: 12,
                borderRadius: token.borderRadiusSM,
                // Type is said by its letter as well as its fill.
                background: full ? token.colorPrimary : token.colorBgContainer,
                color: full ? token.colorTextLightSolid : token.colorText,
                border: `1px solid ${r.overlaps.length ? token.colorWarning : token.colorPrimary}`,
              }}
            >
              {r.overlaps.length > 0 && <WarningOutlined aria-hidden />}
              <span aria-hidden>
                {at.format('HH:mm')} {t(`policies.timeline.short.${r.type}`)}
              </span>
              <span className="visually-hidden">
                {at.format('HH:mm')} <span translate="no">{r.policyName}</span>{' '}
                {t(`type.${r.type}`)}
                {r.overlaps.length > 0 &&
                  `, ${t('policies.timeline.overlapsWith', { names: r.overlaps.join(', ') })}`}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The next 7 days of runs across the cluster's policies, as day tracks or as a table. */
export function PolicyTimeline({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const days = timelineDays(timeline.from, TIMELINE_DAYS, timeline.runs);
  const rows = days.flatMap((d) => d.runs);
  const overlaps = rows.filter((r) => r.overlaps.length > 0).length;
  const gaps = days.filter((d) => d.runs.length === 0).length;
  const columns: TableColumnsType<Row> = [
    {
      title: t('policies.timeline.when'),
      key: 'when',
      render: (_: unknown, r) => dayjs(r.at).format('ddd YYYY-MM-DD HH:mm'),
    },
    {
      title: t('policies.name'),
      key: 'policy',
      render: (_: unknown, r) => <span translate="no">{r.policyName}</span>,
    },
    { title: t('backup.type'), key: 'type', render: (_: unknown, r) => t(`type.${r.type}`) },
    {
      title: t('policies.timeline.policyTime'),
      key: 'local',
      render: (_: unknown, r) => <span translate="no">{`${r.local} ${r.timeZone}`}</span>,
    },
    {
      title: t('policies.timeline.overlap'),
      key: 'overlap',
      render: (_: unknown, r) =>
        r.overlaps.length ? (
          <Tag color="warning" icon={<WarningOutlined />}>
            <span translate="no">{r.overlaps.join(', ')}</span>
          </Tag>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <section aria-labelledby="policy-timeline-title">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={2} id="policy-timeline-title" style={{ fontSize: 18, margin: 0 }}>
          {t('policies.timeline.title', { days: TIMELINE_DAYS })}
        </Typography.Title>
        <Segmented
          aria-label={t('policies.timeline.view')}
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          options={[
            { value: 'chart', label: t('policies.timeline.chart') },
            { value: 'table', label: t('policies.timeline.table') },
          ]}
        />
      </Flex>
      <Typography.Paragraph type="secondary" role="status">
        {t('policies.timeline.summary', { count: rows.length, zone: timeZoneLabel() })}{' '}
        {overlaps > 0 && t('policies.timeline.overlaps', { count: overlaps })}{' '}
        {gaps > 0 && t('policies.timeline.gaps', { count: gaps })}{' '}
        {timeline.truncated && t('policies.timeline.truncated')}
      </Typography.Paragraph>
      {view === 'chart' ? (
        <ul
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
          aria-label={t('policies.timeline.title', { days: TIMELINE_DAYS })}
        >
          {days.map((d) => (
            <li key={d.day} style={{ marginBottom: 6 }}>
              <Flex align="center" gap={12}>
                <span style={{ width: 120, flex: 'none' }}>{dayjs(d.day).format('ddd MM-DD')}</span>
                <DayTrack day={d} />
              </Flex>
            </li>
          ))}
        </ul>
      ) : (
        <Table<Row>
          rowKey={(r) => `${r.policyId}-${r.at}`}
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('policies.timeline.empty') }}
        />
      )}
    </section>
  );
}

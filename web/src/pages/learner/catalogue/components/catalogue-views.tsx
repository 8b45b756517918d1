import { BankOutlined, CalendarOutlined, EnvironmentOutlined, FileTextOutlined, TeamOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { showError } from '../../../../api/client.js';
import { type CatalogueItem, enrolmentActions, type TrainingYear } from '../../../../api/enrolment.js';
import { EnrolmentStateTag } from '../../../../components/enrolment-state-tag.js';
import { classTitle, dateRange, feeLabel, hoursText } from '../../../../labels.js';

type ViewProps = {
  items: CatalogueItem[];
  year: TrainingYear | undefined;
  onEnrol: (item: CatalogueItem) => void;
};

/** 已报 8 / 计划 5 人, and 已满 when no place is left. */
export function Places({ item }: { item: CatalogueItem }) {
  const { t } = useTranslation();
  return (
    <Flex gap={6} align="center" wrap>
      <span>{t('catalogue.places', { taken: item.taken, capacity: item.capacity })}</span>
      {item.full ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid={`catalogue-full-${item.classId}`}>
          {t('enrol.full')}
        </Tag>
      ) : null}
    </Flex>
  );
}

function PlanLink({ item, block }: { item: CatalogueItem; block?: boolean }) {
  const { t } = useTranslation();
  if (!item.hasPlan) return null;
  return (
    <Button
      type={block ? 'default' : 'link'}
      size={block ? 'large' : 'small'}
      icon={<FileTextOutlined />}
      style={block ? undefined : { paddingInline: 0 }}
      onClick={() => enrolmentActions.downloadPlan(item.projectId, t('enrol.plan')).catch(showError)}
      data-testid={`catalogue-plan-${item.classId}`}
    >
      {t('enrol.plan')}
    </Button>
  );
}

/**
 * What a class offers me now: my state when I already enrolled (one enrolment per class), else
 * 报名 — or why not (not in a window; 已满 in round 2, which is first come, first served).
 */
function EnrolAction({ item, year, onEnrol, block }: ViewProps & { item: CatalogueItem; block?: boolean }) {
  const { t } = useTranslation();
  if (item.myState) {
    return (
      <Flex
        gap={block ? 4 : 8}
        vertical={block}
        align={block ? 'flex-end' : 'center'}
        justify="center"
        wrap
        style={block ? { flex: 1, minWidth: 0 } : undefined}
      >
        <EnrolmentStateTag state={item.myState} testId={`catalogue-state-${item.classId}`} />
        <Link to="/my/enrolments">{t('catalogue.viewMine')}</Link>
      </Flex>
    );
  }
  const size = block ? 'large' : 'middle';
  const style = block ? { flex: 1 } : undefined;
  if (year && year.openRound === null) {
    return (
      <Button size={size} style={style} disabled>
        {t('catalogue.notOpen')}
      </Button>
    );
  }
  if (year?.openRound === 2 && item.full) {
    return (
      <Button size={size} style={style} disabled>
        {t('enrol.full')}
      </Button>
    );
  }
  return (
    <Button type="primary" size={size} style={style} onClick={() => onEnrol(item)} data-testid={`catalogue-enrol-${item.classId}`}>
      {t('catalogue.enrol')}
    </Button>
  );
}

function Fact({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Flex gap={8} align="baseline" style={{ minWidth: 0 }}>
      <Typography.Text type="secondary">{icon}</Typography.Text>
      <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{children}</div>
    </Flex>
  );
}

/** Phone: one card per class, the facts one per line and a full-width 报名 button. */
export function CatalogueCards({ items, year, onEnrol }: ViewProps) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12} data-testid="catalogue-cards">
      {items.map((item) => (
        <Card key={item.classId} size="small" data-testid={`catalogue-item-${item.classId}`}>
          <Typography.Text strong style={{ fontSize: 16, display: 'block', marginBottom: 6 }}>
            {item.projectName}
          </Typography.Text>
          <Flex gap={6} wrap style={{ marginBottom: 10 }}>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {classTitle(t, item.seq)}
            </Tag>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`enrol.mode.${item.mode}`)}</Tag>
            <Tag style={{ marginInlineEnd: 0 }}>{t('enrol.hoursValue', { hours: hoursText(item.hours) })}</Tag>
            {item.feeFen > 0 ? <Tag style={{ marginInlineEnd: 0 }}>{feeLabel(t, item.feeFen)}</Tag> : null}
          </Flex>
          <Flex vertical gap={4}>
            <Fact icon={<CalendarOutlined />}>{dateRange(item.startDate, item.endDate)}</Fact>
            <Fact icon={<EnvironmentOutlined />}>{item.place}</Fact>
            <Fact icon={<BankOutlined />}>{item.institutionName}</Fact>
            <Fact icon={<TeamOutlined />}>
              <Places item={item} />
            </Fact>
          </Flex>
          <Flex gap={8} style={{ marginTop: 12 }}>
            <PlanLink item={item} block />
            <EnrolAction item={item} items={items} year={year} onEnrol={onEnrol} block />
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

/** Desktop: the classes as a table. */
export function CatalogueTable({ items, year, onEnrol, loading }: ViewProps & { loading: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CatalogueItem> = [
    {
      title: t('catalogue.class'),
      key: 'class',
      render: (_, r) => (
        <div style={{ minWidth: 220 }}>
          <Typography.Text strong>{r.projectName}</Typography.Text>
          <Flex gap={6} wrap style={{ marginTop: 4 }}>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {classTitle(t, r.seq)}
            </Tag>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`enrol.mode.${r.mode}`)}</Tag>
            {r.feeFen > 0 ? <Tag style={{ marginInlineEnd: 0 }}>{feeLabel(t, r.feeFen)}</Tag> : null}
            <PlanLink item={r} />
          </Flex>
        </div>
      ),
    },
    { title: t('enrol.institution'), dataIndex: 'institutionName', render: (v: string) => <div style={{ minWidth: 100, maxWidth: 180 }}>{v}</div> },
    { title: t('enrol.dates'), key: 'dates', render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{dateRange(r.startDate, r.endDate)}</span> },
    { title: t('enrol.place'), dataIndex: 'place', render: (v: string) => <div style={{ minWidth: 120, maxWidth: 200 }}>{v}</div> },
    { title: t('enrol.hours'), dataIndex: 'hours', align: 'right', render: (v: number) => hoursText(v) },
    { title: t('catalogue.placesTitle'), key: 'places', render: (_, r) => <Places item={r} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => <EnrolAction item={r} items={items} year={year} onEnrol={onEnrol} />,
    },
  ];
  return (
    <Table<CatalogueItem>
      rowKey="classId"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      size="middle"
      data-testid="catalogue-table"
      locale={{ emptyText: ' ' }}
    />
  );
}

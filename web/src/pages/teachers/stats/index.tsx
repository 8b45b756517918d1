import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Card, Col, Empty, Flex, Form, Grid, Row, Select, Skeleton, Statistic, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { RoleView } from '../../../../../common/schemas/auth.js';
import { STAT_DIMENSIONS, type TeacherStats } from '../../../../../common/schemas/teachers.js';
import { api, type Query } from '../../../api/client.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';
import { ExportButton } from '../../../components/export-button.js';
import { FilterButtons } from '../../../components/list-page.js';
import { PageContainer } from '../../../components/page-container.js';
import { isCityCode, teacherStatusOptions } from '../../../labels.js';
import { TeacherFilterFields } from '../components/teacher-filters.js';
import { type Bar, BarChart, percent } from './components/bar-chart.js';

type Dimension = TeacherStats['by'];
type Group = TeacherStats['groups'][number];

const FILTERS = ['cityCode', 'countyCode', 'stage', 'subject', 'title', 'status', 'verified'] as const;
/** The status filter starts at 在职; `all` in the URL means no status filter. */
const DEFAULT_STATUS = 'in_service';
/** The server lists at most this many schools. */
const SCHOOL_LIMIT = 50;

/** A school sees its own teachers only; a county's regions are its schools: drop the dimensions that say nothing new. */
function dimensionsFor(role: RoleView | undefined): readonly Dimension[] {
  if (role?.schoolId) return STAT_DIMENSIONS.filter((d) => d !== 'region' && d !== 'school');
  if (role?.role === 'bureau_admin' && role.regionCode && !isCityCode(role.regionCode)) return STAT_DIMENSIONS.filter((d) => d !== 'region');
  return STAT_DIMENSIONS;
}

/** Region and school groups come named; vocabulary codes use the teacher pages' labels; `unset` is 未填写. */
function groupLabel(t: TFunction, by: Dimension, g: Group): string {
  if (g.label) return g.label;
  if (g.key === 'unset') return t('teacherStats.none');
  const vocab = { stage: 'stage', subject: 'subject', title: 'teacherTitle', gender: 'gender', status: 'teacherStatus' } as const;
  if (by === 'age') {
    const m = g.key.match(/^(\d+)-(\d+)$/);
    return m ? t('teacherStats.age', { from: m[1], to: m[2] }) : g.key;
  }
  if (by === 'region' || by === 'school') return g.key;
  return t(`${vocab[by]}.${g.key}`, { defaultValue: g.key });
}

/** TCH-8: teacher counts in my scope by one dimension, with the teacher list's filters, as a chart and a table; Excel export. */
export default function TeacherStatsPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm();
  const isPhone = Grid.useBreakpoint().md === false;
  const dimensions = dimensionsFor(activeRole(me));
  const asked = params.get('by') as Dimension | null;
  const by: Dimension = asked && dimensions.includes(asked) ? asked : (dimensions[0] ?? 'stage');

  const raw: Record<string, string> = {};
  for (const n of FILTERS) {
    const v = params.get(n);
    if (v) raw[n] = v;
  }
  const status = raw.status ?? DEFAULT_STATUS;
  const filters: Query = { ...raw, status: status === 'all' ? undefined : status };
  const query: Query = { ...filters, by };

  const { data, isFetching } = useQuery({
    queryKey: ['/api/teachers/stats', query],
    queryFn: () => api.get<TeacherStats>('/api/teachers/stats', query),
    placeholderData: (prev) => prev,
  });

  const go = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    setParams(p);
  };
  const apply = (values: Record<string, string | undefined>) => go({ ...values, status: values.status === DEFAULT_STATUS ? undefined : values.status, by });
  const reset = () => {
    form.resetFields();
    for (const n of FILTERS) form.setFieldValue(n, undefined);
    form.setFieldValue('status', DEFAULT_STATUS);
    go({ by });
  };

  const dimensionLabel = t(`teacherStats.dimension.${by}`);
  const shown = data?.by === by ? data : undefined;
  const bars: Bar[] = (shown?.groups ?? []).map((g, i) => ({ key: `${g.key}-${i}`, label: groupLabel(t, by, g), count: g.count }));
  const total = shown?.total ?? 0;

  const columns: TableColumnsType<Bar> = [
    { title: dimensionLabel, dataIndex: 'label' },
    { title: t('teacherStats.count'), dataIndex: 'count', align: 'right', width: 90 },
    { title: t('teacherStats.percent'), key: 'percent', align: 'right', width: 90, render: (_, b) => percent(b.count, total) },
  ];

  const notes = [
    by === 'subject' ? t('teacherStats.subjectNote') : null,
    by === 'school' && bars.length >= SCHOOL_LIMIT ? t('teacherStats.topSchools', { count: SCHOOL_LIMIT }) : null,
  ].filter(Boolean);

  let body = <Skeleton active />;
  if (shown && bars.length === 0) body = <Empty description={t('teacherStats.empty')} />;
  else if (shown)
    body = (
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={14}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('teacherStats.chartTitle', { dimension: dimensionLabel })}
          </Typography.Title>
          <BarChart bars={bars} total={total} testId="stats-chart" />
        </Col>
        <Col xs={24} xl={10}>
          <Table<Bar>
            rowKey="key"
            columns={columns}
            dataSource={bars}
            size="small"
            pagination={bars.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            data-testid="stats-table"
          />
        </Col>
      </Row>
    );

  return (
    <PageContainer
      title={t('menu.teacherStats')}
      extra={
        me.abilities.includes('teachers.manage') ? (
          <ExportButton
            url="/api/teachers/export"
            query={filters}
            fileName={t('teacherStats.fileName')}
            label={t('teacherStats.export')}
            doneText={t('teacherStats.exported')}
            testId="teacher-export"
          />
        ) : null
      }
    >
      <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 16, paddingBottom: 4 } }}>
        <Form form={form} layout="inline" className="sx-filters" initialValues={{ ...raw, status }} onFinish={apply}>
          <TeacherFilterFields />
          <Form.Item name="status" label={t('teacher.status')}>
            <Select options={[{ value: 'all', label: t('common.all') }, ...teacherStatusOptions(t)]} data-testid="filter-status" />
          </Form.Item>
          <Form.Item name="verified" label={t('teacher.verified')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'true', label: t('teacher.verifiedYes') },
                { value: 'false', label: t('teacher.verifiedNo') },
              ]}
              data-testid="filter-verified"
            />
          </Form.Item>
          <FilterButtons onReset={reset} />
        </Form>
      </Card>
      <Card
        tabList={dimensions.map((d) => ({ key: d, label: <span data-testid={`stats-by-${d}`}>{t(`teacherStats.dimension.${d}`)}</span> }))}
        activeTabKey={by}
        onTabChange={(key) => go({ ...raw, by: key })}
        styles={{ body: { padding: isPhone ? 16 : 24 } }}
      >
        <Flex justify="space-between" align="flex-end" wrap gap={8} style={{ marginBottom: 16 }}>
          <Statistic title={t('teacherStats.total')} value={total} loading={!shown} data-testid="stats-total" />
          {isFetching && shown ? <Typography.Text type="secondary">{t('common.loading')}</Typography.Text> : null}
        </Flex>
        {notes.map((n) => (
          <Typography.Paragraph key={n} type="secondary" style={{ marginBottom: 8 }}>
            {n}
          </Typography.Paragraph>
        ))}
        {body}
      </Card>
    </PageContainer>
  );
}

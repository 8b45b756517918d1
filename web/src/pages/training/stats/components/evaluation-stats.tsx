import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Empty, Flex, Grid, Progress, Segmented, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EVALUATION_DIMENSIONS } from '../../../../../../common/training.js';
import { type EvaluationGroup, type EvaluationStats as Stats, statsApi, TRAINING_KEYS, yearApi } from '../../../../api/training.js';
import { DimensionBars, formatScore, scoreColor } from '../../components/evaluation-scores.js';

type Row = Stats[number];

/** DLV-3 评教统计 per institution, project or class of a year, within the reader's scope. */
export function EvaluationStats() {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const [groupBy, setGroupBy] = useState<EvaluationGroup>('project');
  const { data: years } = useQuery({ queryKey: TRAINING_KEYS.years, queryFn: yearApi.list, meta: { quiet: true } });
  const [year, setYear] = useState<number | undefined>();
  const { data, isFetching } = useQuery({
    queryKey: ['/api/evaluations/stats', groupBy, year ?? null],
    queryFn: () => statsApi.evaluations(groupBy, year),
    placeholderData: (prev) => prev,
  });

  const nameCell = (r: Row) => {
    if (groupBy === 'project') return <Link to={`/projects/${r.id}`}>{r.name}</Link>;
    if (groupBy === 'class') return <Link to={`/classes/${r.id}?tab=evaluations`}>{r.name}</Link>;
    return r.name;
  };
  const columns: TableColumnsType<Row> = [
    {
      title: t(`trainingStats.group.${groupBy}`),
      key: 'name',
      fixed: isPhone ? undefined : 'left',
      render: (_, r) => <div style={{ minWidth: isPhone ? 100 : 140, maxWidth: isPhone ? 170 : 280 }}>{nameCell(r)}</div>,
    },
    { title: t('trainingStats.evalCount'), dataIndex: 'count', align: 'right', responsive: ['sm'] },
    {
      title: t('trainingStats.overdue'),
      dataIndex: 'overdue',
      align: 'right',
      responsive: ['sm'],
      render: (v: number) => (v > 0 ? <Typography.Text type="warning">{v}</Typography.Text> : v),
    },
    {
      title: t('trainingStats.average'),
      dataIndex: 'average',
      width: isPhone ? 110 : 150,
      render: (v: number | null) => (
        <Progress percent={v === null ? 0 : (v / 5) * 100} strokeColor={scoreColor(v)} format={() => formatScore(v)} size="small" style={{ margin: 0 }} />
      ),
    },
    ...(isPhone
      ? []
      : EVALUATION_DIMENSIONS.map((d) => ({
          title: t(`training.dimension.${d}`),
          key: d,
          align: 'right' as const,
          render: (_: unknown, r: Row) => <span style={{ color: scoreColor(r.dimensions[d]) }}>{formatScore(r.dimensions[d])}</span>,
        }))),
  ];

  return (
    <div data-testid="stats-evaluations">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Segmented<EvaluationGroup>
          value={groupBy}
          onChange={setGroupBy}
          options={(['institution', 'project', 'class'] as const).map((g) => ({ value: g, label: t(`trainingStats.by.${g}`) }))}
          data-testid="eval-group"
        />
        <Select
          allowClear
          value={year}
          onChange={setYear}
          placeholder={t('trainingStats.allYears')}
          options={(years ?? []).map((y) => ({ value: y.year, label: y.year }))}
          style={{ width: 140 }}
          data-testid="eval-year"
        />
      </Flex>
      <Typography.Paragraph type="secondary">{t('trainingStats.evalHint')}</Typography.Paragraph>
      <Table<Row>
        rowKey="id"
        columns={columns}
        dataSource={data ?? []}
        loading={isFetching && !data}
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={(data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        expandable={isPhone ? { expandedRowRender: (r) => <DimensionBars dimensions={r.dimensions} compact /> } : undefined}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trainingStats.emptyEvaluations')} /> }}
      />
    </div>
  );
}

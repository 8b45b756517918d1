import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Empty, Flex, Grid, Progress, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type PassRate, projectApi, statsApi } from '../../../../api/training.js';
import { useDebounced } from '../../../../hooks/use-debounced.js';
import { classTitle } from '../../../../labels.js';

/** Searches approved projects by name as the user types. */
function ProjectFilter({ value, onChange }: { value: number | undefined; onChange: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const query = { q: q || undefined, state: 'approved', page: 1, pageSize: 20 };
  const { data, isFetching } = useQuery({ queryKey: ['/api/projects', query], queryFn: () => projectApi.list(query) });
  return (
    <Select
      allowClear
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setInput }}
      loading={isFetching}
      options={(data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
      placeholder={t('trainingStats.allProjects')}
      style={{ minWidth: 240, maxWidth: '100%' }}
      data-testid="pass-rate-project"
    />
  );
}

const rateColor = (rate: number) => (rate >= 90 ? '#52c41a' : rate >= 60 ? '#1677ff' : '#ff4d4f');

/** DLV-5 课程通过率 per class: passed, failed, ungraded, and the rate among the graded. */
export function PassRates() {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const [projectId, setProjectId] = useState<number | undefined>();
  const { data, isFetching } = useQuery({ queryKey: ['/api/pass-rates', projectId ?? null], queryFn: () => statsApi.passRates(projectId) });
  const rows = data ?? [];
  const sum = rows.reduce(
    (a, r) => ({ total: a.total + r.total, passed: a.passed + r.passed, failed: a.failed + r.failed, ungraded: a.ungraded + r.ungraded }),
    {
      total: 0,
      passed: 0,
      failed: 0,
      ungraded: 0,
    },
  );
  const overall = sum.passed + sum.failed > 0 ? Math.round((sum.passed / (sum.passed + sum.failed)) * 10000) / 100 : null;

  const columns: TableColumnsType<PassRate> = [
    {
      title: t('trainingStats.class'),
      key: 'class',
      fixed: isPhone ? undefined : 'left',
      render: (_, r) => (
        <div style={{ minWidth: isPhone ? 100 : 150, maxWidth: isPhone ? 160 : 300 }}>
          <Link to={`/classes/${r.classId}`}>{classTitle(t, r.seq, r.projectName)}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.institutionName}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('trainingStats.total'), dataIndex: 'total', align: 'right', responsive: ['md'] },
    { title: t('trainingStats.passed'), dataIndex: 'passed', align: 'right', responsive: ['md'] },
    { title: t('trainingStats.failed'), dataIndex: 'failed', align: 'right', responsive: ['md'] },
    { title: t('trainingStats.ungraded'), dataIndex: 'ungraded', align: 'right', responsive: ['md'] },
    {
      title: t('trainingStats.rate'),
      dataIndex: 'rate',
      width: isPhone ? 130 : 240,
      render: (rate: number | null, r) => (
        <>
          {rate === null ? (
            <Typography.Text type="secondary">{t('trainingStats.noGrades')}</Typography.Text>
          ) : (
            <Progress percent={rate} strokeColor={rateColor(rate)} format={() => `${rate.toFixed(rate % 1 ? 2 : 0)}%`} style={{ margin: 0 }} />
          )}
          {isPhone ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('trainingStats.phoneCounts', r)}
              </Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <div data-testid="stats-pass-rates">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('trainingStats.project')}</Typography.Text>
        <ProjectFilter value={projectId} onChange={setProjectId} />
      </Flex>
      <Typography.Paragraph type="secondary">{t('trainingStats.passRateHint')}</Typography.Paragraph>
      <Table<PassRate>
        rowKey="classId"
        columns={columns}
        dataSource={rows}
        loading={isFetching && !data}
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trainingStats.emptyPassRates')} /> }}
        summary={() =>
          rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('trainingStats.sum')}</strong>
              </Table.Summary.Cell>
              {isPhone ? null : (
                <>
                  <Table.Summary.Cell index={1} align="right">
                    {sum.total}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {sum.passed}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {sum.failed}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {sum.ungraded}
                  </Table.Summary.Cell>
                </>
              )}
              <Table.Summary.Cell index={5}>{overall === null ? '-' : `${overall}%`}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ImportResult } from '../../../../../../common/schemas/teachers.js';
import { api } from '../../../../api/client.js';
import { formatTime } from '../../../../labels.js';

export const IMPORTS_KEY = ['/api/teacher-imports'] as const;

/** The school's latest imports (the server keeps the 20 newest here), each linking to its result. */
export function RecentImports({ current }: { current?: number }) {
  const { t } = useTranslation();
  const { data, isFetching } = useQuery({ queryKey: IMPORTS_KEY, queryFn: () => api.get<ImportResult[]>('/api/teacher-imports') });
  const k = (key: string) => t(`teacherImport.${key}`);

  const columns: TableColumnsType<ImportResult> = [
    { title: k('createdAt'), dataIndex: 'createdAt', render: formatTime },
    {
      title: k('fileName'),
      dataIndex: 'fileName',
      render: (name: string, r) =>
        r.id === current ? (
          <Typography.Text strong>{name}</Typography.Text>
        ) : (
          <Link to={`/teachers/import?result=${r.id}`} data-testid={`import-link-${r.id}`}>
            {name}
          </Link>
        ),
    },
    { title: k('mode'), dataIndex: 'mode', render: (m: ImportResult['mode']) => t(`teacherImport.modeShort.${m}`) },
    {
      title: k('result'),
      key: 'state',
      render: (_, r) => <Tag color={r.state === 'committed' ? 'green' : 'red'}>{t(`teacherImport.state.${r.state}`)}</Tag>,
    },
    {
      title: k('summary'),
      key: 'counts',
      render: (_, r) => (
        <Typography.Text type="secondary">{t('teacherImport.counts', { created: r.created, existing: r.existing, rejected: r.rejected })}</Typography.Text>
      ),
    },
    { title: k('uploadedBy'), dataIndex: 'uploadedBy' },
  ];

  return (
    <Card size="small" title={k('recent')} styles={{ body: { padding: 16 } }}>
      <Table<ImportResult>
        rowKey="id"
        columns={columns}
        dataSource={data ?? []}
        loading={isFetching && !data}
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: k('noRecent') }}
        data-testid="import-recent"
      />
    </Card>
  );
}

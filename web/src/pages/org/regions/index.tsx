import { Card, Input, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionNode } from '../../../../../common/schemas/org.js';
import { PageContainer } from '../../../components/page-container.js';
import { useRegions } from '../../../hooks/use-regions.js';

type Row = Omit<RegionNode, 'children'> & { children?: Row[] };

function toRows(n: RegionNode, keep: (n: RegionNode) => boolean): Row | null {
  const children = n.children.map((c) => toRows(c, keep)).filter((c): c is Row => c !== null);
  if (!keep(n) && children.length === 0) return null;
  return { ...n, children: children.length > 0 ? children : undefined };
}

const allCodes = (rows: Row[]): string[] => rows.flatMap((r) => [r.code, ...allCodes(r.children ?? [])]);

/** ORG-1: province → city → county with school counts. */
export default function RegionsPage() {
  const { t } = useTranslation();
  const { data, isPending } = useRegions();
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    if (!data) return [];
    const row = toRows(data, (n) => !q || n.name.includes(q) || n.code.startsWith(q));
    return row ? [row] : [];
  }, [data, q]);

  return (
    <PageContainer title={t('regions.title')}>
      <Card size="small">
        <Input.Search
          allowClear
          placeholder={t('regions.searchPlaceholder')}
          onSearch={setQ}
          onChange={(e) => !e.target.value && setQ('')}
          style={{ maxWidth: 320, marginBottom: 12 }}
          data-testid="region-search"
        />
        {isPending ? (
          <Table loading columns={[]} />
        ) : (
          <Table<Row>
            key={q}
            rowKey="code"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            size="middle"
            expandable={{ defaultExpandedRowKeys: q ? allCodes(rows) : rows.map((r) => r.code) }}
            columns={[
              { title: t('regions.name'), dataIndex: 'name' },
              { title: t('regions.code'), dataIndex: 'code' },
              {
                title: t('regions.level'),
                dataIndex: 'level',
                render: (level: RegionNode['level']) => (
                  <Tag color={level === 'province' ? 'red' : level === 'city' ? 'blue' : 'default'}>{t(`regionLevel.${level}`)}</Tag>
                ),
              },
              { title: t('regions.schoolCount'), dataIndex: 'schoolCount', align: 'right' },
            ]}
          />
        )}
      </Card>
    </PageContainer>
  );
}

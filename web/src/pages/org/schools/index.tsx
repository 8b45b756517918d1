import { PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { School } from '../../../../../common/schemas/org.js';
import { useCurrentMe } from '../../../api/session.js';
import { ListPage } from '../../../components/list-page.js';
import { RegionFilter } from '../../../components/region-filter.js';
import { natureOptions, stageOptions } from '../../../labels.js';
import { SchoolFormDrawer } from './components/school-form.js';

/** ORG-2: schools in scope, with filters; create when allowed, edit per row. */
export default function SchoolsPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const [editing, setEditing] = useState<{ school?: School } | null>(null);

  const columns: TableColumnsType<School> = [
    { title: t('school.name'), dataIndex: 'name', fixed: 'left', render: (name: string, s) => <Link to={`/org/schools/${s.id}`}>{name}</Link> },
    { title: t('school.code'), dataIndex: 'code' },
    { title: t('school.stageType'), dataIndex: 'stageType', render: (v: School['stageType']) => t(`stage.${v}`) },
    { title: t('school.nature'), dataIndex: 'nature', render: (v: School['nature']) => t(`nature.${v}`) },
    { title: t('school.county'), key: 'county', render: (_, s) => `${s.cityName} ${s.countyName}` },
    { title: t('school.town'), dataIndex: 'town' },
    { title: t('school.principalName'), dataIndex: 'principalName' },
    { title: t('school.principalMobile'), dataIndex: 'principalMobile' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) => (
        <Space size={0}>
          <Link to={`/org/schools/${s.id}`}>
            <Button type="link" size="small">
              {t('common.detail')}
            </Button>
          </Link>
          {s.abilities.update ? (
            <Button type="link" size="small" onClick={() => setEditing({ school: s })} data-testid={`school-edit-${s.id}`}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<School>
        title={t('menu.schools')}
        url="/api/schools"
        columns={columns}
        filterNames={['q', 'cityCode', 'countyCode', 'stageType', 'nature']}
        extra={
          me.abilities.includes('schools.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="school-create">
              {t('common.create')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="q" label={t('common.keyword')}>
              <Input allowClear placeholder={t('school.keywordPlaceholder')} data-testid="filter-q" />
            </Form.Item>
            <RegionFilter />
            <Form.Item name="stageType" label={t('school.stageType')}>
              <Select allowClear placeholder={t('common.all')} options={stageOptions(t)} data-testid="filter-stage" />
            </Form.Item>
            <Form.Item name="nature" label={t('school.nature')}>
              <Select allowClear placeholder={t('common.all')} options={natureOptions(t)} data-testid="filter-nature" />
            </Form.Item>
          </>
        }
      />
      <SchoolFormDrawer open={editing !== null} school={editing?.school} onClose={() => setEditing(null)} />
    </>
  );
}

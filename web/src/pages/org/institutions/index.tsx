import { PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Form, Input, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Institution } from '../../../../../common/schemas/org.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';
import { ListPage } from '../../../components/list-page.js';
import { flattenRegions, useRegions } from '../../../hooks/use-regions.js';
import { InstitutionFormDrawer } from './components/institution-form.js';

/** ORG-3: training institutions and their authorised regions. */
export default function InstitutionsPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const { data: regions } = useRegions();
  const names = new Map(flattenRegions(regions).map((n) => [n.code, n.name]));
  const [editing, setEditing] = useState<{ institution?: Institution } | null>(null);

  const columns: TableColumnsType<Institution> = [
    { title: t('institution.name'), dataIndex: 'name', fixed: 'left' },
    { title: t('institution.level'), dataIndex: 'level', render: (v: Institution['level']) => <Tag>{t(`level.${v}`)}</Tag> },
    { title: t('institution.region'), dataIndex: 'regionName' },
    { title: t('institution.contactName'), dataIndex: 'contactName' },
    { title: t('institution.contactMobile'), dataIndex: 'contactMobile' },
    {
      title: t('institution.regionCodes'),
      dataIndex: 'regionCodes',
      render: (codes: string[]) => {
        const list = codes.map((c) => names.get(c) ?? c);
        if (list.length <= 3) return list.map((n) => <Tag key={n}>{n}</Tag>);
        return (
          <Tooltip title={list.join('、')}>
            {list.slice(0, 2).map((n) => (
              <Tag key={n}>{n}</Tag>
            ))}
            <Tag>{t('institution.regionsCount', { count: list.length })}</Tag>
          </Tooltip>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, inst) =>
        inst.abilities.update ? (
          <Button type="link" size="small" onClick={() => setEditing({ institution: inst })} data-testid={`institution-edit-${inst.id}`}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  const editingInstitution = editing?.institution;
  return (
    <>
      <ListPage<Institution>
        title={t('menu.institutions')}
        url="/api/institutions"
        columns={columns}
        filterNames={['q']}
        extra={
          me.abilities.includes('institutions.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="institution-create">
              {t('common.create')}
            </Button>
          ) : null
        }
        filters={
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('institution.keywordPlaceholder')} data-testid="filter-q" />
          </Form.Item>
        }
      />
      <InstitutionFormDrawer
        open={editing !== null}
        institution={editingInstitution}
        canAuthorise={editingInstitution ? editingInstitution.abilities.authorise : activeRole(me)?.role === 'province_admin'}
        onClose={() => setEditing(null)}
      />
    </>
  );
}

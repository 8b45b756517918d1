import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Teacher } from '../../../../../common/schemas/teachers.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';
import { ListPage } from '../../../components/list-page.js';
import { subjectsLabel, teacherStatusOptions } from '../../../labels.js';
import { TeacherActions } from '../components/teacher-actions.js';
import { TeacherFilterFields } from '../components/teacher-filters.js';
import { TeacherFormDrawer } from '../components/teacher-form.js';
import { TeacherRoleTags, TeacherStatusTag } from '../components/teacher-tags.js';

/** TCH-8: teachers in scope, searched by name, ID number or 师训号 and filtered; TCH-1/6/7 actions when allowed. */
export default function TeachersPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const [creating, setCreating] = useState(false);
  // A school's own admins see only their school: no school column.
  const oneSchool = !!activeRole(me)?.schoolId;

  const allColumns: TableColumnsType<Teacher> = [
    {
      title: t('teacher.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, r) => (
        <Link to={`/teachers/${r.id}`} data-testid={`teacher-link-${r.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('teacher.shixunNo'), dataIndex: 'shixunNo' },
    { title: t('teacher.idNumber'), dataIndex: 'idNumber' },
    { title: t('teacher.gender'), dataIndex: 'gender', render: (g: Teacher['gender']) => t(`gender.${g}`) },
    { title: t('teacher.school'), key: 'school', render: (_, r) => r.schoolName ?? '-' },
    { title: t('teacher.stage'), dataIndex: 'stage', render: (v: Teacher['stage']) => (v ? t(`stage.${v}`) : '-') },
    { title: t('teacher.subjects'), dataIndex: 'subjects', render: (v: Teacher['subjects']) => subjectsLabel(t, v) || '-' },
    { title: t('teacher.title'), dataIndex: 'title', render: (v: Teacher['title']) => (v ? t(`teacherTitle.${v}`) : '-') },
    { title: t('teacher.status'), dataIndex: 'status', render: (v: Teacher['status']) => <TeacherStatusTag status={v} /> },
    { title: t('teacher.roles'), key: 'roles', render: (_, r) => <TeacherRoleTags teacher={r} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Link to={`/teachers/${r.id}`}>
            <Button type="link" size="small">
              {t('common.detail')}
            </Button>
          </Link>
          <TeacherActions teacher={r} variant="row" />
        </Space>
      ),
    },
  ];
  const columns = oneSchool ? allColumns.filter((c) => c.key !== 'school') : allColumns;

  return (
    <>
      <ListPage<Teacher>
        title={t('menu.teachers')}
        url="/api/teachers"
        columns={columns}
        filterNames={['q', 'cityCode', 'countyCode', 'stage', 'subject', 'title', 'status']}
        extra={
          me.abilities.includes('teachers.manage') ? (
            <>
              {oneSchool ? (
                <Link to="/teachers/import">
                  <Button icon={<CloudUploadOutlined />} data-testid="teacher-import">
                    {t('menu.teacherImport')}
                  </Button>
                </Link>
              ) : null}
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="teacher-create">
                {t('teacher.create')}
              </Button>
            </>
          ) : null
        }
        filters={
          <>
            <Form.Item name="q" label={t('common.keyword')}>
              <Input allowClear placeholder={t('teacher.keywordPlaceholder')} data-testid="filter-q" />
            </Form.Item>
            <TeacherFilterFields />
            <Form.Item name="status" label={t('teacher.status')}>
              <Select allowClear placeholder={t('common.all')} options={teacherStatusOptions(t)} data-testid="filter-status" />
            </Form.Item>
          </>
        }
      />
      <TeacherFormDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

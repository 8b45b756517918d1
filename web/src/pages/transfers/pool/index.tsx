import { useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Form, Grid, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Teacher } from '../../../../../common/schemas/teachers.js';
import { showError } from '../../../api/client.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';
import { transferActions } from '../../../api/transfers.js';
import { ListPage } from '../../../components/list-page.js';
import { RemoteSelect } from '../../../components/remote-select.js';
import { selectRule } from '../../../components/rules.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';
import { subjectsLabel } from '../../../labels.js';
import { TeacherStatusTag } from '../../teachers/components/teacher-tags.js';

/**
 * TCH-5 自由人: teachers released by their school and not yet taken in by another. A school takes
 * one into itself at once (no approval); a bureau names the school.
 */
export default function TeacherPoolPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const mine = activeRole(useCurrentMe());
  const mySchoolId = mine?.schoolId ?? null;
  const [placing, setPlacing] = useState<Teacher | null>(null);
  const isPhone = Grid.useBreakpoint().md === false;

  const taken = (teacher: Teacher) => {
    void queryClient.invalidateQueries({ queryKey: ['/api/teacher-pool'] });
    void queryClient.invalidateQueries({ queryKey: ['/api/teachers'] });
    message.success(t('pool.taken', { name: teacher.name, school: teacher.schoolName ?? '' }));
  };

  const takeIntoMySchool = (r: Teacher) =>
    modal.confirm({
      title: t('pool.takeConfirm', { name: r.name, school: mine?.unitName ?? '' }),
      content: t('pool.takeHint'),
      okText: t('pool.take'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          taken(await transferActions.take(r.id));
        } catch (err) {
          showError(err);
        }
      },
    });

  const columns: TableColumnsType<Teacher> = [
    {
      title: t('teacher.name'),
      dataIndex: 'name',
      fixed: 'left',
      // On a phone the 师训号 and the masked ID number go under the name, so the button stays in view.
      render: (name: string, r) =>
        isPhone ? (
          <>
            <div>{name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.shixunNo}
              <br />
              {r.idNumber}
            </Typography.Text>
          </>
        ) : (
          name
        ),
    },
    { title: t('teacher.shixunNo'), dataIndex: 'shixunNo', responsive: ['md'] },
    { title: t('teacher.idNumber'), dataIndex: 'idNumber', responsive: ['md'] },
    { title: t('teacher.gender'), dataIndex: 'gender', responsive: ['md'], render: (g: Teacher['gender']) => t(`gender.${g}`) },
    { title: t('teacher.stage'), dataIndex: 'stage', responsive: ['md'], render: (v: Teacher['stage']) => (v ? t(`stage.${v}`) : '-') },
    { title: t('teacher.subjects'), dataIndex: 'subjects', responsive: ['md'], render: (v: Teacher['subjects']) => subjectsLabel(t, v) || '-' },
    { title: t('teacher.title'), dataIndex: 'title', responsive: ['md'], render: (v: Teacher['title']) => (v ? t(`teacherTitle.${v}`) : '-') },
    { title: t('teacher.status'), dataIndex: 'status', render: (v: Teacher['status']) => <TeacherStatusTag status={v} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) =>
        mySchoolId ? (
          <Button type="link" size="small" onClick={() => takeIntoMySchool(r)} data-testid={`pool-take-${r.id}`}>
            {t('pool.take')}
          </Button>
        ) : (
          <Button type="link" size="small" onClick={() => setPlacing(r)} data-testid={`pool-take-${r.id}`}>
            {t('pool.takeInto')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <ListPage<Teacher>
        title={t('menu.teacherPool')}
        url="/api/teacher-pool"
        columns={columns}
        filterNames={['q']}
        // A school looks up a teacher it knows (the server refuses a bare list to schools).
        ready={(q) => !mySchoolId || !!q.q}
        notReadyText={t('pool.searchFirst')}
        header={<Alert type="info" showIcon title={t('pool.hint')} style={{ marginBottom: 16 }} />}
        filters={
          <Form.Item name="q" label={t('common.keyword')} rules={[{ min: 2, whitespace: true, message: t('pool.qMin') }]}>
            <Input allowClear placeholder={t('pool.keywordPlaceholder')} style={{ width: 300, maxWidth: '100%' }} data-testid="filter-q" />
          </Form.Item>
        }
      />
      {placing ? (
        <PlaceModal
          teacher={placing}
          onClose={() => setPlacing(null)}
          onDone={(teacher) => {
            setPlacing(null);
            taken(teacher);
          }}
        />
      ) : null}
    </>
  );
}

/** A bureau takes a pool teacher into a school of its region. */
function PlaceModal({ teacher, onClose, onDone }: { teacher: Teacher; onClose: () => void; onDone: (t: Teacher) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ schoolId: number }>();
  const { saving, submit } = useFormSubmit(form, async (v: { schoolId: number }) => {
    onDone(await transferActions.take(teacher.id, v.schoolId));
  });
  return (
    <Modal
      open
      title={t('pool.takeIntoTitle', { name: teacher.name })}
      okText={t('common.ok')}
      okButtonProps={{ loading: saving, 'data-testid': 'pool-place-submit' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="schoolId" label={t('teacher.school')} extra={t('pool.placeHint')} rules={[selectRule(t, t('teacher.school'))]}>
          <RemoteSelect url="/api/schools" testId="pool-place-school" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

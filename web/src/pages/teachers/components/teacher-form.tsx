import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TeacherCreate } from '../../../../../common/schemas/teachers.js';
import { ApiError } from '../../../api/client.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';
import { teacherActions } from '../../../api/teachers.js';
import { FormDrawer } from '../../../components/form-drawer.js';
import { RemoteSelect } from '../../../components/remote-select.js';
import { emailRule, idNumberRule, mobileRule, requiredRule, selectRule } from '../../../components/rules.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';
import { postOptions, teacherStageOptions, titleOptions } from '../../../labels.js';
import { SubjectsField } from './teacher-fields.js';

type Values = Omit<TeacherCreate, 'birthDate'> & { birthDate: Dayjs };

/**
 * TCH-1 添加教师: a school admin adds to its own school, a bureau picks the school. The server
 * checks the ID number against birth date and gender, and refuses one already registered in the
 * province (the school then applies for a transfer); the new 师训号 is shown once saved.
 */
export function TeacherFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  /** The ID_NUMBER_EXISTS message (it names the existing 师训号). */
  const [registered, setRegistered] = useState<string | null>(null);
  const pickSchool = !activeRole(useCurrentMe())?.schoolId;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setRegistered(null);
  }, [open, form]);

  const { saving, submit } = useFormSubmit(
    form,
    async (v: Values) => {
      const { teacher } = await teacherActions.create({
        name: v.name,
        gender: v.gender,
        birthDate: v.birthDate.format('YYYY-MM-DD'),
        idNumber: v.idNumber.trim(),
        mobile: v.mobile,
        email: v.email?.trim() || undefined,
        stage: v.stage,
        subjects: v.subjects,
        title: v.title,
        post: v.post,
        schoolId: pickSchool ? v.schoolId : undefined,
      });
      void queryClient.invalidateQueries({ queryKey: ['/api/teachers'] });
      onClose();
      modal.success({
        title: t('teacher.createdTitle'),
        okText: t('common.close'),
        content: (
          <Typography.Paragraph style={{ margin: '12px 0 0' }} data-testid="teacher-created">
            {t('teacher.created', { shixunNo: teacher.shixunNo })}
          </Typography.Paragraph>
        ),
      });
    },
    (err) => {
      if (err instanceof ApiError && err.code === 'ID_NUMBER_EXISTS') setRegistered(err.message);
    },
  );

  const label = (k: string) => t(`teacher.${k}`);
  return (
    <FormDrawer open={open} onClose={onClose} title={t('teacher.create')} saving={saving} onSave={() => form.submit()} saveTestId="teacher-form-submit">
      <Form
        form={form}
        name="teacher"
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if ('idNumber' in changed) setRegistered(null);
        }}
        scrollToFirstError
        data-testid="teacher-form"
      >
        {pickSchool ? (
          <Form.Item name="schoolId" label={label('school')} rules={[selectRule(t, label('school'))]}>
            <RemoteSelect url="/api/schools" testId="teacher-school" />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={label('name')} rules={[requiredRule(t, label('name'))]}>
          <Input maxLength={20} data-testid="teacher-name" />
        </Form.Item>
        <Form.Item name="gender" label={label('gender')} rules={[selectRule(t, label('gender'))]}>
          <Radio.Group
            options={[
              { value: 'M', label: t('gender.M') },
              { value: 'F', label: t('gender.F') },
            ]}
            data-testid="teacher-gender"
          />
        </Form.Item>
        <Form.Item name="birthDate" label={label('birthDate')} rules={[selectRule(t, label('birthDate'))]}>
          <DatePicker
            style={{ width: '100%' }}
            format="YYYY-MM-DD"
            defaultPickerValue={dayjs('1985-01-01')}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="teacher-birth-date"
          />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={label('idNumber')}
          extra={t('teacher.idNumberHelp')}
          rules={[requiredRule(t, label('idNumber')), idNumberRule(t, label('idNumber'))]}
        >
          <Input maxLength={18} autoComplete="off" data-testid="teacher-id-number" />
        </Form.Item>
        {registered ? (
          <Alert
            type="warning"
            showIcon
            title={registered}
            action={
              registered.match(/\d{12}/) ? (
                <Link to={`/transfers?shixunNo=${registered.match(/\d{12}/)?.[0]}`} data-testid="teacher-id-registered-transfer">
                  {t('teacher.useTransfer')}
                </Link>
              ) : null
            }
            style={{ marginBottom: 24 }}
            data-testid="teacher-id-registered"
          />
        ) : null}
        <Form.Item name="mobile" label={label('mobile')} rules={[requiredRule(t, label('mobile')), mobileRule(t)]}>
          <Input inputMode="tel" maxLength={11} data-testid="teacher-mobile" />
        </Form.Item>
        <Form.Item name="email" label={label('email')} rules={[emailRule(t, label('email'))]}>
          <Input inputMode="email" maxLength={80} data-testid="teacher-email" />
        </Form.Item>
        <Form.Item name="stage" label={label('teachingStage')} rules={[selectRule(t, label('teachingStage'))]}>
          <Select options={teacherStageOptions(t)} data-testid="teacher-stage" />
        </Form.Item>
        <SubjectsField testId="teacher-subjects" />
        <Form.Item name="title" label={label('title')} rules={[selectRule(t, label('title'))]}>
          <Select options={titleOptions(t)} data-testid="teacher-title" />
        </Form.Item>
        <Form.Item name="post" label={label('post')} rules={[selectRule(t, label('post'))]}>
          <Select options={postOptions(t)} data-testid="teacher-post" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

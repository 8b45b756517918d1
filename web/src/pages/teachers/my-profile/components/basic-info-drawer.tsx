import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Teacher } from '../../../../../../common/schemas/teachers.js';
import { feedback } from '../../../../api/client.js';
import { MY_PROFILE_KEY, profileActions } from '../../../../api/profile.js';
import { FormDrawer } from '../../../../components/form-drawer.js';
import { emailRule } from '../../../../components/rules.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { postOptions, titleOptions } from '../../../../labels.js';
import { SubjectsField } from '../../components/teacher-fields.js';

type Values = Pick<Teacher, 'subjects' | 'email'> & { title?: NonNullable<Teacher['title']>; post?: NonNullable<Teacher['post']> };

/** TCH-3: subjects, title, post and email are the teacher's own to change; saved at once. */
export function BasicInfoDrawer({ teacher, open, onClose }: { teacher: Teacher; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();

  const initialValues: Values = { subjects: teacher.subjects, email: teacher.email, title: teacher.title ?? undefined, post: teacher.post ?? undefined };
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    const profile = await profileActions.update({ subjects: v.subjects, title: v.title, post: v.post, email: v.email?.trim() || null });
    queryClient.setQueryData(MY_PROFILE_KEY, profile);
    feedback.message.success(t('common.saved'));
    onClose();
  });

  const label = (k: string) => t(`teacher.${k}`);
  return (
    <FormDrawer open={open} onClose={onClose} title={t('myProfile.editBasic')} saving={saving} onSave={() => form.submit()} saveTestId="profile-basic-submit">
      <Alert type="info" showIcon title={t('myProfile.editBasicHint')} style={{ marginBottom: 24 }} />
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit} scrollToFirstError data-testid="profile-basic-form">
        <SubjectsField testId="profile-subjects" />
        <Form.Item name="title" label={label('title')}>
          <Select options={titleOptions(t)} data-testid="profile-title" />
        </Form.Item>
        <Form.Item name="post" label={label('post')}>
          <Select options={postOptions(t)} data-testid="profile-post" />
        </Form.Item>
        <Form.Item name="email" label={label('email')} rules={[emailRule(t, label('email'))]}>
          <Input inputMode="email" maxLength={80} allowClear data-testid="profile-email" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

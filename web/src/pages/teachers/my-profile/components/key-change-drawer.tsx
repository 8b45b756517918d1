import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileChange, Teacher } from '../../../../../../common/schemas/teachers.js';
import { feedback } from '../../../../api/client.js';
import { MY_PROFILE_KEY, profileActions } from '../../../../api/profile.js';
import { FormDrawer } from '../../../../components/form-drawer.js';
import { idNumberRule, requiredRule } from '../../../../components/rules.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { teacherStageOptions } from '../../../../labels.js';
import { returnReason } from '../../components/profile-change.js';

type Values = { name: string; idNumber?: string; stage?: NonNullable<Teacher['stage']> };

type Props = {
  teacher: Teacher;
  /** The request the school returned (or the record it opened for re-update): submitting resubmits it. */
  returned: ProfileChange | undefined;
  open: boolean;
  onClose: () => void;
};

/**
 * TCH-3 修改关键信息（提交审核）: name, ID number and stage go to the school for review and apply
 * only once approved. A verified teacher's ID number is locked until the school opens the record
 * (重新更新); the server says so on the field.
 */
export function KeyChangeDrawer({ teacher, returned, open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const initialValues: Values = {
    name: returned?.changes.name ?? teacher.name,
    stage: returned?.changes.stage ?? teacher.stage ?? undefined,
  };
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    // Unchanged values are left out by the server; nothing changed at all answers 没有需要修改的内容.
    const profile = await profileActions.submitChange({ name: v.name.trim(), stage: v.stage, idNumber: v.idNumber?.trim() || undefined });
    queryClient.setQueryData(MY_PROFILE_KEY, profile);
    feedback.message.success(t(returned ? 'myProfile.resubmitted' : 'myProfile.submitted'));
    onClose();
  });

  const label = (k: string) => t(`teacher.${k}`);
  const reason = returned ? returnReason(returned) : null;
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(returned ? 'myProfile.resubmit' : 'myProfile.keyChange')}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="profile-key-submit"
      saveText={t(returned ? 'myProfile.resubmitButton' : 'myProfile.submitReview')}
    >
      <Alert type="info" showIcon title={t('myProfile.keyChangeHint')} style={{ marginBottom: 16 }} />
      {returned ? (
        <Alert
          type="warning"
          showIcon
          title={t('myProfile.returnedHint')}
          description={reason ? t('profileChange.reasonText', { reason }) : undefined}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {teacher.verified && !returned ? <Alert type="warning" showIcon title={t('myProfile.idLocked')} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit} scrollToFirstError data-testid="profile-key-form">
        <Form.Item name="name" label={label('name')} rules={[requiredRule(t, label('name'))]}>
          <Input maxLength={20} data-testid="profile-key-name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('myProfile.newIdNumber')}
          extra={t('myProfile.idNumberKeep', { masked: teacher.idNumber })}
          rules={[idNumberRule(t, label('idNumber'))]}
        >
          <Input maxLength={18} autoComplete="off" placeholder={t('teacher.idNumberHelp')} data-testid="profile-key-id-number" />
        </Form.Item>
        <Form.Item name="stage" label={label('teachingStage')}>
          <Select options={teacherStageOptions(t)} data-testid="profile-key-stage" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

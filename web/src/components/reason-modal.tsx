import { Alert, Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { requiredRule } from '../../../components/rules.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';

type Props = {
  title: ReactNode;
  hint?: ReactNode;
  okText: string;
  danger?: boolean;
  /** Sends the reason; the modal closes itself through `onClose` when the caller is done. */
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
};

/**
 * 驳回 / 退回重新更新 / 重新更新 need a reason (审核意见), which the teacher reads in the history.
 * Rendered only while open; server field errors land on the reason.
 */
export function ReasonModal({ title, hint, okText, danger, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const label = t('profileChange.reason');
  const { saving, submit } = useFormSubmit(form, (v: { reason: string }) => onSubmit(v.reason.trim()));
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: saving, 'data-testid': 'reason-submit' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {hint ? <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="reason" label={label} rules={[requiredRule(t, label)]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('profileChange.reasonPlaceholder')} data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

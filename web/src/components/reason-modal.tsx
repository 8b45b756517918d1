import { Alert, Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../hooks/use-form-submit.js';
import { requiredRule } from './rules.js';

type Props = {
  title: ReactNode;
  hint?: ReactNode;
  okText: string;
  danger?: boolean;
  /** The reason's label and placeholder (who reads the reason, and where). */
  label: string;
  placeholder: string;
  /** Test ids of the reason field and the OK button. */
  testIds?: { input: string; submit: string };
  /** Sends the reason; the modal closes itself through `onClose` when the caller is done. */
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
};

/**
 * A step that needs a reason (审核意见), which the other side reads in the history: 驳回 /
 * 退回重新更新 / 重新更新 of a teacher's record, 驳回 of a transfer. Rendered only while open;
 * server field errors land on the reason.
 */
export function ReasonModal({
  title,
  hint,
  okText,
  danger,
  label,
  placeholder,
  testIds = { input: 'reason-input', submit: 'reason-submit' },
  onSubmit,
  onClose,
}: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, submit } = useFormSubmit(form, (v: { reason: string }) => onSubmit(v.reason.trim()));
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: saving, 'data-testid': testIds.submit }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {hint ? <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="reason" label={label} rules={[requiredRule(t, label)]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={placeholder} data-testid={testIds.input} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

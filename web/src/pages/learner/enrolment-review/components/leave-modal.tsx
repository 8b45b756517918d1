import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Enrolment } from '../../../../api/enrolment.js';
import { enrolmentActions } from '../../../../api/enrolment.js';
import { RemoteSelect } from '../../../../components/remote-select.js';
import { requiredRule, selectRule } from '../../../../components/rules.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { classTitle } from '../../../../labels.js';

type Values = { reason: string; replace?: boolean; replacementTeacherId?: number };

/**
 * ENR-9 请假: the school files leave for an admitted teacher before the class ends, with a
 * reason, and may give the place to another teacher of the school (替补). Server field errors
 * (e.g. a replacement from another school) land on the field.
 */
export function LeaveModal({ enrolment, onClose, onDone }: { enrolment: Enrolment; onClose: () => void; onDone: (replaced: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const replace = Form.useWatch('replace', form);
  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    const { replacementId } = await enrolmentActions.leave(enrolment.id, v.reason.trim(), v.replace ? v.replacementTeacherId : undefined);
    onDone(replacementId !== null);
  });
  return (
    <Modal
      open
      title={t('enrolReview.leaveTitle', { name: enrolment.teacherName })}
      okText={t('enrolReview.leave')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'leave-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={classTitle(t, enrolment.seq, enrolment.projectName)}
        description={t('enrolReview.leaveHint')}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="reason" label={t('enrolReview.leaveReason')} rules={[requiredRule(t, t('enrolReview.leaveReason'))]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('enrolReview.leaveReasonPlaceholder')} data-testid="leave-reason" />
        </Form.Item>
        <Form.Item name="replace" valuePropName="checked" style={{ marginBottom: replace ? 8 : 0 }}>
          <Checkbox data-testid="leave-replace">{t('enrolReview.withReplacement')}</Checkbox>
        </Form.Item>
        {replace ? (
          <Form.Item
            name="replacementTeacherId"
            label={t('enrolReview.replacement')}
            extra={t('enrolReview.replacementHelp')}
            rules={[selectRule(t, t('enrolReview.replacement'))]}
          >
            <RemoteSelect url="/api/teachers" testId="leave-replacement" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

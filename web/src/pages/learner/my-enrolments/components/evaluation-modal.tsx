import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Rate, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EVALUATION_DIMENSIONS } from '../../../../../../common/training.js';
import { ENROLMENTS_URL, type Enrolment, type EvaluationBody, enrolmentActions } from '../../../../api/enrolment.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { classTitle } from '../../../../labels.js';

type Values = { scores: Record<(typeof EVALUATION_DIMENSIONS)[number], number>; comment?: string };

/** DLV-3 评教: four ratings 1–5 (内容 / 授课 / 组织 / 效果) and a comment; a late one is recorded as overdue. */
export function EvaluationModal({ enrolment, onClose }: { enrolment: Enrolment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    const body: EvaluationBody = { scores: v.scores, comment: v.comment?.trim() ?? '' };
    const { overdue } = await enrolmentActions.evaluate(enrolment.id, body);
    void queryClient.invalidateQueries({ queryKey: [ENROLMENTS_URL] });
    if (overdue) message.warning(t('myEnrol.evaluatedOverdue'));
    else message.success(t('myEnrol.evaluated'));
    onClose();
  });
  const late = enrolment.evaluationDue !== null && enrolment.evaluationDue < dayjs().format('YYYY-MM-DD');
  return (
    <Modal
      open
      title={t('myEnrol.evaluateTitle')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, size: 'large', 'data-testid': 'evaluation-submit' }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{classTitle(t, enrolment.seq, enrolment.projectName)}</Typography.Paragraph>
      {late ? <Alert type="warning" showIcon title={t('myEnrol.evaluateLate', { date: enrolment.evaluationDue })} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        {EVALUATION_DIMENSIONS.map((d) => (
          <Form.Item
            key={d}
            name={['scores', d]}
            label={t(`myEnrol.dimension.${d}`)}
            rules={[{ required: true, message: t('myEnrol.rateRequired', { label: t(`myEnrol.dimension.${d}`) }) }]}
            style={{ marginBottom: 12 }}
          >
            <Rate style={{ fontSize: 30 }} tooltips={[1, 2, 3, 4, 5].map((n) => t(`myEnrol.rate.${n}`))} data-testid={`evaluation-${d}`} />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('myEnrol.comment')}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('myEnrol.commentPlaceholder')} data-testid="evaluation-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

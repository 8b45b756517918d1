import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MAX_EXPANSION_RATIO } from '../../../../../../common/training.js';
import { type ClassPeriod, classApi, enrolmentApi } from '../../../../api/training.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';

/** The largest capacity a bureau may expand a class to (ENR-6: planned + 50 %). */
export const maxCapacity = (c: ClassPeriod) => Math.floor(c.plannedCapacity * (1 + MAX_EXPANSION_RATIO));

type ModalProps = { cls: ClassPeriod; title: string; onDone: (text: string) => void; onClose: () => void };

/** 扩班: a new capacity between the current one and 1.5 × planned (the server refuses anything else). */
export function ExpandModal({ cls, title, onDone, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ capacity: number }>();
  const max = maxCapacity(cls);
  const { saving, submit } = useFormSubmit(form, async (v: { capacity: number }) => {
    await classApi.expand(cls.id, v.capacity);
    onDone(t('project.expanded', { capacity: v.capacity }));
  });
  return (
    <Modal
      open
      title={title}
      okText={t('project.expand')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'class-expand-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('project.expandHint', { planned: cls.plannedCapacity, max })} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ capacity: Math.min(max, Math.max(cls.capacity, cls.taken)) }}>
        <Form.Item
          name="capacity"
          label={t('project.newCapacity')}
          extra={t('project.capacityNow', { capacity: cls.capacity, taken: cls.taken })}
          rules={[{ required: true, message: t('common.required', { label: t('project.newCapacity') }) }]}
        >
          <InputNumber min={cls.capacity} max={max} precision={0} style={{ width: '100%' }} data-testid="class-expand-capacity" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Splits pasted 师训号 on new lines, commas, spaces (full-width ones too). */
function parseShixunNos(text: string) {
  return [...new Set(text.split(/[\s,，、;；]+/).filter(Boolean))];
}

/**
 * PRJ-5 指令性项目补录: who took part in a class, by 师训号 (pasted from a list). Saving replaces
 * the list; the teachers are admitted when the bureau approves the project.
 */
export function ParticipantsModal({ cls, title, onDone, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ shixunNos: string }>();
  const { data, isFetching } = useQuery({
    queryKey: ['/api/enrolments', { classId: cls.id, state: 'listed' }],
    queryFn: () => enrolmentApi.list({ classId: cls.id, state: 'listed', pageSize: 100 }),
  });
  const { saving, submit } = useFormSubmit(form, async (v: { shixunNos: string }) => {
    const r = await classApi.setParticipants(cls.id, parseShixunNos(v.shixunNos));
    onDone(t('project.participantsSaved', { count: r.listed }));
  });
  const current = (data?.items ?? []).map((e) => e.shixunNo).join('\n');
  const typed: string | undefined = Form.useWatch('shixunNos', form);
  return (
    <Modal
      open
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, disabled: isFetching && !data, 'data-testid': 'class-participants-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('project.participantsHint')} style={{ marginBottom: 16 }} />
      {data ? (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ shixunNos: current }}>
          <Form.Item
            name="shixunNos"
            label={t('project.participantsLabel')}
            extra={<Typography.Text type="secondary">{t('project.participantsCount', { count: parseShixunNos(typed ?? current).length })}</Typography.Text>}
            rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('project.participantsLabel') }) }]}
          >
            <Input.TextArea rows={8} placeholder={t('project.participantsPlaceholder')} data-testid="class-participants-input" />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}

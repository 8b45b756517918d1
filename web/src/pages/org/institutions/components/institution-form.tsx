import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Select, TreeSelect } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Institution } from '../../../../../../common/schemas/org.js';
import { api, feedback } from '../../../../api/client.js';
import { FormDrawer } from '../../../../components/form-drawer.js';
import { MaskedMobileItem } from '../../../../components/masked-mobile-item.js';
import { requiredRule, selectRule } from '../../../../components/rules.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { regionTreeData, useRegions } from '../../../../hooks/use-regions.js';
import { levelOptions } from '../../../../labels.js';

type Values = Omit<Institution, 'id' | 'regionName' | 'abilities'>;

type Props = {
  open: boolean;
  institution?: Institution;
  /** Whether the authorised regions may be set (the province's right, ORG-3). */
  canAuthorise: boolean;
  onClose: () => void;
};

const isMasked = (v: string) => v.includes('*');

/** ORG-3: create or edit a training institution. */
export function InstitutionFormDrawer({ open, institution, canAuthorise, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { data: regions } = useRegions();
  const maskedMobile = institution && isMasked(institution.contactMobile) ? institution.contactMobile : null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (institution) form.setFieldsValue({ ...institution, contactMobile: maskedMobile ? '' : institution.contactMobile });
  }, [open, institution, maskedMobile, form]);

  const { saving, submit } = useFormSubmit(form, async (values: Values) => {
    const body: Partial<Values> = { ...values };
    if (!canAuthorise) delete body.regionCodes;
    if (institution) {
      for (const k of Object.keys(body) as (keyof Values)[]) {
        const same = JSON.stringify(body[k]) === JSON.stringify(institution[k]);
        if (same || (k === 'contactMobile' && !body[k])) delete body[k];
      }
      await api.patch<Institution>(`/api/institutions/${institution.id}`, body);
    } else {
      await api.post<Institution>('/api/institutions', body);
    }
    feedback.message.success(t('common.saved'));
    await queryClient.invalidateQueries({ queryKey: ['/api/institutions'] });
    onClose();
  });

  const label = (k: string) => t(`institution.${k}`);
  const tree = regionTreeData(regions);
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={institution ? t('institution.editTitle') : t('institution.createTitle')}
      width={560}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="institution-form-submit"
    >
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError initialValues={{ address: '', regionCodes: [] }}>
        <Form.Item name="name" label={label('name')} rules={[requiredRule(t, label('name'))]}>
          <Input maxLength={60} data-testid="institution-name" />
        </Form.Item>
        <Form.Item name="level" label={label('level')} rules={[selectRule(t, label('level'))]}>
          <Select options={levelOptions(t)} data-testid="institution-level" />
        </Form.Item>
        <Form.Item name="regionCode" label={label('region')} rules={[selectRule(t, label('region'))]}>
          <TreeSelect treeData={tree} showSearch={{ treeNodeFilterProp: 'title' }} data-testid="institution-region" />
        </Form.Item>
        <Form.Item name="contactName" label={label('contactName')} rules={[requiredRule(t, label('contactName'))]}>
          <Input maxLength={20} data-testid="institution-contact" />
        </Form.Item>
        <MaskedMobileItem name="contactMobile" label={label('contactMobile')} masked={maskedMobile} testId="institution-mobile" />
        <Form.Item name="address" label={label('address')}>
          <Input maxLength={120} data-testid="institution-address" />
        </Form.Item>
        <Form.Item
          name="regionCodes"
          label={label('regionCodes')}
          extra={canAuthorise ? t('institution.regionCodesHelp') : t('institution.regionCodesReadonly')}
        >
          <TreeSelect
            treeData={tree}
            multiple
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_PARENT}
            showSearch={{ treeNodeFilterProp: 'title' }}
            disabled={!canAuthorise}
            maxTagCount="responsive"
            data-testid="institution-regions"
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

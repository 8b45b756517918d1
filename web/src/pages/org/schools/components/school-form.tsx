import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Select, TreeSelect } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { School, SchoolCreate } from '../../../../../../common/schemas/org.js';
import { api, feedback } from '../../../../api/client.js';
import { activeRole, useCurrentMe } from '../../../../api/session.js';
import { FormDrawer } from '../../../../components/form-drawer.js';
import { MaskedMobileItem } from '../../../../components/masked-mobile-item.js';
import { requiredRule, selectRule } from '../../../../components/rules.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { regionTreeData, useRegions } from '../../../../hooks/use-regions.js';
import { natureOptions, stageOptions } from '../../../../labels.js';

type Props = {
  open: boolean;
  /** The school to edit; undefined creates one. */
  school?: School;
  onClose: () => void;
};

/** ORG-2: create or edit a school; all seven fields are required, plus code and county. */
export function SchoolFormDrawer({ open, school, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SchoolCreate>();
  const queryClient = useQueryClient();
  const { data: regions } = useRegions();
  const myRegion = activeRole(useCurrentMe())?.regionCode;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    // The list gives the principal's mobile masked: leave it empty to keep it.
    if (school) form.setFieldsValue({ ...school, principalMobile: '' });
    // A county bureau creates schools in its own county.
    else if (myRegion && !myRegion.endsWith('00')) form.setFieldsValue({ countyCode: myRegion });
  }, [open, school, form, myRegion]);

  const { saving, submit } = useFormSubmit(form, async (values: SchoolCreate) => {
    if (school) {
      const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== undefined && v !== '' && v !== school[k as keyof School]));
      await api.patch<School>(`/api/schools/${school.id}`, changed);
    } else {
      await api.post<School>('/api/schools', values);
    }
    feedback.message.success(t('common.saved'));
    await queryClient.invalidateQueries({ queryKey: ['/api/schools'] });
    void queryClient.invalidateQueries({ queryKey: ['regions'] });
    onClose();
  });

  const label = (k: string) => t(`school.${k}`);
  // Moving a school to another county is a separate right (abilities.move).
  const canMove = !school || school.abilities.move;
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={school ? t('school.editTitle') : t('school.createTitle')}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="school-form-submit"
    >
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError data-testid="school-form">
        <Form.Item name="name" label={label('name')} rules={[requiredRule(t, label('name'))]}>
          <Input maxLength={60} data-testid="school-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={label('code')}
          rules={[requiredRule(t, label('code')), { pattern: /^[0-9A-Za-z]{4,20}$/, message: t('common.invalid', { label: label('code') }) }]}
        >
          <Input maxLength={20} disabled={!canMove} data-testid="school-code" />
        </Form.Item>
        <Form.Item name="countyCode" label={label('county')} rules={[selectRule(t, label('county'))]}>
          <TreeSelect
            disabled={!canMove}
            treeData={
              canMove || !school
                ? regionTreeData(regions, (n) => n.level === 'county')
                : [{ title: `${school.cityName} ${school.countyName}`, value: school.countyCode, children: [] }]
            }
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll={false}
            data-testid="school-county"
          />
        </Form.Item>
        <Form.Item name="stageType" label={label('stageType')} rules={[selectRule(t, label('stageType'))]}>
          <Select options={stageOptions(t)} data-testid="school-stage" />
        </Form.Item>
        <Form.Item name="nature" label={label('nature')} rules={[selectRule(t, label('nature'))]}>
          <Select options={natureOptions(t)} data-testid="school-nature" />
        </Form.Item>
        <Form.Item name="sealName" label={label('sealName')} extra={t('school.sealNameHelp')} rules={[requiredRule(t, label('sealName'))]}>
          <Input maxLength={60} data-testid="school-seal-name" />
        </Form.Item>
        <Form.Item name="town" label={label('town')} rules={[requiredRule(t, label('town'))]}>
          <Input maxLength={40} data-testid="school-town" />
        </Form.Item>
        <Form.Item name="principalName" label={label('principalName')} rules={[requiredRule(t, label('principalName'))]}>
          <Input maxLength={20} data-testid="school-principal-name" />
        </Form.Item>
        <MaskedMobileItem name="principalMobile" label={label('principalMobile')} masked={school?.principalMobile ?? null} testId="school-principal-mobile" />
      </Form>
    </FormDrawer>
  );
}

import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { mobileRule, requiredRule } from './rules.js';

type Props = {
  name: string;
  label: string;
  testId: string /** The stored mobile as the server shows it (masked); null when creating. */;
  masked: string | null;
};

/**
 * A mobile field on an edit form whose stored value comes back masked (ACC-10): left empty it keeps
 * the stored number (the form then sends nothing for it); on a new record it is required.
 */
export function MaskedMobileItem({ name, label, testId, masked }: Props) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} rules={masked ? [mobileRule(t)] : [requiredRule(t, label), mobileRule(t)]}>
      <Input inputMode="tel" maxLength={11} placeholder={masked ? t('school.keepMobile', { masked }) : undefined} data-testid={testId} />
    </Form.Item>
  );
}

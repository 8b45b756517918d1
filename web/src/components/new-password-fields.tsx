import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELD_MESSAGES } from '../../../common/i18n/errors.js';
import { checkPasswordStrength, type PasswordContext } from '../../../common/password-policy.js';
import { currentLanguage } from '../i18n/index.js';

/** New password + confirmation, with the strength rules of common/password-policy.ts shown live. */
export function NewPasswordFields({ context = {} }: { context?: PasswordContext }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const password: string = Form.useWatch('newPassword', form) ?? '';
  const broken = password ? checkPasswordStrength(password, context) : null;

  const hint = (
    <div style={{ marginTop: 4 }}>
      {password ? (
        <Typography.Text type={broken ? 'danger' : 'success'} data-testid="password-strength">
          {broken ? <CloseCircleFilled /> : <CheckCircleFilled />} {broken ? FIELD_MESSAGES[broken][currentLanguage()] : t('password.strong')}
        </Typography.Text>
      ) : null}
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, color: 'rgba(0,0,0,0.45)' }}>
        <li>{t('password.ruleLength')}</li>
        <li>{t('password.ruleClasses')}</li>
        <li>{t('password.ruleCommon')}</li>
        <li>{t('password.rulePersonal')}</li>
      </ul>
    </div>
  );

  return (
    <>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={hint}
        rules={[
          { required: true, message: t('common.required', { label: t('password.new') }) },
          {
            validator: (_, v: string | undefined) => {
              const key = v ? checkPasswordStrength(v, context) : null;
              return key ? Promise.reject(new Error(FIELD_MESSAGES[key][currentLanguage()])) : Promise.resolve();
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { label: t('password.confirm') }) },
          ({ getFieldValue }) => ({
            validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
    </>
  );
}

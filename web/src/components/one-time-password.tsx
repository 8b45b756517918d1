import { Alert, type App, Typography } from 'antd';
import type { TFunction } from 'i18next';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/** Shows a one-time initial password once, with a copy button (ORG-4, ACC-3). */
export function showOneTimePassword(modal: ModalApi, t: TFunction, name: string, password: string) {
  modal.success({
    title: t('admin.oneTimePasswordTitle'),
    okText: t('common.close'),
    content: (
      <div data-testid="one-time-password-modal">
        <Typography.Paragraph
          copyable={{ text: password, tooltips: [t('common.copy'), t('common.copied')] }}
          code
          style={{ fontSize: 20, margin: '12px 0' }}
          data-testid="one-time-password"
        >
          {password}
        </Typography.Paragraph>
        <Alert type="warning" showIcon title={t('admin.oneTimePasswordHint', { name })} />
      </div>
    ),
  });
}

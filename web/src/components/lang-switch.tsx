import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../common/i18n/errors.js';
import { showError } from '../api/client.js';
import { changeLanguage } from '../api/session.js';
import { currentLanguage, LANGUAGES } from '../i18n/index.js';

/** 简体中文 / English; remembered in the `sx_lang` cookie and, when logged in, on the account. */
export function LangSwitch({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: LANGUAGES.map((l) => ({ key: l, label: t(`lang.${l}`), 'data-testid': `lang-${l}` })),
        onClick: ({ key }) => changeLanguage(key as Lang).catch((err) => showError(err)),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('header.language')} data-testid="lang-switch">
        {compact ? null : t(`lang.${lang}`)}
      </Button>
    </Dropdown>
  );
}

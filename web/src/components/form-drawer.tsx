import { Button, Drawer, Flex, Grid } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  open: boolean;
  title: ReactNode;
  width?: number;
  saving: boolean;
  onClose: () => void;
  onSave: () => void;
  /** data-testid of the save button. */
  saveTestId: string;
  /** Label of the save button (default 保存), e.g. 提交审核. */
  saveText?: ReactNode;
  children: ReactNode;
};

/** The drawer every create/edit form uses: full width on phones, cancel and save in the footer. */
export function FormDrawer({ open, title, width = 520, saving, onClose, onSave, saveTestId, saveText, children }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={screens.sm === false ? '100%' : width}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>
            {saveText ?? t('common.save')}
          </Button>
        </Flex>
      }
    >
      {children}
    </Drawer>
  );
}

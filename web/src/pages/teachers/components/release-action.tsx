import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Teacher } from '../../../../../common/schemas/teachers.js';
import { showError } from '../../../api/client.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';
import { transferActions } from '../../../api/transfers.js';

/**
 * TCH-5 调出到自由人: a school releases one of its teachers (not the admin themself) to the free
 * pool, after a confirmation; the record then leaves the school's list.
 */
export function ReleaseAction({ teacher }: { teacher: Teacher }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useCurrentMe();
  const mySchoolId = activeRole(me)?.schoolId;
  if (!teacher.abilities.manage || !mySchoolId || teacher.schoolId !== mySchoolId || teacher.accountId === me.account.id) return null;

  const release = () =>
    modal.confirm({
      title: t('pool.releaseConfirm', { name: teacher.name }),
      content: t('pool.releaseHint'),
      okText: t('pool.release'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await transferActions.release(teacher.id);
          // The record is no longer in my school: back to the list, which no longer holds it.
          navigate('/teachers', { replace: true });
          void queryClient.invalidateQueries({ queryKey: ['/api/teachers'] });
          void queryClient.invalidateQueries({ queryKey: ['/api/teacher-pool'] });
          message.success(t('pool.released', { name: teacher.name }));
        } catch (err) {
          showError(err);
        }
      },
    });

  return (
    <Button danger onClick={release} data-testid="teacher-release">
      {t('pool.release')}
    </Button>
  );
}

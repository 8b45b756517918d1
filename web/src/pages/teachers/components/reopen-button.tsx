import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Teacher } from '../../../../../common/schemas/teachers.js';
import { CHANGES_KEY, profileActions } from '../../../api/profile.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';
import { ReasonModal } from '../../../components/reason-modal.js';

/**
 * TCH-4 重新更新: the teacher's own school opens the record so the teacher can correct key fields
 * (also the ID number of a verified teacher) and submit them for review again.
 */
export function ReopenButton({ teacher }: { teacher: Teacher }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useCurrentMe();
  const [open, setOpen] = useState(false);
  // Only the admins of the teacher's school review its records (bureaus manage but do not reopen).
  if (!teacher.abilities.manage || !teacher.schoolId || activeRole(me)?.schoolId !== teacher.schoolId) return null;

  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="teacher-reopen">
        {t('teacher.reopen')}
      </Button>
      {open ? (
        <ReasonModal
          title={t('teacher.reopenTitle', { name: teacher.name })}
          hint={t('teacher.reopenHint')}
          okText={t('teacher.reopen')}
          label={t('profileChange.reason')}
          placeholder={t('profileChange.reasonPlaceholder')}
          onClose={() => setOpen(false)}
          onSubmit={async (reason) => {
            await profileActions.reopen(teacher.id, reason);
            void queryClient.invalidateQueries({ queryKey: CHANGES_KEY });
            message.success(t('teacher.reopened', { name: teacher.name }));
            setOpen(false);
          }}
        />
      ) : null}
    </>
  );
}

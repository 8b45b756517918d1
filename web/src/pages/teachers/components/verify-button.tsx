import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Teacher } from '../../../../../common/schemas/teachers.js';
import { showError } from '../../../api/client.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';
import { teacherActions } from '../../../api/teachers.js';

/**
 * 认证: the teacher's own school confirms an in-service teacher's identity, after a confirmation
 * saying that the ID number and school then change only through review. Hidden once verified.
 */
export function VerifyButton({ teacher }: { teacher: Teacher }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useCurrentMe();
  const mySchoolId = activeRole(me)?.schoolId;
  if (teacher.verified || !teacher.abilities.manage || teacher.status !== 'in_service' || !teacher.schoolId || teacher.schoolId !== mySchoolId) return null;

  const verify = () =>
    modal.confirm({
      title: t('teacher.verifyConfirm', { name: teacher.name }),
      content: t('teacher.verifyHint'),
      okText: t('teacher.verify'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const updated = await teacherActions.verify(teacher.id);
          queryClient.setQueryData(['/api/teachers', updated.id], updated);
          void queryClient.invalidateQueries({ queryKey: ['/api/teachers'] });
          message.success(t('teacher.verifyDone', { name: teacher.name }));
        } catch (err) {
          showError(err);
        }
      },
    });

  return (
    <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={verify} data-testid="teacher-verify">
      {t('teacher.verify')}
    </Button>
  );
}

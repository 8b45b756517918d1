import { DownOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Teacher } from '../../../../../common/schemas/teachers.js';
import { TEACHER_STATUSES, type TeacherStatus } from '../../../../../common/teachers.js';
import { showError } from '../../../api/client.js';
import { activeRole, ME_KEY, useCurrentMe } from '../../../api/session.js';
import { teacherActions } from '../../../api/teachers.js';

type Props = {
  teacher: Teacher;
  /** `row`: small link buttons in a table row (test ids end in the teacher id); `detail`: ordinary buttons. */
  variant: 'row' | 'detail';
};

/**
 * 归档 (TCH-6), 授权校长 and 授权/取消管理员 (TCH-7), each after a confirmation. Only in-service
 * teachers of a school can be authorised; one cannot remove one's own admin identity.
 */
export function TeacherActions({ teacher, variant }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useCurrentMe();
  if (!teacher.abilities.manage) return null;

  const mine = activeRole(me);
  const isMe = teacher.accountId === me.account.id;
  const iAmItsPrincipal = mine?.role === 'principal' && mine.schoolId === teacher.schoolId;
  const canAuthorise = teacher.status === 'in_service' && teacher.schoolId !== null;
  const suffix = variant === 'row' ? `-${teacher.id}` : '';
  const buttonProps = variant === 'row' ? ({ type: 'link', size: 'small' } as const) : {};
  const name = teacher.name;

  const run = async (action: () => Promise<Teacher>, done: string, rolesChanged: boolean) => {
    try {
      const updated = await action();
      queryClient.setQueryData(['/api/teachers', updated.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['/api/teachers'] });
      // My own identities changed (or my principal identity went to someone else): reload who I am.
      if (rolesChanged && (isMe || iAmItsPrincipal)) void queryClient.invalidateQueries({ queryKey: ME_KEY });
      message.success(done);
    } catch (err) {
      showError(err);
    }
  };

  const archive = (status: TeacherStatus) => {
    const label = t(`teacherStatus.${status}`);
    modal.confirm({
      title: t('teacher.archiveConfirm', { name, status: label }),
      content: status === 'in_service' ? undefined : t('teacher.archiveHint'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => run(() => teacherActions.setStatus(teacher.id, status), t('teacher.archived', { status: label }), false),
    });
  };

  const authorisePrincipal = () =>
    modal.confirm({
      title: t('teacher.principalConfirm', { name }),
      content: iAmItsPrincipal ? t('teacher.principalHintSelf') : t('teacher.principalHint', { school: teacher.schoolName ?? '' }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => run(() => teacherActions.authorisePrincipal(teacher.id), t('teacher.principalDone'), true),
    });

  const setSchoolAdmin = (grant: boolean) =>
    modal.confirm({
      title: t(grant ? 'teacher.grantAdminConfirm' : 'teacher.revokeAdminConfirm', { name }),
      content: grant ? t('teacher.grantAdminHint') : undefined,
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => run(() => teacherActions.setSchoolAdmin(teacher.id, grant), t(grant ? 'teacher.adminGranted' : 'teacher.adminRevoked'), true),
    });

  return (
    <Space size={variant === 'row' ? 0 : 8} wrap>
      <Dropdown
        trigger={['click']}
        menu={{
          items: TEACHER_STATUSES.map((s) => ({
            key: s,
            label: t(`teacherStatus.${s}`),
            disabled: s === teacher.status,
            'data-testid': `teacher-status-${s}${suffix}`,
          })),
          onClick: ({ key }) => archive(key as TeacherStatus),
        }}
      >
        <Button {...buttonProps} data-testid={`teacher-archive${suffix}`}>
          {t('teacher.archive')} <DownOutlined />
        </Button>
      </Dropdown>
      {canAuthorise && !teacher.isPrincipal ? (
        <Button {...buttonProps} onClick={authorisePrincipal} data-testid={`teacher-principal${suffix}`}>
          {t('teacher.authorisePrincipal')}
        </Button>
      ) : null}
      {canAuthorise && !teacher.isSchoolAdmin ? (
        <Button {...buttonProps} onClick={() => setSchoolAdmin(true)} data-testid={`teacher-admin${suffix}`}>
          {t('teacher.grantAdmin')}
        </Button>
      ) : null}
      {canAuthorise && teacher.isSchoolAdmin && !isMe ? (
        <Button {...buttonProps} danger onClick={() => setSchoolAdmin(false)} data-testid={`teacher-admin${suffix}`}>
          {t('teacher.revokeAdmin')}
        </Button>
      ) : null}
    </Space>
  );
}

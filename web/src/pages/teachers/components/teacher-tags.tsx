import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Teacher } from '../../../../../common/schemas/teachers.js';
import type { TeacherStatus } from '../../../../../common/teachers.js';

const STATUS_COLOR: Record<TeacherStatus, string> = { in_service: 'green', left: 'orange', retired: 'default' };

/** 在职 / 离职 / 退休 (TCH-6). */
export function TeacherStatusTag({ status }: { status: TeacherStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`teacherStatus.${status}`)}</Tag>;
}

/** 校长 / 学校管理员 of the teacher's school (TCH-7); a dash when neither. */
export function TeacherRoleTags({ teacher }: { teacher: Pick<Teacher, 'isPrincipal' | 'isSchoolAdmin'> }) {
  const { t } = useTranslation();
  if (!teacher.isPrincipal && !teacher.isSchoolAdmin) return <>-</>;
  return (
    <Space size={4} wrap>
      {teacher.isPrincipal ? <Tag color="gold">{t('teacher.principal')}</Tag> : null}
      {teacher.isSchoolAdmin ? <Tag color="blue">{t('teacher.schoolAdmin')}</Tag> : null}
    </Space>
  );
}

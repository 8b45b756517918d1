import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Flex, Grid, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENROLMENTS_URL, enrolmentActions } from '../../../../api/enrolment.js';
import { EnrolmentStateTag } from '../../../../components/enrolment-state-tag.js';
import { classTitle, dateRange, formatTime, hoursText } from '../../../../labels.js';
import { EnrolmentHistory } from '../../components/enrolment-history.js';
import { ResultTag } from '../../components/enrolment-tags.js';
import { ReviewActions } from './review-actions.js';

/** One enrolment for a reviewer: the teacher, the class, the state, every step with its reason, and the allowed steps. */
export function EnrolmentDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const { data: e, error } = useQuery({
    queryKey: [ENROLMENTS_URL, 'one', id],
    queryFn: () => enrolmentActions.get(id as number),
    enabled: id !== null,
    meta: { quiet: true },
  });
  const shown = e && e.id === id ? e : undefined;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={shown ? t('enrolReview.detailTitle', { name: shown.teacherName }) : t('common.detail')}
      size={screens.sm === false ? '100%' : 560}
      destroyOnHidden
      footer={
        shown ? (
          <Flex justify="flex-end">
            <ReviewActions enrolment={shown} variant="detail" />
          </Flex>
        ) : null
      }
    >
      {error ? <Alert type="error" showIcon title={error.message} /> : null}
      {!shown && !error ? <Skeleton active /> : null}
      {shown ? (
        <div data-testid="enrolment-detail">
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'teacher', label: t('teacher.name'), children: shown.teacherName },
              { key: 'shixunNo', label: t('teacher.shixunNo'), children: shown.shixunNo },
              { key: 'school', label: t('teacher.school'), children: shown.schoolName ?? '-' },
              { key: 'class', label: t('enrol.project'), children: classTitle(t, shown.seq, shown.projectName) },
              { key: 'institution', label: t('enrol.institution'), children: shown.institutionName },
              { key: 'dates', label: t('enrol.dates'), children: dateRange(shown.startDate, shown.endDate) },
              { key: 'place', label: t('enrol.place'), children: shown.place },
              { key: 'hours', label: t('enrol.hours'), children: hoursText(shown.hours) },
              { key: 'round', label: t('enrolReview.round'), children: t(`enrol.round.r${shown.round}`, { defaultValue: String(shown.round) }) },
              { key: 'state', label: t('enrol.stateLabel'), children: <EnrolmentStateTag state={shown.state} /> },
              ...(shown.leaveReason ? [{ key: 'leave', label: t('myEnrol.leaveReason'), children: shown.leaveReason }] : []),
              ...(shown.result ? [{ key: 'result', label: t('enrol.resultLabel'), children: <ResultTag result={shown.result} score={shown.score} /> }] : []),
              { key: 'createdAt', label: t('enrolReview.createdAt'), children: formatTime(shown.createdAt) },
            ]}
          />
          <Typography.Title level={5} style={{ margin: '24px 0 16px' }}>
            {t('enrol.history')}
          </Typography.Title>
          <EnrolmentHistory history={shown.history} testId="enrolment-detail-history" />
        </div>
      ) : null}
    </Drawer>
  );
}

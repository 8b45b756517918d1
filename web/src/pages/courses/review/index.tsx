import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Grid, Input, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COURSE_STATES } from '../../../../../common/machines.js';
import { showError } from '../../../api/client.js';
import { COURSE_KEYS, COURSES_URL, type Course, type CourseSummary, courseApi } from '../../../api/courses.js';
import { ListPage } from '../../../components/list-page.js';
import { ReasonModal } from '../../../components/reason-modal.js';
import { formatTime } from '../../../labels.js';
import { HistoryTimeline } from '../../training/components/history-timeline.js';
import { CourseCover } from '../components/course-card.js';
import { DeclarationFacts } from '../components/declaration-facts.js';
import { CourseStateTag, courseFacts } from '../components/labels.js';

/** One declaration: what was declared, by whom, its history; 通过 or 拒绝 (with a reason), and the 数字微校 mark. */
function ReviewDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const isPhone = Grid.useBreakpoint().sm === false;
  const { data: c, error } = useQuery({ queryKey: COURSE_KEYS.course(id), queryFn: () => courseApi.get(id) });
  const [microSchool, setMicroSchool] = useState<boolean | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const flag = microSchool ?? c?.microSchool ?? false;

  const done = (updated: Course, text: string) => {
    queryClient.setQueryData(COURSE_KEYS.course(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: [COURSES_URL] });
    message.success(text);
  };
  const approve = (course: Course) =>
    modal.confirm({
      title: t('course.review.approveConfirm', { name: course.name }),
      content: flag ? t('course.review.microSchoolYes') : t('course.review.microSchoolNo'),
      okText: t('course.review.approve'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          done(await courseApi.review(course.id, { action: 'approve', microSchool: flag }), t('course.review.approved'));
        } catch (err) {
          showError(err);
        }
      },
    });

  return (
    <Drawer open onClose={onClose} size={isPhone ? '100%' : 720} title={c?.name ?? t('course.review.title')} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error.message} /> : null}
      {!c ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center">
            <CourseStateTag state={c.state} testId="review-course-state" />
          </Flex>
          <DeclarationFacts course={c} withInstructor />
          {c.can.review ? (
            <Flex vertical gap={12} style={{ padding: 16, background: '#fafafa', borderRadius: 8 }}>
              <Checkbox checked={flag} onChange={(e) => setMicroSchool(e.target.checked)} data-testid="review-micro-school">
                {t('course.review.microSchoolLabel')}
              </Checkbox>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('course.review.microSchoolHint')}
              </Typography.Text>
              <Flex gap={8} justify="flex-end">
                <Button danger onClick={() => setRejecting(true)} data-testid="review-reject">
                  {t('course.review.reject')}
                </Button>
                <Button type="primary" onClick={() => approve(c)} data-testid="review-approve">
                  {t('course.review.approve')}
                </Button>
              </Flex>
            </Flex>
          ) : null}
          <div>
            <Typography.Title level={5}>{t('course.history')}</Typography.Title>
            <HistoryTimeline history={c.history} stepKey="course.step" testId="review-history" />
          </div>
        </Flex>
      )}
      {rejecting && c ? (
        <ReasonModal
          title={t('course.review.rejectTitle', { name: c.name })}
          hint={t('course.review.rejectHint')}
          okText={t('course.review.reject')}
          danger
          label={t('course.review.reason')}
          placeholder={t('course.review.reasonPlaceholder')}
          testIds={{ input: 'review-reject-reason', submit: 'review-reject-submit' }}
          onClose={() => setRejecting(false)}
          onSubmit={async (reason) => {
            const updated = await courseApi.review(c.id, { action: 'reject', reason, microSchool: flag });
            setRejecting(false);
            done(updated, t('course.review.rejected'));
          }}
        />
      ) : null}
    </Drawer>
  );
}

/**
 * 申报审核 (CRS-2, reviewers and the province): declarations waiting for review, oldest first (other
 * states by the filter); each opens with the declaration and the teacher, to approve or reject with
 * a reason, ticking 数字微校 against the list of digital micro-school teachers.
 */
export default function CourseReviewPage() {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<number | null>(null);
  const isPhone = Grid.useBreakpoint().md === false;
  const columns: TableColumnsType<CourseSummary> = [
    {
      title: t('course.declare.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, r) => (
        <Flex gap={12} align="center" style={{ minWidth: 200, maxWidth: 360 }}>
          {isPhone ? null : <CourseCover url={r.coverUrl} style={{ width: 96, flex: 'none', borderRadius: 4 }} />}
          <Flex vertical style={{ minWidth: 0 }}>
            <Typography.Link onClick={() => setViewing(r.id)} data-testid={`review-open-${r.id}`}>
              {name}
            </Typography.Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {courseFacts(t, r)}
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
    {
      title: t('course.instructor'),
      key: 'instructor',
      responsive: ['md'],
      render: (_, r) => (
        <Flex vertical>
          <span>{r.instructorName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.organisation}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('course.declare.declaredAt'), dataIndex: 'declaredAt', responsive: ['lg'], render: formatTime },
    { title: t('course.stateLabel'), dataIndex: 'state', render: (v: CourseSummary['state']) => <CourseStateTag state={v} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setViewing(r.id)} data-testid={`review-view-${r.id}`}>
          {r.state === 'pending' ? t('course.review.review') : t('common.view')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <ListPage<CourseSummary>
        title={t('menu.courseReview')}
        url={COURSES_URL}
        columns={columns}
        fixedQuery={{ view: 'review' }}
        filterNames={['q', 'state']}
        header={<Alert type="info" showIcon title={t('course.review.intro')} style={{ marginBottom: 16 }} />}
        filters={
          <>
            <Form.Item name="q" label={t('common.keyword')}>
              <Input allowClear placeholder={t('course.review.keywordPlaceholder')} data-testid="filter-q" />
            </Form.Item>
            <Form.Item name="state" label={t('course.stateLabel')}>
              <Select
                allowClear
                placeholder={t('course.review.statePending')}
                options={COURSE_STATES.map((s) => ({ value: s, label: t(`course.state.${s}`) }))}
                data-testid="filter-state"
              />
            </Form.Item>
          </>
        }
      />
      {viewing !== null ? <ReviewDrawer id={viewing} onClose={() => setViewing(null)} /> : null}
    </>
  );
}

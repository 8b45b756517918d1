import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Descriptions, Drawer, Flex, Grid, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { showError } from '../../../api/client.js';
import { COURSE_KEYS, LESSON_REVIEWS_URL, type Lesson, type LessonQueueItem, lessonApi } from '../../../api/courses.js';
import { ListPage } from '../../../components/list-page.js';
import { ReasonModal } from '../../../components/reason-modal.js';
import { HistoryTimeline } from '../../training/components/history-timeline.js';
import { HlsVideo } from '../components/hls-video.js';
import { formatDuration, LessonStateTag, VideoStateTag } from '../components/labels.js';
import { LessonDocuments } from '../components/lesson-documents.js';

/** One lesson under review: watch the video, open the documents, then 通过 (publish) or 退回 with comments. */
function LessonReviewDrawer({ item, onClose }: { item: LessonQueueItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const isPhone = Grid.useBreakpoint().sm === false;
  const { data: lesson } = useQuery({ queryKey: COURSE_KEYS.lesson(item.id), queryFn: () => lessonApi.get(item.id), initialData: item });
  const [returning, setReturning] = useState(false);

  const done = (updated: Lesson, text: string) => {
    queryClient.setQueryData(COURSE_KEYS.lesson(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: [LESSON_REVIEWS_URL] });
    void queryClient.invalidateQueries({ queryKey: COURSE_KEYS.course(updated.courseId) });
    message.success(text);
  };
  const approve = () =>
    modal.confirm({
      title: t('course.lessonReview.approveConfirm', { name: lesson.title }),
      content: t('course.lessonReview.approveHint', { date: lesson.lessonDate }),
      okText: t('course.lessonReview.approve'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          done(await lessonApi.review(lesson.id, 'approve'), t('course.lessonReview.approved'));
        } catch (err) {
          showError(err);
        }
      },
    });

  return (
    <Drawer open onClose={onClose} size={isPhone ? '100%' : 760} title={`${item.courseName} · ${lesson.title}`} destroyOnHidden>
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'course', label: t('course.lessonReview.course'), children: <Link to={`/courses/${item.courseId}`}>{item.courseName}</Link> },
            { key: 'instructor', label: t('course.instructor'), children: item.instructorName },
            { key: 'date', label: t('course.lesson.date'), children: lesson.lessonDate },
            { key: 'trial', label: t('course.lesson.trial'), children: lesson.trial ? t('course.lesson.trialYes') : t('course.lesson.trialNo') },
            { key: 'state', label: t('course.stateLabel'), children: <LessonStateTag state={lesson.state} testId="lesson-review-state" /> },
            {
              key: 'video',
              label: t('course.video.label'),
              children: lesson.video ? (
                <Flex gap={6} wrap>
                  <VideoStateTag video={lesson.video} />
                  <span>{formatDuration(lesson.video.durationS)}</span>
                </Flex>
              ) : (
                '-'
              ),
            },
          ]}
        />
        {lesson.video?.playlistUrl ? (
          <HlsVideo src={lesson.video.playlistUrl} testId="lesson-review-video" />
        ) : (
          <Alert type="warning" showIcon title={t('course.lessonReview.noVideo')} />
        )}
        <div>
          <Typography.Title level={5}>{t('course.documents.title')}</Typography.Title>
          <LessonDocuments documents={lesson.documents} testId="lesson-review-documents" />
        </div>
        {lesson.can.review ? (
          <Flex gap={8} justify="flex-end" style={{ padding: 12, background: '#fafafa', borderRadius: 8 }}>
            <Button danger onClick={() => setReturning(true)} data-testid="lesson-return">
              {t('course.lessonReview.return')}
            </Button>
            <Button type="primary" onClick={approve} data-testid="lesson-approve">
              {t('course.lessonReview.approve')}
            </Button>
          </Flex>
        ) : null}
        <div>
          <Typography.Title level={5}>{t('course.history')}</Typography.Title>
          <HistoryTimeline history={lesson.history} stepKey="course.lessonStep" />
        </div>
      </Flex>
      {returning ? (
        <ReasonModal
          title={t('course.lessonReview.returnTitle', { name: lesson.title })}
          hint={t('course.lessonReview.returnHint')}
          okText={t('course.lessonReview.return')}
          danger
          label={t('course.lessonReview.comments')}
          placeholder={t('course.lessonReview.commentsPlaceholder')}
          testIds={{ input: 'lesson-return-reason', submit: 'lesson-return-submit' }}
          onClose={() => setReturning(false)}
          onSubmit={async (reason) => {
            const updated = await lessonApi.review(lesson.id, 'return', reason);
            setReturning(false);
            done(updated, t('course.lessonReview.returned'));
          }}
        />
      ) : null}
    </Drawer>
  );
}

/**
 * 课时审核 (CRS-5, reviewers and the province): lessons submitted for review; each opens with its
 * video and documents, to approve (the lesson is published and students see it from its date) or
 * return with comments for the instructor.
 */
export default function LessonReviewPage() {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<LessonQueueItem | null>(null);
  const columns: TableColumnsType<LessonQueueItem> = [
    {
      title: t('course.lesson.title'),
      dataIndex: 'title',
      fixed: 'left',
      render: (title: string, r) => (
        <Flex vertical style={{ minWidth: 160, maxWidth: 320 }}>
          <Typography.Link onClick={() => setViewing(r)} data-testid={`lesson-review-open-${r.id}`}>
            {title}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.courseName}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('course.instructor'), dataIndex: 'instructorName', responsive: ['md'] },
    { title: t('course.lesson.date'), dataIndex: 'lessonDate', responsive: ['md'] },
    {
      title: t('course.video.label'),
      key: 'video',
      responsive: ['lg'],
      render: (_, r) => (r.video ? formatDuration(r.video.durationS) : '-'),
    },
    {
      title: t('course.documents.title'),
      key: 'documents',
      responsive: ['lg'],
      render: (_, r) => (r.documents.length ? <Tag style={{ marginInlineEnd: 0 }}>{r.documents.length}</Tag> : '-'),
    },
    { title: t('course.stateLabel'), dataIndex: 'state', render: (v: LessonQueueItem['state']) => <LessonStateTag state={v} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setViewing(r)} data-testid={`lesson-review-view-${r.id}`}>
          {t('course.review.review')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <ListPage<LessonQueueItem>
        title={t('menu.lessonReview')}
        url={LESSON_REVIEWS_URL}
        columns={columns}
        header={<Alert type="info" showIcon title={t('course.lessonReview.intro')} style={{ marginBottom: 16 }} />}
      />
      {viewing ? <LessonReviewDrawer item={viewing} onClose={() => setViewing(null)} /> : null}
    </>
  );
}

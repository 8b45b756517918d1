import { RollbackOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Flex, Grid, Menu, Row, Select, Tag, Tooltip, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError, showError } from '../../../../api/client.js';
import { COURSE_KEYS, type Course, type Lesson, lessonApi } from '../../../../api/courses.js';
import { HistoryTimeline } from '../../../training/components/history-timeline.js';
import { LessonStateTag } from '../../components/labels.js';
import { LessonDocuments } from '../../components/lesson-documents.js';
import { useCourseUpdates } from '../../components/use-course.js';
import { VideoPanel } from './video-panel.js';

const DOC_ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png';

function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{title}</Typography.Text>
        {extra}
      </Flex>
      {children}
    </div>
  );
}

/** One lesson's content: video, documents, 提交审核 / 撤回, the reviewer's comments and history; `extra` adds the lesson's exercises. */
function LessonPanel({ initial, extra }: { initial: Lesson; extra?: (lesson: Lesson) => ReactNode }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const updates = useCourseUpdates();
  const [docBusy, setDocBusy] = useState(false);
  const [docError, setDocError] = useState<string | null>(null);
  const {
    data: lesson = initial,
    refetch,
    isFetching,
  } = useQuery({
    queryKey: COURSE_KEYS.lesson(initial.id),
    queryFn: () => lessonApi.get(initial.id),
    initialData: initial,
    // Transcoding runs in the background: ask again every few seconds until it is over.
    refetchInterval: (q) => (q.state.data?.video?.state === 'queued' || q.state.data?.video?.state === 'transcoding' ? 2000 : false),
  });
  const lastReturn = lesson.state === 'returned' ? [...lesson.history].reverse().find((h) => h.action === 'return') : undefined;
  const videoReady = lesson.video?.state === 'ready';

  const act = (action: 'submit' | 'withdraw') =>
    modal.confirm({
      title: t(`course.content.${action}Confirm`, { name: lesson.title }),
      content: t(`course.content.${action}Hint`),
      okText: t(`course.content.${action}`),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          updates.lesson(await lessonApi.act(lesson.id, action));
          message.success(t(`course.content.${action}Done`));
        } catch (err) {
          showError(err);
        }
      },
    });

  const addDocument = async (file: File) => {
    setDocBusy(true);
    setDocError(null);
    try {
      updates.lesson(await lessonApi.addDocument(lesson.id, file));
    } catch (err) {
      if (err instanceof ApiError && !err.handled) setDocError(err.message);
      else showError(err);
    } finally {
      setDocBusy(false);
    }
  };

  return (
    <Card
      size="small"
      data-testid={`lesson-panel-${lesson.id}`}
      title={
        <Flex gap={8} align="center" wrap style={{ padding: '6px 0' }}>
          <span style={{ whiteSpace: 'normal' }}>{lesson.title}</span>
          <LessonStateTag state={lesson.state} testId="lesson-state" />
          {lesson.trial ? (
            <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
              {t('course.lesson.trial')}
            </Tag>
          ) : null}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {lesson.lessonDate}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Flex gap={8}>
          {lesson.can.submit ? (
            <Tooltip title={videoReady ? undefined : t('course.content.videoFirst')}>
              <Button type="primary" icon={<SendOutlined />} disabled={!videoReady} onClick={() => act('submit')} data-testid="lesson-submit">
                {t('course.content.submit')}
              </Button>
            </Tooltip>
          ) : null}
          {lesson.can.withdraw ? (
            <Button icon={<RollbackOutlined />} onClick={() => act('withdraw')} data-testid="lesson-withdraw">
              {t('course.content.withdraw')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Flex vertical gap={20}>
        {lastReturn ? (
          <Alert type="error" showIcon title={t('course.content.returnedHint', { reason: lastReturn.reason ?? '-' })} data-testid="lesson-returned" />
        ) : null}
        {lesson.state === 'pending' ? <Alert type="warning" showIcon title={t('course.content.pendingHint')} /> : null}
        {lesson.state === 'published' ? (
          <Alert
            type="success"
            showIcon
            title={t(lesson.open ? 'course.content.publishedOpen' : 'course.content.publishedFrom', { date: lesson.lessonDate })}
          />
        ) : null}
        <Section title={t('course.video.label')}>
          <VideoPanel lesson={lesson} onChanged={updates.lesson} onRefresh={() => void refetch()} refreshing={isFetching} />
        </Section>
        <Section
          title={t('course.documents.title')}
          extra={
            lesson.can.edit ? (
              <Upload
                accept={DOC_ACCEPT}
                showUploadList={false}
                disabled={docBusy}
                beforeUpload={(file) => {
                  void addDocument(file);
                  return Upload.LIST_IGNORE;
                }}
              >
                <Button size="small" icon={<UploadOutlined />} loading={docBusy} data-testid="document-upload">
                  {t('course.documents.upload')}
                </Button>
              </Upload>
            ) : null
          }
        >
          {docError ? <Alert type="error" showIcon title={docError} style={{ marginBottom: 8 }} data-testid="document-error" /> : null}
          <LessonDocuments
            documents={lesson.documents}
            onDelete={lesson.can.edit ? async (id) => updates.lesson(await lessonApi.deleteDocument(id)) : undefined}
          />
          {lesson.can.edit ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('course.documents.rules')}
            </Typography.Text>
          ) : null}
        </Section>
        {extra?.(lesson)}
        <Section title={t('course.history')}>
          <HistoryTimeline history={lesson.history} stepKey="course.lessonStep" testId="lesson-history" />
        </Section>
      </Flex>
    </Card>
  );
}

/**
 * 授课内容 (CRS-4, 000 §5.3): pick a lesson, then its video (upload, transcoding, preview, replace,
 * delete), documents, submission for review and withdrawal; the lesson's exercises come with it.
 */
export function ContentTab({ course, extra }: { course: Course; extra?: (lesson: Lesson) => ReactNode }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const isPhone = Grid.useBreakpoint().md === false;
  const lessons = course.chapters.flatMap((c) => c.lessons);
  const picked = Number(params.get('lesson'));
  const lesson = lessons.find((l) => l.id === picked) ?? lessons[0];
  const pick = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('lesson', String(id));
    setParams(next, { replace: true });
  };

  if (lessons.length === 0) {
    return (
      <Card size="small">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.content.noLessons')} />
      </Card>
    );
  }
  const label = (l: Lesson) => (
    <Flex gap={6} align="center" justify="space-between" style={{ minWidth: 0 }}>
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{l.title}</span>
      <LessonStateTag state={l.state} />
    </Flex>
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8} lg={6}>
        {isPhone ? (
          <Select
            style={{ width: '100%' }}
            value={lesson?.id}
            onChange={pick}
            options={course.chapters.map((c) => ({
              label: c.title,
              options: c.lessons.map((l) => ({ value: l.id, label: `${l.title} · ${t(`course.lessonState.${l.state}`)}` })),
            }))}
            data-testid="content-lesson-select"
          />
        ) : (
          <Card size="small" styles={{ body: { padding: 4 } }}>
            <Menu
              mode="inline"
              selectedKeys={lesson ? [String(lesson.id)] : []}
              onClick={(e) => pick(Number(e.key))}
              style={{ borderInlineEnd: 0 }}
              items={course.chapters.map((c) => ({
                type: 'group' as const,
                key: `c${c.id}`,
                label: c.title,
                children: c.lessons.map((l) => ({ key: String(l.id), label: label(l), 'data-testid': `content-lesson-${l.id}` })),
              }))}
            />
          </Card>
        )}
      </Col>
      <Col xs={24} md={16} lg={18}>
        {lesson ? <LessonPanel key={lesson.id} initial={lesson} extra={extra} /> : null}
      </Col>
    </Row>
  );
}

import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Grid, Row, Segmented, Select, Skeleton, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { MAX_SPEED, PLAYER_SPEEDS } from '../../../../../common/courses.js';
import { COURSE_KEYS, type Course, type Lesson, lessonApi } from '../../../api/courses.js';
import { LEARNING_KEYS, learningApi } from '../../../api/learning.js';
import { LoadFallback } from '../../../components/exception-result.js';
import { PageContainer } from '../../../components/page-container.js';
import { StudentExercise } from '../components/exercise-view.js';
import { HlsVideo } from '../components/hls-video.js';
import { formatDuration } from '../components/labels.js';
import { LessonDocuments } from '../components/lesson-documents.js';
import { LessonList } from '../components/lesson-list.js';
import { ReviewsSection } from '../components/reviews-list.js';
import { TopicForm, TopicList } from '../components/topics.js';
import { useCourse } from '../components/use-course.js';
import { useWatchProgress } from './components/use-watch-progress.js';
import { WatchStatus } from './components/watch-status.js';

const MIN_SPEED = PLAYER_SPEEDS[0];

/** 倍速: 0.5×–2×; a rate set another way (the browser's own menu) is held inside that range. */
function SpeedPicker({ video, compact }: { video: HTMLVideoElement | null; compact: boolean }) {
  const { t } = useTranslation();
  const [rate, setRate] = useState(1);
  useEffect(() => {
    if (!video) return;
    const onRate = () => {
      const clamped = Math.min(MAX_SPEED, Math.max(MIN_SPEED, video.playbackRate));
      if (clamped !== video.playbackRate) video.playbackRate = clamped;
      setRate(clamped);
    };
    video.addEventListener('ratechange', onRate);
    return () => video.removeEventListener('ratechange', onRate);
  }, [video]);
  const set = (v: number) => {
    if (video) video.playbackRate = v;
    setRate(v);
  };
  const options = PLAYER_SPEEDS.map((s) => ({ value: s, label: `${s}×` }));
  return (
    <Flex gap={8} align="center">
      <Typography.Text type="secondary">{t('course.player.speed')}</Typography.Text>
      {compact ? (
        <Select size="small" value={rate} onChange={set} options={options} style={{ width: 88 }} data-testid="player-speed" />
      ) : (
        <Segmented size="small" value={rate} onChange={(v) => set(Number(v))} options={options} data-testid="player-speed" />
      )}
    </Flex>
  );
}

/** 练习 of this lesson for a student (or the instructor's way to them). */
function Exercises({ course, lesson }: { course: Course; lesson: Lesson }) {
  const { t } = useTranslation();
  const { data, isPending } = useQuery({
    queryKey: LEARNING_KEYS.exercises(course.id, lesson.id),
    queryFn: () => learningApi.exercises(course.id, lesson.id),
    meta: { quiet: true },
  });
  if (isPending) return <Skeleton active />;
  if (!data || data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.exercises.none')} />;
  return (
    <Flex vertical gap={12}>
      {course.party === 'student' && course.studentKind !== 'internet' ? <Alert type="info" showIcon title={t('course.homework.internetOnly')} /> : null}
      {data.map((e) => (
        <StudentExercise key={e.id} courseId={course.id} exercise={e} />
      ))}
    </Flex>
  );
}

/** 话题 of this lesson: internet students start one (text, images); everyone here reads and replies as allowed. */
function Topics({ course, lesson }: { course: Course; lesson: Lesson }) {
  const { t } = useTranslation();
  const canStart = course.studentKind === 'internet' && lesson.open && course.state === 'published';
  return (
    <Flex vertical gap={16}>
      {canStart ? <TopicForm courseId={course.id} lessonId={lesson.id} /> : null}
      {course.party === 'student' && course.studentKind !== 'internet' ? <Alert type="info" showIcon title={t('course.topics.internetOnly')} /> : null}
      <TopicList courseId={course.id} lessonId={lesson.id} />
    </Flex>
  );
}

/** The video with its speed, resume and watch reporting. */
function Player({ course, lesson }: { course: Course; lesson: Lesson }) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  // Students' watching counts; the instructor, reviewers and trial visitors just watch.
  const tracked = course.party === 'student' && lesson.open;
  const watch = useWatchProgress({ lesson, video, enabled: tracked });
  const src = lesson.video?.playlistUrl;
  if (!src) {
    return (
      <Alert
        type="warning"
        showIcon
        title={lesson.video && lesson.video.state !== 'ready' ? t('course.catalogue.noVideoYet') : t('course.player.notAvailable')}
      />
    );
  }
  return (
    <Flex vertical gap={8}>
      {watch.ready ? (
        <HlsVideo ref={setVideo} src={src} startAt={watch.resumeAt} testId="player-video" />
      ) : (
        <Skeleton.Node active style={{ width: '100%', height: 240 }} />
      )}
      <Flex gap={12} align="center" justify="space-between" wrap>
        <SpeedPicker video={video} compact={isPhone} />
        <WatchStatus state={watch} />
      </Flex>
      {watch.notice ? <Alert type="warning" showIcon title={watch.notice} data-testid="player-notice" /> : null}
      {watch.resumeAt > 0 && watch.recorded ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="player-resumed">
          {t('course.player.resumed', { time: formatDuration(watch.resumeAt) })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/**
 * 课时学习 (CRS-4/6/8/9/11; phone first): the lesson's video (hls.js, 0.5×–2×, resumes where I
 * stopped; a student's watching is reported as the set of segments actually played), its
 * documents, exercises with homework, and topics; the course's other lessons beside it.
 */
export default function LessonPlayerPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const lessonQ = useQuery({ queryKey: COURSE_KEYS.lesson(id), queryFn: () => lessonApi.get(id), enabled: valid, meta: { quiet: true } });
  const lesson = lessonQ.data;
  const courseQ = useCourse(lesson?.courseId ?? 0);
  const course = courseQ.data;
  const [tab, setTab] = useState('documents');

  const error = lessonQ.error ?? courseQ.error;
  let body: ReactNode = <LoadFallback notFound={!valid} error={error} />;
  if (valid && !error && lesson && course) {
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Card size="small" styles={{ body: { padding: 12 } }}>
              <Flex vertical gap={8}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Title level={5} style={{ margin: 0 }} data-testid="player-title">
                    {lesson.title}
                  </Typography.Title>
                  {lesson.trial ? (
                    <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
                      {t('course.lesson.trial')}
                    </Tag>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {lesson.lessonDate}
                  </Typography.Text>
                </Flex>
                {lesson.watchable ? (
                  <Player key={lesson.id} course={course} lesson={lesson} />
                ) : (
                  <Alert
                    type="warning"
                    showIcon
                    title={t(lesson.open ? 'course.catalogue.enrolToWatch' : 'course.catalogue.opensOn', { date: lesson.lessonDate })}
                  />
                )}
              </Flex>
            </Card>
            <Card size="small">
              <Tabs
                activeKey={tab}
                onChange={setTab}
                items={[
                  { key: 'documents', label: t('course.documents.title'), children: <LessonDocuments documents={lesson.documents} /> },
                  ...(course.party === 'visitor'
                    ? []
                    : [
                        { key: 'exercises', label: t('course.exercises.title'), children: <Exercises course={course} lesson={lesson} /> },
                        { key: 'topics', label: t('course.player.topics'), children: <Topics course={course} lesson={lesson} /> },
                      ]),
                  // 课程点评 is on the course page too; a student writes it where they are.
                  ...(course.party === 'student'
                    ? [{ key: 'reviews', label: t('course.page.tab.reviews'), children: <ReviewsSection course={course} /> }]
                    : []),
                ]}
              />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={
              <Link to={`/courses/${course.id}`} style={{ whiteSpace: 'normal' }}>
                {course.name}
              </Link>
            }
          >
            <LessonList course={course} current={lesson.id} compact />
          </Card>
        </Col>
      </Row>
    );
  }

  return (
    <PageContainer
      title={course?.name ?? t('menu.lessonPlayer')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(course ? `/courses/${course.id}` : '/courses')}>
          {t('course.player.backToCourse')}
        </Button>
      }
    >
      {body}
    </PageContainer>
  );
}

import { ArrowLeftOutlined, DownloadOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Avatar, Button, Card, Col, Flex, Row, Skeleton, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { INTRO_TOPICS } from '../../../../../common/courses.js';
import { showError } from '../../../api/client.js';
import { COURSE_KEYS, COURSES_URL, type Course, courseApi } from '../../../api/courses.js';
import { LEARNING_KEYS, learningApi } from '../../../api/learning.js';
import { LoadFallback } from '../../../components/exception-result.js';
import { PageContainer } from '../../../components/page-container.js';
import { CourseCover } from '../components/course-card.js';
import { CourseStateTag, courseFacts } from '../components/labels.js';
import { LessonList } from '../components/lesson-list.js';
import { ReviewsSection } from '../components/reviews-list.js';
import { ScoreSheetView } from '../components/score-sheet.js';
import { useCourse } from '../components/use-course.js';

/** 课程介绍: the summary, the introduction's sections as the instructor wrote them, and the instructor. */
function Introduction({ course: c }: { course: Course }) {
  const { t } = useTranslation();
  const sections = INTRO_TOPICS.filter((k) => c.introduction[k]?.trim());
  return (
    <Flex vertical gap={16} data-testid="course-introduction">
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.summary}</Typography.Paragraph>
      {sections.map((k) => (
        <div key={k}>
          <Typography.Title level={5}>{t(`course.intro.topic.${k}`)}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.introduction[k]}</Typography.Paragraph>
        </div>
      ))}
      <Card size="small" title={t('course.page.instructor')}>
        <Flex gap={12} align="flex-start">
          <Avatar size={56} src={c.instructorAvatarUrl ?? undefined} icon={<UserOutlined />} style={{ flex: 'none' }} />
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{c.instructorName}</Typography.Text>
            {c.organisation ? <Typography.Text type="secondary">{` · ${c.organisation}`}</Typography.Text> : null}
            <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
              {c.instructorIntro || '-'}
            </Typography.Paragraph>
          </div>
        </Flex>
      </Card>
    </Flex>
  );
}

/** 我的成绩: the student's score sheet. */
function MyScore({ course }: { course: Course }) {
  const { data, error } = useQuery({ queryKey: LEARNING_KEYS.score(course.id), queryFn: () => learningApi.score(course.id), meta: { quiet: true } });
  if (error) return <Alert type="warning" showIcon title={error.message} />;
  return data ? <ScoreSheetView sheet={data} /> : <Skeleton active />;
}

/** 报名学习 / my standing as a student / the instructor's way to the workspace / 结课报告. */
function CourseActions({ course: c }: { course: Course }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const enrol = async () => {
    setBusy(true);
    try {
      await learningApi.enrol(c.id);
      queryClient.setQueryData(COURSE_KEYS.course(c.id), await courseApi.get(c.id));
      void queryClient.invalidateQueries({ queryKey: [COURSES_URL] });
      message.success(t('course.page.enrolled'));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const report = async () => {
    setBusy(true);
    await courseApi.downloadReport(c).catch(showError);
    setBusy(false);
  };
  return (
    <Flex gap={8} wrap align="center">
      {c.can.enrol ? (
        <Button type="primary" size="large" loading={busy} onClick={enrol} data-testid="course-enrol">
          {t('course.page.enrol')}
        </Button>
      ) : null}
      {c.studentKind ? (
        <Tag
          color={c.studentKind === 'internet' ? 'blue' : 'default'}
          style={{ marginInlineEnd: 0, fontSize: 14, padding: '4px 10px' }}
          data-testid="course-student-kind"
        >
          {t(`course.studentKind.${c.studentKind}`)}
        </Tag>
      ) : null}
      {c.party === 'instructor' ? (
        <Link to={`/courses/${c.id}/manage`}>
          <Button icon={<SettingOutlined />}>{t('course.studio.manage')}</Button>
        </Link>
      ) : null}
      {c.can.report ? (
        <Button icon={<DownloadOutlined />} loading={busy} onClick={report} data-testid="course-report">
          {t('course.completion.report')}
        </Button>
      ) : null}
    </Flex>
  );
}

/**
 * 课程详情 (CRS-3/7/10/11, everyone logged in; phone first): the course, 报名 as 网络学员, its
 * lessons (试看 plays without enrolling), the introduction, my score sheet, and 课程点评.
 */
export default function CoursePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [params, setParams] = useSearchParams();
  const { data: c, error } = useCourse(id);

  let body: ReactNode = <LoadFallback notFound={!valid} error={error} />;
  if (valid && !error && c) {
    const tabs = [
      { key: 'lessons', label: t('course.page.tab.lessons'), children: <LessonList course={c} /> },
      { key: 'intro', label: t('course.page.tab.intro'), children: <Introduction course={c} /> },
      ...(c.party === 'student' ? [{ key: 'score', label: t('course.page.tab.score'), children: <MyScore course={c} /> }] : []),
      { key: 'reviews', label: t('course.page.tab.reviews'), children: <ReviewsSection course={c} /> },
    ];
    const tab = tabs.some((x) => x.key === params.get('tab')) ? (params.get('tab') as string) : 'lessons';
    body = (
      <Flex vertical gap={16}>
        <Card size="small">
          <Row gutter={[20, 16]}>
            <Col xs={24} md={10} lg={8}>
              <CourseCover url={c.coverUrl} />
            </Col>
            <Col xs={24} md={14} lg={16}>
              <Flex vertical gap={8}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Title level={4} style={{ margin: 0 }} data-testid="course-name">
                    {c.name}
                  </Typography.Title>
                  {c.state !== 'published' ? <CourseStateTag state={c.state} /> : null}
                  {c.microSchool ? (
                    <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
                      {t('course.microSchool')}
                    </Tag>
                  ) : null}
                </Flex>
                <Typography.Text type="secondary">
                  {courseFacts(t, c)} · {t(`course.difficulty.${c.difficulty}`)}
                  {c.edition ? ` · ${c.edition}` : ''}
                </Typography.Text>
                <Flex gap={8} align="center">
                  <Avatar size="small" src={c.instructorAvatarUrl ?? undefined} icon={<UserOutlined />} />
                  <Typography.Text>
                    {c.instructorName}
                    {c.organisation ? <Typography.Text type="secondary">{` · ${c.organisation}`}</Typography.Text> : null}
                  </Typography.Text>
                </Flex>
                <Typography.Text type="secondary">
                  {t('course.card.lessons', { count: c.lessonCount })} · {t('course.card.students', { count: c.studentCount })}
                </Typography.Text>
                {c.party === 'visitor' && c.state === 'published' ? <Typography.Text type="secondary">{t('course.page.enrolHint')}</Typography.Text> : null}
                {c.studentKind === 'learner' ? <Typography.Text type="secondary">{t('course.page.learnerHint')}</Typography.Text> : null}
                <CourseActions course={c} />
              </Flex>
            </Col>
          </Row>
        </Card>
        <Card size="small">
          <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })} items={tabs} />
        </Card>
      </Flex>
    );
  }

  return (
    <PageContainer
      title={t('menu.courseDetail')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/courses')}>
          {t('course.page.backToCatalogue')}
        </Button>
      }
    >
      {body}
    </PageContainer>
  );
}

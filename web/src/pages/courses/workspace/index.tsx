import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ExceptionResult, LoadFallback } from '../../../components/exception-result.js';
import { PageContainer } from '../../../components/page-container.js';
import { CourseCover } from '../components/course-card.js';
import { CourseStateTag, courseFacts } from '../components/labels.js';
import { TopicList } from '../components/topics.js';
import { useCourse } from '../components/use-course.js';
import { ContentTab } from './components/content-tab.js';
import { LessonExercises } from './components/exercises.js';
import { HomeworkTab } from './components/homework-tab.js';
import { IntroductionTab } from './components/introduction-tab.js';
import { LearningTab } from './components/learning-tab.js';
import { OverviewTab } from './components/overview-tab.js';
import { ReviewsTab } from './components/reviews-tab.js';
import { StructureTab } from './components/structure-tab.js';
import { StudentsTab } from './components/students-tab.js';

/**
 * 课程管理 (CRS-1..14, instructor): one course's workspace — 课程概况 (state, declaration, publish,
 * checklist, 结课), 课程介绍, 课程安排 (chapters and lessons), 授课内容 (video, documents, review),
 * and, once students come, 学员管理, 作业管理, 话题管理, 评价管理 and 学习管理. The tab is kept in the URL.
 */
export default function CourseWorkspacePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [params, setParams] = useSearchParams();
  const { data: c, error } = useCourse(id);

  let body: ReactNode = <LoadFallback notFound={!valid} error={error} />;
  if (valid && !error && c && c.party !== 'instructor') body = <ExceptionResult status="403" />;
  else if (valid && !error && c) {
    const tabs = [
      { key: 'overview', label: t('course.workspace.tab.overview'), children: <OverviewTab course={c} /> },
      { key: 'introduction', label: t('course.workspace.tab.introduction'), children: <IntroductionTab course={c} /> },
      { key: 'structure', label: t('course.workspace.tab.structure'), children: <StructureTab course={c} /> },
      {
        key: 'content',
        label: t('course.workspace.tab.content'),
        children: <ContentTab course={c} extra={(lesson) => <LessonExercises course={c} lesson={lesson} />} />,
      },
      // Students come once the course is in the catalogue.
      ...(c.state === 'published' || c.state === 'completed'
        ? [
            { key: 'students', label: t('course.workspace.tab.students'), children: <StudentsTab course={c} /> },
            { key: 'homework', label: t('course.workspace.tab.homework'), children: <HomeworkTab course={c} /> },
            {
              key: 'topics',
              label: t('course.workspace.tab.topics'),
              children: (
                <Card size="small">
                  <TopicList courseId={c.id} answeredFilter />
                </Card>
              ),
            },
            { key: 'reviews', label: t('course.workspace.tab.reviews'), children: <ReviewsTab course={c} /> },
            { key: 'learning', label: t('course.workspace.tab.learning'), children: <LearningTab course={c} /> },
          ]
        : []),
    ];
    const tab = tabs.some((x) => x.key === params.get('tab')) ? (params.get('tab') as string) : 'overview';
    body = (
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex gap={16} align="center" wrap>
            <CourseCover url={c.coverUrl} style={{ width: 160, flex: 'none' }} />
            <Flex vertical gap={6} style={{ minWidth: 0, flex: '1 1 240px' }}>
              <Flex gap={8} align="center" wrap>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {c.name}
                </Typography.Title>
                <CourseStateTag state={c.state} testId="workspace-course-state" />
              </Flex>
              <Typography.Text type="secondary">{courseFacts(t, c)}</Typography.Text>
              <Typography.Text type="secondary">
                {t('course.card.lessons', { count: c.lessonCount })} · {t('course.card.students', { count: c.studentCount })}
              </Typography.Text>
            </Flex>
          </Flex>
        </Card>
        <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key })} items={tabs} destroyOnHidden />
      </Flex>
    );
  }

  return (
    <PageContainer
      title={t('menu.courseWorkspace')}
      extra={
        <>
          {c && (c.state === 'published' || c.state === 'completed') ? (
            <Link to={`/courses/${c.id}`}>
              <Button icon={<EyeOutlined />}>{t('course.studio.viewPage')}</Button>
            </Link>
          ) : null}
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/courses/mine')}>
            {t('course.workspace.back')}
          </Button>
        </>
      }
    >
      {body}
    </PageContainer>
  );
}

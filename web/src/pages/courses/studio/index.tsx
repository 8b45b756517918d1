import { EyeOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  COURSE_KEYS,
  COURSES_URL,
  type CourseSummary,
  type CourseWindow,
  courseApi,
  type InstructorProfile,
  profileApi,
  windowApi,
} from '../../../api/courses.js';
import { PageContainer } from '../../../components/page-container.js';
import { dateRange } from '../../../labels.js';
import { CourseCard } from '../components/course-card.js';
import { DeclarationDrawer } from '../components/declaration-form.js';
import { CourseStateTag } from '../components/labels.js';
import { ProfileCard } from './components/profile-card.js';

/** A declaration under review, rejected (to correct) or approved (not yet published) stands in the way of another (CRS-1). */
const OPEN_STATES: readonly CourseSummary['state'][] = ['pending', 'rejected', 'approved'];

/** Why 课程申报 is not possible now, or null. */
function declareBlock(t: TFunction, w: CourseWindow | null | undefined, profile: InstructorProfile | undefined, courses: CourseSummary[]) {
  if (!w) return t('course.studio.noWindow');
  if (!w.open) return t('course.studio.windowClosed', { dates: dateRange(w.opensOn, w.closesOn) });
  if (profile?.missing.includes('certified')) return t('course.studio.notCertified');
  if (profile && profile.missing.length > 0) return t('course.studio.profileFirst');
  if (courses.some((c) => OPEN_STATES.includes(c.state))) return t('course.studio.oneAtATime');
  return null;
}

/**
 * 我的课程 (CRS-1, instructor): the declaration window, 完善信息 with what is still missing, 课程申报
 * (only inside the window, with a complete profile, one declaration at a time) and my courses, each
 * leading to its workspace (课程管理).
 */
export default function CourseStudioPage() {
  const { t } = useTranslation();
  const [declaring, setDeclaring] = useState(false);
  const win = useQuery({ queryKey: COURSE_KEYS.window, queryFn: windowApi.current, meta: { quiet: true } });
  const profile = useQuery({ queryKey: COURSE_KEYS.profile, queryFn: profileApi.get });
  const mine = useQuery({ queryKey: [COURSES_URL, { view: 'mine' }], queryFn: () => courseApi.list({ view: 'mine', pageSize: 100 }) });
  const courses = mine.data?.items ?? [];
  const block = win.isPending || profile.isPending ? t('common.loading') : declareBlock(t, win.data, profile.data, courses);

  const declareButton = (
    <Button type="primary" icon={<PlusOutlined />} disabled={block !== null} onClick={() => setDeclaring(true)} data-testid="course-declare">
      {t('course.studio.declare')}
    </Button>
  );

  const w = win.data;
  return (
    <PageContainer title={t('menu.courseStudio')} extra={block ? <Tooltip title={block}>{declareButton}</Tooltip> : declareButton}>
      <Flex vertical gap={16}>
        {w ? (
          <Alert
            type={w.open ? 'success' : 'info'}
            showIcon
            title={t(w.open ? 'course.studio.windowOpen' : 'course.studio.windowClosed', { dates: dateRange(w.opensOn, w.closesOn) })}
            data-testid="course-window-status"
          />
        ) : win.isSuccess ? (
          <Alert type="info" showIcon title={t('course.studio.noWindow')} data-testid="course-window-status" />
        ) : null}
        {profile.data ? <ProfileCard profile={profile.data} /> : <Card size="small">{profile.error ? profile.error.message : <Skeleton active />}</Card>}
        <Card size="small" title={t('course.studio.myCourses')} data-testid="my-courses">
          {mine.isPending ? (
            <Skeleton active />
          ) : courses.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.studio.empty')} />
          ) : (
            <Row gutter={[16, 16]}>
              {courses.map((c) => (
                <Col key={c.id} xs={24} sm={12} lg={8} xxl={6}>
                  <CourseCard
                    course={c}
                    to={`/courses/${c.id}/manage`}
                    tags={<CourseStateTag state={c.state} testId={`course-state-${c.id}`} />}
                    actions={[
                      <Link key="manage" to={`/courses/${c.id}/manage`} data-testid={`course-manage-${c.id}`}>
                        <SettingOutlined /> {t('course.studio.manage')}
                      </Link>,
                      <Link key="view" to={`/courses/${c.id}`}>
                        <EyeOutlined /> {t('course.studio.viewPage')}
                      </Link>,
                    ]}
                  />
                </Col>
              ))}
            </Row>
          )}
        </Card>
      </Flex>
      <DeclarationDrawer open={declaring} onClose={() => setDeclaring(false)} />
    </PageContainer>
  );
}

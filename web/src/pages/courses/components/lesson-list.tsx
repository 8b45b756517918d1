import { LockOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Course, Lesson } from '../../../api/courses.js';
import { formatDuration, LessonStateTag } from './labels.js';

/** Why a lesson does not play for me now, or null when it does. */
function lockReason(t: (k: string, o?: Record<string, unknown>) => string, course: Course, l: Lesson) {
  if (l.watchable && l.video?.playlistUrl) return null;
  if (l.watchable) return t('course.catalogue.noVideoYet');
  if (!l.open) return t('course.catalogue.opensOn', { date: l.lessonDate });
  if (course.party === 'visitor') return t('course.catalogue.enrolToWatch');
  return t('course.catalogue.notWatchable');
}

type Props = {
  course: Course;
  /** The lesson playing now (the player's list). */
  current?: number;
  compact?: boolean;
};

/**
 * 课程目录: chapters and their lessons with date, length and 试看; a lesson that plays for me links
 * to the player, the others say why not (its date has not come, 报名 first).
 */
export function LessonList({ course, current, compact }: Props) {
  const { t } = useTranslation();
  const chapters = course.chapters.filter((c) => c.lessons.length > 0);
  if (chapters.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.catalogue.noLessons')} />;
  return (
    <Flex vertical gap={compact ? 8 : 16} data-testid="course-lessons">
      {chapters.map((ch) => (
        <div key={ch.id}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
            {ch.title}
          </Typography.Text>
          <Flex vertical gap={4}>
            {ch.lessons.map((l) => {
              const lock = lockReason(t, course, l);
              const active = l.id === current;
              const row = (
                <Flex
                  key={l.id}
                  gap={8}
                  align="center"
                  justify="space-between"
                  style={{
                    padding: compact ? '6px 8px' : '10px 12px',
                    borderRadius: 6,
                    background: active ? '#e6f4ff' : '#fafafa',
                    border: active ? '1px solid #91caff' : '1px solid transparent',
                  }}
                >
                  <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                    {lock ? <LockOutlined style={{ color: '#bfbfbf' }} /> : <PlayCircleOutlined style={{ color: '#1677ff' }} />}
                    <Typography.Text style={{ minWidth: 0 }} ellipsis={{ tooltip: l.title }} type={lock ? 'secondary' : undefined}>
                      {l.title}
                    </Typography.Text>
                    {l.trial ? (
                      <Tag color="cyan" style={{ marginInlineEnd: 0, flex: 'none' }}>
                        {t('course.lesson.trial')}
                      </Tag>
                    ) : null}
                    {/* The instructor and reviewers also see lessons not published yet. */}
                    {l.state === 'published' ? null : <LessonStateTag state={l.state} />}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none', textAlign: 'right' }}>
                    {lock ?? [l.lessonDate, formatDuration(l.video?.durationS)].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </Flex>
              );
              return lock ? (
                <div key={l.id} data-testid={`course-lesson-${l.id}`}>
                  {row}
                </div>
              ) : (
                <Link key={l.id} to={`/lessons/${l.id}`} data-testid={`course-lesson-${l.id}`} style={{ color: 'inherit' }}>
                  {row}
                </Link>
              );
            })}
          </Flex>
        </div>
      ))}
    </Flex>
  );
}

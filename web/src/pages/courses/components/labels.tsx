import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { COURSE_STAGES, type CourseStage, DIFFICULTIES, GRADES_BY_STAGE } from '../../../../../common/courses.js';
import type { CourseState, LessonState } from '../../../../../common/machines.js';
import type { Video } from '../../../api/courses.js';

const COURSE_STATE_COLOR: Record<CourseState, string> = { pending: 'gold', rejected: 'red', approved: 'blue', published: 'green', completed: 'purple' };
const LESSON_STATE_COLOR: Record<LessonState, string> = { draft: 'default', pending: 'gold', published: 'green', returned: 'red' };
const VIDEO_STATE_COLOR: Record<Video['state'], string> = { queued: 'default', transcoding: 'processing', ready: 'success', failed: 'error' };

/** 申报审核中 / 申报未通过 / 待发布 / 已发布 / 已结课. */
export function CourseStateTag({ state, testId }: { state: CourseState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COURSE_STATE_COLOR[state]} style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {t(`course.state.${state}`)}
    </Tag>
  );
}

/** 待提交 / 待审核 / 已发布 / 已退回 (seed 000 §5.3). */
export function LessonStateTag({ state, testId }: { state: LessonState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={LESSON_STATE_COLOR[state]} style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {t(`course.lessonState.${state}`)}
    </Tag>
  );
}

/** 排队转码 / 转码中 37% / 可播放 / 转码失败. */
export function VideoStateTag({ video, testId }: { video: Video; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={VIDEO_STATE_COLOR[video.state]} style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {video.state === 'transcoding' ? t('course.video.transcodingAt', { progress: video.progress }) : t(`course.video.state.${video.state}`)}
    </Tag>
  );
}

export const courseStageOptions = (t: TFunction) => COURSE_STAGES.map((v) => ({ value: v, label: t(`stage.${v}`) }));
export const difficultyOptions = (t: TFunction) => DIFFICULTIES.map((v) => ({ value: v, label: t(`course.difficulty.${v}`) }));
export const gradeOptions = (t: TFunction, stage: CourseStage | undefined) =>
  (stage ? GRADES_BY_STAGE[stage] : []).map((g) => ({ value: g, label: t(`course.grade.${g}`) }));

/** 小学 · 三年级、四年级 · 数学. */
export function courseFacts(t: TFunction, c: { stage: CourseStage; grades: readonly number[]; subject: string }) {
  return [t(`stage.${c.stage}`), c.grades.map((g) => t(`course.grade.${g}`)).join(t('teacher.listSeparator')), t(`subject.${c.subject}`)].join(' · ');
}

/** 12:05 from seconds (or 1:02:05 past an hour). */
export function formatDuration(seconds: number | null | undefined) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const s = Math.round(seconds);
  const p = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${p(m)}:${p(s % 60)}` : `${m}:${p(s % 60)}`;
}

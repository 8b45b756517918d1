import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ERROR_MESSAGES, format } from '../../../../../common/i18n/errors.js';
import type { ProjectState } from '../../../../../common/machines.js';
import { CHECKPOINT_LEVELS, HOUR_CATEGORIES, PROJECT_CATEGORIES, type ProjectCategory, TRAINING_MODES } from '../../../../../common/training.js';
import type { ClassPeriod } from '../../../api/training.js';
import { currentLanguage } from '../../../i18n/index.js';

const PROJECT_STATE_COLOR: Record<ProjectState, string> = { draft: 'default', pending: 'gold', approved: 'green', rejected: 'red' };
const CATEGORY_COLOR: Record<ProjectCategory, string> = { self_selected: 'blue', provincial: 'purple', national: 'magenta', directive: 'cyan' };
/** 草稿 / 待审核 / 审核通过 / 已退回. */
export function ProjectStateTag({ state }: { state: ProjectState }) {
  const { t } = useTranslation();
  return <Tag color={PROJECT_STATE_COLOR[state]}>{t(`training.projectState.${state}`)}</Tag>;
}

/** 自主选课 / 省级骨干 / 国培 / 指令性. */
export function CategoryTag({ category }: { category: ProjectCategory }) {
  const { t } = useTranslation();
  return <Tag color={CATEGORY_COLOR[category]}>{t(`training.category.${category}`)}</Tag>;
}

/** 已取消 / 已满 / 待筛选 / 已筛选: what a class period's row needs to say at a glance. */
export function ClassStatusTags({ cls }: { cls: ClassPeriod }) {
  const { t } = useTranslation();
  if (cls.cancelled) return <Tag color="red">{t('training.classCancelled')}</Tag>;
  return (
    <>
      {cls.taken > cls.capacity && !cls.lotteryRun ? <Tag color="orange">{t('training.oversubscribed')}</Tag> : null}
      {cls.full && cls.taken <= cls.capacity ? <Tag color="volcano">{t('training.full')}</Tag> : null}
      {cls.lotteryRun ? <Tag color="geekblue">{t('training.lotteryDone')}</Tag> : null}
    </>
  );
}

export const categoryOptions = (t: TFunction) => PROJECT_CATEGORIES.map((v) => ({ value: v, label: t(`training.category.${v}`) }));
export const modeOptions = (t: TFunction) => TRAINING_MODES.map((v) => ({ value: v, label: t(`training.mode.${v}`) }));
export const hourCategoryOptions = (t: TFunction) => HOUR_CATEGORIES.map((v) => ({ value: v, label: t(`training.hourCategory.${v}`) }));
/** 审核点: none (the default) or the bureau level that also reviews enrolments. */
export const checkpointOptions = (t: TFunction) => [
  { value: 'none', label: t('training.checkpoint.none') },
  ...CHECKPOINT_LEVELS.map((v) => ({ value: v, label: t(`training.checkpoint.${v}`) })),
];

/** File sizes as people read them. */
export function formatSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A list of vocabulary values, or 全部 when empty (no restriction). */
export function listOrAll(t: TFunction, values: readonly string[], prefix: string) {
  return values.length ? values.map((v) => t(`${prefix}.${v}`)).join(t('teacher.listSeparator')) : t('training.allOf');
}

/**
 * A file over the size the server takes, refused before sending it, in the server's own words:
 * a body over the route's limit is cut off before the handler with a misleading limit (see report).
 */
export function sizeRefusal(file: File, maxBytes: number, limit: string): string | null {
  return file.size > maxBytes ? format(ERROR_MESSAGES.FILE_TOO_LARGE[currentLanguage()], { limit }) : null;
}

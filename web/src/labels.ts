import type { TFunction } from 'i18next';
import { INSTITUTION_LEVELS, SCHOOL_STAGE_TYPES } from '../../common/roles.js';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction } from '../../common/schemas/audit.js';
import { DEGREES, EXCHANGE_KINDS, QUALIFICATION_TYPES } from '../../common/schemas/teacher-profile.js';
import { POSTS, SUBJECTS, TEACHER_STAGES, TEACHER_STATUSES, TITLES } from '../../common/teachers.js';

/** A region code names a city when it ends in 00 (but is not the province's 0000). */
export function isCityCode(code: string | null | undefined) {
  return !!code && code.endsWith('00') && !code.endsWith('0000');
}

/** Role label; a bureau admin reads 市教育局管理员 or 区县教育局管理员 when its region is known. */
export function roleLabel(t: TFunction, role: string | null | undefined, regionCode?: string | null) {
  if (!role) return '';
  if (role === 'bureau_admin' && regionCode) return t(isCityCode(regionCode) ? 'role.bureau_admin_city' : 'role.bureau_admin_county');
  return t(`role.${role}`, { defaultValue: role });
}

export const stageOptions = (t: TFunction) => SCHOOL_STAGE_TYPES.map((v) => ({ value: v, label: t(`stage.${v}`) }));
export const natureOptions = (t: TFunction) => (['public', 'private'] as const).map((v) => ({ value: v, label: t(`nature.${v}`) }));
export const levelOptions = (t: TFunction) => INSTITUTION_LEVELS.map((v) => ({ value: v, label: t(`level.${v}`) }));
/** Teacher record vocabularies (TCH-1); a teacher's stage uses the school stage labels. */
export const teacherStageOptions = (t: TFunction) => TEACHER_STAGES.map((v) => ({ value: v, label: t(`stage.${v}`) }));
export const subjectOptions = (t: TFunction) => SUBJECTS.map((v) => ({ value: v, label: t(`subject.${v}`) }));
export const titleOptions = (t: TFunction) => TITLES.map((v) => ({ value: v, label: t(`teacherTitle.${v}`) }));
export const postOptions = (t: TFunction) => POSTS.map((v) => ({ value: v, label: t(`teacherPost.${v}`) }));
export const teacherStatusOptions = (t: TFunction) => TEACHER_STATUSES.map((v) => ({ value: v, label: t(`teacherStatus.${v}`) }));
/** TCH-9 extended profile vocabularies: 学历, 教师资格种类, 交流方式. */
export const degreeOptions = (t: TFunction) => DEGREES.map((v) => ({ value: v, label: t(`extProfile.degree.${v}`) }));
export const qualificationTypeOptions = (t: TFunction) => QUALIFICATION_TYPES.map((v) => ({ value: v, label: t(`extProfile.qualificationType.${v}`) }));
export const exchangeKindOptions = (t: TFunction) => EXCHANGE_KINDS.map((v) => ({ value: v, label: t(`extProfile.exchangeKind.${v}`) }));
/** 语文、数学 / Chinese, Maths. */
export const subjectsLabel = (t: TFunction, subjects: readonly string[]) => subjects.map((s) => t(`subject.${s}`)).join(t('teacher.listSeparator'));
/** Audit actions are labelled from common/, the same table the Excel export uses. */
export const auditActionLabel = (action: string, lang: string) => AUDIT_ACTION_LABELS[action as AuditAction]?.[lang === 'en-US' ? 'en-US' : 'zh-CN'] ?? action;
export const auditActionOptions = (lang: string) => AUDIT_ACTIONS.map((v) => ({ value: v, label: auditActionLabel(v, lang) }));

/** Server times are ISO strings; show them in local time. */
export function formatTime(iso: string | null | undefined) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** 2026-12-07 ~ 12-08 (the year once when both dates share it); one day reads as one date. */
export function dateRange(start: string, end: string) {
  if (start === end) return start;
  return start.slice(0, 4) === end.slice(0, 4) ? `${start} ~ ${end.slice(5)}` : `${start} ~ ${end}`;
}

/** 初中数学核心素养课堂教学实践 · 第 1 期, or 第 1 期 alone where the project goes without saying. */
export function classTitle(t: TFunction, seq: number | string, project?: string) {
  return project === undefined ? t('enrol.seq', { seq }) : t('enrol.classTitle', { project, seq });
}

/** 免费 / ¥120/人 (fees are kept in fen). */
export function feeLabel(t: TFunction, feeFen: number) {
  if (feeFen <= 0) return t('enrol.free');
  const yuan = feeFen % 100 === 0 ? String(feeFen / 100) : (feeFen / 100).toFixed(2);
  return t('enrol.feeValue', { yuan });
}

/** Credit hours keep one decimal; whole numbers read without it. */
export function hoursText(hours: number) {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}

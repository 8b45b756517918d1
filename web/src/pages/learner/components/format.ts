import type { TFunction } from 'i18next';

/** 2026-12-07 ~ 12-08 (the year once when both dates share it); one day reads as one date. */
export function dateRange(start: string, end: string) {
  if (start === end) return start;
  return start.slice(0, 4) === end.slice(0, 4) ? `${start} ~ ${end.slice(5)}` : `${start} ~ ${end}`;
}

/** 初中数学核心素养课堂教学实践 · 第 1 期 */
export function classTitle(t: TFunction, project: string, seq: number | string) {
  return t('enrol.classTitle', { project, seq });
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

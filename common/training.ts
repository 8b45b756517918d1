/** Training projects, enrolment and delivery vocabularies (PRJ, ENR, DLV, HRS); labels live in the web i18n. */

/** PRJ-2 项目类别: 自主选课 / 省级骨干 / 国培 / 指令性. */
export const PROJECT_CATEGORIES = ['self_selected', 'provincial', 'national', 'directive'] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

/** PRJ-2 培训方式: 面授 / 网络 / 混合. */
export const TRAINING_MODES = ['face', 'online', 'blended'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];

/** HRS-1 学时类别: 公需科目 / 专业科目 / 个人选修. */
export const HOUR_CATEGORIES = ['public', 'professional', 'elective'] as const;
export type HourCategory = (typeof HOUR_CATEGORIES)[number];

/** HRS-1 where an hour came from. */
export const LEDGER_SOURCES = ['class', 'course', 'topic', 'school_based', 'declaration'] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];

/** PRJ-4 审核点: which bureau also reviews enrolments of a class (none by default). */
export const CHECKPOINT_LEVELS = ['county', 'city', 'province'] as const;
export type CheckpointLevel = (typeof CHECKPOINT_LEVELS)[number];

/** The bureau level that reviews a project or approves a checkpoint (lowest common ancestor, PRJ-3). */
export type BureauLevel = 'county' | 'city' | 'province';

/** DLV-3 评教 dimensions, each rated 1–5. */
export const EVALUATION_DIMENSIONS = ['content', 'teaching', 'organisation', 'effect'] as const;
export type EvaluationDimension = (typeof EVALUATION_DIMENSIONS)[number];

/** DLV-3: evaluations are due within this many days after the class ends. */
export const EVALUATION_DAYS_DEFAULT = 10;
/** ENR-2: the yearly credit-hour cap of live enrolments. */
export const HOUR_CAP_DEFAULT = 90;
/** ENR-6: a class may be expanded by at most this share of its planned capacity. */
export const MAX_EXPANSION_RATIO = 0.5;
/** PRJ-2: 1–4 class periods per project, plan attachment at most 500 KB. */
export const MAX_CLASSES_PER_PROJECT = 4;
export const PLAN_MAX_BYTES = 500 * 1024;
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Enrolment states that hold a place in the class and count toward the teacher's yearly hours.
 * Every other state has given both back (on leave too: revoking the leave takes them again).
 */
export const LIVE_ENROLMENT_STATES = ['pending_school', 'pending_bureau', 'pending_institution', 'admitted'] as const;
export const ENROLMENT_STATES = [
  ...LIVE_ENROLMENT_STATES,
  'on_leave',
  'listed',
  'withdrawn',
  'rejected_school',
  'rejected_bureau',
  'rejected_institution',
  'not_selected',
  'cancelled',
  'removed',
  'replaced',
] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

/**
 * States in which a teacher still stands in a class (including a school's rejection it may still
 * reverse): a second enrolment in the class is refused, by a partial unique index too.
 */
export const STANDING_ENROLMENT_STATES = [...LIVE_ENROLMENT_STATES, 'on_leave', 'listed', 'rejected_school'] as const;
export type LiveEnrolmentState = (typeof LIVE_ENROLMENT_STATES)[number];

export function isLive(state: string): state is LiveEnrolmentState {
  return (LIVE_ENROLMENT_STATES as readonly string[]).includes(state);
}

/** A class's enrolment round at a moment (PRJ-1): round 1 is uncapped, round 2 is first come, first served. */
export type Round = 1 | 2;

/** Days are compared as Asia/Shanghai calendar dates (China keeps UTC+8 all year). */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Credit hours keep one decimal (DESIGN: numeric with one decimal). */
export function roundHours(h: number): number {
  return Math.round(h * 10) / 10;
}

import { z } from 'zod';
import { PROJECT_STATES } from '../machines.js';
import { POSTS, SUBJECTS, TEACHER_STAGES } from '../teachers.js';
import {
  CHECKPOINT_LEVELS,
  ENROLMENT_STATES,
  EVALUATION_DIMENSIONS,
  HOUR_CATEGORIES,
  MAX_CLASSES_PER_PROJECT,
  PROJECT_CATEGORIES,
  TRAINING_MODES,
} from '../training.js';
import { zId, zPageQuery, zText } from './common.js';
import { zHistoryStep } from './teachers.js';

const zRegionCode = z.string().regex(/^\d{6}$/);
const zDate = z.iso.date();
const zHours = z.number().min(0.5).max(200).multipleOf(0.5);
const zReason = z.string().trim().max(200).optional();

// PRJ-1 培训年度 and calendar.

export const zTrainingYearInput = z
  .strictObject({
    round1Start: zDate,
    round1End: zDate,
    round2Start: zDate,
    round2End: zDate,
    evaluationDays: z.number().int().min(1).max(60).default(10),
    hourCap: z.number().min(1).max(500).default(90),
    round2OpenToAll: z.boolean().default(false),
    isCurrent: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    const order: [keyof typeof v, keyof typeof v][] = [
      ['round1Start', 'round1End'],
      ['round1End', 'round2Start'],
      ['round2Start', 'round2End'],
    ];
    for (const [a, b] of order) {
      if (String(v[b]) < String(v[a]) || (a === 'round1End' && v[b] === v[a])) {
        ctx.addIssue({ code: 'custom', path: [b], params: { key: 'endBeforeStart' }, message: 'order' });
      }
    }
  });
export const zYearParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const zTrainingYear = z.object({
  year: z.number().int(),
  isCurrent: z.boolean(),
  round1Start: z.string(),
  round1End: z.string(),
  round2Start: z.string(),
  round2End: z.string(),
  evaluationDays: z.number().int(),
  hourCap: z.number(),
  round2OpenToAll: z.boolean(),
  /** Today in Asia/Shanghai and which round is open (null: none). */
  today: z.string(),
  openRound: z.union([z.literal(1), z.literal(2)]).nullable(),
});
export type TrainingYear = z.infer<typeof zTrainingYear>;

// PRJ-2 project declaration.

export const zClassInput = z
  .strictObject({
    id: zId.optional(),
    startDate: zDate,
    endDate: zDate,
    place: zText(100),
    capacity: z.number().int().min(1).max(2000),
    checkpointLevel: z.enum(CHECKPOINT_LEVELS).nullable().default(null),
  })
  .refine((c) => c.endDate >= c.startDate, { path: ['endDate'], params: { key: 'endBeforeStart' } });

export const zProjectInput = z.strictObject({
  name: zText(80),
  category: z.enum(PROJECT_CATEGORIES),
  targetRegions: z.array(zRegionCode).min(1).max(100),
  stages: z.array(z.enum(TEACHER_STAGES)).max(TEACHER_STAGES.length).default([]),
  subjects: z.array(z.enum(SUBJECTS)).max(SUBJECTS.length).default([]),
  posts: z.array(z.enum(POSTS)).max(POSTS.length).default([]),
  hours: zHours,
  hourCategory: z.enum(HOUR_CATEGORIES).default('professional'),
  mode: z.enum(TRAINING_MODES),
  /** Fee per person in fen (分). */
  feeFen: z.number().int().min(0).max(10_000_000).default(0),
  description: z.string().trim().max(2000).default(''),
  minClassSize: z.number().int().min(1).max(2000).nullable().default(null),
  classes: z.array(zClassInput).min(1).max(MAX_CLASSES_PER_PROJECT),
});
export type ProjectInput = z.infer<typeof zProjectInput>;

export const zProjectListQuery = z.strictObject({
  ...zPageQuery,
  state: z.enum(PROJECT_STATES).optional(),
  year: z.coerce.number().int().optional(),
  q: z.string().trim().max(40).optional(),
  /** Bureaus: only the projects waiting for my review. */
  toReview: z.enum(['true', 'false']).optional(),
});

export const zClassPeriod = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  seq: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  plannedCapacity: z.number().int(),
  capacity: z.number().int(),
  taken: z.number().int(),
  checkpointLevel: z.enum(CHECKPOINT_LEVELS).nullable(),
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
  lotteryRun: z.boolean(),
  /** 已满 for the catalogue: no place left (round 2 semantics). */
  full: z.boolean(),
});
export type ClassPeriod = z.infer<typeof zClassPeriod>;

export const zProject = z.object({
  id: z.number().int(),
  institutionId: z.number().int(),
  institutionName: z.string(),
  year: z.number().int(),
  name: z.string(),
  category: z.enum(PROJECT_CATEGORIES),
  targetRegions: z.array(z.object({ code: z.string(), name: z.string() })),
  stages: z.array(z.enum(TEACHER_STAGES)),
  subjects: z.array(z.enum(SUBJECTS)),
  posts: z.array(z.enum(POSTS)),
  hours: z.number(),
  hourCategory: z.enum(HOUR_CATEGORIES),
  mode: z.enum(TRAINING_MODES),
  feeFen: z.number().int(),
  description: z.string(),
  minClassSize: z.number().int().nullable(),
  state: z.enum(PROJECT_STATES),
  reviewer: z.object({ level: z.enum(['county', 'city', 'province']), region: z.string(), name: z.string() }),
  plan: z.object({ name: z.string(), type: z.string(), size: z.number().int() }).nullable(),
  quotas: z.array(z.object({ regionCode: z.string(), regionName: z.string(), places: z.number().int(), used: z.number().int() })),
  classes: z.array(zClassPeriod),
  history: z.array(zHistoryStep),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), review: z.boolean(), adjust: z.boolean(), manage: z.boolean() }),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof zProject>;

export const zProjectReview = z.strictObject({ action: z.enum(['approve', 'reject']), reason: zReason });
export const zQuotasInput = z.strictObject({
  quotas: z.array(z.strictObject({ regionCode: zRegionCode, places: z.number().int().min(0).max(100000) })).max(200),
});
export const zParticipantsInput = z.strictObject({ shixunNos: z.array(z.string().trim().min(1).max(20)).min(1).max(2000) });

// ENR-1 catalogue.

export const zCatalogueQuery = z.strictObject({
  ...zPageQuery,
  q: z.string().trim().max(40).optional(),
  subject: z.enum(SUBJECTS).optional(),
  stage: z.enum(TEACHER_STAGES).optional(),
  mode: z.enum(TRAINING_MODES).optional(),
  institutionId: zId.optional(),
  maxHours: z.coerce.number().min(0).max(500).optional(),
  from: zDate.optional(),
  to: zDate.optional(),
  /** Only classes with a free place. */
  available: z.enum(['true', 'false']).optional(),
});
export const zCatalogueItem = z.object({
  classId: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  institutionName: z.string(),
  category: z.enum(PROJECT_CATEGORIES),
  seq: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  hours: z.number(),
  mode: z.enum(TRAINING_MODES),
  feeFen: z.number().int(),
  subjects: z.array(z.enum(SUBJECTS)),
  stages: z.array(z.enum(TEACHER_STAGES)),
  capacity: z.number().int(),
  taken: z.number().int(),
  full: z.boolean(),
  hasPlan: z.boolean(),
  /** My enrolment in this class, if any. */
  myState: z.enum(ENROLMENT_STATES).nullable(),
});

// ENR-2..10 enrolments.

export const zEnrolBody = z.strictObject({ classId: zId });
export const zCollectiveBody = z.union([
  z.strictObject({ classId: zId, teacherIds: z.array(zId).min(1).max(500) }),
  z.strictObject({ teacherId: zId, classIds: z.array(zId).min(1).max(20) }),
]);
export const zCollectiveResult = z.object({
  accepted: z.number().int(),
  results: z.array(
    z.object({
      teacherId: z.number().int(),
      classId: z.number().int(),
      ok: z.boolean(),
      enrolmentId: z.number().int().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export const ENROLMENT_REVIEW_ACTIONS = ['approve', 'reject', 'revoke', 'admit', 'remove'] as const;
export const zEnrolmentReview = z.strictObject({ action: z.enum(ENROLMENT_REVIEW_ACTIONS), reason: zReason });
export const zEnrolmentBatchReview = z.strictObject({ ids: z.array(zId).min(1).max(500), action: z.enum(ENROLMENT_REVIEW_ACTIONS), reason: zReason });
export const zBatchResult = z.object({
  done: z.number().int(),
  failed: z.array(z.object({ id: z.number().int(), reason: z.string() })),
});
export const zLeaveBody = z.strictObject({ reason: z.string().trim().min(1).max(200), replacementTeacherId: zId.optional() });
export const zEnrolmentListQuery = z.strictObject({
  ...zPageQuery,
  state: z.enum(ENROLMENT_STATES).optional(),
  classId: zId.optional(),
  projectId: zId.optional(),
  q: z.string().trim().max(30).optional(),
  /** Only what waits for my action. */
  toReview: z.enum(['true', 'false']).optional(),
});

export const zEnrolment = z.object({
  id: z.number().int(),
  teacherId: z.number().int(),
  teacherName: z.string(),
  shixunNo: z.string(),
  schoolName: z.string().nullable(),
  classId: z.number().int(),
  seq: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  institutionName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  hours: z.number(),
  year: z.number().int(),
  round: z.number().int(),
  state: z.enum(ENROLMENT_STATES),
  result: z.enum(['pass', 'fail']).nullable(),
  score: z.number().nullable(),
  leaveReason: z.string().nullable(),
  evaluated: z.boolean(),
  /** DLV-3: open for evaluation now (class ended, admitted, not yet evaluated). */
  evaluationDue: z.string().nullable(),
  history: z.array(zHistoryStep),
  abilities: z.object({
    withdraw: z.boolean(),
    approve: z.boolean(),
    reject: z.boolean(),
    revoke: z.boolean(),
    admit: z.boolean(),
    remove: z.boolean(),
    leave: z.boolean(),
    revokeLeave: z.boolean(),
    evaluate: z.boolean(),
  }),
  createdAt: z.string(),
});
export type Enrolment = z.infer<typeof zEnrolment>;

// ENR-5 lottery, ENR-6 adjustments.

export const zLottery = z.object({
  classId: z.number().int(),
  seed: z.string(),
  places: z.number().int(),
  candidates: z.array(z.number().int()),
  selected: z.array(z.number().int()),
  runAt: z.string(),
  method: z.string(),
});
export const zExpandBody = z.strictObject({ capacity: z.number().int().min(1).max(3000) });
export const zCancelBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });

// DLV-1 check-in.

export const zAttendanceBody = z.strictObject({ day: zDate, enrolmentIds: z.array(zId).max(2000) });
export const zCheckinCodeBody = z.strictObject({ day: zDate.optional(), minutes: z.number().int().min(1).max(240).default(30) });
export const zCheckinCode = z.object({ code: z.string(), day: z.string(), expiresAt: z.string() });
export const zCheckinBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export const zCheckinResult = z.object({ classId: z.number().int(), seq: z.number().int(), projectName: z.string(), day: z.string(), already: z.boolean() });
export const zRoster = z.object({
  days: z.array(z.string()),
  rows: z.array(
    z.object({
      enrolmentId: z.number().int(),
      teacherName: z.string(),
      shixunNo: z.string(),
      schoolName: z.string().nullable(),
      state: z.enum(ENROLMENT_STATES),
      attended: z.array(z.string()),
      result: z.enum(['pass', 'fail']).nullable(),
      score: z.number().nullable(),
      evaluated: z.boolean(),
    }),
  ),
});

// DLV-2 grades.

export const zGradesBody = z.strictObject({
  items: z
    .array(z.strictObject({ enrolmentId: zId, result: z.enum(['pass', 'fail']), score: z.number().min(0).max(100).multipleOf(0.1).nullable().optional() }))
    .min(1)
    .max(2000),
});
export const zGradeImportResult = z.object({
  graded: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});

// DLV-3 evaluation.

export const zEvaluationBody = z.strictObject({
  scores: z.strictObject(
    Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, z.number().int().min(1).max(5)])) as Record<(typeof EVALUATION_DIMENSIONS)[number], z.ZodNumber>,
  ),
  comment: z.string().trim().max(500).default(''),
});
export const zEvaluationStatsQuery = z.strictObject({
  groupBy: z.enum(['institution', 'project', 'class']).default('project'),
  year: z.coerce.number().int().optional(),
});
export const zEvaluationStats = z.array(
  z.object({
    id: z.number().int(),
    name: z.string(),
    count: z.number().int(),
    overdue: z.number().int(),
    average: z.number().nullable(),
    dimensions: z.record(z.string(), z.number().nullable()),
  }),
);
export const zClassEvaluations = z.object({
  count: z.number().int(),
  attendees: z.number().int(),
  overdue: z.number().int(),
  average: z.number().nullable(),
  dimensions: z.record(z.string(), z.number().nullable()),
  comments: z.array(z.object({ comment: z.string(), average: z.number(), overdue: z.boolean(), at: z.string() })),
});

// DLV-4 materials, DLV-5 pass rates, DLV-6 training record.

export const zMaterial = z.object({ id: z.number().int(), name: z.string(), type: z.string(), size: z.number().int(), createdAt: z.string() });
export const zPassRate = z.object({
  classId: z.number().int(),
  projectName: z.string(),
  seq: z.number().int(),
  institutionName: z.string(),
  total: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  ungraded: z.number().int(),
  rate: z.number().nullable(),
});
export const zTrainingRecord = z.object({
  teacher: z.object({ name: z.string(), shixunNo: z.string(), schoolName: z.string().nullable() }),
  years: z.array(z.object({ year: z.number().int(), earned: z.number(), public: z.number(), professional: z.number(), elective: z.number() })),
  entries: z.array(
    z.object({
      id: z.number().int(),
      year: z.number().int(),
      title: z.string(),
      institutionName: z.string().nullable(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      hours: z.number(),
      category: z.enum(HOUR_CATEGORIES),
      source: z.string(),
      result: z.enum(['pass', 'fail']).nullable(),
      at: z.string(),
    }),
  ),
  ledger: z.array(
    z.object({
      id: z.number().int(),
      year: z.number().int(),
      hours: z.number(),
      category: z.enum(HOUR_CATEGORIES),
      title: z.string(),
      reverses: z.number().int().nullable(),
      at: z.string(),
    }),
  ),
});

// MSG-2 notifications.

export const zNotification = z.object({
  id: z.number().int(),
  kind: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export const zNotificationQuery = z.strictObject({ ...zPageQuery, unread: z.enum(['true', 'false']).optional() });
export const zMarkRead = z.strictObject({ ids: z.array(zId).max(200).optional() });

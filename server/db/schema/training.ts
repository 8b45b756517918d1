import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import type { ProjectState } from '../../../common/machines.js';
import type { Post, Subject, TeacherStage } from '../../../common/teachers.js';
import type {
  BureauLevel,
  CheckpointLevel,
  EnrolmentState,
  EvaluationDimension,
  HourCategory,
  LedgerSource,
  ProjectCategory,
  TrainingMode,
} from '../../../common/training.js';
import { accounts } from './auth.js';
import { institutions, regions, schools } from './org.js';
import { teachers } from './teachers.js';

const hours = (name: string) => numeric(name, { precision: 6, scale: 1, mode: 'number' });

/** PRJ-1 培训年度: the calendar the province sets; exactly one year is current. */
export const trainingYears = pgTable(
  'training_years',
  {
    year: smallint('year').primaryKey(),
    isCurrent: boolean('is_current').notNull().default(false),
    /** Windows are inclusive Asia/Shanghai calendar dates. */
    round1Start: date('round1_start', { mode: 'string' }).notNull(),
    round1End: date('round1_end', { mode: 'string' }).notNull(),
    round2Start: date('round2_start', { mode: 'string' }).notNull(),
    round2End: date('round2_end', { mode: 'string' }).notNull(),
    /** DLV-3: days after a class ends within which its evaluation is on time. */
    evaluationDays: smallint('evaluation_days').notNull().default(10),
    /** ENR-2: the most hours of live enrolments a teacher may hold in the year. */
    hourCap: hours('hour_cap').notNull().default(90),
    /** ENR-7: the province may open round 2 to every teacher, not only those left out of round 1. */
    round2OpenToAll: boolean('round2_open_to_all').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_years_one_current').on(t.isCurrent).where(sql`is_current`)],
);

/** PRJ-2 培训项目, declared by an institution, reviewed by the bureau its target regions route to. */
export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    year: smallint('year').notNull(),
    name: text('name').notNull(),
    category: varchar('category', { length: 16 }).$type<ProjectCategory>().notNull(),
    /** Cities, counties or the province itself; within the institution's authorised regions. */
    targetRegions: text('target_regions').array().notNull(),
    /** Empty means all. */
    stages: text('stages').array().$type<TeacherStage[]>().notNull().default(sql`'{}'::text[]`),
    subjects: text('subjects').array().$type<Subject[]>().notNull().default(sql`'{}'::text[]`),
    posts: text('posts').array().$type<Post[]>().notNull().default(sql`'{}'::text[]`),
    hours: hours('hours').notNull(),
    hourCategory: varchar('hour_category', { length: 16 }).$type<HourCategory>().notNull(),
    mode: varchar('mode', { length: 8 }).$type<TrainingMode>().notNull(),
    feeFen: integer('fee_fen').notNull().default(0),
    description: text('description').notNull().default(''),
    state: varchar('state', { length: 12 }).$type<ProjectState>().notNull(),
    /** PRJ-3: the lowest common ancestor of the target regions. */
    reviewerLevel: varchar('reviewer_level', { length: 8 }).$type<BureauLevel>().notNull(),
    reviewerRegion: varchar('reviewer_region', { length: 6 })
      .notNull()
      .references(() => regions.code),
    /** PRJ-6: classes below this many enrolees have them placed in another class of the project. */
    minClassSize: integer('min_class_size'),
    planKey: text('plan_key'),
    planName: text('plan_name'),
    planType: varchar('plan_type', { length: 8 }),
    planSize: integer('plan_size'),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('projects_institution_idx').on(t.institutionId, t.id),
    index('projects_reviewer_idx').on(t.reviewerRegion, t.state),
    index('projects_year_state_idx').on(t.year, t.state),
  ],
);

/** PRJ-6 名额分配: places of a provincial project per city or county. */
export const projectQuotas = pgTable(
  'project_quotas',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    places: integer('places').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.regionCode] })],
);

/** PRJ-2 班期: one run of a project, with its dates, place and capacity. */
export const classPeriods = pgTable(
  'class_periods',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    seq: smallint('seq').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    /** 计划人数 as declared. */
    plannedCapacity: integer('planned_capacity').notNull(),
    /** Current capacity: planned plus any expansion (ENR-6, at most 50 %). */
    capacity: integer('capacity').notNull(),
    /** Places held by live enrolments; round 1 may exceed capacity, round 2 never. */
    taken: integer('taken').notNull().default(0),
    /** PRJ-4 审核点: a bureau also reviews enrolments of this class, at this level. */
    checkpointLevel: varchar('checkpoint_level', { length: 8 }).$type<CheckpointLevel>(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('class_periods_project_idx').on(t.projectId, t.seq)],
);

/** ENR-5 筛选: the one lottery of a class, with what anyone needs to re-run it. */
export const lotteries = pgTable('lotteries', {
  classId: integer('class_id')
    .primaryKey()
    .references(() => classPeriods.id, { onDelete: 'cascade' }),
  seed: varchar('seed', { length: 64 }).notNull(),
  places: integer('places').notNull(),
  candidates: integer('candidates').array().notNull(),
  selected: integer('selected').array().notNull(),
  runBy: integer('run_by').references(() => accounts.id),
  runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
});

/** ENR 报名: one teacher in one class; its review steps are in review_history (machine `enrolment`). */
export const enrolments = pgTable(
  'enrolments',
  {
    id: serial('id').primaryKey(),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => teachers.id),
    classId: integer('class_id')
      .notNull()
      .references(() => classPeriods.id),
    year: smallint('year').notNull(),
    /** The school reviewing it: the teacher's school when enrolling. */
    schoolId: integer('school_id').references(() => schools.id),
    round: smallint('round').notNull(),
    state: varchar('state', { length: 24 }).$type<EnrolmentState>().notNull(),
    /** Hours this enrolment holds against the yearly cap while live. */
    hours: hours('hours').notNull(),
    /** ENR-7: round 2 is open to those whose school approved a round-1 enrolment that was not admitted. */
    schoolApprovedAt: timestamp('school_approved_at', { withTimezone: true }),
    /** DLV-2 成绩. */
    result: varchar('result', { length: 8 }).$type<'pass' | 'fail'>(),
    score: numeric('score', { precision: 5, scale: 1, mode: 'number' }),
    gradedAt: timestamp('graded_at', { withTimezone: true }),
    leaveReason: text('leave_reason'),
    replacementOf: integer('replacement_of'),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One standing enrolment per teacher and class (STANDING_ENROLMENT_STATES), enforced under
    // concurrency; after a final state (withdrawn, refused, …) the teacher may enrol in it again.
    uniqueIndex('enrolments_teacher_class')
      .on(t.teacherId, t.classId)
      .where(sql`state in ('pending_school', 'pending_bureau', 'pending_institution', 'admitted', 'on_leave', 'listed', 'rejected_school')`),
    index('enrolments_class_state_idx').on(t.classId, t.state),
    index('enrolments_school_state_idx').on(t.schoolId, t.state),
    index('enrolments_teacher_year_idx').on(t.teacherId, t.year),
  ],
);

/** Per teacher and year: hours held by live enrolments (the cap, ENR-2) and hours earned (HRS-1). */
export const teacherYears = pgTable(
  'teacher_years',
  {
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => teachers.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    enrolledHours: hours('enrolled_hours').notNull().default(0),
    earnedHours: hours('earned_hours').notNull().default(0),
    publicHours: hours('public_hours').notNull().default(0),
    professionalHours: hours('professional_hours').notNull().default(0),
    electiveHours: hours('elective_hours').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.teacherId, t.year] })],
);

/** HRS-1 学时账本: append-only; a correction is a reversing entry pointing at the one it reverses. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => teachers.id),
    year: smallint('year').notNull(),
    hours: hours('hours').notNull(),
    category: varchar('category', { length: 16 }).$type<HourCategory>().notNull(),
    source: varchar('source', { length: 16 }).$type<LedgerSource>().notNull(),
    sourceId: integer('source_id').notNull(),
    title: text('title').notNull(),
    reverses: integer('reverses'),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ledger_teacher_idx').on(t.teacherId, t.year), index('ledger_source_idx').on(t.source, t.sourceId)],
);

/** DLV-1 报到: who attended which day of a class, by list or by code. */
export const attendance = pgTable(
  'attendance',
  {
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    method: varchar('method', { length: 8 }).$type<'list' | 'code'>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.day] })],
);

/** DLV-1: a time-limited check-in code for one day of a class. */
export const checkinCodes = pgTable(
  'checkin_codes',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => classPeriods.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    code: varchar('code', { length: 6 }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('checkin_codes_code_idx').on(t.code, t.expiresAt)],
);

/** DLV-3 评教: one per enrolment, after the class ends. */
export const evaluations = pgTable(
  'evaluations',
  {
    enrolmentId: integer('enrolment_id')
      .primaryKey()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    classId: integer('class_id')
      .notNull()
      .references(() => classPeriods.id),
    scores: jsonb('scores').$type<Record<EvaluationDimension, number>>().notNull(),
    average: numeric('average', { precision: 3, scale: 2, mode: 'number' }).notNull(),
    comment: text('comment').notNull().default(''),
    overdue: boolean('overdue').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluations_class_idx').on(t.classId)],
);

/** DLV-4 过程性材料 a class's institution uploads. */
export const classMaterials = pgTable(
  'class_materials',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => classPeriods.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    fileKey: text('file_key').notNull(),
    fileType: varchar('file_type', { length: 8 }).notNull(),
    size: integer('size').notNull(),
    uploadedBy: integer('uploaded_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('class_materials_class_idx').on(t.classId)],
);

/** MSG-2 我的消息: state changes told to an account; rendered in the reader's language from kind + params. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 32 }).notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull(),
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_account_idx').on(t.accountId, t.id), index('notifications_unread_idx').on(t.accountId).where(sql`read_at is null`)],
);

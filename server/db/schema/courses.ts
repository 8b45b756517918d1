import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import type { CourseStage, Difficulty, HomeworkMark, StudentKind } from '../../../common/courses.js';
import type { CourseReviewState, CourseState, LessonState } from '../../../common/machines.js';
import type { Subject } from '../../../common/teachers.js';
import { accounts } from './auth.js';
import { teachers } from './teachers.js';

/** A set of watched HLS segments: bit i = segment i. Merged with `|` (bitwise or), so a repeat changes nothing. */
const segmentBits = customType<{ data: string; driverData: string }>({
  dataType: () => 'bit varying',
});

export type StoredFile = { key: string; name: string; size: number };

/** CRS-1: the declaration window (one per calendar year), set by the province. */
export const courseWindows = pgTable('course_windows', {
  year: smallint('year').primaryKey(),
  opensOn: date('opens_on', { mode: 'string' }).notNull(),
  closesOn: date('closes_on', { mode: 'string' }).notNull(),
  updatedBy: integer('updated_by').references(() => accounts.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** CRS-1 完善信息: what an instructor adds to the teacher record before declaring (avatar, introduction). */
export const instructorProfiles = pgTable('instructor_profiles', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  avatarKey: text('avatar_key'),
  intro: text('intro'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const courses = pgTable(
  'courses',
  {
    id: serial('id').primaryKey(),
    instructorAccountId: integer('instructor_account_id')
      .notNull()
      .references(() => accounts.id),
    instructorTeacherId: integer('instructor_teacher_id')
      .notNull()
      .references(() => teachers.id),
    name: text('name').notNull(),
    stage: varchar('stage', { length: 12 }).$type<CourseStage>().notNull(),
    grades: jsonb('grades').$type<number[]>().notNull(),
    subject: varchar('subject', { length: 24 }).$type<Subject>().notNull(),
    edition: text('edition'),
    difficulty: varchar('difficulty', { length: 12 }).$type<Difficulty>().notNull(),
    summary: text('summary').notNull(),
    coverKey: text('cover_key').notNull(),
    internetPlaces: integer('internet_places').notNull(),
    /** CRS-3 课程介绍: paragraphs of plain text, one topic per heading (see CRS-14). */
    introduction: text('introduction').notNull().default(''),
    state: varchar('state', { length: 12 }).$type<CourseState>().notNull(),
    microSchool: boolean('micro_school').notNull().default(false),
    bonusLeft: integer('bonus_left').notNull().default(100),
    medalsLeft: integer('medals_left').notNull().default(5),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('courses_instructor_idx').on(t.instructorAccountId),
    index('courses_state_idx').on(t.state, t.id),
    // CRS-1: one declaration in flight per teacher, also when two requests race.
    uniqueIndex('courses_open_declaration_idx').on(t.instructorAccountId).where(sql`state in ('pending', 'rejected', 'approved')`),
  ],
);

export const courseChapters = pgTable(
  'course_chapters',
  {
    id: serial('id').primaryKey(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('course_chapters_course_idx').on(t.courseId, t.position)],
);

export const lessons = pgTable(
  'lessons',
  {
    id: serial('id').primaryKey(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    chapterId: integer('chapter_id')
      .notNull()
      .references(() => courseChapters.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    lessonDate: date('lesson_date', { mode: 'string' }).notNull(),
    trial: boolean('trial').notNull().default(false),
    position: integer('position').notNull(),
    state: varchar('state', { length: 12 }).$type<LessonState>().notNull().default('draft'),
    /** The lesson's current video (a replaced one stays in lesson_videos until deleted). */
    videoId: integer('video_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('lessons_course_idx').on(t.courseId, t.position), index('lessons_state_idx').on(t.state, t.id)],
);

/** CRS-4: an uploaded video and its HLS rendition. Progress is kept per video, so a replacement starts afresh. */
export const lessonVideos = pgTable(
  'lesson_videos',
  {
    id: serial('id').primaryKey(),
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    /** Folder of the HLS files under DATA_DIR/media (a uuid: ids repeat across databases, folders must not). */
    mediaKey: text('media_key').notNull().default(sql`gen_random_uuid()::text`),
    fileName: text('file_name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    state: varchar('state', { length: 12 }).$type<'queued' | 'transcoding' | 'ready' | 'failed'>().notNull(),
    /** 0–100 while transcoding. */
    progress: smallint('progress').notNull().default(0),
    error: text('error'),
    durationS: real('duration_s'),
    segmentSeconds: jsonb('segment_seconds').$type<number[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
  },
  (t) => [index('lesson_videos_lesson_idx').on(t.lessonId)],
);

export const lessonDocuments = pgTable(
  'lesson_documents',
  {
    id: serial('id').primaryKey(),
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    fileKey: text('file_key').notNull(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('lesson_documents_lesson_idx').on(t.lessonId)],
);

/** A resumable upload: bytes arrive at increasing offsets into DATA_DIR/uploads/<id>. */
export const uploads = pgTable('uploads', {
  id: varchar('id', { length: 36 }).primaryKey(),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  lessonId: integer('lesson_id')
    .notNull()
    .references(() => lessons.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  received: bigint('received', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
});

/** Background jobs (transcoding): claimed with SKIP LOCKED, a lease that lapses if the worker dies. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: varchar('kind', { length: 24 }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    state: varchar('state', { length: 12 }).$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
    attempts: smallint('attempts').notNull().default(0),
    maxAttempts: smallint('max_attempts').notNull().default(3),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_ready_idx').on(t.runAt).where(sql`state in ('queued', 'running')`)],
);

/** CRS-7: who takes a course; `creditAt` is set once the 系统学分 is earned and never unset. */
export const courseStudents = pgTable(
  'course_students',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The learner's teacher record, when they are a teacher: the credit goes to their ledger. */
    teacherId: integer('teacher_id').references(() => teachers.id),
    kind: varchar('kind', { length: 12 }).$type<StudentKind>().notNull().default('learner'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    creditAt: timestamp('credit_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.accountId] }), index('course_students_account_idx').on(t.accountId)],
);

/** Watched segments per viewer and video, written in batches from the in-memory buffer. */
export const lessonProgress = pgTable(
  'lesson_progress',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    videoId: integer('video_id')
      .notNull()
      .references(() => lessonVideos.id, { onDelete: 'cascade' }),
    courseId: integer('course_id').notNull(),
    segments: segmentBits('segments').notNull(),
    /** Watched seconds credited (sum of the watched segments' lengths). */
    watchedS: real('watched_s').notNull().default(0),
    whole: boolean('whole').notNull().default(false),
    /** Where the viewer left off (seconds), to resume. */
    positionS: real('position_s').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.videoId] }), index('lesson_progress_course_idx').on(t.courseId, t.accountId)],
);

/** CRS-6 练习. */
export const exercises = pgTable(
  'exercises',
  {
    id: serial('id').primaryKey(),
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    content: text('content').notNull(),
    attachments: jsonb('attachments').$type<StoredFile[]>().notNull().default([]),
    allowLate: boolean('allow_late').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exercises_lesson_idx').on(t.lessonId)],
);

/** CRS-8 作业: at most three per student per exercise. */
export const homework = pgTable(
  'homework',
  {
    id: serial('id').primaryKey(),
    exerciseId: integer('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    images: jsonb('images').$type<StoredFile[]>().notNull().default([]),
    late: boolean('late').notNull().default(false),
    mark: varchar('mark', { length: 12 }).$type<HomeworkMark>(),
    score: smallint('score'),
    comment: text('comment'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    gradedAt: timestamp('graded_at', { withTimezone: true }),
  },
  (t) => [index('homework_exercise_idx').on(t.exerciseId, t.accountId)],
);

/** CRS-9 话题 on a lesson. */
export const topics = pgTable(
  'topics',
  {
    id: serial('id').primaryKey(),
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    courseId: integer('course_id').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    images: jsonb('images').$type<StoredFile[]>().notNull().default([]),
    /** Set by the instructor's first reply: the topic then scores (CRS-11). */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('topics_lesson_idx').on(t.lessonId, t.id), index('topics_course_idx').on(t.courseId, t.accountId)],
);

export const topicReplies = pgTable(
  'topic_replies',
  {
    id: serial('id').primaryKey(),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    byInstructor: boolean('by_instructor').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('topic_replies_topic_idx').on(t.topicId, t.id)],
);

/** CRS-10 课程点评: one standing review per student (a rejected one may be rewritten). */
export const courseReviews = pgTable(
  'course_reviews',
  {
    id: serial('id').primaryKey(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    state: varchar('state', { length: 12 }).$type<CourseReviewState>().notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('course_reviews_standing_idx').on(t.courseId, t.accountId).where(sql`state in ('pending', 'approved')`)],
);

/** CRS-12 赋分 and 授勋: spent from the course's budgets. */
export const courseAwards = pgTable(
  'course_awards',
  {
    id: serial('id').primaryKey(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 8 }).$type<'points' | 'medal'>().notNull(),
    points: integer('points').notNull().default(0),
    note: text('note'),
    awardedBy: integer('awarded_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('course_awards_course_idx').on(t.courseId, t.accountId)],
);

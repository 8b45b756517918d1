import { z } from 'zod';
import { BONUS_POINTS_PER_COURSE, HOMEWORK_MARKS, STUDENT_KINDS } from '../courses.js';
import { COURSE_REVIEW_STATES } from '../machines.js';
import { zId, zPage, zPageQuery, zText } from './common.js';
import { zHistoryStep } from './teachers.js';

/**
 * Contracts of the learning side of online synchronous courses (CRS-6..12): students, exercises,
 * homework, topics, course reviews, scoring and awards. Every record carries `can`, what the
 * current identity may do with it, decided by the server's own rules.
 */

const zKind = z.enum(STUDENT_KINDS);
const zTime = z.string();

export const zStudentParams = z.strictObject({ id: zId, accountId: zId });
export const zAttachmentParams = z.strictObject({ id: zId, index: z.coerce.number().int().min(0).max(19) });
/** An image of a course (homework, topics), addressed by its file name under `course-images/`. */
export const zImageParams = z.strictObject({ id: zId, file: z.string().regex(/^[0-9a-f-]{36}\.(jpg|png)$/) });

/** A file just stored (an image or an exercise attachment): reference it by `key` in the next request. */
export const zStoredFile = z.object({ key: z.string(), name: z.string(), size: z.number().int() });
export type StoredFileOut = z.infer<typeof zStoredFile>;

/** A stored image as a record shows it. */
export const zImage = z.object({ name: z.string(), size: z.number().int(), url: z.string() });
/** An image uploaded through `POST /courses/:id/images`, referenced by its key. */
export const zImageRef = z.strictObject({
  key: z.string().regex(/^course-images\/[0-9a-f-]{36}\.(jpg|png)$/),
  name: z.string().trim().max(120).optional(),
});

// CRS-7 students.

export const zEnrolment = z.object({
  courseId: z.number().int(),
  accountId: z.number().int(),
  kind: zKind,
  enrolledAt: zTime,
  creditAt: zTime.nullable(),
});
export type EnrolmentOut = z.infer<typeof zEnrolment>;

/** CRS-11: the parts of a score (capped points), course progress (0..1) and whether it earns the credit. */
export const zScore = z.object({
  video: z.number().int(),
  homework: z.number().int(),
  topics: z.number().int(),
  total: z.number().int(),
  progress: z.number(),
  reviewApproved: z.boolean(),
  earnsCredit: z.boolean(),
});

export const zStudentListQuery = z.strictObject({
  kind: zKind.optional(),
  credited: z.enum(['yes', 'no']).optional(),
  /** Name or 师训号 (prefix). */
  q: z.string().trim().max(40).optional(),
  ...zPageQuery,
});

export const zCourseStudent = z.object({
  accountId: z.number().int(),
  name: z.string(),
  shixunNo: z.string().nullable(),
  schoolName: z.string().nullable(),
  kind: zKind,
  enrolledAt: zTime,
  creditAt: zTime.nullable(),
  score: zScore,
  /** CRS-12: shown apart from the score; they do not count towards the credit. */
  bonusPoints: z.number().int(),
  medals: z.number().int(),
  can: z.object({ promote: z.boolean(), demote: z.boolean(), award: z.boolean() }),
});
export type CourseStudent = z.infer<typeof zCourseStudent>;

export const zStudentPage = zPage(zCourseStudent).extend({
  internetPlaces: z.number().int(),
  internetStudents: z.number().int(),
  creditedStudents: z.number().int(),
});

export const zStudentKindInput = z.strictObject({ kind: zKind });

// CRS-6 exercises.

/** A new upload (`exercise-files/…`), an attachment the exercise already has (sent back on edit), or a lesson document of the course reused by id. */
export const zAttachmentInput = z.union([
  z.strictObject({ key: z.string().regex(/^[a-z-]+\/[0-9a-f-]{36}\.[a-z0-9]{1,5}$/), name: zText(120) }),
  z.strictObject({ documentId: zId }),
]);

export const zExerciseInput = z.strictObject({
  title: zText(60),
  deadline: z.iso.datetime({ offset: true }),
  content: zText(5000),
  allowLate: z.boolean().default(true),
  attachments: z.array(zAttachmentInput).max(10).default([]),
});
export type ExerciseInput = z.infer<typeof zExerciseInput>;

export const zAttachment = z.object({ index: z.number().int(), key: z.string(), name: z.string(), size: z.number().int(), url: z.string() });

export const zExercise = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  lessonId: z.number().int(),
  lessonTitle: z.string(),
  title: z.string(),
  deadline: zTime,
  content: z.string(),
  allowLate: z.boolean(),
  attachments: z.array(zAttachment),
  createdAt: zTime,
  /** The deadline has passed (submissions now are late, or refused when late work is not allowed). */
  overdue: z.boolean(),
  /** For an internet student: their submissions so far and whether they may submit now. */
  mine: z
    .object({
      used: z.number().int(),
      left: z.number().int(),
      lastMark: z.enum(HOMEWORK_MARKS).nullable(),
      /** Why a submission is refused now (an error code), or null when it is allowed. */
      blockedBy: z.enum(['SUBMISSIONS_EXHAUSTED', 'SUBMISSION_OPEN', 'DEADLINE_PASSED', 'COURSE_READ_ONLY']).nullable(),
    })
    .nullable(),
  /** For the instructor and reviewers: students who submitted, and latest submissions not graded yet. */
  stats: z.object({ students: z.number().int(), ungraded: z.number().int() }).nullable(),
  can: z.object({ edit: z.boolean(), delete: z.boolean(), submit: z.boolean(), grade: z.boolean() }),
});
export type Exercise = z.infer<typeof zExercise>;

export const zExerciseListQuery = z.strictObject({ lessonId: zId.optional() });

export const zReusableDocument = z.object({
  id: z.number().int(),
  lessonId: z.number().int(),
  lessonTitle: z.string(),
  fileName: z.string(),
  size: z.number().int(),
});

// CRS-8 homework.

export const zHomeworkInput = z.strictObject({
  text: zText(5000),
  images: z.array(zImageRef).max(9).default([]),
});

export const zGradeInput = z.strictObject({
  mark: z.enum(HOMEWORK_MARKS),
  score: z.number().int().min(0).max(100).nullable().default(null),
  comment: z.string().trim().max(500).nullable().default(null),
});

export const zHomeworkListQuery = z.strictObject({
  exerciseId: zId.optional(),
  accountId: zId.optional(),
  mark: z.enum([...HOMEWORK_MARKS, 'ungraded']).optional(),
  ...zPageQuery,
});

export const zHomework = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  exerciseId: z.number().int(),
  exerciseTitle: z.string(),
  lessonId: z.number().int(),
  accountId: z.number().int(),
  studentName: z.string(),
  /** 1..3: which submission of this student to this exercise. */
  attempt: z.number().int(),
  /** The newest submission of this student to this exercise (earlier ones are superseded). */
  latest: z.boolean(),
  text: z.string(),
  images: z.array(zImage),
  late: z.boolean(),
  mark: z.enum(HOMEWORK_MARKS).nullable(),
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
  submittedAt: zTime,
  gradedAt: zTime.nullable(),
  can: z.object({ grade: z.boolean() }),
});
export type Homework = z.infer<typeof zHomework>;

// CRS-9 topics.

export const zTopicInput = z.strictObject({ text: zText(2000), images: z.array(zImageRef).max(9).default([]) });
export const zReplyInput = z.strictObject({ text: zText(2000) });
export const zTopicListQuery = z.strictObject({
  lessonId: zId.optional(),
  /** yes: answered by the instructor; no: waiting for an answer. */
  answered: z.enum(['yes', 'no']).optional(),
  mine: z.enum(['yes']).optional(),
  ...zPageQuery,
});

export const zTopic = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  lessonId: z.number().int(),
  lessonTitle: z.string(),
  accountId: z.number().int(),
  authorName: z.string(),
  text: z.string(),
  images: z.array(zImage),
  /** Set by the instructor's first reply: the topic then scores for its author (CRS-11). */
  answeredAt: zTime.nullable(),
  replyCount: z.number().int(),
  createdAt: zTime,
  can: z.object({ reply: z.boolean() }),
});
export type Topic = z.infer<typeof zTopic>;

export const zTopicReply = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  authorName: z.string(),
  byInstructor: z.boolean(),
  text: z.string(),
  createdAt: zTime,
});
export const zTopicDetail = zTopic.extend({ replies: z.array(zTopicReply) });
export type TopicDetail = z.infer<typeof zTopicDetail>;

// CRS-10 course reviews 课程点评 (named "student review" here: `zCourseReviewInput` is the declaration review).

export const zStudentReviewInput = z.strictObject({ text: z.string().trim().max(5000) });
export const zStudentReviewDecision = z.strictObject({ action: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional() });
export const zStudentReviewListQuery = z.strictObject({
  state: z.enum(COURSE_REVIEW_STATES).optional(),
  mine: z.enum(['yes']).optional(),
  ...zPageQuery,
});

export const zStudentReview = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  accountId: z.number().int(),
  authorName: z.string(),
  text: z.string(),
  /** Characters after trimming, as the 100-character rule counts them. */
  chars: z.number().int(),
  state: z.enum(COURSE_REVIEW_STATES),
  /** The instructor's reason when rejected. */
  reason: z.string().nullable(),
  createdAt: zTime,
  history: z.array(zHistoryStep),
  can: z.object({ approve: z.boolean(), reject: z.boolean() }),
});
export type StudentReview = z.infer<typeof zStudentReview>;

// CRS-11 scoring.

export const zScoreQuery = z.strictObject({ accountId: zId.optional() });

export const zScorePart = z.object({
  /** Items counted (whole videos, excellent exercises, answered topics). */
  count: z.number().int(),
  points: z.number().int(),
  per: z.number().int(),
  cap: z.number().int(),
});

export const CREDIT_MISSING = ['internet', 'points', 'progress', 'review'] as const;

export const zScoreSheet = z.object({
  courseId: z.number().int(),
  accountId: z.number().int(),
  name: z.string(),
  kind: zKind,
  creditAt: zTime.nullable(),
  video: zScorePart,
  homework: zScorePart,
  topics: zScorePart,
  total: z.number().int(),
  creditPoints: z.number().int(),
  /** Course progress 0..1: the mean over published lessons of the watched share of each current video. */
  progress: z.number(),
  creditProgress: z.number(),
  publishedLessons: z.number().int(),
  reviewState: z.enum(['none', ...COURSE_REVIEW_STATES]),
  bonusPoints: z.number().int(),
  medals: z.number().int(),
  earnsCredit: z.boolean(),
  /** What still stands between the student and the credit (empty once earned). */
  missing: z.array(z.enum(CREDIT_MISSING)),
});
export type ScoreSheet = z.infer<typeof zScoreSheet>;

export const zProgressQuery = z.strictObject({ kind: zKind.optional(), ...zPageQuery });
export const zProgressCell = z.object({ lessonId: z.number().int(), fraction: z.number(), whole: z.boolean() });
export const zProgressRow = z.object({
  accountId: z.number().int(),
  name: z.string(),
  kind: zKind,
  progress: z.number(),
  wholeVideos: z.number().int(),
  cells: z.array(zProgressCell),
});
export const zProgressGrid = zPage(zProgressRow).extend({
  lessons: z.array(z.object({ id: z.number().int(), title: z.string(), position: z.number().int(), durationS: z.number().nullable() })),
});
export type ProgressGrid = z.infer<typeof zProgressGrid>;

// CRS-12 awards.

export const zAwardInput = z.strictObject({
  accountId: zId,
  kind: z.enum(['points', 'medal']),
  /** Bonus points (required for `points`); a medal is one of the five. */
  points: z.number().int().min(1).max(BONUS_POINTS_PER_COURSE).optional(),
  note: z.string().trim().max(200).optional(),
});

export const zAward = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  studentName: z.string(),
  kind: z.enum(['points', 'medal']),
  points: z.number().int(),
  note: z.string().nullable(),
  awardedBy: z.string().nullable(),
  createdAt: zTime,
});
export type Award = z.infer<typeof zAward>;

export const zAwardQuery = z.strictObject({ accountId: zId.optional(), ...zPageQuery });
export const zAwardPage = zPage(zAward).extend({
  bonusLeft: z.number().int(),
  medalsLeft: z.number().int(),
  bonusBudget: z.number().int(),
  medalBudget: z.number().int(),
});

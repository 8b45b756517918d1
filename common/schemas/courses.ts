import { z } from 'zod';
import { COURSE_STAGES, DIFFICULTIES, INTRO_TOPICS } from '../courses.js';
import { COURSE_STATES, LESSON_STATES } from '../machines.js';
import { SUBJECTS } from '../teachers.js';
import { zId, zPageQuery, zText } from './common.js';
import { zHistoryStep } from './teachers.js';

const zDate = z.iso.date();

// CRS-1 declaration window and the instructor's profile.

export const zCourseWindowInput = z
  .strictObject({ opensOn: zDate, closesOn: zDate })
  .refine((w) => w.closesOn >= w.opensOn, { path: ['closesOn'], params: { key: 'endBeforeStart' } });
export const zCourseWindow = z.object({
  year: z.number().int(),
  opensOn: z.string(),
  closesOn: z.string(),
  /** Today (Asia/Shanghai) lies inside the window. */
  open: z.boolean(),
  today: z.string(),
});
export type CourseWindow = z.infer<typeof zCourseWindow>;

export const PROFILE_ITEMS = ['certified', 'avatar', 'realName', 'mobile', 'gender', 'intro', 'organisation', 'region'] as const;
export type ProfileItem = (typeof PROFILE_ITEMS)[number];

export const zInstructorProfile = z.object({
  realName: z.string(),
  mobile: z.string().nullable(),
  gender: z.enum(['M', 'F']).nullable(),
  shixunNo: z.string().nullable(),
  organisation: z.string().nullable(),
  region: z.string().nullable(),
  intro: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  /** What is still missing before a declaration (CRS-1 完善信息). */
  missing: z.array(z.enum(PROFILE_ITEMS)),
});
export type InstructorProfile = z.infer<typeof zInstructorProfile>;
export const zInstructorIntroInput = z.strictObject({ intro: zText(1000) });

// CRS-1 declaration.

export const zCover = z.object({ key: z.string(), width: z.number().int(), height: z.number().int() });
export const zCourseInput = z.strictObject({
  name: zText(40),
  stage: z.enum(COURSE_STAGES),
  grades: z.array(z.number().int().min(1).max(12)).min(1).max(12),
  subject: z.enum(SUBJECTS),
  edition: z.string().trim().max(40).nullable().default(null),
  difficulty: z.enum(DIFFICULTIES),
  summary: zText(500),
  coverKey: z.string().regex(/^covers\/[0-9a-f-]{36}\.(jpg|png)$/),
  internetPlaces: z.number().int().min(1).max(10000),
});
export type CourseInput = z.input<typeof zCourseInput>;

export const zCourseReviewInput = z.strictObject({
  action: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(200).optional(),
  /** 数字微校: whether the teacher is on the "digital micro-school" list. */
  microSchool: z.boolean().default(false),
});

export const zCourseListQuery = z.strictObject({
  /** mine: my courses (instructor); review: declarations waiting (reviewers); catalogue: published (everyone); enrolled: mine as a student. */
  view: z.enum(['mine', 'review', 'catalogue', 'enrolled']).default('catalogue'),
  state: z.enum(COURSE_STATES).optional(),
  stage: z.enum(COURSE_STAGES).optional(),
  subject: z.enum(SUBJECTS).optional(),
  q: z.string().trim().max(40).optional(),
  ...zPageQuery,
});

export const zCourseSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  stage: z.enum(COURSE_STAGES),
  grades: z.array(z.number().int()),
  subject: z.enum(SUBJECTS),
  difficulty: z.enum(DIFFICULTIES),
  summary: z.string(),
  coverUrl: z.string(),
  instructorName: z.string(),
  organisation: z.string().nullable(),
  state: z.enum(COURSE_STATES),
  microSchool: z.boolean(),
  lessonCount: z.number().int(),
  studentCount: z.number().int(),
  declaredAt: z.string(),
});
export type CourseSummary = z.infer<typeof zCourseSummary>;

export const zVideo = z.object({
  id: z.number().int(),
  fileName: z.string(),
  size: z.number(),
  state: z.enum(['queued', 'transcoding', 'ready', 'failed']),
  progress: z.number().int(),
  error: z.string().nullable(),
  durationS: z.number().nullable(),
  /** The HLS playlist, for whoever may watch. */
  playlistUrl: z.string().nullable(),
});
export type Video = z.infer<typeof zVideo>;

export const zLessonDocument = z.object({ id: z.number().int(), fileName: z.string(), size: z.number().int(), url: z.string() });

export const zLesson = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  chapterId: z.number().int(),
  title: z.string(),
  lessonDate: z.string(),
  trial: z.boolean(),
  position: z.number().int(),
  state: z.enum(LESSON_STATES),
  video: zVideo.nullable(),
  documents: z.array(zLessonDocument),
  /** Published and its date has come (students may watch). */
  open: z.boolean(),
  /** The actor may watch it now (instructor, reviewer, enrolled student on an open lesson, anyone on a trial). */
  watchable: z.boolean(),
  history: z.array(zHistoryStep),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), review: z.boolean() }),
});
export type Lesson = z.infer<typeof zLesson>;

export const zChapter = z.object({ id: z.number().int(), title: z.string(), position: z.number().int(), lessons: z.array(zLesson) });

export const zChecklistItem = z.object({
  key: z.string(),
  ok: z.boolean(),
  /** For `lessons`: how many the course has. */
  count: z.number().int().nullable(),
  /** For `videoLength`: the lessons whose video is outside the range (minutes) or missing (null). */
  lessons: z.array(z.object({ title: z.string(), minutes: z.number().nullable() })),
});
export const zChecklist = z.object({ items: z.array(zChecklistItem), ok: z.boolean() });
export type Checklist = z.infer<typeof zChecklist>;

export const zCompletionStatus = z.object({
  lessons: z.number().int(),
  internetStudents: z.number().int(),
  creditedStudents: z.number().int(),
  canComplete: z.boolean(),
});

export const zCourse = zCourseSummary.extend({
  edition: z.string().nullable(),
  coverKey: z.string(),
  internetPlaces: z.number().int(),
  introduction: z.partialRecord(z.enum(INTRO_TOPICS), z.string()),
  instructorAccountId: z.number().int(),
  instructorIntro: z.string().nullable(),
  instructorAvatarUrl: z.string().nullable(),
  bonusLeft: z.number().int(),
  medalsLeft: z.number().int(),
  publishedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  chapters: z.array(zChapter),
  history: z.array(zHistoryStep),
  /** How the actor stands: instructor, reviewer, student or visitor; and as a student, which kind. */
  party: z.enum(['instructor', 'reviewer', 'student', 'visitor']),
  studentKind: z.enum(['learner', 'internet']).nullable(),
  completion: zCompletionStatus.nullable(),
  can: z.object({
    /** Build the course: introduction, chapters, lessons (approved or published, not completed). */
    edit: z.boolean(),
    /** Change the declaration itself (pending or rejected). */
    editDeclaration: z.boolean(),
    resubmit: z.boolean(),
    review: z.boolean(),
    publish: z.boolean(),
    complete: z.boolean(),
    enrol: z.boolean(),
    report: z.boolean(),
  }),
});
export type Course = z.infer<typeof zCourse>;

// CRS-3 structure.

export const zIntroductionInput = z.strictObject({
  /** Sections of the introduction, one per topic of the construction requirements (CRS-14). */
  sections: z.partialRecord(z.enum(INTRO_TOPICS), z.string().trim().max(4000)),
});
export type IntroductionSections = z.infer<typeof zIntroductionInput>['sections'];
export const zChapterInput = z.strictObject({ title: zText(60) });
export const zLessonInput = z.strictObject({
  chapterId: zId,
  title: zText(60),
  lessonDate: zDate,
  trial: z.boolean().default(false),
});
export const zLessonReviewInput = z.strictObject({ action: z.enum(['approve', 'return']), reason: z.string().trim().max(500).optional() });
export const zLessonQueueItem = zLesson.extend({ courseName: z.string(), instructorName: z.string() });

// CRS-4 resumable video upload.

export const zUploadStart = z.strictObject({ fileName: zText(200), size: z.number().int().positive() });
export const zUpload = z.object({
  id: z.string(),
  lessonId: z.number().int(),
  fileName: z.string(),
  size: z.number(),
  /** Bytes received so far: the next chunk starts here. */
  offset: z.number(),
  chunkSize: z.number().int(),
  done: z.boolean(),
  video: zVideo.nullable(),
});
export type Upload = z.infer<typeof zUpload>;
export const zUploadParams = z.strictObject({ id: z.uuid() });
export const zUploadChunkQuery = z.strictObject({ offset: z.coerce.number().int().min(0) });

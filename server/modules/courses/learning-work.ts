import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type HomeworkMark, MAX_SUBMISSIONS } from '../../../common/courses.js';
import type { Page } from '../../../common/schemas/common.js';
import type { Exercise, ExerciseInput, Homework, zGradeInput, zHomeworkInput, zHomeworkListQuery } from '../../../common/schemas/learning.js';
import { shanghaiDate } from '../../../common/training.js';
import type { Db, Tx } from '../../db/client.js';
import type { StoredFile } from '../../db/schema/courses.js';
import { accounts, courseStudents, exercises, homework, lessonDocuments, lessons } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import type { Storage } from '../../lib/storage.js';
import type { Actor } from '../org/scope.js';
import { isoOf, requireReader, settleCredit } from './learning.js';
import { EXERCISE_FILE_FOLDER, presentImages, resolveImages } from './learning-files.js';
import { type CourseAccess, findCourseFor, isLessonOpen, requireInstructor, requireInternetStudent } from './policy.js';

/** CRS-6 exercises 练习 and CRS-8 homework 作业. */

type LessonRow = typeof lessons.$inferSelect;
type ExerciseRow = typeof exercises.$inferSelect;
type HomeworkRow = typeof homework.$inferSelect;

const isStaff = (a: CourseAccess) => a.party === 'instructor' || a.party === 'reviewer';

/** A lesson with how the actor stands towards its course (NOT_FOUND when the course is not theirs to see). */
export async function findLessonAccess(db: Tx, actor: Actor, lessonId: number): Promise<{ lesson: LessonRow; access: CourseAccess }> {
  const [lesson] = await db.select().from(lessons).where(eq(lessons.id, lessonId));
  if (!lesson) throw notFound('lesson');
  return { lesson, access: await findCourseFor(db, actor, lesson.courseId) };
}

/** Students reach a lesson's exercises and topics once it is open; the instructor and reviewers always. */
export function requireOpenLesson(access: CourseAccess, lesson: LessonRow, today: string): void {
  if (isStaff(access)) return;
  requireReader(access);
  if (!isLessonOpen(lesson, today)) throw new AppError('LESSON_NOT_OPEN', { date: lesson.lessonDate });
}

async function findExerciseAccess(db: Tx, actor: Actor, exerciseId: number) {
  const [row] = await db
    .select({ exercise: exercises, lesson: lessons })
    .from(exercises)
    .innerJoin(lessons, eq(lessons.id, exercises.lessonId))
    .where(eq(exercises.id, exerciseId));
  if (!row) throw notFound('exercise');
  return { ...row, access: await findCourseFor(db, actor, row.lesson.courseId) };
}

// ---------------------------------------------------------------------------------------------
// CRS-6 exercises

/**
 * The attachments an exercise will hold: ones it already has (sent back on edit), new uploads,
 * and lesson documents of the same course, whose bytes are copied so that deleting the document
 * later leaves the exercise whole.
 */
async function resolveAttachments(
  tx: Tx,
  storage: Storage,
  courseId: number,
  current: StoredFile[],
  input: ExerciseInput['attachments'],
): Promise<StoredFile[]> {
  const out: StoredFile[] = [];
  for (const a of input) {
    if ('documentId' in a) {
      const [doc] = await tx
        .select({ key: lessonDocuments.fileKey, name: lessonDocuments.fileName })
        .from(lessonDocuments)
        .innerJoin(lessons, eq(lessons.id, lessonDocuments.lessonId))
        .where(and(eq(lessonDocuments.id, a.documentId), eq(lessons.courseId, courseId)));
      const bytes = doc ? await storage.get(doc.key).catch(() => null) : null;
      if (!doc || !bytes) throw AppError.fields({ field: 'attachments', key: 'notFound' });
      const ext = doc.key.split('.').pop() ?? 'bin';
      out.push({ key: await storage.put(EXERCISE_FILE_FOLDER, bytes, ext), name: doc.name, size: bytes.length });
      continue;
    }
    const kept = current.find((c) => c.key === a.key);
    if (kept) {
      out.push({ ...kept, name: a.name });
      continue;
    }
    const bytes = a.key.startsWith(`${EXERCISE_FILE_FOLDER}/`) ? await storage.get(a.key).catch(() => null) : null;
    if (!bytes) throw AppError.fields({ field: 'attachments', key: 'notFound' });
    out.push({ key: a.key, name: a.name, size: bytes.length });
  }
  return out;
}

/** CRS-6: the instructor adds an exercise to a lesson of their course. */
export async function createExercise(db: Db, storage: Storage, actor: Actor, lessonId: number, input: ExerciseInput): Promise<number> {
  const { lesson, access } = await findLessonAccess(db, actor, lessonId);
  requireInstructor(access);
  const attachments = await resolveAttachments(db, storage, lesson.courseId, [], input.attachments);
  const [row] = await db
    .insert(exercises)
    .values({ lessonId, title: input.title, deadline: new Date(input.deadline), content: input.content, allowLate: input.allowLate, attachments })
    .returning({ id: exercises.id });
  return row?.id as number;
}

/** CRS-6: edit an exercise; attachments left out are removed from storage. */
export async function updateExercise(db: Db, storage: Storage, actor: Actor, exerciseId: number, input: ExerciseInput): Promise<void> {
  const { exercise, lesson, access } = await findExerciseAccess(db, actor, exerciseId);
  requireInstructor(access);
  const attachments = await resolveAttachments(db, storage, lesson.courseId, exercise.attachments, input.attachments);
  await db
    .update(exercises)
    .set({ title: input.title, deadline: new Date(input.deadline), content: input.content, allowLate: input.allowLate, attachments })
    .where(eq(exercises.id, exerciseId));
  await removeFiles(
    storage,
    exercise.attachments.filter((old) => !attachments.some((a) => a.key === old.key)),
  );
}

/** CRS-6: delete an exercise nobody has submitted to (submissions and their marks are students' work). */
export async function deleteExercise(db: Db, storage: Storage, actor: Actor, exerciseId: number): Promise<void> {
  const { exercise, access } = await findExerciseAccess(db, actor, exerciseId);
  requireInstructor(access);
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(homework).where(eq(homework.exerciseId, exerciseId));
  if ((n?.n ?? 0) > 0) throw new AppError('EXERCISE_HAS_HOMEWORK', { count: n?.n });
  await db.delete(exercises).where(eq(exercises.id, exerciseId));
  await removeFiles(storage, exercise.attachments);
}

async function removeFiles(storage: Storage, files: StoredFile[]) {
  for (const f of files) if (f.key.startsWith(`${EXERCISE_FILE_FOLDER}/`)) await storage.remove(f.key).catch(() => {});
}

type SubmissionBlock = NonNullable<Exercise['mine']>['blockedBy'];

/** CRS-8: why a new submission is refused now, in the order the rules are checked, or null. */
function submissionBlock(access: CourseAccess, exercise: ExerciseRow, used: number, lastMark: HomeworkMark | null, now: Date): SubmissionBlock {
  if (access.course.state === 'completed') return 'COURSE_READ_ONLY';
  if (used >= MAX_SUBMISSIONS) return 'SUBMISSIONS_EXHAUSTED';
  // 001 Q12: a graded submission is resubmitted only after the teacher marks it failed (不合格).
  if (used > 0 && lastMark !== 'failed') return 'SUBMISSION_OPEN';
  if (now > exercise.deadline && !exercise.allowLate) return 'DEADLINE_PASSED';
  return null;
}

function exerciseColumns(actor: Actor) {
  return {
    exercise: exercises,
    lesson: lessons,
    students: sql<number>`(select count(distinct h.account_id)::int from homework h where h.exercise_id = ${exercises.id})`,
    submissions: sql<number>`(select count(*)::int from homework h where h.exercise_id = ${exercises.id})`,
    ungraded: sql<number>`(select count(*)::int from homework h where h.exercise_id = ${exercises.id} and h.mark is null)`,
    used: sql<number>`(select count(*)::int from homework h where h.exercise_id = ${exercises.id} and h.account_id = ${actor.accountId})`,
    lastMark: sql<HomeworkMark | null>`(select h.mark from homework h where h.exercise_id = ${exercises.id} and h.account_id = ${actor.accountId} order by h.id desc limit 1)`,
  };
}

type ExerciseListRow = {
  exercise: ExerciseRow;
  lesson: LessonRow;
  students: number;
  submissions: number;
  ungraded: number;
  used: number;
  lastMark: HomeworkMark | null;
};

function presentExercise(access: CourseAccess, r: ExerciseListRow, now: Date): Exercise {
  const e = r.exercise;
  const instructing = access.party === 'instructor' && access.course.state !== 'completed';
  const internet = access.student?.kind === 'internet';
  const blockedBy = internet ? submissionBlock(access, e, r.used, r.lastMark, now) : null;
  return {
    id: e.id,
    courseId: r.lesson.courseId,
    lessonId: e.lessonId,
    lessonTitle: r.lesson.title,
    title: e.title,
    deadline: e.deadline.toISOString(),
    content: e.content,
    allowLate: e.allowLate,
    attachments: e.attachments.map((a, index) => ({ index, key: a.key, name: a.name, size: a.size, url: `/api/exercises/${e.id}/attachments/${index}` })),
    createdAt: e.createdAt.toISOString(),
    overdue: now > e.deadline,
    mine: internet ? { used: r.used, left: Math.max(0, MAX_SUBMISSIONS - r.used), lastMark: r.lastMark, blockedBy } : null,
    stats: isStaff(access) ? { students: r.students, ungraded: r.ungraded } : null,
    can: {
      edit: instructing,
      delete: instructing && r.submissions === 0,
      submit: internet && blockedBy === null,
      grade: instructing,
    },
  };
}

export async function getExercise(db: Tx, clock: Clock, actor: Actor, exerciseId: number): Promise<Exercise> {
  const { lesson, access } = await findExerciseAccess(db, actor, exerciseId);
  requireOpenLesson(access, lesson, shanghaiDate(clock.now()));
  const [row] = await db
    .select(exerciseColumns(actor))
    .from(exercises)
    .innerJoin(lessons, eq(lessons.id, exercises.lessonId))
    .where(eq(exercises.id, exerciseId));
  if (!row) throw notFound('exercise');
  return presentExercise(access, row, clock.now());
}

/** CRS-6: a course's exercises (one lesson's when asked): all for the instructor and reviewers, those of open lessons for students. */
export async function listExercises(db: Tx, clock: Clock, actor: Actor, courseId: number, lessonId: number | undefined): Promise<Exercise[]> {
  const access = await findCourseFor(db, actor, courseId);
  requireReader(access);
  const today = shanghaiDate(clock.now());
  const conds: (SQL | undefined)[] = [eq(lessons.courseId, courseId)];
  if (lessonId) conds.push(eq(lessons.id, lessonId));
  if (!isStaff(access)) conds.push(eq(lessons.state, 'published'), sql`${lessons.lessonDate} <= ${today}`);
  const rows = await db
    .select(exerciseColumns(actor))
    .from(exercises)
    .innerJoin(lessons, eq(lessons.id, exercises.lessonId))
    .where(and(...conds))
    .orderBy(asc(lessons.position), asc(exercises.id));
  return rows.map((r) => presentExercise(access, r, clock.now()));
}

/** CRS-6: lesson documents of the course the instructor may reuse as attachments (课时资料). */
export async function listReusableDocuments(db: Tx, actor: Actor, courseId: number) {
  requireInstructor(await findCourseFor(db, actor, courseId));
  return db
    .select({ id: lessonDocuments.id, lessonId: lessons.id, lessonTitle: lessons.title, fileName: lessonDocuments.fileName, size: lessonDocuments.size })
    .from(lessonDocuments)
    .innerJoin(lessons, eq(lessons.id, lessonDocuments.lessonId))
    .where(eq(lessons.courseId, courseId))
    .orderBy(asc(lessons.position), asc(lessonDocuments.id));
}

export async function readAttachment(db: Tx, storage: Storage, clock: Clock, actor: Actor, exerciseId: number, index: number) {
  const { exercise, lesson, access } = await findExerciseAccess(db, actor, exerciseId);
  requireOpenLesson(access, lesson, shanghaiDate(clock.now()));
  const file = exercise.attachments[index];
  if (!file) throw notFound('file');
  return { name: file.name, ext: file.key.split('.').pop() ?? '', body: await storage.get(file.key) };
}

// ---------------------------------------------------------------------------------------------
// CRS-8 homework

/**
 * CRS-8: an internet student submits text and images. At most three submissions per exercise; a
 * new one only after the previous was marked failed; after the deadline only when late work is
 * allowed (then marked late). The student's enrolment row is locked, so two quick submissions
 * cannot both pass the checks.
 */
export async function submitHomework(
  db: Db,
  storage: Storage,
  clock: Clock,
  actor: Actor,
  exerciseId: number,
  input: z.infer<typeof zHomeworkInput>,
): Promise<number> {
  return db.transaction(async (tx) => {
    const { exercise, lesson, access } = await findExerciseAccess(tx, actor, exerciseId);
    requireInternetStudent(access);
    const now = clock.now();
    requireOpenLesson(access, lesson, shanghaiDate(now));
    await tx
      .select({ kind: courseStudents.kind })
      .from(courseStudents)
      .where(and(eq(courseStudents.courseId, lesson.courseId), eq(courseStudents.accountId, actor.accountId)))
      .for('update');
    const mine = await tx
      .select({ mark: homework.mark })
      .from(homework)
      .where(and(eq(homework.exerciseId, exerciseId), eq(homework.accountId, actor.accountId)))
      .orderBy(desc(homework.id));
    const block = submissionBlock(access, exercise, mine.length, mine[0]?.mark ?? null, now);
    if (block === 'SUBMISSIONS_EXHAUSTED') throw new AppError(block, { max: MAX_SUBMISSIONS });
    if (block) throw new AppError(block);
    const images = await resolveImages(storage, input.images);
    const [row] = await tx
      .insert(homework)
      .values({ exerciseId, accountId: actor.accountId, text: input.text, images, late: now > exercise.deadline, submittedAt: now })
      .returning({ id: homework.id });
    return row?.id as number;
  });
}

const attemptSql = sql<number>`(select count(*)::int from homework h2 where h2.exercise_id = ${homework.exerciseId} and h2.account_id = ${homework.accountId} and h2.id <= ${homework.id})`;
const latestSql = sql<boolean>`not exists (select 1 from homework h2 where h2.exercise_id = ${homework.exerciseId} and h2.account_id = ${homework.accountId} and h2.id > ${homework.id})`;

function selectHomework(db: Tx) {
  return db
    .select({
      h: homework,
      exerciseTitle: exercises.title,
      lessonId: lessons.id,
      courseId: lessons.courseId,
      studentName: accounts.realName,
      attempt: attemptSql,
      latest: latestSql,
      total: sql<number>`count(*) over ()`,
    })
    .from(homework)
    .innerJoin(exercises, eq(exercises.id, homework.exerciseId))
    .innerJoin(lessons, eq(lessons.id, exercises.lessonId))
    .innerJoin(accounts, eq(accounts.id, homework.accountId))
    .$dynamic();
}

type HomeworkListRow = { h: HomeworkRow; exerciseTitle: string; lessonId: number; courseId: number; studentName: string; attempt: number; latest: boolean };

function presentHomework(access: CourseAccess, r: HomeworkListRow): Homework {
  const h = r.h;
  return {
    id: h.id,
    courseId: r.courseId,
    exerciseId: h.exerciseId,
    exerciseTitle: r.exerciseTitle,
    lessonId: r.lessonId,
    accountId: h.accountId,
    studentName: r.studentName,
    attempt: r.attempt,
    latest: r.latest,
    text: h.text,
    images: presentImages(r.courseId, h.images),
    late: h.late,
    mark: h.mark,
    score: h.score,
    comment: h.comment,
    submittedAt: h.submittedAt.toISOString(),
    gradedAt: isoOf(h.gradedAt),
    can: { grade: access.party === 'instructor' && access.course.state !== 'completed' && r.latest },
  };
}

/** A submission, to its author, the instructor and reviewers. */
export async function getHomework(db: Tx, actor: Actor, homeworkId: number): Promise<Homework> {
  const [row] = await selectHomework(db).where(eq(homework.id, homeworkId));
  if (!row) throw notFound('homework');
  const access = await findCourseFor(db, actor, row.courseId);
  if (!isStaff(access) && row.h.accountId !== actor.accountId) throw notFound('homework');
  return presentHomework(access, row);
}

/** CRS-8 作业管理: the instructor and reviewers list all submissions of a course; a student lists their own. */
export async function listHomework(db: Tx, actor: Actor, courseId: number, q: z.infer<typeof zHomeworkListQuery>): Promise<Page<Homework>> {
  const access = await findCourseFor(db, actor, courseId);
  requireReader(access);
  const conds: (SQL | undefined)[] = [eq(lessons.courseId, courseId)];
  if (!isStaff(access)) conds.push(eq(homework.accountId, actor.accountId));
  else if (q.accountId) conds.push(eq(homework.accountId, q.accountId));
  if (q.exerciseId) conds.push(eq(homework.exerciseId, q.exerciseId));
  if (q.mark === 'ungraded') conds.push(isNull(homework.mark));
  else if (q.mark) conds.push(eq(homework.mark, q.mark));
  const { limit, offset } = pageOffset(q);
  const rows = await selectHomework(db)
    .where(and(...conds))
    .orderBy(desc(homework.submittedAt), desc(homework.id))
    .limit(limit)
    .offset(offset);
  return toPage(rows, q, (r) => presentHomework(access, r));
}

/**
 * CRS-8: the instructor grades the latest submission: excellent 优秀 (scores 20), passed, or failed
 * (the student may then submit again), with an optional score and comment. An excellent mark may
 * complete the student's credit.
 */
export async function gradeHomework(db: Db, clock: Clock, actor: Actor, homeworkId: number, input: z.infer<typeof zGradeInput>): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ h: homework, courseId: lessons.courseId, latest: latestSql })
      .from(homework)
      .innerJoin(exercises, eq(exercises.id, homework.exerciseId))
      .innerJoin(lessons, eq(lessons.id, exercises.lessonId))
      .where(eq(homework.id, homeworkId))
      .for('update', { of: homework });
    if (!row) throw notFound('homework');
    requireInstructor(await findCourseFor(tx, actor, row.courseId));
    if (!row.latest) throw new AppError('SUBMISSION_SUPERSEDED');
    await tx
      .update(homework)
      .set({ mark: input.mark, score: input.score, comment: input.comment || null, gradedAt: clock.now() })
      .where(eq(homework.id, homeworkId));
    if (input.mark === 'excellent') await settleCredit(tx, clock, row.courseId, row.h.accountId);
  });
}

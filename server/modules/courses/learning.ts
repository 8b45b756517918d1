import { and, asc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { SCORING, type StudentKind, scoreOf } from '../../../common/courses.js';
import type { CourseReviewState } from '../../../common/machines.js';
import type { Page } from '../../../common/schemas/common.js';
import type {
  CourseStudent,
  CREDIT_MISSING,
  EnrolmentOut,
  ProgressGrid,
  ScoreSheet,
  zProgressQuery,
  zStudentListQuery,
  zStudentPage,
} from '../../../common/schemas/learning.js';
import { shanghaiDate } from '../../../common/training.js';
import type { Db, Tx } from '../../db/client.js';
import { accounts, courseStudents, courses, lessonProgress, lessons, lessonVideos, schools, teachers } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import { appendLedgerEntry } from '../ledger/service.js';
import type { Actor } from '../org/scope.js';
import { escapeLike } from '../org/service.js';
import { type CourseAccess, findCourseFor, requireInstructor, requireWritable } from './policy.js';
import { countPublishedLessons } from './service.js';

/**
 * CRS-7 students and CRS-11 scoring of online synchronous courses: enrolment, promotion to
 * 互联网学生, each student's score and progress, and the 系统学分 (`settleCredit`). Exercises and
 * homework live in learning-work.ts, topics and reviews in learning-talk.ts, awards in
 * learning-awards.ts; they all call `settleCredit` after anything that can raise a score.
 */

/** The ledger category of a course credit: an online course a teacher chose for themselves is 个人选修. */
export const COURSE_CREDIT_CATEGORY = 'elective' as const;
export const COURSE_CREDIT_HOURS = 1;

/** Reads and watching are for the instructor, reviewers and enrolled students. */
export function requireReader(access: CourseAccess): void {
  if (access.party === 'instructor' || access.party === 'reviewer' || access.student) return;
  throw new AppError('NOT_ENROLLED');
}

/** The instructor or a reviewer (who looks on, read-only). */
export function requireStaff(access: CourseAccess): void {
  if (access.party !== 'instructor' && access.party !== 'reviewer') throw new AppError('FORBIDDEN');
}

export const isoOf = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

// ---------------------------------------------------------------------------------------------
// per-student counts (one correlated sub-select each, so a page of students is one query)

/** Published lessons of the course whose current video this student watched whole. */
const wholeVideosSql = sql<number>`(select count(*)::int from lessons l join lesson_progress p on p.video_id = l.video_id
  where l.course_id = ${courseStudents.courseId} and l.state = 'published' and p.account_id = ${courseStudents.accountId} and p.whole)`;
/** Sum over published lessons of min(1, watched / duration) of the current video. */
const watchedSumSql = sql<number>`(select coalesce(sum(least(1, p.watched_s::float8 / nullif(v.duration_s, 0))), 0)::float8
  from lessons l join lesson_videos v on v.id = l.video_id join lesson_progress p on p.video_id = v.id and p.account_id = ${courseStudents.accountId}
  where l.course_id = ${courseStudents.courseId} and l.state = 'published')`;
/** Exercises with at least one submission marked excellent (each exercise counts once). */
const excellentSql = sql<number>`(select count(distinct h.exercise_id)::int from homework h join exercises e on e.id = h.exercise_id join lessons l on l.id = e.lesson_id
  where l.course_id = ${courseStudents.courseId} and h.account_id = ${courseStudents.accountId} and h.mark = 'excellent')`;
const answeredTopicsSql = sql<number>`(select count(*)::int from topics t
  where t.course_id = ${courseStudents.courseId} and t.account_id = ${courseStudents.accountId} and t.answered_at is not null)`;
/** The standing review's state (approved or pending), else the latest one's (rejected). */
const reviewStateSql = sql<CourseReviewState | null>`(select r.state from course_reviews r
  where r.course_id = ${courseStudents.courseId} and r.account_id = ${courseStudents.accountId}
  order by (r.state <> 'rejected') desc, r.id desc limit 1)`;
const bonusSql = sql<number>`(select coalesce(sum(a.points), 0)::int from course_awards a
  where a.course_id = ${courseStudents.courseId} and a.account_id = ${courseStudents.accountId} and a.kind = 'points')`;
const medalsSql = sql<number>`(select count(*)::int from course_awards a
  where a.course_id = ${courseStudents.courseId} and a.account_id = ${courseStudents.accountId} and a.kind = 'medal')`;

const statColumns = {
  whole: wholeVideosSql,
  watchedSum: watchedSumSql,
  excellent: excellentSql,
  answered: answeredTopicsSql,
  reviewState: reviewStateSql,
  bonus: bonusSql,
  medals: medalsSql,
};

type Stats = { whole: number; watchedSum: number; excellent: number; answered: number; reviewState: CourseReviewState | null };

function progressOf(watchedSum: number, publishedLessons: number): number {
  return publishedLessons > 0 ? Math.min(1, Number(watchedSum) / publishedLessons) : 0;
}

function scoreFrom(s: Stats, publishedLessons: number) {
  return scoreOf({
    fullyWatched: s.whole,
    excellentHomework: s.excellent,
    repliedTopics: s.answered,
    reviewApproved: s.reviewState === 'approved',
    progress: progressOf(s.watchedSum, publishedLessons),
  });
}

// ---------------------------------------------------------------------------------------------
// CRS-11 the system credit

/**
 * Grants the 系统学分 when the student now qualifies (≥ 60 points, ≥ 50 % progress, an approved
 * review, an internet student of a published course): sets `credit_at` with a conditional UPDATE,
 * so of two concurrent calls exactly one wins, and that one writes ONE ledger entry when the
 * student has a teacher record. Call it inside the transaction of every event that can raise a
 * score. Returns whether this call granted the credit.
 */
export async function settleCredit(tx: Tx, clock: Clock, courseId: number, accountId: number): Promise<boolean> {
  const [row] = await tx
    .select({ kind: courseStudents.kind, creditAt: courseStudents.creditAt, state: courses.state, name: courses.name, ...statColumns })
    .from(courseStudents)
    .innerJoin(courses, eq(courses.id, courseStudents.courseId))
    .where(and(eq(courseStudents.courseId, courseId), eq(courseStudents.accountId, accountId)));
  if (!row || row.creditAt || row.kind !== 'internet' || row.state !== 'published') return false;
  if (!scoreFrom(row, await countPublishedLessons(tx, courseId)).earnsCredit) return false;
  const now = clock.now();
  const [won] = await tx
    .update(courseStudents)
    .set({ creditAt: now })
    .where(
      and(eq(courseStudents.courseId, courseId), eq(courseStudents.accountId, accountId), isNull(courseStudents.creditAt), eq(courseStudents.kind, 'internet')),
    )
    .returning({ teacherId: sql<number | null>`coalesce(${courseStudents.teacherId}, (select t.id from teachers t where t.account_id = ${accountId}))` });
  if (!won) return false;
  if (won.teacherId !== null) {
    await appendLedgerEntry(tx, {
      teacherId: won.teacherId,
      year: Number(shanghaiDate(now).slice(0, 4)),
      hours: COURSE_CREDIT_HOURS,
      category: COURSE_CREDIT_CATEGORY,
      source: 'course',
      sourceId: courseId,
      title: row.name,
      createdBy: null,
    });
  }
  return true;
}

/**
 * `settleCredit` for the students whose video progress a flush just wrote (watching.ts). One
 * statement first keeps only those who could earn the credit now (internet students of a published
 * course, not yet credited, with an approved review), so a flush of thousands of viewers costs one
 * query; each of the rest is settled in its own short transaction. Returns how many earned it now.
 */
export async function settleCredits(db: Db, clock: Clock, pairs: readonly { courseId: number; accountId: number }[]): Promise<number> {
  if (pairs.length === 0) return 0;
  const candidates = await db
    .select({ courseId: courseStudents.courseId, accountId: courseStudents.accountId })
    .from(courseStudents)
    .innerJoin(courses, eq(courses.id, courseStudents.courseId))
    .where(
      and(
        sql`(${courseStudents.courseId}, ${courseStudents.accountId}) in (select * from unnest(${sql.param(pairs.map((p) => p.courseId))}::int[], ${sql.param(pairs.map((p) => p.accountId))}::int[]))`,
        eq(courseStudents.kind, 'internet'),
        isNull(courseStudents.creditAt),
        eq(courses.state, 'published'),
        sql`exists (select 1 from course_reviews r where r.course_id = ${courseStudents.courseId} and r.account_id = ${courseStudents.accountId} and r.state = 'approved')`,
      ),
    );
  let credited = 0;
  for (const p of candidates) {
    if (await db.transaction((tx) => settleCredit(tx, clock, p.courseId, p.accountId))) credited++;
  }
  return credited;
}

/** CRS-11: a student's score sheet: each part with its cap, progress, the review, and what is missing. */
export async function getScoreSheet(db: Tx, actor: Actor, courseId: number, accountId: number | undefined): Promise<ScoreSheet> {
  const access = await findCourseFor(db, actor, courseId);
  const target = accountId ?? actor.accountId;
  if (target !== actor.accountId) requireStaff(access);
  else if (!access.student) throw new AppError(access.party === 'visitor' ? 'NOT_ENROLLED' : 'FORBIDDEN');
  const [row] = await db
    .select({ kind: courseStudents.kind, creditAt: courseStudents.creditAt, name: accounts.realName, ...statColumns })
    .from(courseStudents)
    .innerJoin(accounts, eq(accounts.id, courseStudents.accountId))
    .where(and(eq(courseStudents.courseId, courseId), eq(courseStudents.accountId, target)));
  if (!row) throw notFound('student');
  const publishedLessons = await countPublishedLessons(db, courseId);
  const score = scoreFrom(row, publishedLessons);
  const missing: (typeof CREDIT_MISSING)[number][] = [];
  if (!row.creditAt) {
    if (row.kind !== 'internet') missing.push('internet');
    if (score.total < SCORING.creditPoints) missing.push('points');
    if (score.progress < SCORING.creditProgress) missing.push('progress');
    if (!score.reviewApproved) missing.push('review');
  }
  return {
    courseId,
    accountId: target,
    name: row.name,
    kind: row.kind,
    creditAt: isoOf(row.creditAt),
    video: { count: row.whole, points: score.video, per: SCORING.videoPoints, cap: SCORING.videoCap },
    homework: { count: row.excellent, points: score.homework, per: SCORING.excellentHomeworkPoints, cap: SCORING.excellentHomeworkCap },
    topics: { count: row.answered, points: score.topics, per: SCORING.repliedTopicPoints, cap: SCORING.repliedTopicCap },
    total: score.total,
    creditPoints: SCORING.creditPoints,
    progress: score.progress,
    creditProgress: SCORING.creditProgress,
    publishedLessons,
    reviewState: row.reviewState ?? 'none',
    bonusPoints: row.bonus,
    medals: row.medals,
    earnsCredit: row.creditAt !== null || (score.earnsCredit && row.kind === 'internet'),
    missing,
  };
}

// ---------------------------------------------------------------------------------------------
// CRS-7 students

function presentEnrolment(courseId: number, accountId: number, r: { kind: StudentKind; enrolledAt: Date; creditAt: Date | null }): EnrolmentOut {
  return { courseId, accountId, kind: r.kind, enrolledAt: new Date(r.enrolledAt).toISOString(), creditAt: isoOf(r.creditAt) };
}

/**
 * CRS-7: any account enrols in a published course as 网络学员; enrolling again changes nothing.
 * The enrolment keeps the account's teacher record, whose ledger receives the credit.
 */
export async function enrol(db: Db, actor: Actor, courseId: number): Promise<EnrolmentOut> {
  const access = await findCourseFor(db, actor, courseId);
  requireWritable(access.course);
  // The instructor teaches it; a reviewer reviews in this role (to study, they switch to their teacher
  // role). Everyone else sees only listed courses, and a completed one is read-only: it is published.
  if (access.party === 'instructor' || access.party === 'reviewer') throw new AppError('FORBIDDEN');
  await db
    .insert(courseStudents)
    .values({
      courseId,
      accountId: actor.accountId,
      teacherId: sql`(select t.id from teachers t where t.account_id = ${actor.accountId})`,
      kind: 'learner',
    })
    .onConflictDoNothing();
  return getEnrolment(db, actor, courseId);
}

export async function getEnrolment(db: Tx, actor: Actor, courseId: number): Promise<EnrolmentOut> {
  const [r] = await db
    .select()
    .from(courseStudents)
    .where(and(eq(courseStudents.courseId, courseId), eq(courseStudents.accountId, actor.accountId)));
  if (!r) throw new AppError('NOT_ENROLLED');
  return presentEnrolment(courseId, actor.accountId, r);
}

function studentCan(access: CourseAccess, s: { kind: StudentKind; creditAt: Date | null }) {
  const acting = access.party === 'instructor' && access.course.state !== 'completed';
  return {
    promote: acting && s.creditAt === null && s.kind === 'learner',
    demote: acting && s.creditAt === null && s.kind === 'internet',
    award: acting && s.creditAt !== null,
  };
}

function studentWhere(courseId: number, q: Partial<z.infer<typeof zStudentListQuery>> & { accountId?: number }): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(courseStudents.courseId, courseId)];
  if (q.accountId) conds.push(eq(courseStudents.accountId, q.accountId));
  if (q.kind) conds.push(eq(courseStudents.kind, q.kind));
  if (q.credited === 'yes') conds.push(sql`${courseStudents.creditAt} is not null`);
  if (q.credited === 'no') conds.push(isNull(courseStudents.creditAt));
  if (q.q) conds.push(or(ilike(accounts.realName, `${escapeLike(q.q)}%`), ilike(accounts.shixunNo, `${escapeLike(q.q)}%`)));
  return and(...conds);
}

function selectStudents(db: Tx, where: SQL | undefined) {
  return db
    .select({
      accountId: courseStudents.accountId,
      kind: courseStudents.kind,
      enrolledAt: courseStudents.enrolledAt,
      creditAt: courseStudents.creditAt,
      name: accounts.realName,
      shixunNo: accounts.shixunNo,
      schoolName: schools.name,
      ...statColumns,
      total: sql<number>`count(*) over ()`,
    })
    .from(courseStudents)
    .innerJoin(accounts, eq(accounts.id, courseStudents.accountId))
    .leftJoin(teachers, eq(teachers.accountId, courseStudents.accountId))
    .leftJoin(schools, eq(schools.id, teachers.schoolId))
    .where(where)
    .orderBy(asc(courseStudents.enrolledAt), asc(courseStudents.accountId))
    .$dynamic();
}

type StudentRow = Awaited<ReturnType<typeof selectStudents>>[number];

function presentStudent(access: CourseAccess, r: StudentRow, publishedLessons: number): CourseStudent {
  const score = scoreFrom(r, publishedLessons);
  return {
    accountId: r.accountId,
    name: r.name,
    shixunNo: r.shixunNo,
    schoolName: r.schoolName,
    kind: r.kind,
    enrolledAt: new Date(r.enrolledAt).toISOString(),
    creditAt: isoOf(r.creditAt),
    score: {
      video: score.video,
      homework: score.homework,
      topics: score.topics,
      total: score.total,
      progress: score.progress,
      reviewApproved: score.reviewApproved,
      // The credit is what was granted; a learner with the points still needs promoting.
      earnsCredit: r.creditAt !== null,
    },
    bonusPoints: r.bonus,
    medals: r.medals,
    can: studentCan(access, r),
  };
}

/** CRS-7 学员管理: the instructor (and reviewers) list students with score and progress, by kind. */
export async function listStudents(db: Tx, actor: Actor, courseId: number, q: z.infer<typeof zStudentListQuery>): Promise<z.infer<typeof zStudentPage>> {
  const access = await findCourseFor(db, actor, courseId);
  requireStaff(access);
  const { limit, offset } = pageOffset(q);
  const rows = await selectStudents(db, studentWhere(courseId, q)).limit(limit).offset(offset);
  const publishedLessons = await countPublishedLessons(db, courseId);
  const [counts] = await db
    .select({
      internet: sql<number>`count(*) filter (where ${courseStudents.kind} = 'internet')::int`,
      credited: sql<number>`count(*) filter (where ${courseStudents.creditAt} is not null)::int`,
    })
    .from(courseStudents)
    .where(eq(courseStudents.courseId, courseId));
  const page: Page<CourseStudent> = toPage(rows, q, (r) => presentStudent(access, r, publishedLessons));
  return { ...page, internetPlaces: access.course.internetPlaces, internetStudents: counts?.internet ?? 0, creditedStudents: counts?.credited ?? 0 };
}

/** One student as the instructor's list shows them. */
export async function getStudent(db: Tx, actor: Actor, courseId: number, accountId: number): Promise<CourseStudent> {
  const access = await findCourseFor(db, actor, courseId);
  requireStaff(access);
  const [r] = await selectStudents(db, studentWhere(courseId, { accountId }));
  if (!r) throw notFound('student');
  return presentStudent(access, r, await countPublishedLessons(db, courseId));
}

/**
 * CRS-7: the instructor promotes a 网络学员 to 互联网学生 (within the course's places) or demotes one
 * back; a student who earned the credit keeps their status. The course row is locked so two
 * promotions cannot both take the last place.
 */
export async function setStudentKind(db: Db, clock: Clock, actor: Actor, courseId: number, accountId: number, kind: StudentKind): Promise<void> {
  await db.transaction(async (tx) => {
    const access = await findCourseFor(tx, actor, courseId);
    requireInstructor(access);
    const [course] = await tx.select({ places: courses.internetPlaces }).from(courses).where(eq(courses.id, courseId)).for('update');
    const [s] = await tx
      .select()
      .from(courseStudents)
      .where(and(eq(courseStudents.courseId, courseId), eq(courseStudents.accountId, accountId)))
      .for('update');
    if (!s || !course) throw notFound('student');
    if (s.creditAt) throw new AppError('STUDENT_CREDITED');
    if (s.kind === kind) return;
    if (kind === 'internet') {
      const [n] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(courseStudents)
        .where(and(eq(courseStudents.courseId, courseId), eq(courseStudents.kind, 'internet')));
      if ((n?.n ?? 0) >= course.places) throw new AppError('INTERNET_PLACES_FULL', { places: course.places });
    }
    await tx
      .update(courseStudents)
      .set({ kind })
      .where(and(eq(courseStudents.courseId, courseId), eq(courseStudents.accountId, accountId)));
    // What a student did before a demotion still counts once they are promoted back.
    if (kind === 'internet') await settleCredit(tx, clock, courseId, accountId);
  });
}

// ---------------------------------------------------------------------------------------------
// CRS-11 per-lesson progress (学习管理)

/** Students × published lessons: the watched share of each lesson's current video and whether it was watched whole. */
export async function getProgressGrid(db: Tx, actor: Actor, courseId: number, q: z.infer<typeof zProgressQuery>): Promise<ProgressGrid> {
  const access = await findCourseFor(db, actor, courseId);
  requireStaff(access);
  const lessonRows = await db
    .select({ id: lessons.id, title: lessons.title, position: lessons.position, videoId: lessons.videoId, durationS: lessonVideos.durationS })
    .from(lessons)
    .leftJoin(lessonVideos, eq(lessonVideos.id, lessons.videoId))
    .where(and(eq(lessons.courseId, courseId), eq(lessons.state, 'published')))
    .orderBy(asc(lessons.position), asc(lessons.id));
  const { limit, offset } = pageOffset(q);
  const students = await db
    .select({
      accountId: courseStudents.accountId,
      kind: courseStudents.kind,
      name: accounts.realName,
      whole: wholeVideosSql,
      watchedSum: watchedSumSql,
      total: sql<number>`count(*) over ()`,
    })
    .from(courseStudents)
    .innerJoin(accounts, eq(accounts.id, courseStudents.accountId))
    .where(studentWhere(courseId, { kind: q.kind }))
    .orderBy(asc(courseStudents.enrolledAt), asc(courseStudents.accountId))
    .limit(limit)
    .offset(offset);
  const accountIds = students.map((s) => s.accountId);
  const videoIds = lessonRows.map((l) => l.videoId).filter((v): v is number => v !== null);
  const progress =
    accountIds.length > 0 && videoIds.length > 0
      ? await db
          .select({ accountId: lessonProgress.accountId, videoId: lessonProgress.videoId, watchedS: lessonProgress.watchedS, whole: lessonProgress.whole })
          .from(lessonProgress)
          .where(and(inArray(lessonProgress.accountId, accountIds), inArray(lessonProgress.videoId, videoIds), eq(lessonProgress.courseId, courseId)))
      : [];
  const byKey = new Map(progress.map((p) => [`${p.accountId}:${p.videoId}`, p]));
  const page = toPage(students, q, (s) => ({
    accountId: s.accountId,
    name: s.name,
    kind: s.kind,
    progress: progressOf(s.watchedSum, lessonRows.length),
    wholeVideos: s.whole,
    cells: lessonRows.map((l) => {
      const p = l.videoId === null ? undefined : byKey.get(`${s.accountId}:${l.videoId}`);
      const fraction = p && l.durationS ? Math.min(1, p.watchedS / l.durationS) : 0;
      return { lessonId: l.id, fraction: Math.round(fraction * 1000) / 1000, whole: p?.whole ?? false };
    }),
  }));
  return { ...page, lessons: lessonRows.map((l) => ({ id: l.id, title: l.title, position: l.position, durationS: l.durationS })) };
}

import { and, eq } from 'drizzle-orm';
import { roleHas } from '../../../common/abilities.js';
import type { StudentKind } from '../../../common/courses.js';
import type { Tx } from '../../db/client.js';
import { courseStudents, courses } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../org/scope.js';

/** How an actor stands towards a course: its instructor, a reviewer, a student (网络学员 / 互联网学生), or anyone else. */
export type CourseParty = 'instructor' | 'reviewer' | 'student' | 'visitor';

export type CourseRow = typeof courses.$inferSelect;
export type Enrolment = { kind: StudentKind; creditAt: Date | null };
export type CourseAccess = { course: CourseRow; party: CourseParty; student: Enrolment | null };

export function isCourseReviewer(actor: Actor): boolean {
  return roleHas(actor.role.role, 'courses.review');
}

/** Published and completed courses are public (catalogue); the rest only to their instructor and reviewers. */
export function isListed(course: Pick<CourseRow, 'state'>): boolean {
  return course.state === 'published' || course.state === 'completed';
}

/**
 * The course as this actor may see it, with their party and enrolment; NOT_FOUND when it does not
 * exist or is not theirs to see (an unpublished course of someone else).
 */
export async function findCourseFor(db: Tx, actor: Actor, courseId: number): Promise<CourseAccess> {
  const [row] = await db
    .select({ course: courses, kind: courseStudents.kind, creditAt: courseStudents.creditAt })
    .from(courses)
    .leftJoin(courseStudents, and(eq(courseStudents.courseId, courses.id), eq(courseStudents.accountId, actor.accountId)))
    .where(eq(courses.id, courseId));
  if (!row) throw notFound('course');
  const student = row.kind ? { kind: row.kind, creditAt: row.creditAt } : null;
  const party: CourseParty =
    row.course.instructorAccountId === actor.accountId ? 'instructor' : isCourseReviewer(actor) ? 'reviewer' : student ? 'student' : 'visitor';
  if (!isListed(row.course) && party !== 'instructor' && party !== 'reviewer') throw notFound('course');
  return { course: row.course, party, student };
}

/** The instructor's own course, still open for changes (not completed). */
export function requireInstructor(access: CourseAccess): CourseRow {
  if (access.party !== 'instructor') throw new AppError('FORBIDDEN');
  requireWritable(access.course);
  return access.course;
}

/** CRS-13: a completed course is read-only. */
export function requireWritable(course: Pick<CourseRow, 'state'>): void {
  if (course.state === 'completed') throw new AppError('COURSE_READ_ONLY');
}

/** CRS-7: homework, topics and reviews are for 互联网学生 only. */
export function requireInternetStudent(access: CourseAccess): Enrolment {
  if (!access.student) throw new AppError('NOT_ENROLLED');
  if (access.student.kind !== 'internet') throw new AppError('NOT_INTERNET_STUDENT');
  requireWritable(access.course);
  return access.student;
}

/** CRS-4: students reach a lesson (watch, exercises, topics) once it is published and its date (Asia/Shanghai) has come. */
export function isLessonOpen(lesson: { state: string; lessonDate: string }, today: string): boolean {
  return lesson.state === 'published' && lesson.lessonDate <= today;
}

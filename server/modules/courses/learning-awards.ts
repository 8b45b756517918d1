import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { BONUS_POINTS_PER_COURSE, MEDALS_PER_COURSE } from '../../../common/courses.js';
import type { zAwardInput, zAwardPage, zAwardQuery } from '../../../common/schemas/learning.js';
import type { Db, Tx } from '../../db/client.js';
import { accounts, courseAwards, courseStudents, courses } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import type { Actor } from '../org/scope.js';
import { requireStaff } from './learning.js';
import { findCourseFor, requireInstructor } from './policy.js';

/**
 * CRS-12 赋分 and 授勋. Seed 000 §7: in 学习管理 the instructor "对已经获得系统学分的用户可以赋分或者授勋",
 * so both go to students who already hold the credit; bonus points therefore never count towards
 * the 60 points of the credit and are shown beside the score. A course has 100 bonus points and 5
 * medals in all; each award spends them with a conditional UPDATE, so the budget never goes below zero.
 */

const WHAT = {
  points: { 'zh-CN': '赋分额度', 'en-US': 'bonus points' },
  medal: { 'zh-CN': '勋章', 'en-US': 'medals' },
} as const;

/** Awards bonus points or a medal (one per student) to a credited student of the instructor's course. */
export async function giveAward(db: Db, clock: Clock, actor: Actor, courseId: number, input: z.infer<typeof zAwardInput>): Promise<number> {
  if (input.kind === 'points' && !input.points) throw AppError.fields({ field: 'points', key: 'required' });
  return db.transaction(async (tx) => {
    requireInstructor(await findCourseFor(tx, actor, courseId));
    const [student] = await tx
      .select({ creditAt: courseStudents.creditAt })
      .from(courseStudents)
      .where(and(eq(courseStudents.courseId, courseId), eq(courseStudents.accountId, input.accountId)))
      // One award to a student at a time, so a second medal cannot slip past the check below.
      .for('update');
    if (!student) throw notFound('student');
    if (!student.creditAt) throw new AppError('AWARD_NEEDS_CREDIT');
    const points = input.kind === 'points' ? (input.points ?? 0) : 0;
    if (input.kind === 'medal') {
      const [held] = await tx
        .select({ id: courseAwards.id })
        .from(courseAwards)
        .where(and(eq(courseAwards.courseId, courseId), eq(courseAwards.accountId, input.accountId), eq(courseAwards.kind, 'medal')));
      if (held) throw new AppError('MEDAL_HELD');
    }
    const spent =
      input.kind === 'points'
        ? await tx
            .update(courses)
            .set({ bonusLeft: sql`${courses.bonusLeft} - ${points}` })
            .where(and(eq(courses.id, courseId), gte(courses.bonusLeft, points)))
            .returning({ left: courses.bonusLeft })
        : await tx
            .update(courses)
            .set({ medalsLeft: sql`${courses.medalsLeft} - 1` })
            .where(and(eq(courses.id, courseId), gte(courses.medalsLeft, 1)))
            .returning({ left: courses.medalsLeft });
    if (spent.length === 0) {
      const [c] = await tx.select({ bonusLeft: courses.bonusLeft, medalsLeft: courses.medalsLeft }).from(courses).where(eq(courses.id, courseId));
      throw new AppError('BUDGET_SPENT', { what: WHAT[input.kind], left: input.kind === 'points' ? c?.bonusLeft : c?.medalsLeft });
    }
    const [row] = await tx
      .insert(courseAwards)
      .values({ courseId, accountId: input.accountId, kind: input.kind, points, note: input.note || null, awardedBy: actor.accountId, createdAt: clock.now() })
      .returning({ id: courseAwards.id });
    return row?.id as number;
  });
}

/** The awards of a course, newest first, with what is left of both budgets. */
export async function listAwards(db: Tx, actor: Actor, courseId: number, q: z.infer<typeof zAwardQuery>): Promise<z.infer<typeof zAwardPage>> {
  const access = await findCourseFor(db, actor, courseId);
  requireStaff(access);
  const { limit, offset } = pageOffset(q);
  const giver = sql<string | null>`(select g.real_name from accounts g where g.id = ${courseAwards.awardedBy})`;
  const rows = await db
    .select({ a: courseAwards, studentName: accounts.realName, awardedBy: giver, total: sql<number>`count(*) over ()` })
    .from(courseAwards)
    .innerJoin(accounts, eq(accounts.id, courseAwards.accountId))
    .where(and(eq(courseAwards.courseId, courseId), q.accountId ? eq(courseAwards.accountId, q.accountId) : undefined))
    .orderBy(desc(courseAwards.id))
    .limit(limit)
    .offset(offset);
  const [c] = await db.select({ bonusLeft: courses.bonusLeft, medalsLeft: courses.medalsLeft }).from(courses).where(eq(courses.id, courseId));
  const page = toPage(rows, q, ({ a, studentName, awardedBy }) => ({
    id: a.id,
    accountId: a.accountId,
    studentName,
    kind: a.kind,
    points: a.points,
    note: a.note,
    awardedBy,
    createdAt: a.createdAt.toISOString(),
  }));
  return {
    ...page,
    bonusLeft: c?.bonusLeft ?? 0,
    medalsLeft: c?.medalsLeft ?? 0,
    bonusBudget: BONUS_POINTS_PER_COURSE,
    medalBudget: MEDALS_PER_COURSE,
  };
}

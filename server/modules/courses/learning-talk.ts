import { and, asc, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { MIN_REVIEW_CHARS, reviewChars } from '../../../common/courses.js';
import { type CourseReviewState, courseReviewMachine } from '../../../common/machines.js';
import type { Page } from '../../../common/schemas/common.js';
import type {
  StudentReview,
  Topic,
  TopicDetail,
  zStudentReviewDecision,
  zStudentReviewListQuery,
  zTopicInput,
  zTopicListQuery,
} from '../../../common/schemas/learning.js';
import { shanghaiDate } from '../../../common/training.js';
import type { Db, Tx } from '../../db/client.js';
import { accounts, courseReviews, lessons, topicReplies, topics } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import { applyTransition, findHistories } from '../../lib/review.js';
import type { Storage } from '../../lib/storage.js';
import type { Actor } from '../org/scope.js';
import { actorRef } from '../org/service.js';
import { isoOf, requireReader, settleCredit } from './learning.js';
import { presentImages, resolveImages } from './learning-files.js';
import { findLessonAccess, requireOpenLesson } from './learning-work.js';
import { type CourseAccess, findCourseFor, isLessonOpen, requireInstructor, requireInternetStudent } from './policy.js';

/** CRS-9 topics 话题 and CRS-10 course reviews 课程点评. */

const isStaff = (a: CourseAccess) => a.party === 'instructor' || a.party === 'reviewer';

// ---------------------------------------------------------------------------------------------
// CRS-9 topics

/**
 * Who may reply: the instructor, and internet students (seed 000: 网络学员 "只能看视频和文档不能参与互动";
 * replying 跟帖 is taking part).
 */
function canReply(access: CourseAccess): boolean {
  if (access.course.state === 'completed') return false;
  return access.party === 'instructor' || access.student?.kind === 'internet';
}

/** CRS-9: an internet student starts a topic on an open lesson: text required, images optional. */
export async function createTopic(db: Db, storage: Storage, clock: Clock, actor: Actor, lessonId: number, input: z.infer<typeof zTopicInput>): Promise<number> {
  const { lesson, access } = await findLessonAccess(db, actor, lessonId);
  requireInternetStudent(access);
  requireOpenLesson(access, lesson, shanghaiDate(clock.now()));
  const images = await resolveImages(storage, input.images);
  const [row] = await db
    .insert(topics)
    .values({ lessonId, courseId: lesson.courseId, accountId: actor.accountId, text: input.text, images, createdAt: clock.now() })
    .returning({ id: topics.id });
  return row?.id as number;
}

function selectTopics(db: Tx) {
  return db
    .select({
      t: topics,
      lessonTitle: lessons.title,
      lessonState: lessons.state,
      lessonDate: lessons.lessonDate,
      authorName: accounts.realName,
      replyCount: sql<number>`(select count(*)::int from topic_replies r where r.topic_id = ${topics.id})`,
      total: sql<number>`count(*) over ()`,
    })
    .from(topics)
    .innerJoin(lessons, eq(lessons.id, topics.lessonId))
    .innerJoin(accounts, eq(accounts.id, topics.accountId))
    .$dynamic();
}

type TopicRow = Awaited<ReturnType<typeof selectTopics>>[number];

function presentTopic(access: CourseAccess, r: TopicRow): Topic {
  return {
    id: r.t.id,
    courseId: r.t.courseId,
    lessonId: r.t.lessonId,
    lessonTitle: r.lessonTitle,
    accountId: r.t.accountId,
    authorName: r.authorName,
    text: r.t.text,
    images: presentImages(r.t.courseId, r.t.images),
    answeredAt: isoOf(r.t.answeredAt),
    replyCount: r.replyCount,
    createdAt: r.t.createdAt.toISOString(),
    can: { reply: canReply(access) },
  };
}

/** CRS-9 话题管理: topics of a course (a lesson's when asked), newest first; students see those of open lessons. */
export async function listTopics(db: Tx, clock: Clock, actor: Actor, courseId: number, q: z.infer<typeof zTopicListQuery>): Promise<Page<Topic>> {
  const access = await findCourseFor(db, actor, courseId);
  requireReader(access);
  const conds: (SQL | undefined)[] = [eq(topics.courseId, courseId)];
  if (!isStaff(access)) conds.push(eq(lessons.state, 'published'), sql`${lessons.lessonDate} <= ${shanghaiDate(clock.now())}`);
  if (q.lessonId) conds.push(eq(topics.lessonId, q.lessonId));
  if (q.answered === 'yes') conds.push(isNotNull(topics.answeredAt));
  if (q.answered === 'no') conds.push(isNull(topics.answeredAt));
  if (q.mine) conds.push(eq(topics.accountId, actor.accountId));
  const { limit, offset } = pageOffset(q);
  const rows = await selectTopics(db)
    .where(and(...conds))
    .orderBy(desc(topics.id))
    .limit(limit)
    .offset(offset);
  return toPage(rows, q, (r) => presentTopic(access, r));
}

/** A topic with its replies, oldest first. */
export async function getTopic(db: Tx, clock: Clock, actor: Actor, topicId: number): Promise<TopicDetail> {
  const [row] = await selectTopics(db).where(eq(topics.id, topicId));
  if (!row) throw notFound('topic');
  const access = await findCourseFor(db, actor, row.t.courseId);
  requireReader(access);
  if (!isStaff(access) && !isLessonOpen({ state: row.lessonState, lessonDate: row.lessonDate }, shanghaiDate(clock.now()))) {
    throw new AppError('LESSON_NOT_OPEN', { date: row.lessonDate });
  }
  const replies = await db
    .select({ r: topicReplies, authorName: accounts.realName })
    .from(topicReplies)
    .innerJoin(accounts, eq(accounts.id, topicReplies.accountId))
    .where(eq(topicReplies.topicId, topicId))
    .orderBy(asc(topicReplies.id));
  return {
    ...presentTopic(access, row),
    replies: replies.map(({ r, authorName }) => ({
      id: r.id,
      accountId: r.accountId,
      authorName,
      byInstructor: r.byInstructor,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/**
 * CRS-9: the instructor or an internet student replies. The instructor's first reply answers the
 * topic (答疑): it then scores 5 points for its author, which may complete their credit.
 */
export async function replyToTopic(db: Db, clock: Clock, actor: Actor, topicId: number, text: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [topic] = await tx.select().from(topics).where(eq(topics.id, topicId));
    if (!topic) throw notFound('topic');
    const access = await findCourseFor(tx, actor, topic.courseId);
    const [lesson] = await tx.select().from(lessons).where(eq(lessons.id, topic.lessonId));
    if (!lesson) throw notFound('lesson');
    const byInstructor = access.party === 'instructor';
    if (byInstructor) requireInstructor(access);
    else {
      requireInternetStudent(access);
      requireOpenLesson(access, lesson, shanghaiDate(clock.now()));
    }
    const now = clock.now();
    await tx.insert(topicReplies).values({ topicId, accountId: actor.accountId, byInstructor, text, createdAt: now });
    if (!byInstructor) return;
    const [answered] = await tx
      .update(topics)
      .set({ answeredAt: now })
      .where(and(eq(topics.id, topicId), isNull(topics.answeredAt)))
      .returning({ accountId: topics.accountId });
    if (answered) await settleCredit(tx, clock, topic.courseId, answered.accountId);
  });
}

// ---------------------------------------------------------------------------------------------
// CRS-10 course reviews

/**
 * CRS-10: an internet student writes a review of at least 100 characters. One standing review per
 * student (pending or approved); a rejected one may be written again. The unique index on standing
 * reviews settles a race between two tabs.
 */
export async function writeReview(db: Db, clock: Clock, actor: Actor, courseId: number, text: string): Promise<number> {
  const count = reviewChars(text);
  if (count < MIN_REVIEW_CHARS) throw new AppError('REVIEW_TOO_SHORT', { min: MIN_REVIEW_CHARS, count });
  return db.transaction(async (tx) => {
    requireInternetStudent(await findCourseFor(tx, actor, courseId));
    const [standing] = await tx
      .select({ id: courseReviews.id })
      .from(courseReviews)
      .where(and(eq(courseReviews.courseId, courseId), eq(courseReviews.accountId, actor.accountId), sql`${courseReviews.state} in ('pending', 'approved')`));
    if (standing) throw new AppError('REVIEW_EXISTS');
    const [row] = await tx
      .insert(courseReviews)
      .values({ courseId, accountId: actor.accountId, text: text.trim(), state: 'pending', createdAt: clock.now() })
      .returning({ id: courseReviews.id });
    const id = row?.id as number;
    // The machine's parties are those who act on a review; creating it names none, so `party` is not consulted here.
    await applyTransition(tx, courseReviewMachine, {
      subjectId: id,
      from: null,
      action: 'submit',
      party: 'instructor',
      actor: { ...actorRef(actor), role: 'student' },
    });
    return id;
  });
}

/** CRS-10 评价管理: the instructor approves or rejects (with a reason); an approval may complete the credit. */
export async function decideReview(db: Db, clock: Clock, actor: Actor, reviewId: number, input: z.infer<typeof zStudentReviewDecision>): Promise<void> {
  await db.transaction(async (tx) => {
    const [review] = await tx.select().from(courseReviews).where(eq(courseReviews.id, reviewId)).for('update');
    if (!review) throw notFound('courseReview');
    requireInstructor(await findCourseFor(tx, actor, review.courseId));
    const to = await applyTransition(tx, courseReviewMachine, {
      subjectId: reviewId,
      from: review.state,
      action: input.action,
      party: 'instructor',
      actor: actorRef(actor),
      reason: input.reason,
    });
    await tx.update(courseReviews).set({ state: to }).where(eq(courseReviews.id, reviewId));
    if (to === 'approved') await settleCredit(tx, clock, review.courseId, review.accountId);
  });
}

function reviewCan(access: CourseAccess, state: CourseReviewState) {
  const deciding = access.party === 'instructor' && access.course.state !== 'completed' && state === 'pending';
  return { approve: deciding, reject: deciding };
}

/**
 * CRS-10: reviews of a course. The instructor and reviewers see all; everyone else who can see the
 * course sees approved ones and their own.
 */
export async function listReviews(db: Tx, actor: Actor, courseId: number, q: z.infer<typeof zStudentReviewListQuery>): Promise<Page<StudentReview>> {
  const access = await findCourseFor(db, actor, courseId);
  const conds: SQL[] = [];
  if (q.state) conds.push(eq(courseReviews.state, q.state));
  if (q.mine) conds.push(eq(courseReviews.accountId, actor.accountId));
  return findReviews(db, actor, access, conds, q);
}

/** One review, as the list shows it. */
export async function getReview(db: Tx, actor: Actor, reviewId: number): Promise<StudentReview> {
  const [r] = await db.select({ courseId: courseReviews.courseId }).from(courseReviews).where(eq(courseReviews.id, reviewId));
  if (!r) throw notFound('courseReview');
  const access = await findCourseFor(db, actor, r.courseId);
  const [found] = (await findReviews(db, actor, access, [eq(courseReviews.id, reviewId)], { page: 1, pageSize: 1 })).items;
  if (!found) throw notFound('courseReview');
  return found;
}

async function findReviews(db: Tx, actor: Actor, access: CourseAccess, extra: SQL[], q: { page: number; pageSize: number }): Promise<Page<StudentReview>> {
  const conds: (SQL | undefined)[] = [eq(courseReviews.courseId, access.course.id), ...extra];
  if (!isStaff(access)) conds.push(sql`(${courseReviews.state} = 'approved' or ${courseReviews.accountId} = ${actor.accountId})`);
  const { limit, offset } = pageOffset(q);
  const rows = await db
    .select({ r: courseReviews, authorName: accounts.realName, total: sql<number>`count(*) over ()` })
    .from(courseReviews)
    .innerJoin(accounts, eq(accounts.id, courseReviews.accountId))
    .where(and(...conds))
    .orderBy(desc(courseReviews.id))
    .limit(limit)
    .offset(offset);
  const histories = await findHistories(
    db,
    courseReviewMachine.name,
    rows.map((r) => r.r.id),
  );
  return toPage(rows, q, ({ r, authorName }) => {
    const history = histories.get(r.id) ?? [];
    const rejection = r.state === 'rejected' ? [...history].reverse().find((h) => h.action === 'reject') : undefined;
    const ownOrStaff = isStaff(access) || r.accountId === actor.accountId;
    return {
      id: r.id,
      courseId: r.courseId,
      accountId: r.accountId,
      authorName,
      text: r.text,
      chars: reviewChars(r.text),
      state: r.state,
      reason: ownOrStaff ? (rejection?.reason ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      history: ownOrStaff ? history : [],
      can: reviewCan(access, r.state),
    };
  });
}

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudentKind } from '../../../common/courses.js';
import { shanghaiDate } from '../../../common/training.js';
import { testConfig } from '../../config.js';
import { courseStudents, courses, exercises, homework, ledgerEntries, lessonDocuments, lessonProgress, teacherYears, topics } from '../../db/schema.js';
import { type CourseFixture, publishedCourse } from '../../test/courses.js';
import type { Client, TestCtx } from '../../test/helpers.js';
import { createTestApp } from '../../test/helpers.js';
import { at, type Learner, schoolIdOf, teachersOf } from '../../test/training.js';
import { settleCredit, settleCredits } from './learning.js';

const YEAR_MS = 365 * 86_400_000;
const HOUR = 3_600_000;
let t: TestCtx;
let shenhe: Client;
/** A bureau admin: an account with no teacher record. */
let hangzhou: Client;
let hangzhouId: number;
/** Teachers of the demo school with a session each; each test enrols the ones it needs. */
let pool: Learner[];

beforeAll(async () => {
  t = await createTestApp({ sessionTtlMs: YEAR_MS });
  [shenhe, hangzhou] = await Promise.all([t.login('shenhe'), t.login('hangzhou')]);
  hangzhouId = (await t.account({ username: 'hangzhou' })).id;
  pool = await teachersOf(t, await schoolIdOf(t, 'school'), 8);
});
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const han = (n: number) => '课'.repeat(n);

type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [T, ...R]>;

/** Enrols `n` pool members from `from` on, directly (the enrolment route has its own test). */
async function enrolled<N extends number = 1>(fx: CourseFixture, kind: StudentKind, from: number, n: N = 1 as N): Promise<Tuple<Learner, N>> {
  const list = pool.slice(from, from + n);
  if (list.length < n) throw new Error('the pool is too small');
  for (const l of list) await t.db.insert(courseStudents).values({ courseId: fx.courseId, accountId: l.accountId, teacherId: l.id, kind });
  return list as Tuple<Learner, N>;
}

/** Simulates watching: the first `n` lessons' videos at `share` of their length (whole when 1). */
async function watch(fx: CourseFixture, accountId: number, n: number, share = 1, fromLesson = 0) {
  const duration = fx.segmentSeconds.reduce((a, b) => a + b, 0);
  for (let i = fromLesson; i < fromLesson + n; i++) {
    await t.db
      .insert(lessonProgress)
      .values({
        accountId,
        videoId: at(fx.videoIds, i),
        courseId: fx.courseId,
        segments: '1'.repeat(fx.segmentSeconds.length),
        watchedS: duration * share,
        whole: share >= 1,
      })
      .onConflictDoUpdate({
        target: [lessonProgress.accountId, lessonProgress.videoId],
        set: { watchedS: duration * share, whole: share >= 1 },
      });
  }
}

function exerciseBody(over: Record<string, unknown> = {}) {
  return { title: '练习一', deadline: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString(), content: '完成课后习题', ...over };
}

async function addExercise(fx: CourseFixture, lesson = 0, over: Record<string, unknown> = {}): Promise<number> {
  const res = await fx.instructor.post(`/api/lessons/${at(fx.lessonIds, lesson)}/exercises`, exerciseBody(over));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

async function submit(c: Client, exerciseId: number, text = '我的作业', images: unknown[] = []) {
  return c.post(`/api/exercises/${exerciseId}/homework`, { text, images });
}

async function grade(fx: CourseFixture, homeworkId: number, mark: string) {
  const res = await fx.instructor.post(`/api/homework/${homeworkId}/grade`, { mark });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** An excellent submission per exercise, through the API: `n` exercises on lessons 0..n-1. */
async function excellentHomework(fx: CourseFixture, student: Learner, n: number) {
  for (let i = 0; i < n; i++) {
    const ex = await addExercise(fx, i, { title: `优秀练习 ${i + 1}` });
    const h = await submit(student.client, ex);
    expect(h.statusCode, h.body).toBe(200);
    await grade(fx, h.json().id, 'excellent');
  }
}

async function approvedReview(fx: CourseFixture, c: Client) {
  const w = await c.post(`/api/courses/${fx.courseId}/student-reviews`, { text: han(100) });
  expect(w.statusCode, w.body).toBe(200);
  const a = await fx.instructor.post(`/api/student-reviews/${w.json().id}/review`, { action: 'approve' });
  expect(a.statusCode, a.body).toBe(200);
}

const score = async (c: Client, courseId: number, accountId?: number) => {
  const res = await c.get(`/api/courses/${courseId}/score${accountId ? `?accountId=${accountId}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const creditOf = async (courseId: number, accountId: number) =>
  (
    await t.db
      .select()
      .from(courseStudents)
      .where(and(eq(courseStudents.courseId, courseId), eq(courseStudents.accountId, accountId)))
  )[0]?.creditAt ?? null;
const ledgerOf = (courseId: number) =>
  t.db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.source, 'course'), eq(ledgerEntries.sourceId, courseId)));
const credit = (courseId: number, accountId: number) =>
  t.db
    .update(courseStudents)
    .set({ creditAt: t.clock.now() })
    .where(and(eq(courseStudents.courseId, courseId), eq(courseStudents.accountId, accountId)));
const complete = (fx: CourseFixture) => t.db.update(courses).set({ state: 'completed', completedAt: t.clock.now() }).where(eq(courses.id, fx.courseId));

describe('students (CRS-7)', () => {
  it('any logged-in account enrols in a published course as 网络学员, keeping its teacher record; enrolling again changes nothing', async () => {
    const fx = await publishedCourse(t);
    const a = at(pool, 0);
    const res = await a.client.post(`/api/courses/${fx.courseId}/enrolment`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ courseId: fx.courseId, accountId: a.accountId, kind: 'learner', creditAt: null });
    expect((await a.client.post(`/api/courses/${fx.courseId}/enrolment`)).statusCode).toBe(200);
    const bureau = await hangzhou.post(`/api/courses/${fx.courseId}/enrolment`);
    expect(bureau.statusCode, bureau.body).toBe(200);
    const rows = await t.db.select().from(courseStudents).where(eq(courseStudents.courseId, fx.courseId));
    expect(rows.map((r) => [r.accountId, r.teacherId, r.kind]).sort()).toEqual(
      [
        [a.accountId, a.id, 'learner'],
        [hangzhouId, null, 'learner'],
      ].sort(),
    );
    expect((await a.client.get(`/api/courses/${fx.courseId}/enrolment`)).json().kind).toBe('learner');
  });

  it('refuses enrolment in an unpublished course, in one’s own course and by nobody’s session', async () => {
    const fx = await publishedCourse(t);
    const own = await fx.instructor.post(`/api/courses/${fx.courseId}/enrolment`);
    expect(own.json().code).toBe('FORBIDDEN');
    // A reviewer reviews courses; they do not enrol in that role.
    expect((await shenhe.post(`/api/courses/${fx.courseId}/enrolment`)).json().code).toBe('FORBIDDEN');
    // A completed course is still listed but takes no one.
    await t.db.update(courses).set({ state: 'completed' }).where(eq(courses.id, fx.courseId));
    expect((await at(pool, 0).client.post(`/api/courses/${fx.courseId}/enrolment`)).json().code).toBe('COURSE_READ_ONLY');
    // Someone else's unpublished course does not exist for a teacher.
    await t.db.update(courses).set({ state: 'approved' }).where(eq(courses.id, fx.courseId));
    expect((await at(pool, 0).client.post(`/api/courses/${fx.courseId}/enrolment`)).statusCode).toBe(404);
    expect((await t.client().post(`/api/courses/${fx.courseId}/enrolment`)).statusCode).toBe(401);
  });

  it('the instructor lists students by kind with score and progress; students and visitors may not', async () => {
    const fx = await publishedCourse(t);
    const [s] = await enrolled(fx, 'internet', 0);
    await enrolled(fx, 'learner', 1, 2);
    await watch(fx, s.accountId, 3);
    const all = await fx.instructor.get(`/api/courses/${fx.courseId}/students`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ total: 3, internetPlaces: 100, internetStudents: 1, creditedStudents: 0 });
    const internet = (await fx.instructor.get(`/api/courses/${fx.courseId}/students?kind=internet`)).json();
    expect(internet.total).toBe(1);
    expect(internet.items[0]).toMatchObject({
      accountId: s.accountId,
      kind: 'internet',
      score: { video: 15, total: 15, progress: 0.25, reviewApproved: false, earnsCredit: false },
      can: { promote: false, demote: true, award: false },
    });
    const learners = (await fx.instructor.get(`/api/courses/${fx.courseId}/students?kind=learner&pageSize=1`)).json();
    expect(learners).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(learners.items[0].can).toEqual({ promote: true, demote: false, award: false });
    expect((await shenhe.get(`/api/courses/${fx.courseId}/students`)).statusCode).toBe(200);
    expect((await at(pool, 1).client.get(`/api/courses/${fx.courseId}/students`)).json().code).toBe('FORBIDDEN');
    expect((await at(pool, 5).client.get(`/api/courses/${fx.courseId}/students`)).json().code).toBe('FORBIDDEN');
  });

  it('promotes within the internet places (INTERNET_PLACES_FULL), demotes, and only the instructor does', async () => {
    const fx = await publishedCourse(t, { internetPlaces: 2 });
    const [a, b, c] = await enrolled(fx, 'learner', 0, 3);
    const setKind = (l: Learner, kind: string, who = fx.instructor) => who.put(`/api/courses/${fx.courseId}/students/${l.accountId}`, { kind });
    expect((await setKind(a, 'internet', at(pool, 1).client)).json().code).toBe('FORBIDDEN');
    expect((await setKind(a, 'internet', shenhe)).json().code).toBe('FORBIDDEN');
    const up = await setKind(a, 'internet');
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ kind: 'internet', can: { demote: true } });
    expect((await setKind(b, 'internet')).statusCode).toBe(200);
    const full = await setKind(c, 'internet');
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'INTERNET_PLACES_FULL', message: '互联网学生名额已满（2 人）' });
    expect((await setKind(b, 'learner')).json().kind).toBe('learner');
    expect((await setKind(c, 'internet')).statusCode).toBe(200);
    const bad = await setKind(c, 'teacher');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('学员身份');
    expect((await fx.instructor.put(`/api/courses/${fx.courseId}/students/${at(pool, 7).accountId}`, { kind: 'internet' })).statusCode).toBe(404);
  });

  it('two promotions racing for the last place: one wins', async () => {
    const fx = await publishedCourse(t, { internetPlaces: 1 });
    const [a, b] = await enrolled(fx, 'learner', 0, 2);
    const results = await Promise.all([a, b].map((l) => fx.instructor.put(`/api/courses/${fx.courseId}/students/${l.accountId}`, { kind: 'internet' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const internet = await t.db
      .select()
      .from(courseStudents)
      .where(and(eq(courseStudents.courseId, fx.courseId), eq(courseStudents.kind, 'internet')));
    expect(internet).toHaveLength(1);
  });

  it('a student who earned the credit keeps their status (STUDENT_CREDITED)', async () => {
    const fx = await publishedCourse(t);
    const [s] = await enrolled(fx, 'internet', 0);
    await credit(fx.courseId, s.accountId);
    const res = await fx.instructor.put(`/api/courses/${fx.courseId}/students/${s.accountId}`, { kind: 'learner' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'STUDENT_CREDITED', message: '该学员已获得本课程学分，身份不能再变更' });
    const list = (await fx.instructor.get(`/api/courses/${fx.courseId}/students`)).json();
    expect(list.items[0].can).toEqual({ promote: false, demote: false, award: true });
  });

  it('a completed course is read-only everywhere, and still readable', async () => {
    const fx = await publishedCourse(t);
    const [s] = await enrolled(fx, 'internet', 0);
    const [l] = await enrolled(fx, 'learner', 1);
    const ex = await addExercise(fx);
    const topic = await s.client.post(`/api/lessons/${at(fx.lessonIds, 0)}/topics`, { text: '一个问题' });
    expect(topic.statusCode, topic.body).toBe(200);
    await complete(fx);
    const refusals = [
      await at(pool, 5).client.post(`/api/courses/${fx.courseId}/enrolment`),
      await fx.instructor.put(`/api/courses/${fx.courseId}/students/${l.accountId}`, { kind: 'internet' }),
      await fx.instructor.post(`/api/lessons/${at(fx.lessonIds, 1)}/exercises`, exerciseBody()),
      await fx.instructor.put(`/api/exercises/${ex}`, exerciseBody()),
      await submit(s.client, ex),
      await s.client.post(`/api/lessons/${at(fx.lessonIds, 0)}/topics`, { text: '再问一个' }),
      await fx.instructor.post(`/api/topics/${topic.json().id}/replies`, { text: '答复' }),
      await s.client.post(`/api/courses/${fx.courseId}/student-reviews`, { text: han(120) }),
      await fx.instructor.post(`/api/courses/${fx.courseId}/awards`, { accountId: s.accountId, kind: 'medal' }),
      await s.client.request('POST', `/api/courses/${fx.courseId}/images`, PNG, { 'content-type': 'image/png' }),
    ];
    for (const r of refusals) {
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json()).toMatchObject({ code: 'COURSE_READ_ONLY', message: '课程已结课，只能查看，不能修改' });
    }
    expect((await fx.instructor.get(`/api/courses/${fx.courseId}/students`)).statusCode).toBe(200);
    const exercise = (await s.client.get(`/api/exercises/${ex}`)).json();
    expect(exercise.mine.blockedBy).toBe('COURSE_READ_ONLY');
    expect(exercise.can.submit).toBe(false);
  });
});

describe('exercises (CRS-6)', () => {
  it('the instructor adds an exercise with a new upload and a reused lesson document; edits and deletes it', async () => {
    const fx = await publishedCourse(t);
    const other = await publishedCourse(t);
    const [s] = await enrolled(fx, 'learner', 0);
    // A document of an earlier lesson, as the lesson-content page stores it.
    const docKey = `lesson-docs/${randomUUID()}.pdf`;
    fs.mkdirSync(path.join(testConfig().dataDir, 'files', 'lesson-docs'), { recursive: true });
    fs.writeFileSync(path.join(testConfig().dataDir, 'files', docKey), PDF);
    const [doc] = await t.db
      .insert(lessonDocuments)
      .values({ lessonId: at(fx.lessonIds, 0), fileKey: docKey, fileName: '讲义.pdf', size: PDF.length })
      .returning();
    const [foreign] = await t.db
      .insert(lessonDocuments)
      .values({ lessonId: at(other.lessonIds, 0), fileKey: docKey, fileName: '别的课.pdf', size: PDF.length })
      .returning();
    const reusable = (await fx.instructor.get(`/api/courses/${fx.courseId}/reusable-documents`)).json();
    expect(reusable).toEqual([{ id: doc?.id, lessonId: at(fx.lessonIds, 0), lessonTitle: '第 1 课时', fileName: '讲义.pdf', size: PDF.length }]);

    const upload = await fx.instructor.request('POST', `/api/lessons/${at(fx.lessonIds, 1)}/exercise-files`, PDF, {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent('习题.pdf'),
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const file = upload.json();
    expect(file).toMatchObject({ name: '习题.pdf', size: PDF.length });
    const notDoc = await fx.instructor.request('POST', `/api/lessons/${at(fx.lessonIds, 1)}/exercise-files`, Buffer.from('just some text here'), {
      'content-type': 'application/octet-stream',
    });
    expect(notDoc.json().code).toBe('FILE_TYPE_NOT_ALLOWED');

    const foreignDoc = await fx.instructor.post(`/api/lessons/${at(fx.lessonIds, 1)}/exercises`, exerciseBody({ attachments: [{ documentId: foreign?.id }] }));
    expect(foreignDoc.statusCode).toBe(400);
    expect(foreignDoc.json().message).toBe('学习资源：不存在');

    const created = await fx.instructor.post(
      `/api/lessons/${at(fx.lessonIds, 1)}/exercises`,
      exerciseBody({ attachments: [{ key: file.key, name: file.name }, { documentId: doc?.id }] }),
    );
    expect(created.statusCode, created.body).toBe(200);
    const ex = created.json();
    expect(ex).toMatchObject({ title: '练习一', allowLate: true, overdue: false, stats: { students: 0, ungraded: 0 }, mine: null });
    expect(ex.can).toEqual({ edit: true, delete: true, submit: false, grade: true });
    expect(ex.attachments.map((a: { name: string }) => a.name)).toEqual(['习题.pdf', '讲义.pdf']);

    // A learner sees it and downloads the attachment, but may not submit.
    const seen = (await s.client.get(`/api/courses/${fx.courseId}/exercises`)).json();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ mine: null, stats: null, can: { edit: false, submit: false } });
    const dl = await s.client.get(ex.attachments[1].url);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect((await at(pool, 5).client.get(ex.attachments[1].url)).json().code).toBe('NOT_ENROLLED');

    const edited = await fx.instructor.put(
      `/api/exercises/${ex.id}`,
      exerciseBody({ title: '练习一（修订）', allowLate: false, attachments: [{ key: ex.attachments[1].key, name: '讲义（新）.pdf' }] }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: '练习一（修订）', allowLate: false, attachments: [{ index: 0, name: '讲义（新）.pdf' }] });
    expect((await s.client.put(`/api/exercises/${ex.id}`, exerciseBody())).json().code).toBe('FORBIDDEN');
    expect((await s.client.request('DELETE', `/api/exercises/${ex.id}`)).json().code).toBe('FORBIDDEN');
    const del = await fx.instructor.request('DELETE', `/api/exercises/${ex.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await fx.instructor.get(`/api/exercises/${ex.id}`)).statusCode).toBe(404);
  });

  it('students see exercises once the lesson is open; visitors not at all', async () => {
    const fx = await publishedCourse(t, { lessonDayOffset: 1 });
    const [s] = await enrolled(fx, 'internet', 0);
    const ex = await addExercise(fx);
    expect((await fx.instructor.get(`/api/courses/${fx.courseId}/exercises`)).json()).toHaveLength(1);
    expect((await s.client.get(`/api/courses/${fx.courseId}/exercises`)).json()).toEqual([]);
    const closed = await s.client.get(`/api/exercises/${ex}`);
    expect(closed.statusCode).toBe(403);
    expect(closed.json().code).toBe('LESSON_NOT_OPEN');
    expect((await submit(s.client, ex)).json().code).toBe('LESSON_NOT_OPEN');
    expect((await at(pool, 5).client.get(`/api/courses/${fx.courseId}/exercises`)).json()).toMatchObject({
      code: 'NOT_ENROLLED',
      message: '请先报名学习本课程',
    });
    t.clock.advance(24 * HOUR);
    expect((await s.client.get(`/api/courses/${fx.courseId}/exercises?lessonId=${at(fx.lessonIds, 0)}`)).json()).toHaveLength(1);
    t.clock.advance(-24 * HOUR);
  });

  it('bad input gets a clear message in Chinese', async () => {
    const fx = await publishedCourse(t);
    const noTitle = await fx.instructor.post(`/api/lessons/${at(fx.lessonIds, 0)}/exercises`, exerciseBody({ title: ' ' }));
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '练习主题：必填' });
    const badDeadline = await fx.instructor.post(`/api/lessons/${at(fx.lessonIds, 0)}/exercises`, exerciseBody({ deadline: '明天' }));
    expect(badDeadline.json().message).toBe('截止时间：格式不正确');
    const [s] = await enrolled(fx, 'internet', 0);
    const ex = await addExercise(fx);
    const empty = await submit(s.client, ex, '');
    expect(empty.json().message).toBe('内容：必填');
    const h = (await submit(s.client, ex)).json();
    const badMark = await fx.instructor.post(`/api/homework/${h.id}/grade`, { mark: 'good' });
    expect(badMark.json().message).toContain('批改结果');
    const badPoints = await fx.instructor.post(`/api/courses/${fx.courseId}/awards`, { accountId: s.accountId, kind: 'points', points: 0 });
    expect(badPoints.json().message).toBe('分值：不能小于 1');
  });

  it('an exercise with submissions cannot be deleted', async () => {
    const fx = await publishedCourse(t);
    const [s] = await enrolled(fx, 'internet', 0);
    const ex = await addExercise(fx);
    expect((await submit(s.client, ex)).statusCode).toBe(200);
    const res = await fx.instructor.request('DELETE', `/api/exercises/${ex}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'EXERCISE_HAS_HOMEWORK', message: '该练习已有 1 份作业提交，不能删除' });
  });
});

describe('homework (CRS-8)', () => {
  it('only internet students submit; a learner and a visitor are told why', async () => {
    const fx = await publishedCourse(t);
    const [l] = await enrolled(fx, 'learner', 0);
    const ex = await addExercise(fx);
    const learner = await submit(l.client, ex);
    expect(learner.statusCode).toBe(403);
    expect(learner.json()).toMatchObject({ code: 'NOT_INTERNET_STUDENT', message: '只有互联网学生可以提交作业、发起话题和点评课程' });
    expect((await submit(at(pool, 5).client, ex)).json().code).toBe('NOT_ENROLLED');
    expect((await submit(fx.instructor, ex)).json().code).toBe('NOT_ENROLLED');
  });

  it('a new submission only after the previous one was marked failed, and never a fourth (001 Q12)', async () => {
    const fx = await publishedCourse(t);
    const [s, other] = await enrolled(fx, 'internet', 0, 2);
    const c = s.client;
    const ex = await addExercise(fx);
    const first = await submit(c, ex, '第一次');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ attempt: 1, latest: true, late: false, mark: null, can: { grade: false } });
    const open = await submit(c, ex, '又一次');
    expect(open.statusCode).toBe(409);
    expect(open.json()).toMatchObject({ code: 'SUBMISSION_OPEN', message: '上一次提交尚未批改或未被判定为不合格，暂不能再次提交' });
    expect((await other.client.post(`/api/homework/${first.json().id}/grade`, { mark: 'failed' })).json().code).toBe('FORBIDDEN');
    expect((await shenhe.post(`/api/homework/${first.json().id}/grade`, { mark: 'failed' })).json().code).toBe('FORBIDDEN');
    const passed = await fx.instructor.post(`/api/homework/${first.json().id}/grade`, { mark: 'passed', score: 80, comment: '不错' });
    expect(passed.json()).toMatchObject({ mark: 'passed', score: 80, comment: '不错', can: { grade: true } });
    expect((await submit(c, ex)).json().code).toBe('SUBMISSION_OPEN');
    await grade(fx, first.json().id, 'failed');
    const second = await submit(c, ex, '第二次');
    expect(second.json()).toMatchObject({ attempt: 2, latest: true });
    const stale = await fx.instructor.post(`/api/homework/${first.json().id}/grade`, { mark: 'excellent' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('SUBMISSION_SUPERSEDED');
    await grade(fx, second.json().id, 'failed');
    const third = await submit(c, ex, '第三次');
    expect(third.json().attempt).toBe(3);
    await grade(fx, third.json().id, 'failed');
    const fourth = await submit(c, ex, '第四次');
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json()).toMatchObject({ code: 'SUBMISSIONS_EXHAUSTED', message: '每个练习最多提交 3 次，您已用完' });
    const mine = (await c.get(`/api/exercises/${ex}`)).json();
    expect(mine.mine).toEqual({ used: 3, left: 0, lastMark: 'failed', blockedBy: 'SUBMISSIONS_EXHAUSTED' });

    // Lists: the student sees their own three, the instructor all, filtered.
    expect((await submit(other.client, ex)).statusCode).toBe(200);
    const own = (await c.get(`/api/courses/${fx.courseId}/homework`)).json();
    expect(own.total).toBe(3);
    expect(own.items.map((h: { attempt: number }) => h.attempt)).toEqual([3, 2, 1]);
    expect((await fx.instructor.get(`/api/courses/${fx.courseId}/homework?exerciseId=${ex}`)).json().total).toBe(4);
    const ungraded = (await fx.instructor.get(`/api/courses/${fx.courseId}/homework?mark=ungraded`)).json();
    expect(ungraded.items.map((h: { accountId: number }) => h.accountId)).toEqual([other.accountId]);
    expect((await fx.instructor.get(`/api/exercises/${ex}`)).json().stats).toEqual({ students: 2, ungraded: 1 });
    expect((await other.client.get(`/api/homework/${first.json().id}`)).statusCode).toBe(404);
  });

  it('after the deadline: accepted and marked late when allowed, refused otherwise', async () => {
    const fx = await publishedCourse(t);
    const [s] = await enrolled(fx, 'internet', 0);
    const past = new Date(t.clock.now().getTime() - HOUR).toISOString();
    const lenient = await addExercise(fx, 0, { deadline: past });
    const strict = await addExercise(fx, 0, { deadline: past, allowLate: false });
    const late = await submit(s.client, lenient);
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().late).toBe(true);
    const refused = await submit(s.client, strict);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'DEADLINE_PASSED', message: '已过截止时间，且不允许补交' });
    const ex = (await s.client.get(`/api/exercises/${strict}`)).json();
    expect(ex).toMatchObject({ overdue: true, mine: { blockedBy: 'DEADLINE_PASSED' }, can: { submit: false } });
  });

  it('images: JPG/PNG by content, size-limited, shown only to those who may see the submission', async () => {
    const fx = await publishedCourse(t);
    const [s, peer] = await enrolled(fx, 'internet', 0, 2);
    const [l] = await enrolled(fx, 'learner', 2);
    const up = (c: Client, body: Buffer, type = 'image/png') =>
      c.request('POST', `/api/courses/${fx.courseId}/images`, body, { 'content-type': type, 'x-file-name': encodeURIComponent('作业.png') });
    const fake = await up(s.client, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml');
    expect(fake.statusCode).toBe(400);
    expect(fake.json()).toMatchObject({ code: 'IMAGE_INVALID', message: '请上传 JPG 或 PNG 图片' });
    const big = await up(s.client, Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]));
    expect(big.json()).toMatchObject({ code: 'FILE_TOO_LARGE', message: '文件过大，最大 5 MB' });
    expect((await up(l.client, PNG)).json().code).toBe('NOT_INTERNET_STUDENT');
    const img = await up(s.client, PNG);
    expect(img.statusCode, img.body).toBe(200);
    expect(img.json()).toMatchObject({ name: '作业.png', size: PNG.length });
    const ex = await addExercise(fx);
    const missing = await submit(s.client, ex, '看图', [{ key: `course-images/${randomUUID()}.png` }]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe('图片：不存在');
    const h = await submit(s.client, ex, '看图', [{ key: img.json().key, name: '图一.png' }]);
    expect(h.statusCode, h.body).toBe(200);
    const url = h.json().images[0].url as string;
    expect(h.json().images[0]).toMatchObject({ name: '图一.png', size: PNG.length });
    for (const [c, status] of [
      [s.client, 200],
      [fx.instructor, 200],
      [shenhe, 200],
      [peer.client, 404],
      [at(pool, 5).client, 404],
    ] as const) {
      const res = await c.get(url);
      expect(res.statusCode, `${status}`).toBe(status);
      if (status === 200) expect(res.headers['content-type']).toBe('image/png');
    }
  });
});

describe('topics (CRS-9)', () => {
  it('internet students start topics; internet students and the instructor reply; the instructor’s first reply answers it', async () => {
    const fx = await publishedCourse(t);
    const [s, peer] = await enrolled(fx, 'internet', 0, 2);
    const [l] = await enrolled(fx, 'learner', 2);
    const lesson = at(fx.lessonIds, 0);
    expect((await l.client.post(`/api/lessons/${lesson}/topics`, { text: '问题' })).json().code).toBe('NOT_INTERNET_STUDENT');
    const empty = await s.client.post(`/api/lessons/${lesson}/topics`, { text: '  ' });
    expect(empty.json().message).toBe('内容：必填');
    const created = await s.client.post(`/api/lessons/${lesson}/topics`, { text: '这道题怎么做？' });
    expect(created.statusCode, created.body).toBe(200);
    const topic = created.json();
    expect(topic).toMatchObject({ lessonId: lesson, answeredAt: null, replyCount: 0, replies: [], can: { reply: true } });

    // A learner reads but does not take part (seed 000: 网络学员只能看视频和文档，不能参与互动).
    const read = (await l.client.get(`/api/courses/${fx.courseId}/topics`)).json();
    expect(read.total).toBe(1);
    expect(read.items[0].can.reply).toBe(false);
    expect((await l.client.post(`/api/topics/${topic.id}/replies`, { text: '我也想知道' })).json().code).toBe('NOT_INTERNET_STUDENT');
    expect((await at(pool, 5).client.get(`/api/topics/${topic.id}`)).json().code).toBe('NOT_ENROLLED');

    const peerReply = await peer.client.post(`/api/topics/${topic.id}/replies`, { text: '我觉得可以这样' });
    expect(peerReply.json()).toMatchObject({ answeredAt: null, replyCount: 1 });
    const answer = await fx.instructor.post(`/api/topics/${topic.id}/replies`, { text: '老师解答' });
    expect(answer.statusCode, answer.body).toBe(200);
    const answeredAt = answer.json().answeredAt;
    expect(answeredAt).toBe(t.clock.now().toISOString());
    expect(answer.json().replies.map((r: { byInstructor: boolean }) => r.byInstructor)).toEqual([false, true]);
    t.clock.advance(60_000);
    expect((await fx.instructor.post(`/api/topics/${topic.id}/replies`, { text: '补充' })).json().answeredAt).toBe(answeredAt);
    expect((await score(s.client, fx.courseId)).topics).toEqual({ count: 1, points: 5, per: 5, cap: 20 });
    expect((await fx.instructor.get(`/api/courses/${fx.courseId}/topics?answered=no`)).json().total).toBe(0);
    expect((await fx.instructor.get(`/api/courses/${fx.courseId}/topics?answered=yes&lessonId=${lesson}`)).json().total).toBe(1);
  });

  it('topics wait for the lesson to open', async () => {
    const fx = await publishedCourse(t, { lessonDayOffset: 2 });
    const [s] = await enrolled(fx, 'internet', 0);
    const res = await s.client.post(`/api/lessons/${at(fx.lessonIds, 0)}/topics`, { text: '提前提问' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('LESSON_NOT_OPEN');
  });
});

describe('course reviews (CRS-10)', () => {
  it('needs 100 characters (Chinese characters count one each, after trimming)', async () => {
    const fx = await publishedCourse(t);
    const [s] = await enrolled(fx, 'internet', 0);
    const [l] = await enrolled(fx, 'learner', 1);
    const url = `/api/courses/${fx.courseId}/student-reviews`;
    const short = await s.client.post(url, { text: `  ${han(99)}  ` });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'REVIEW_TOO_SHORT', message: '课程点评至少 100 个字，当前 99 个字' });
    expect((await l.client.post(url, { text: han(100) })).json().code).toBe('NOT_INTERNET_STUDENT');
    const ok = await s.client.post(url, { text: han(100) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'pending', chars: 100, reason: null, can: { approve: false, reject: false } });
  });

  it('one standing review; the instructor approves or rejects with a reason; a rejected one may be rewritten', async () => {
    const fx = await publishedCourse(t);
    const [s, peer] = await enrolled(fx, 'internet', 0, 2);
    const url = `/api/courses/${fx.courseId}/student-reviews`;
    const first = (await s.client.post(url, { text: han(100) })).json();
    const again = await s.client.post(url, { text: han(150) });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'REVIEW_EXISTS', message: '您已点评过本课程' });
    expect((await s.client.post(`/api/student-reviews/${first.id}/review`, { action: 'approve' })).json().code).toBe('FORBIDDEN');
    const noReason = await fx.instructor.post(`/api/student-reviews/${first.id}/review`, { action: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toBe('审核意见：必填');
    const rejected = await fx.instructor.post(`/api/student-reviews/${first.id}/review`, { action: 'reject', reason: '请结合学习体会' });
    expect(rejected.json()).toMatchObject({ state: 'rejected', reason: '请结合学习体会' });
    expect((await fx.instructor.post(`/api/student-reviews/${first.id}/review`, { action: 'approve' })).json().code).toBe('INVALID_STATE');
    const rewritten = await s.client.post(url, { text: han(110) });
    expect(rewritten.statusCode, rewritten.body).toBe(200);
    const approved = await fx.instructor.post(`/api/student-reviews/${rewritten.json().id}/review`, { action: 'approve' });
    expect(approved.json()).toMatchObject({ state: 'approved', history: [{ action: 'submit' }, { action: 'approve' }] });
    expect((await s.client.post(url, { text: han(100) })).json().code).toBe('REVIEW_EXISTS');
    expect((await score(s.client, fx.courseId)).reviewState).toBe('approved');

    // Others see approved reviews only; the instructor sees all.
    const pending = (await peer.client.post(url, { text: han(100) })).json();
    const seen = (await at(pool, 5).client.get(url)).json();
    expect(seen.items.map((r: { id: number }) => r.id)).toEqual([rewritten.json().id]);
    expect(seen.items[0].history).toEqual([]);
    expect((await fx.instructor.get(`${url}?state=pending`)).json().items.map((r: { id: number }) => r.id)).toEqual([pending.id]);
    expect((await fx.instructor.get(url)).json().total).toBe(3);
  });
});

describe('scoring and the system credit (CRS-11)', () => {
  it('caps each part: 10 whole videos are still 40, three excellent exercises 40, five answered topics 20', async () => {
    const fx = await publishedCourse(t);
    const [s] = await enrolled(fx, 'internet', 0);
    const id = s.accountId;
    await watch(fx, id, 10);
    await watch(fx, id, 1, 0.5, 10);
    for (let i = 0; i < 3; i++) {
      const [ex] = await t.db
        .insert(exercises)
        .values({ lessonId: at(fx.lessonIds, i), title: `练习 ${i}`, deadline: t.clock.now(), content: '内容' })
        .returning();
      await t.db.insert(homework).values({ exerciseId: ex?.id ?? 0, accountId: id, text: '作业', mark: 'failed' });
      await t.db.insert(homework).values({ exerciseId: ex?.id ?? 0, accountId: id, text: '作业', mark: 'excellent' });
    }
    for (let i = 0; i < 5; i++) {
      await t.db.insert(topics).values({ lessonId: at(fx.lessonIds, i), courseId: fx.courseId, accountId: id, text: '话题', answeredAt: t.clock.now() });
    }
    await t.db.insert(topics).values({ lessonId: at(fx.lessonIds, 0), courseId: fx.courseId, accountId: id, text: '没人回复' });
    const sheet = await score(s.client, fx.courseId);
    expect(sheet).toMatchObject({
      video: { count: 10, points: 40, per: 5, cap: 40 },
      homework: { count: 3, points: 40, per: 20, cap: 40 },
      topics: { count: 5, points: 20, per: 5, cap: 20 },
      total: 100,
      creditPoints: 60,
      creditProgress: 0.5,
      publishedLessons: 12,
      reviewState: 'none',
      earnsCredit: false,
      missing: ['review'],
      creditAt: null,
    });
    expect(sheet.progress).toBeCloseTo(10.5 / 12, 5);
    // The instructor reads the same sheet; another student may not.
    expect((await score(fx.instructor, fx.courseId, id)).total).toBe(100);
    const [peer] = await enrolled(fx, 'internet', 1);
    expect((await peer.client.get(`/api/courses/${fx.courseId}/score?accountId=${id}`)).json().code).toBe('FORBIDDEN');
    expect((await at(pool, 5).client.get(`/api/courses/${fx.courseId}/score`)).json().code).toBe('NOT_ENROLLED');
  });

  it('the credit needs an approved review: 60 points alone earn nothing; the approval grants it and writes the ledger once', async () => {
    const fx = await publishedCourse(t);
    const [s] = await enrolled(fx, 'internet', 0);
    const id = s.accountId;
    await watch(fx, id, 8);
    await excellentHomework(fx, s, 1);
    const before = await score(s.client, fx.courseId);
    expect(before).toMatchObject({ total: 60, missing: ['review'], earnsCredit: false });
    expect(await creditOf(fx.courseId, id)).toBeNull();
    const [yearBefore] = await t.db
      .select()
      .from(teacherYears)
      .where(and(eq(teacherYears.teacherId, s.id), eq(teacherYears.year, Number(shanghaiDate(t.clock.now()).slice(0, 4)))));
    await approvedReview(fx, s.client);
    expect(await creditOf(fx.courseId, id)).not.toBeNull();
    const after = await score(s.client, fx.courseId);
    expect(after).toMatchObject({ earnsCredit: true, missing: [], reviewState: 'approved' });
    const entries = await ledgerOf(fx.courseId);
    const [course] = await t.db.select().from(courses).where(eq(courses.id, fx.courseId));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      teacherId: s.id,
      hours: 1,
      category: 'elective',
      source: 'course',
      sourceId: fx.courseId,
      title: course?.name,
      year: Number(shanghaiDate(t.clock.now()).slice(0, 4)),
    });
    const [yearAfter] = await t.db
      .select()
      .from(teacherYears)
      .where(and(eq(teacherYears.teacherId, s.id), eq(teacherYears.year, entries[0]?.year ?? 0)));
    expect(Number(yearAfter?.electiveHours) - Number(yearBefore?.electiveHours ?? 0)).toBe(1);

    // Later scoring events, and settling again, change nothing.
    await excellentHomework(fx, s, 2);
    expect(await settleCredits(t.db, t.clock, [{ courseId: fx.courseId, accountId: id }])).toBe(0);
    expect(await ledgerOf(fx.courseId)).toHaveLength(1);
    const listed = (await fx.instructor.get(`/api/courses/${fx.courseId}/students?credited=yes`)).json();
    expect(listed).toMatchObject({ total: 1, creditedStudents: 1 });
    expect(listed.items[0].score.earnsCredit).toBe(true);
  });

  it('the credit needs 50 % progress; a flush of watched videos settles it (settleCredits)', async () => {
    const fx = await publishedCourse(t);
    const [s] = await enrolled(fx, 'internet', 0);
    const id = s.accountId;
    await watch(fx, id, 4);
    await excellentHomework(fx, s, 2);
    await approvedReview(fx, s.client);
    const sheet = await score(s.client, fx.courseId);
    expect(sheet).toMatchObject({ total: 60, missing: ['progress'], earnsCredit: false });
    expect(sheet.progress).toBeCloseTo(4 / 12, 5);
    // Four more lessons half watched: (4 + 4 × 0.5) / 12 = 50 %.
    await watch(fx, id, 4, 0.5, 4);
    expect(await settleCredits(t.db, t.clock, [{ courseId: fx.courseId, accountId: id }])).toBe(1);
    expect(await creditOf(fx.courseId, id)).not.toBeNull();
    expect(await ledgerOf(fx.courseId)).toHaveLength(1);
  });

  it('concurrent settlements write one ledger entry', async () => {
    const fx = await publishedCourse(t);
    const [s] = await enrolled(fx, 'internet', 0);
    const id = s.accountId;
    await watch(fx, id, 12);
    await approvedReview(fx, s.client);
    await t.db
      .insert(topics)
      .values([0, 1, 2, 3].map((i) => ({ lessonId: at(fx.lessonIds, i), courseId: fx.courseId, accountId: id, text: '话题', answeredAt: t.clock.now() })));
    expect(await creditOf(fx.courseId, id)).toBeNull();
    const results = await Promise.all(Array.from({ length: 4 }, () => t.db.transaction((tx) => settleCredit(tx, t.clock, fx.courseId, id))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await ledgerOf(fx.courseId)).toHaveLength(1);
  });

  it('an account with no teacher record earns the credit without a ledger entry', async () => {
    const fx = await publishedCourse(t);
    expect((await hangzhou.post(`/api/courses/${fx.courseId}/enrolment`)).statusCode).toBe(200);
    expect((await fx.instructor.put(`/api/courses/${fx.courseId}/students/${hangzhouId}`, { kind: 'internet' })).statusCode).toBe(200);
    await watch(fx, hangzhouId, 8);
    const ex = await addExercise(fx);
    const h = await submit(hangzhou, ex);
    expect(h.statusCode, h.body).toBe(200);
    await grade(fx, h.json().id, 'excellent');
    await approvedReview(fx, hangzhou);
    expect(await creditOf(fx.courseId, hangzhouId)).not.toBeNull();
    expect(await ledgerOf(fx.courseId)).toHaveLength(0);
  });

  it('the instructor sees per-lesson progress (students × lessons); students may not', async () => {
    const fx = await publishedCourse(t, { lessons: 12 });
    const [a, b] = await enrolled(fx, 'internet', 0, 2);
    await watch(fx, a.accountId, 2);
    await watch(fx, a.accountId, 1, 0.25, 2);
    const res = await fx.instructor.get(`/api/courses/${fx.courseId}/progress`);
    expect(res.statusCode, res.body).toBe(200);
    const grid = res.json();
    expect(grid.lessons).toHaveLength(12);
    expect(grid.total).toBe(2);
    const rowA = grid.items.find((r: { accountId: number }) => r.accountId === a.accountId);
    expect(rowA.cells.slice(0, 4)).toEqual([
      { lessonId: at(fx.lessonIds, 0), fraction: 1, whole: true },
      { lessonId: at(fx.lessonIds, 1), fraction: 1, whole: true },
      { lessonId: at(fx.lessonIds, 2), fraction: 0.25, whole: false },
      { lessonId: at(fx.lessonIds, 3), fraction: 0, whole: false },
    ]);
    expect(rowA).toMatchObject({ wholeVideos: 2 });
    expect(rowA.progress).toBeCloseTo(2.25 / 12, 5);
    expect(grid.items.find((r: { accountId: number }) => r.accountId === b.accountId).progress).toBe(0);
    expect((await a.client.get(`/api/courses/${fx.courseId}/progress`)).json().code).toBe('FORBIDDEN');
  });
});

describe('bonus points and medals (CRS-12)', () => {
  it('go only to credited students, are shown apart from the score, and only the instructor gives them', async () => {
    const fx = await publishedCourse(t);
    const [s, c] = await enrolled(fx, 'internet', 0, 2);
    const award = (body: Record<string, unknown>, who = fx.instructor) => who.post(`/api/courses/${fx.courseId}/awards`, body);
    const early = await award({ accountId: s.accountId, kind: 'points', points: 10 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'AWARD_NEEDS_CREDIT', message: '只能给已获得系统学分的学员赋分或授勋' });
    await credit(fx.courseId, c.accountId);
    expect((await award({ accountId: c.accountId, kind: 'points', points: 10 }, c.client)).json().code).toBe('FORBIDDEN');
    expect((await award({ accountId: c.accountId, kind: 'points' })).json().message).toBe('分值：必填');
    const given = await award({ accountId: c.accountId, kind: 'points', points: 10, note: '优秀讨论' });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({ bonusLeft: 90, medalsLeft: 5, bonusBudget: 100, medalBudget: 5, total: 1 });
    expect(given.json().items[0]).toMatchObject({ accountId: c.accountId, kind: 'points', points: 10, note: '优秀讨论' });
    const sheet = await score(c.client, fx.courseId);
    expect(sheet).toMatchObject({ bonusPoints: 10, total: 0 });
    expect((await c.client.get(`/api/courses/${fx.courseId}/awards`)).json().code).toBe('FORBIDDEN');
  });

  it('a budget of 100 points: spent, none is left, also under concurrent awards', async () => {
    const fx = await publishedCourse(t);
    const students = await enrolled(fx, 'internet', 0, 5);
    for (const s of students) await credit(fx.courseId, s.accountId);
    const results = await Promise.all(
      students.map((s) => fx.instructor.post(`/api/courses/${fx.courseId}/awards`, { accountId: s.accountId, kind: 'points', points: 30 })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3);
    const refused = results.filter((r) => r.statusCode !== 200);
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(r.json().code).toBe('BUDGET_SPENT');
    const [course] = await t.db.select().from(courses).where(eq(courses.id, fx.courseId));
    expect(course?.bonusLeft).toBe(10);
    const over = await fx.instructor.post(`/api/courses/${fx.courseId}/awards`, { accountId: at(students, 0).accountId, kind: 'points', points: 11 });
    expect(over.json()).toMatchObject({ code: 'BUDGET_SPENT', message: '本课程的赋分额度已用完（剩余 10）' });
    expect(
      (await fx.instructor.post(`/api/courses/${fx.courseId}/awards`, { accountId: at(students, 0).accountId, kind: 'points', points: 10 })).statusCode,
    ).toBe(200);
    const none = await fx.instructor.post(`/api/courses/${fx.courseId}/awards`, { accountId: at(students, 0).accountId, kind: 'points', points: 1 });
    expect(none.json()).toMatchObject({ code: 'BUDGET_SPENT', message: '本课程的赋分额度已用完（剩余 0）' });
    const list = (await fx.instructor.get(`/api/courses/${fx.courseId}/awards?pageSize=2`)).json();
    expect(list).toMatchObject({ total: 4, bonusLeft: 0, pageSize: 2 });
    expect(list.items).toHaveLength(2);
  });

  it('five medals, one per student: the sixth is refused', async () => {
    const fx = await publishedCourse(t);
    const students = await enrolled(fx, 'internet', 0, 6);
    for (const s of students) await credit(fx.courseId, s.accountId);
    const medal = (s: Learner) => fx.instructor.post(`/api/courses/${fx.courseId}/awards`, { accountId: s.accountId, kind: 'medal' });
    expect((await medal(at(students, 0))).statusCode).toBe(200);
    expect((await medal(at(students, 0))).json()).toMatchObject({ code: 'MEDAL_HELD', message: '该学员已获得本课程的勋章' });
    for (const s of students.slice(1, 5)) expect((await medal(s)).statusCode).toBe(200);
    const sixth = await medal(at(students, 5));
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json()).toMatchObject({ code: 'BUDGET_SPENT', message: '本课程的勋章已用完（剩余 0）' });
    expect((await score(at(students, 1).client, fx.courseId)).medals).toBe(1);
  });
});

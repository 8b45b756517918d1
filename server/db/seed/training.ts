import { and, asc, eq, inArray } from 'drizzle-orm';
import { addDays, shanghaiDate } from '../../../common/training.js';
import { manualClock } from '../../lib/clock.js';
import type { Storage } from '../../lib/storage.js';
import { evaluate, recordAttendance, recordGrades } from '../../modules/delivery/service.js';
import { actOnEnrolment, enrol, findEnrollingTeacher } from '../../modules/enrolment/service.js';
import { type Actor, scopeOf } from '../../modules/org/scope.js';
import { actOnProject, createProject, uploadPlan } from '../../modules/projects/service.js';
import type { Db } from '../client.js';
import { accountRoles, accounts, classPeriods, enrolments, teachers, trainingYears } from '../schema.js';

const META = { ip: null, userAgent: 'seed' };

/** A one-page PDF standing in for a training plan (培训方案). */
export const DEMO_PLAN_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** The actor of a seeded account's first identity (the seed acts through the services, as users would). */
async function actorFor(db: Db, where: { username?: string; accountId?: number }): Promise<Actor> {
  const [row] = await db
    .select({ a: accounts, r: accountRoles })
    .from(accounts)
    .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(where.username ? eq(accounts.username, where.username) : eq(accounts.id, where.accountId ?? 0))
    .orderBy(asc(accountRoles.id))
    .limit(1);
  if (!row) throw new Error(`seed: no account ${JSON.stringify(where)}`);
  const role = { id: row.r.id, role: row.r.role, regionCode: row.r.regionCode, institutionId: row.r.institutionId, schoolId: row.r.schoolId };
  return {
    sessionId: 'seed',
    accountId: row.a.id,
    realName: row.a.realName,
    username: row.a.username,
    shixunNo: row.a.shixunNo,
    mobile: row.a.mobile,
    idNumber: row.a.idNumber,
    language: 'zh-CN',
    mustChangePassword: false,
    csrfToken: '',
    reverifiedUntil: null,
    role,
    scope: scopeOf(role),
  };
}

/**
 * A training year in progress (issue 4 demo): round 1 closed a month ago and round 2 is open;
 * projects in every state; an oversubscribed class awaiting its lottery; a finished class with
 * attendance, grades and evaluations (one overdue, one still owed); the demo teacher, refused by
 * an institution in round 1, may take part in round 2. The year is replayed through the services
 * with a hand-moved clock, so counters, history and notifications are what real use leaves.
 */
export async function seedTraining(db: Db, storage: Storage, today: Date = new Date()) {
  const T = shanghaiDate(today);
  const at = (days: number) => new Date(`${addDays(T, days)}T02:00:00Z`);
  const clock = manualClock(at(-46));
  const deps = { db, clock };
  const year = Number(T.slice(0, 4));
  await db.insert(trainingYears).values({
    year,
    isCurrent: true,
    round1Start: addDays(T, -45),
    round1End: addDays(T, -30),
    round2Start: addDays(T, -3),
    round2End: addDays(T, 10),
    evaluationDays: 10,
    hourCap: 90,
  });
  const [province, hangzhou, xihu, peixun, jinxiu, school, school2, teacher] = await Promise.all(
    ['province', 'hangzhou', 'xihu', 'peixun', 'jinxiu', 'school', 'school2', 'teacher'].map((username) => actorFor(db, { username })),
  );
  if (!province || !hangzhou || !xihu || !peixun || !jinxiu || !school || !school2 || !teacher) throw new Error('seed: demo admins missing');

  const declare = async (
    by: Actor,
    p: { name: string; regions: string[]; hours: number; classes: [number, number, number][]; category?: 'self_selected' | 'provincial'; desc: string },
  ) => {
    const id = await createProject(
      db,
      by,
      {
        name: p.name,
        category: p.category ?? 'self_selected',
        targetRegions: p.regions,
        stages: [],
        subjects: [],
        posts: [],
        hours: p.hours,
        hourCategory: 'professional',
        mode: 'face',
        feeFen: 0,
        description: p.desc,
        minClassSize: null,
        classes: p.classes.map(([start, days, capacity], i) => ({
          startDate: addDays(T, start),
          endDate: addDays(T, start + days - 1),
          place: i % 2 ? '杭州市西湖区古墩路 57 号 报告厅' : '杭州市西湖区文三路 8 号 302 教室',
          capacity,
          checkpointLevel: null,
        })),
      },
      META,
    );
    await uploadPlan(db, storage, by, id, DEMO_PLAN_PDF, `${p.name}培训方案.pdf`, clock.now());
    return id;
  };
  const act = (by: Actor, id: number, action: 'submit' | 'approve' | 'reject', reason?: string) => actOnProject(db, by, id, action, reason, clock.now(), META);
  const classesOf = async (projectId: number) => db.select().from(classPeriods).where(eq(classPeriods.projectId, projectId)).orderBy(asc(classPeriods.seq));

  const p1 = await declare(peixun, {
    name: '初中数学核心素养课堂教学实践',
    regions: ['330100'],
    hours: 24,
    classes: [
      [20, 3, 5],
      [40, 3, 30],
    ],
    desc: '围绕核心素养开展课例研讨与实践。',
  });
  const p2 = await declare(jinxiu, {
    name: '小学语文整本书阅读教学',
    regions: ['330106'],
    hours: 16,
    classes: [[-20, 5, 10]],
    desc: '整本书阅读的课堂组织与评价。',
  });
  const p6 = await declare(peixun, {
    name: '中小学班主任工作能力提升',
    regions: ['330100'],
    hours: 12,
    classes: [[15, 2, 40]],
    desc: '班级管理、家校沟通与学生心理支持。',
  });
  const p3 = await declare(jinxiu, {
    name: '信息技术与学科教学融合',
    regions: ['330106'],
    hours: 8,
    classes: [[30, 1, 50]],
    desc: '数字化教学工具在课堂中的应用。',
  });
  const p4 = await declare(jinxiu, {
    name: '幼儿园游戏活动设计',
    regions: ['330106'],
    hours: 10,
    classes: [[35, 2, 30]],
    desc: '游戏化学习活动的设计与观察。',
  });
  await declare(peixun, { name: '高中物理实验教学创新', regions: ['330100', '330200'], hours: 18, classes: [[45, 3, 40]], desc: '（草稿）' });
  for (const id of [p1, p2, p6, p3, p4]) await act(id === p1 || id === p6 ? peixun : jinxiu, id, 'submit');
  await act(hangzhou, p1, 'approve');
  await act(hangzhou, p6, 'approve');
  await act(xihu, p2, 'approve');
  await act(xihu, p4, 'reject', '培训方案中缺少考核方式，请补充后重新提交');

  // Round 1: enrolments, school reviews, the institution's re-review of the finished class.
  clock.set(at(-44));
  const xihuSchoolId = school.role.schoolId as number;
  const yuhangSchoolId = school2.role.schoolId as number;
  const staff = async (schoolId: number) =>
    db
      .select({ id: teachers.id, accountId: teachers.accountId })
      .from(teachers)
      .where(and(eq(teachers.schoolId, schoolId), eq(teachers.status, 'in_service'), eq(teachers.specialUser, false)))
      .orderBy(asc(teachers.id));
  const xihuStaff = (await staff(xihuSchoolId)).filter((t) => t.accountId !== teacher.accountId);
  const yuhangStaff = await staff(yuhangSchoolId);
  const [p1a] = await classesOf(p1);
  const [p2a] = await classesOf(p2);
  if (!p1a || !p2a) throw new Error('seed: classes missing');
  const enrolAs = async (t: { id: number; accountId: number }, classId: number) => {
    const who = await findEnrollingTeacher(db, eq(teachers.id, t.id));
    if (!who) throw new Error('seed: teacher missing');
    const actor = { ...teacher, accountId: t.accountId, realName: who.name };
    return (await enrol(deps, actor, who, classId)).id;
  };
  const p1Enrolments = [];
  for (const t of [...xihuStaff.slice(2, 6), ...yuhangStaff.slice(2, 6)]) p1Enrolments.push(await enrolAs(t, p1a.id));
  const p2Teachers = xihuStaff.slice(6, 12);
  const p2Enrolments = [];
  for (const t of p2Teachers) p2Enrolments.push(await enrolAs(t, p2a.id));
  const [me] = await db.select({ id: teachers.id, accountId: teachers.accountId }).from(teachers).where(eq(teachers.accountId, teacher.accountId));
  if (!me) throw new Error('seed: demo teacher missing');
  const mine = await enrolAs(me, p2a.id);

  clock.set(at(-43));
  for (const id of [...p1Enrolments, ...p2Enrolments, mine]) {
    const [e] = await db.select({ schoolId: enrolments.schoolId }).from(enrolments).where(eq(enrolments.id, id));
    await actOnEnrolment(deps, e?.schoolId === yuhangSchoolId ? school2 : school, id, 'approve', undefined);
  }
  clock.set(at(-28)); // round 1 has closed: the institution re-reviews
  for (const id of p2Enrolments) await actOnEnrolment(deps, jinxiu, id, 'admit', undefined);
  await actOnEnrolment(deps, jinxiu, mine, 'reject', '本期名额已满，请关注二轮补报');

  // The finished class: attendance by list, grades, evaluations (on time, overdue, one owed).
  clock.set(at(-15));
  const days = [0, 1, 2, 3, 4].map((d) => addDays(p2a.startDate, d));
  for (const [i, day] of days.entries()) await recordAttendance(db, jinxiu, p2a.id, day, p2Enrolments.slice(0, i === 2 ? 5 : 6));
  await recordGrades(
    deps,
    jinxiu,
    p2a.id,
    p2Enrolments.map((id, i) => ({ enrolmentId: id, result: i === 5 ? ('fail' as const) : ('pass' as const), score: i === 5 ? 52 : 80 + i * 3 })),
    META,
  );
  const evaluators = await db
    .select({ id: enrolments.id, accountId: teachers.accountId })
    .from(enrolments)
    .innerJoin(teachers, eq(teachers.id, enrolments.teacherId))
    .where(inArray(enrolments.id, p2Enrolments));
  const comments = ['案例贴近课堂，收获很大', '希望增加课堂观摩环节', '', '专家讲解清晰，作业设计有启发'];
  for (const [i, e] of evaluators.slice(0, 4).entries()) {
    await evaluate(deps, { ...teacher, accountId: e.accountId }, e.id, {
      scores: { content: 5 - (i % 2), teaching: 5, organisation: 4, effect: 4 + (i % 2) },
      comment: comments[i] ?? '',
    });
  }
  clock.set(at(-3));
  const late = evaluators[4];
  if (late)
    await evaluate(deps, { ...teacher, accountId: late.accountId }, late.id, {
      scores: { content: 3, teaching: 4, organisation: 3, effect: 3 },
      comment: '时间安排偏紧',
    });
}

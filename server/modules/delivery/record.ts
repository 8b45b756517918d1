import { and, asc, eq, inArray } from 'drizzle-orm';
import { roundHours, shanghaiDate } from '../../../common/training.js';
import type { Db } from '../../db/client.js';
import { accounts, classPeriods, enrolments, institutions, projects, schools, teachers } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { renderLearningProof } from '../../lib/pdf.js';
import { findLedger, findTeacherYears, standingBySource } from '../ledger/service.js';
import type { Actor } from '../org/scope.js';
import { getTeacher } from '../teachers/service.js';

const CATEGORY_ZH = { public: '公需科目', professional: '专业科目', elective: '个人选修' } as const;

/** The teacher whose record an actor reads: themselves, or a teacher in an admin's scope. */
export async function recordTeacherId(db: Db, actor: Actor, teacherId: number | 'me'): Promise<number> {
  if (teacherId !== 'me') return (await getTeacher(db, actor, teacherId)).id;
  const [t] = await db.select({ id: teachers.id }).from(teachers).where(eq(teachers.accountId, actor.accountId));
  if (!t) throw notFound('teacher');
  return t.id;
}

/** Who the teacher is, the trainings attended, the ledger and the year totals, read together. */
async function loadRecord(db: Db, teacherId: number) {
  const [who] = await db
    .select({ name: accounts.realName, shixunNo: accounts.shixunNo, idNumber: accounts.idNumber, gender: teachers.gender, schoolName: schools.name })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .leftJoin(schools, eq(schools.id, teachers.schoolId))
    .where(eq(teachers.id, teacherId));
  if (!who) throw notFound('teacher');
  const [trainings, ledger, years] = await Promise.all([
    db
      .select({ e: enrolments, cls: classPeriods, projectName: projects.name, category: projects.hourCategory, institutionName: institutions.name })
      .from(enrolments)
      .innerJoin(classPeriods, eq(classPeriods.id, enrolments.classId))
      .innerJoin(projects, eq(projects.id, classPeriods.projectId))
      .innerJoin(institutions, eq(institutions.id, projects.institutionId))
      .where(and(eq(enrolments.teacherId, teacherId), inArray(enrolments.state, ['admitted'])))
      .orderBy(asc(classPeriods.startDate)),
    findLedger(db, teacherId),
    findTeacherYears(db, teacherId),
  ]);
  return { who, trainings, ledger, years };
}

/**
 * DLV-6 培训档案: every training attended with its result, the ledger behind the hours (corrections
 * included, HRS-1) and the totals per year and category.
 */
export async function trainingRecord(db: Db, teacherId: number) {
  const { who, trainings, ledger, years } = await loadRecord(db, teacherId);
  return {
    teacher: { name: who.name, shixunNo: who.shixunNo ?? '', schoolName: who.schoolName },
    years: years
      .filter((y) => y.earnedHours !== 0 || y.publicHours !== 0 || y.professionalHours !== 0 || y.electiveHours !== 0)
      .map((y) => ({ year: y.year, earned: y.earnedHours, public: y.publicHours, professional: y.professionalHours, elective: y.electiveHours })),
    entries: trainings.map((r) => ({
      id: r.e.id,
      year: r.e.year,
      title: `${r.projectName}（第${r.cls.seq}期）`,
      institutionName: r.institutionName,
      startDate: r.cls.startDate,
      endDate: r.cls.endDate,
      hours: r.e.result === 'pass' ? r.e.hours : 0,
      category: r.category,
      source: 'class',
      result: r.e.result,
      at: new Date(r.e.updatedAt).toISOString(),
    })),
    ledger: ledger.map((l) => ({
      id: l.id,
      year: l.year,
      hours: l.hours,
      category: l.category,
      title: l.title,
      reverses: l.reverses,
      at: new Date(l.createdAt).toISOString(),
    })),
  };
}

/**
 * The printable 学习证明: every ledger source whose entries still stand (a reversed pass does not
 * print), with the hours it earned.
 */
export async function learningProof(db: Db, teacherId: number, now: Date, fontPath?: string): Promise<Buffer> {
  const { who, trainings, ledger } = await loadRecord(db, teacherId);
  const standing = standingBySource(ledger);
  const hoursOf = (enrolmentId: number) => standing.get(`class:${enrolmentId}`)?.hours ?? 0;
  const entries = trainings
    .filter((r) => hoursOf(r.e.id) > 0)
    .map((r) => ({
      year: r.e.year,
      project: `${r.projectName}（第${r.cls.seq}期）`,
      institution: r.institutionName,
      startDate: r.cls.startDate,
      endDate: r.cls.endDate,
      hours: hoursOf(r.e.id),
      category: CATEGORY_ZH[r.category],
      result: '合格',
    }));
  const today = shanghaiDate(now);
  return renderLearningProof({
    title: '学习证明',
    holder: {
      name: who.name,
      gender: who.gender === 'F' ? '女' : '男',
      idNumber: who.idNumber ?? '',
      shixunNo: who.shixunNo ?? '',
      school: who.schoolName ?? '',
    },
    entries,
    totalHours: roundHours(entries.reduce((a, e) => a + e.hours, 0)),
    issuer: '浙江省教师培训管理平台',
    issuedOn: today,
    serial: `SX-${today.replaceAll('-', '')}-${teacherId}`,
    fontPath,
  });
}

import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { zEvaluationBody, zEvaluationStatsQuery, zGradesBody } from '../../../common/schemas/training.js';
import { addDays, EVALUATION_DAYS_DEFAULT, EVALUATION_DIMENSIONS, MATERIAL_MAX_BYTES, shanghaiDate } from '../../../common/training.js';
import type { Db, Tx } from '../../db/client.js';
import {
  accounts,
  attendance,
  checkinCodes,
  classMaterials,
  classPeriods,
  enrolments,
  evaluations,
  institutions,
  projects,
  schools,
  teachers,
} from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { assertUnpackedWithin, buildWorkbook } from '../../lib/excel.js';
import { type DocType, sniffDocType } from '../../lib/file-type.js';
import type { Storage } from '../../lib/storage.js';
import { type EnrolmentDeps, myTeacher } from '../enrolment/service.js';
import { appendLedgerEntry, reverseEntries } from '../ledger/service.js';
import { type Notice, notify } from '../notifications/service.js';
import type { Actor, Scope } from '../org/scope.js';
import { actorRef } from '../org/service.js';
import { requireCurrentYear } from '../projects/calendar.js';
import { isBureauOver, isInstitutionOf } from '../projects/policy.js';
import { type ClassRow, findClass, type ProjectRow } from '../projects/service.js';

type ClassCtx = { cls: ClassRow; project: ProjectRow };

/** The class, for its institution (who runs it) — check-in, grades, materials. */
async function classToRun(tx: Tx, actor: Actor, classId: number): Promise<ClassCtx> {
  const c = await findClass(tx, actor, classId);
  if (!isInstitutionOf(actor, c.project.institutionId)) throw new AppError('FORBIDDEN');
  if (c.cls.cancelledAt) throw new AppError('CLASS_CANCELLED');
  return c;
}

/** The class, for its institution or a bureau over it — rosters, results, materials. */
async function classToView(tx: Tx, actor: Actor, classId: number): Promise<ClassCtx> {
  const c = await findClass(tx, actor, classId);
  if (!isInstitutionOf(actor, c.project.institutionId) && !isBureauOver(actor, c.project)) throw new AppError('FORBIDDEN');
  return c;
}

/** Every day of a class, first to last. */
function classDays(cls: ClassRow): string[] {
  const days: string[] = [];
  for (let d = cls.startDate; d <= cls.endDate && days.length < 366; d = addDays(d, 1)) days.push(d);
  return days;
}

// ---------------------------------------------------------------- DLV-1 check-in

/** The class list with attendance, grades and evaluations (admitted and on-leave enrolees). */
export async function roster(db: Db, actor: Actor, classId: number) {
  const { cls } = await classToView(db, actor, classId);
  const rows = await db
    .select({
      id: enrolments.id,
      state: enrolments.state,
      result: enrolments.result,
      score: enrolments.score,
      teacherName: accounts.realName,
      shixunNo: accounts.shixunNo,
      schoolName: schools.name,
      days: sql<string[]>`coalesce((select array_agg(a.day::text order by a.day) from ${attendance} a where a.enrolment_id = ${enrolments.id}), '{}')`,
      evaluated: sql<boolean>`exists (select 1 from ${evaluations} v where v.enrolment_id = ${enrolments.id})`,
    })
    .from(enrolments)
    .innerJoin(teachers, eq(teachers.id, enrolments.teacherId))
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .leftJoin(schools, eq(schools.id, enrolments.schoolId))
    .where(and(eq(enrolments.classId, classId), inArray(enrolments.state, ['admitted', 'on_leave'])))
    .orderBy(asc(schools.name), asc(accounts.realName));
  return {
    days: classDays(cls),
    rows: rows.map((r) => ({
      enrolmentId: r.id,
      teacherName: r.teacherName,
      shixunNo: r.shixunNo ?? '',
      schoolName: r.schoolName,
      state: r.state,
      attended: r.days,
      result: r.result,
      score: r.score,
      evaluated: r.evaluated,
    })),
  };
}

/** Attendance of one day by list: the ticked enrolees attended, the others did not. */
export async function recordAttendance(db: Db, actor: Actor, classId: number, day: string, enrolmentIds: number[]) {
  await db.transaction(async (tx) => {
    const { cls } = await classToRun(tx, actor, classId);
    if (day < cls.startDate || day > cls.endDate)
      throw AppError.fields({ field: 'day', key: 'oneOf', params: { values: `${cls.startDate} ~ ${cls.endDate}` } });
    const ids = [...new Set(enrolmentIds)];
    const valid = ids.length
      ? await tx
          .select({ id: enrolments.id })
          .from(enrolments)
          .where(and(eq(enrolments.classId, classId), eq(enrolments.state, 'admitted'), inArray(enrolments.id, ids)))
      : [];
    if (valid.length !== ids.length) throw AppError.fields({ field: 'enrolmentIds', key: 'notFound' });
    const inClass = tx.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.classId, classId));
    await tx
      .delete(attendance)
      .where(and(eq(attendance.day, day), inArray(attendance.enrolmentId, inClass), ids.length ? notInArray(attendance.enrolmentId, ids) : undefined));
    if (ids.length)
      await tx
        .insert(attendance)
        .values(ids.map((id) => ({ enrolmentId: id, day, method: 'list' as const })))
        .onConflictDoNothing();
  });
}

/** A six-digit code for one day of the class, valid for some minutes (teachers type it on their phones). */
export async function createCheckinCode(db: Db, actor: Actor, classId: number, day: string | undefined, minutes: number, now: Date) {
  const { cls } = await classToRun(db, actor, classId);
  const d = day ?? shanghaiDate(now);
  if (d < cls.startDate || d > cls.endDate) throw AppError.fields({ field: 'day', key: 'oneOf', params: { values: `${cls.startDate} ~ ${cls.endDate}` } });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  await db.insert(checkinCodes).values({ classId, day: d, code, expiresAt });
  return { code, day: d, expiresAt: expiresAt.toISOString() };
}

/** A teacher checks in with a live code of a class they are admitted to. */
export async function checkIn(deps: EnrolmentDeps, actor: Actor, code: string) {
  const now = deps.clock.now();
  const t = await myTeacher(deps.db, actor);
  const [hit] = await deps.db
    .select({ enrolmentId: enrolments.id, classId: checkinCodes.classId, seq: classPeriods.seq, day: checkinCodes.day, projectName: projects.name })
    .from(checkinCodes)
    .innerJoin(enrolments, and(eq(enrolments.classId, checkinCodes.classId), eq(enrolments.teacherId, t.id), eq(enrolments.state, 'admitted')))
    .innerJoin(classPeriods, eq(classPeriods.id, checkinCodes.classId))
    .innerJoin(projects, eq(projects.id, classPeriods.projectId))
    .where(and(eq(checkinCodes.code, code), gt(checkinCodes.expiresAt, now)))
    .orderBy(desc(checkinCodes.id))
    .limit(1);
  if (!hit) throw new AppError('CHECKIN_CODE_INVALID');
  const inserted = await deps.db
    .insert(attendance)
    .values({ enrolmentId: hit.enrolmentId, day: hit.day, method: 'code', at: now })
    .onConflictDoNothing()
    .returning();
  return { classId: hit.classId, seq: hit.seq, projectName: hit.projectName, day: hit.day, already: inserted.length === 0 };
}

// ---------------------------------------------------------------- DLV-2 grades

type GradeItem = z.infer<typeof zGradesBody>['items'][number];

/**
 * Records results. A pass writes the class hours to the teacher's ledger; a correction reverses the
 * standing entry and writes a new one (never edits). The teacher is told.
 */
export async function recordGrades(deps: EnrolmentDeps, actor: Actor, classId: number, items: GradeItem[], meta: RequestMeta): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { cls, project } = await classToRun(tx, actor, classId);
    // Results are recorded once the class has run (its last day included), so no pass is credited to someone who then leaves it.
    if (shanghaiDate(now) < cls.endDate) throw new AppError('CLASS_NOT_ENDED');
    const ids = [...new Set(items.map((i) => i.enrolmentId))];
    const rows = await tx
      .select({ e: enrolments, accountId: teachers.accountId })
      .from(enrolments)
      .innerJoin(teachers, eq(teachers.id, enrolments.teacherId))
      .where(and(eq(enrolments.classId, classId), eq(enrolments.state, 'admitted'), inArray(enrolments.id, ids)))
      .for('update', { of: enrolments });
    if (rows.length !== ids.length) throw AppError.fields({ field: 'enrolmentId', key: 'notFound' });
    const byId = new Map(rows.map((r) => [r.e.id, r]));
    const notices: Notice[] = [];
    const title = `${project.name}（第${cls.seq}期）`;
    for (const item of items) {
      const r = byId.get(item.enrolmentId);
      if (!r) continue;
      const score = item.score ?? null;
      if (r.e.result === item.result && r.e.score === score) continue;
      if (r.e.result === 'pass') await reverseEntries(tx, r.e.teacherId, 'class', r.e.id, actor.accountId);
      if (item.result === 'pass') {
        await appendLedgerEntry(tx, {
          teacherId: r.e.teacherId,
          year: r.e.year,
          hours: r.e.hours,
          category: project.hourCategory,
          source: 'class',
          sourceId: r.e.id,
          title,
          createdBy: actor.accountId,
        });
      }
      await tx.update(enrolments).set({ result: item.result, score, gradedAt: now, updatedAt: now }).where(eq(enrolments.id, r.e.id));
      notices.push({
        accountId: r.accountId,
        kind: 'grade.recorded',
        params: { project: project.name, seq: cls.seq, result: item.result, hours: item.result === 'pass' ? r.e.hours : 0 },
        link: '/my/record',
      });
      r.e.result = item.result;
      r.e.score = score;
    }
    await notify(tx, notices);
    const changed = notices.length;
    await writeAudit(tx, {
      action: 'grade.recorded',
      actor: actorRef(actor),
      target: { type: 'class', id: classId, label: title },
      detail: { items: items.length, changed },
      unit: { institutionId: project.institutionId },
      ...meta,
    });
    return changed;
  });
}

const RESULT_WORDS = new Map<string, 'pass' | 'fail'>([
  ['合格', 'pass'],
  ['通过', 'pass'],
  ['pass', 'pass'],
  ['不合格', 'fail'],
  ['未通过', 'fail'],
  ['fail', 'fail'],
]);
/** A grade sheet is one class's list: a few thousand rows at most, a few megabytes unpacked. */
const GRADE_SHEET_MAX_ROWS = 5000;
const GRADE_SHEET_MAX_UNPACKED = 50 * 1024 * 1024;

/** The class list as a grade sheet: 师训号, 姓名, 学校, 成绩 (合格/不合格), 分数. */
export async function gradeTemplate(db: Db, actor: Actor, classId: number): Promise<Buffer> {
  await classToRun(db, actor, classId);
  const { rows } = await roster(db, actor, classId);
  type R = (typeof rows)[number];
  return buildWorkbook<R>(
    '成绩',
    [
      { header: '师训号', width: 16, value: (r) => r.shixunNo },
      { header: '姓名', width: 12, value: (r) => r.teacherName },
      { header: '学校', width: 30, value: (r) => r.schoolName ?? '' },
      { header: '成绩（合格/不合格）', width: 20, value: (r) => (r.result === 'pass' ? '合格' : r.result === 'fail' ? '不合格' : '') },
      { header: '分数（0-100，可空）', width: 18, value: (r) => r.score },
    ],
    rows.filter((r) => r.state === 'admitted'),
  );
}

/** DLV-2 by Excel: every row checked; nothing is recorded unless every row is right. */
export async function importGrades(deps: EnrolmentDeps, actor: Actor, classId: number, file: Buffer, meta: RequestMeta) {
  await classToRun(deps.db, actor, classId);
  const { rows } = await roster(deps.db, actor, classId);
  const byNo = new Map(rows.filter((r) => r.state === 'admitted').map((r) => [r.shixunNo, r.enrolmentId]));
  await assertUnpackedWithin(file.length, async (at, length) => file.subarray(at, at + length), GRADE_SHEET_MAX_UNPACKED);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('FILE_NOT_XLSX');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('FILE_NOT_XLSX');
  const items: GradeItem[] = [];
  const errors: { row: number; reason: string }[] = [];
  const seen = new Set<number>();
  if (ws.rowCount > GRADE_SHEET_MAX_ROWS + 1) throw new AppError('IMPORT_TOO_MANY_ROWS', { max: GRADE_SHEET_MAX_ROWS });
  ws.eachRow((row, n) => {
    if (n === 1 || errors.length >= 200) return;
    const cell = (i: number) => String(row.getCell(i).text ?? '').trim();
    const no = cell(1);
    const resultText = cell(4);
    const scoreText = cell(5);
    if (!no && !resultText && !scoreText) return;
    if (!resultText && !scoreText) return; // not graded yet
    const id = byNo.get(no);
    if (!id) return errors.push({ row: n, reason: `师训号“${no}”不是本班已录取学员` });
    if (seen.has(id)) return errors.push({ row: n, reason: `师训号“${no}”重复` });
    seen.add(id);
    const result = RESULT_WORDS.get(resultText.toLowerCase());
    if (!result) return errors.push({ row: n, reason: `成绩“${resultText}”应为“合格”或“不合格”` });
    let score: number | null = null;
    if (scoreText) {
      score = Number(scoreText);
      if (!Number.isFinite(score) || score < 0 || score > 100) return errors.push({ row: n, reason: `分数“${scoreText}”应为 0 到 100 的数字` });
    }
    items.push({ enrolmentId: id, result, score });
  });
  if (errors.length > 0 || items.length === 0) return { graded: 0, errors: errors.length ? errors : [{ row: 0, reason: '表中没有成绩' }] };
  return { graded: await recordGrades(deps, actor, classId, items, meta), errors };
}

// ---------------------------------------------------------------- DLV-3 evaluation

/** An attendee rates a class after it ends; after the evaluation period it is recorded as overdue. */
export async function evaluate(deps: EnrolmentDeps, actor: Actor, enrolmentId: number, input: z.infer<typeof zEvaluationBody>) {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const t = await myTeacher(deps.db, actor);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ e: enrolments, cls: classPeriods })
      .from(enrolments)
      .innerJoin(classPeriods, eq(classPeriods.id, enrolments.classId))
      .where(and(eq(enrolments.id, enrolmentId), eq(enrolments.teacherId, t.id)));
    if (!row) throw notFound('enrolment');
    if (row.e.state !== 'admitted') throw new AppError('NOT_ATTENDEE');
    if (today < row.cls.endDate) throw new AppError('EVALUATION_NOT_OPEN');
    const year = await requireCurrentYear(tx).catch(() => null);
    const overdue = today > addDays(row.cls.endDate, year?.evaluationDays ?? EVALUATION_DAYS_DEFAULT);
    const values = EVALUATION_DIMENSIONS.map((d) => input.scores[d]);
    const average = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
    const inserted = await tx
      .insert(evaluations)
      .values({ enrolmentId, classId: row.cls.id, scores: input.scores, average, comment: input.comment, overdue, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw new AppError('DUPLICATE');
    return { overdue };
  });
}

/** An institution's (or a bureau's) view of one class's evaluations. */
export async function classEvaluations(deps: EnrolmentDeps, actor: Actor, classId: number) {
  await classToView(deps.db, actor, classId);
  const rows = await deps.db.select().from(evaluations).where(eq(evaluations.classId, classId)).orderBy(desc(evaluations.createdAt));
  const [att] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(eq(enrolments.classId, classId), eq(enrolments.state, 'admitted')));
  return {
    count: rows.length,
    attendees: att?.n ?? 0,
    overdue: rows.filter((r) => r.overdue).length,
    average: rows.length ? round2(rows.reduce((a, r) => a + r.average, 0) / rows.length) : null,
    dimensions: Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, rows.length ? round2(rows.reduce((a, r) => a + r.scores[d], 0) / rows.length) : null])),
    comments: rows
      .filter((r) => r.comment)
      .map((r) => ({ comment: r.comment, average: r.average, overdue: r.overdue, at: new Date(r.createdAt).toISOString() })),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Projects a statistics reader covers: its institution's, or those reviewed inside its region. */
function reportScope(actor: Actor): SQL | undefined {
  const s: Scope = actor.scope;
  if (actor.role.role === 'institution_admin' && s.kind === 'institution') return eq(projects.institutionId, s.institutionId);
  if (actor.role.role === 'province_admin') return undefined;
  if (actor.role.role === 'bureau_admin') {
    if (s.kind === 'city') return sql`${projects.reviewerRegion} in (select code from regions where city_code = ${s.cityCode} and level <> 'province')`;
    if (s.kind === 'county') return eq(projects.reviewerRegion, s.countyCode);
    if (s.kind === 'province') return undefined;
  }
  throw new AppError('FORBIDDEN');
}

/** DLV-3 statistics per institution, project or class within the reader's scope. */
export async function evaluationStats(db: Db, actor: Actor, q: z.infer<typeof zEvaluationStatsQuery>) {
  const key = q.groupBy === 'institution' ? institutions.id : q.groupBy === 'project' ? projects.id : classPeriods.id;
  const name =
    q.groupBy === 'institution'
      ? sql<string>`min(${institutions.name})`
      : q.groupBy === 'project'
        ? sql<string>`min(${projects.name})`
        : sql<string>`min(${projects.name}) || '（第' || min(${classPeriods.seq}) || '期）'`;
  const dims = Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, sql<number | null>`round(avg((${evaluations.scores}->>${d})::numeric), 2)::float8`]));
  const rows = await db
    .select({
      id: key,
      name,
      count: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${evaluations.overdue})::int`,
      average: sql<number | null>`round(avg(${evaluations.average}), 2)::float8`,
      ...dims,
    })
    .from(evaluations)
    .innerJoin(classPeriods, eq(classPeriods.id, evaluations.classId))
    .innerJoin(projects, eq(projects.id, classPeriods.projectId))
    .innerJoin(institutions, eq(institutions.id, projects.institutionId))
    .where(and(reportScope(actor), q.year ? eq(projects.year, q.year) : undefined))
    .groupBy(key)
    .orderBy(desc(sql`count(*)`))
    .limit(200);
  return rows.map((r) => {
    const rec = r as unknown as Record<string, number | null>;
    return {
      id: r.id,
      name: r.name,
      count: r.count,
      overdue: r.overdue,
      average: r.average,
      dimensions: Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, rec[d] ?? null])),
    };
  });
}

// ---------------------------------------------------------------- DLV-5 pass rates

export async function passRates(db: Db, actor: Actor, projectId: number | undefined) {
  const rows = await db
    .select({
      classId: classPeriods.id,
      projectName: projects.name,
      seq: classPeriods.seq,
      institutionName: institutions.name,
      total: sql<number>`count(${enrolments.id})::int`,
      passed: sql<number>`count(*) filter (where ${enrolments.result} = 'pass')::int`,
      failed: sql<number>`count(*) filter (where ${enrolments.result} = 'fail')::int`,
    })
    .from(classPeriods)
    .innerJoin(projects, eq(projects.id, classPeriods.projectId))
    .innerJoin(institutions, eq(institutions.id, projects.institutionId))
    .leftJoin(enrolments, and(eq(enrolments.classId, classPeriods.id), eq(enrolments.state, 'admitted')))
    .where(and(reportScope(actor), projectId ? eq(projects.id, projectId) : undefined, eq(projects.state, 'approved')))
    .groupBy(classPeriods.id, projects.name, institutions.name)
    .orderBy(asc(projects.name), asc(classPeriods.seq))
    .limit(500);
  return rows.map((r) => ({
    ...r,
    ungraded: r.total - r.passed - r.failed,
    rate: r.passed + r.failed > 0 ? round2((r.passed / (r.passed + r.failed)) * 100) : null,
  }));
}

// ---------------------------------------------------------------- DLV-4 process materials

const MATERIAL_TYPES: DocType[] = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'jpg', 'png'];

export async function uploadMaterial(db: Db, storage: Storage, actor: Actor, classId: number, bytes: Buffer, name: string) {
  await classToRun(db, actor, classId);
  if (bytes.length > MATERIAL_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', { limit: '20 MB' });
  const type = sniffDocType(bytes, name);
  if (!type || !MATERIAL_TYPES.includes(type)) throw new AppError('FILE_TYPE_NOT_ALLOWED', { types: MATERIAL_TYPES.join('、') });
  const key = await storage.put('materials', bytes, type);
  try {
    const [row] = await db
      .insert(classMaterials)
      .values({ classId, name, fileKey: key, fileType: type, size: bytes.length, uploadedBy: actor.accountId })
      .returning();
    return presentMaterial(row as typeof classMaterials.$inferSelect);
  } catch (err) {
    await storage.remove(key);
    throw err;
  }
}

function presentMaterial(m: typeof classMaterials.$inferSelect) {
  return { id: m.id, name: m.name, type: m.fileType, size: m.size, createdAt: new Date(m.createdAt).toISOString() };
}

export async function listMaterials(db: Db, actor: Actor, classId: number) {
  await classToView(db, actor, classId);
  const rows = await db.select().from(classMaterials).where(eq(classMaterials.classId, classId)).orderBy(desc(classMaterials.id));
  return rows.map(presentMaterial);
}

export async function readMaterial(db: Db, storage: Storage, actor: Actor, classId: number, id: number) {
  await classToView(db, actor, classId);
  const [m] = await db
    .select()
    .from(classMaterials)
    .where(and(eq(classMaterials.id, id), eq(classMaterials.classId, classId)));
  if (!m) throw notFound('file');
  return { name: m.name, type: m.fileType as DocType, body: await storage.get(m.fileKey) };
}

export async function deleteMaterial(db: Db, storage: Storage, actor: Actor, classId: number, id: number) {
  await classToRun(db, actor, classId);
  const [m] = await db
    .delete(classMaterials)
    .where(and(eq(classMaterials.id, id), eq(classMaterials.classId, classId)))
    .returning();
  if (!m) throw notFound('file');
  await storage.remove(m.fileKey);
}

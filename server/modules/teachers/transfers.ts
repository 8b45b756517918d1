import { and, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type TransferAction, type TransferState, transferMachine } from '../../../common/machines.js';
import { maskIdNumber } from '../../../common/mask.js';
import type { Transfer, zPoolQuery, zTransferCreate, zTransferListQuery } from '../../../common/schemas/teachers.js';
import { allowedActions } from '../../../common/state-machine.js';
import type { Db, Tx } from '../../db/client.js';
import { accountRoles, accounts, profileChanges, schools, type TransferLevel, teachers, teacherTransfers } from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import { applyTransition, findHistories } from '../../lib/review.js';
import { followTeacherToSchool } from '../enrolment/service.js';
import { schoolScopeWhere } from '../org/policy.js';
import { findRegion, PROVINCE } from '../org/regions.js';
import type { Actor, Scope } from '../org/scope.js';
import { actorRef, bureauName, escapeLike, schoolAuditUnit } from '../org/service.js';
import { canManageTeachers } from './policy.js';
import { presentTeacher, revokeSchoolIdentities, type TeachersDeps, teacherQuery } from './service.js';

type Party = 'applicant' | 'approver';
type SchoolUnit = { id: number; name: string; cityCode: string; countyCode: string };
type TransferRow = typeof teacherTransfers.$inferSelect;

/**
 * TCH-5 routing (003 §3): within one county the county bureau approves, across counties of one
 * city the city bureau, across cities the province.
 */
export function routeTransfer(from: { cityCode: string; countyCode: string }, to: { cityCode: string; countyCode: string }) {
  if (from.countyCode === to.countyCode) return { level: 'county' as TransferLevel, region: to.countyCode };
  if (from.cityCode === to.cityCode) return { level: 'city' as TransferLevel, region: to.cityCode };
  return { level: 'province' as TransferLevel, region: PROVINCE.code };
}

function approves(scope: Scope, t: { approverLevel: TransferLevel; approverRegion: string }): boolean {
  if (t.approverLevel === 'province') return scope.kind === 'province';
  if (t.approverLevel === 'city') return scope.kind === 'city' && scope.cityCode === t.approverRegion;
  return scope.kind === 'county' && scope.countyCode === t.approverRegion;
}

function partyOf(actor: Actor, t: TransferRow): Party | null {
  if (approves(actor.scope, t)) return 'approver';
  if (actor.scope.kind === 'school' && actor.scope.schoolId === t.toSchoolId) return 'applicant';
  return null;
}

/** My own school as the receiving end; bureaus take teachers from the pool into a school they name. */
async function receivingSchool(tx: Tx, actor: Actor, schoolId?: number): Promise<SchoolUnit> {
  if (!canManageTeachers(actor)) throw new AppError('FORBIDDEN');
  const id = actor.scope.kind === 'school' ? actor.scope.schoolId : schoolId;
  if (!id) throw AppError.fields({ field: 'schoolId', key: 'required' });
  const [school] = await tx
    .select({ id: schools.id, name: schools.name, cityCode: schools.cityCode, countyCode: schools.countyCode })
    .from(schools)
    .where(and(eq(schools.id, id), schoolScopeWhere(actor.scope)));
  if (!school) throw new AppError('OUT_OF_SCOPE');
  return school;
}

/** The teacher a 师训号 names, with the school and the flags a transfer depends on, in one query. */
async function findByShixunNo(tx: Tx, shixunNo: string) {
  const [found] = await tx
    .select({
      id: teachers.id,
      name: accounts.realName,
      shixunNo: accounts.shixunNo,
      idNumber: accounts.idNumber,
      gender: teachers.gender,
      status: teachers.status,
      specialUser: teachers.specialUser,
      unpaid: teachers.unpaidSelections,
      pending: sql<boolean>`exists (select 1 from ${teacherTransfers} where ${teacherTransfers.teacherId} = ${teachers.id} and ${teacherTransfers.state} = 'pending')`,
      school: { id: schools.id, name: schools.name, cityCode: schools.cityCode, countyCode: schools.countyCode },
    })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .leftJoin(schools, eq(schools.id, teachers.schoolId))
    .where(eq(accounts.shixunNo, shixunNo));
  if (!found) throw AppError.fields({ field: 'shixunNo', key: 'notFound' });
  return found;
}

/** The refusals TCH-5 names, in the order a school would have to clear them. */
function blockersOf(found: Awaited<ReturnType<typeof findByShixunNo>>, to: SchoolUnit) {
  const out: ('ALREADY_IN_SCHOOL' | 'IN_FREE_POOL' | 'SPECIAL_USER' | 'UNPAID_SELECTIONS' | 'TRANSFER_PENDING')[] = [];
  if (!found.school) out.push('IN_FREE_POOL');
  else if (found.school.id === to.id) out.push('ALREADY_IN_SCHOOL');
  if (found.specialUser) out.push('SPECIAL_USER');
  if (found.unpaid > 0) out.push('UNPAID_SELECTIONS');
  if (found.pending) out.push('TRANSFER_PENDING');
  return out;
}

/** What the receiving school sees before it applies: who, where from, who approves, what blocks. */
export async function previewTransfer(db: Db, actor: Actor, shixunNo: string) {
  const to = await receivingSchool(db, actor);
  const found = await findByShixunNo(db, shixunNo);
  const route = found.school ? routeTransfer(found.school, to) : null;
  return {
    teacherId: found.id,
    name: found.name,
    shixunNo: found.shixunNo ?? '',
    idNumber: maskIdNumber(found.idNumber) ?? '',
    gender: found.gender,
    schoolName: found.school?.name ?? null,
    countyName: findRegion(found.school?.countyCode)?.name ?? null,
    status: found.status,
    approverLevel: route?.level ?? null,
    approverName: route ? bureauName(route.region) : null,
    blockers: blockersOf(found, to),
  };
}

/** TCH-5: the receiving school applies with the teacher's 师训号. */
export async function applyTransfer(deps: TeachersDeps, actor: Actor, input: z.infer<typeof zTransferCreate>, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    const to = await receivingSchool(tx, actor);
    const found = await findByShixunNo(tx, input.shixunNo);
    const [blocker] = blockersOf(found, to);
    if (blocker || !found.school) throw new AppError(blocker ?? 'IN_FREE_POOL');
    const from = found.school;
    const route = routeTransfer(from, to);
    const [created] = await tx
      .insert(teacherTransfers)
      .values({
        teacherId: found.id,
        fromSchoolId: from.id,
        toSchoolId: to.id,
        approverLevel: route.level,
        approverRegion: route.region,
        state: 'pending',
        note: input.note || null,
        appliedBy: actor.accountId,
      })
      .returning();
    if (!created) throw new AppError('INTERNAL');
    await applyTransition(tx, transferMachine, { subjectId: created.id, from: null, action: 'submit', party: 'applicant', actor: actorRef(actor) });
    await writeAudit(tx, {
      action: 'teacher.transfer_applied',
      actor: actorRef(actor),
      target: { type: 'teacher', id: found.id, label: found.name },
      detail: { transfer: created.id, from: from.name, to: to.name, approver: route.level },
      unit: schoolAuditUnit(to),
      ...meta,
    });
    return (await presentTransfers(tx, actor, [created]))[0] as Transfer;
  });
}

/** Moves a teacher into a school: record, teacher identity, open change requests; school roles at the old school end. */
async function moveTeacher(tx: Tx, teacher: { id: number; accountId: number; schoolId: number | null }, toSchoolId: number | null, now: Date) {
  await tx.update(teachers).set({ schoolId: toSchoolId, updatedAt: now }).where(eq(teachers.id, teacher.id));
  await tx
    .update(accountRoles)
    .set({ schoolId: toSchoolId })
    .where(and(eq(accountRoles.accountId, teacher.accountId), eq(accountRoles.role, 'teacher')));
  if (teacher.schoolId) await revokeSchoolIdentities(tx, teacher.accountId, teacher.schoolId);
  await followTeacherToSchool(tx, teacher.id, toSchoolId);
  // An open request is reviewed by the school the teacher is in now.
  await tx
    .update(profileChanges)
    .set({ schoolId: toSchoolId })
    .where(and(eq(profileChanges.teacherId, teacher.id), inArray(profileChanges.state, ['pending', 'returned'])));
}

/** TCH-5: the routed bureau approves (the teacher moves, keeping 师训号, account and history) or rejects with a reason; the applicant withdraws. */
export async function actOnTransfer(deps: TeachersDeps, actor: Actor, id: number, action: TransferAction, reason: string | undefined, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    const [t] = await tx.select().from(teacherTransfers).where(eq(teacherTransfers.id, id)).for('update');
    const party = t ? partyOf(actor, t) : null;
    if (!t || !party) throw notFound('transfer');
    const to: TransferState = await applyTransition(tx, transferMachine, { subjectId: t.id, from: t.state, action, party, actor: actorRef(actor), reason });
    const now = deps.clock.now();
    await tx.update(teacherTransfers).set({ state: to, updatedAt: now }).where(eq(teacherTransfers.id, t.id));
    const [teacher] = await tx
      .select({ id: teachers.id, accountId: teachers.accountId, schoolId: teachers.schoolId, name: accounts.realName })
      .from(teachers)
      .innerJoin(accounts, eq(accounts.id, teachers.accountId))
      .where(eq(teachers.id, t.teacherId))
      .for('update');
    if (!teacher) throw notFound('teacher');
    if (to === 'approved') {
      // The teacher may have left the old school (released to the pool) while the application waited.
      if (teacher.schoolId !== t.fromSchoolId) throw new AppError('INVALID_STATE', { state: t.state, action });
      await moveTeacher(tx, teacher, t.toSchoolId, now);
    }
    const [toSchool] = await tx
      .select({ id: schools.id, cityCode: schools.cityCode, countyCode: schools.countyCode })
      .from(schools)
      .where(eq(schools.id, t.toSchoolId));
    await writeAudit(tx, {
      action: 'teacher.transfer_reviewed',
      actor: actorRef(actor),
      target: { type: 'teacher', id: teacher.id, label: teacher.name },
      detail: { transfer: t.id, action, reason: reason ?? null },
      unit: toSchool ? schoolAuditUnit(toSchool) : {},
      ...meta,
    });
    const [fresh] = await tx.select().from(teacherTransfers).where(eq(teacherTransfers.id, t.id));
    return (await presentTransfers(tx, actor, fresh ? [fresh] : []))[0] as Transfer;
  });
}

const fromSchool = alias(schools, 'from_school');
const toSchool = alias(schools, 'to_school');

/** Transfers an identity sees: a school its own in and out; a bureau those touching its region; the province all. */
function transferScopeWhere(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case 'province':
      return undefined;
    case 'city':
      return or(eq(fromSchool.cityCode, scope.cityCode), eq(toSchool.cityCode, scope.cityCode));
    case 'county':
      return or(eq(fromSchool.countyCode, scope.countyCode), eq(toSchool.countyCode, scope.countyCode));
    case 'school':
      return or(eq(teacherTransfers.fromSchoolId, scope.schoolId), eq(teacherTransfers.toSchoolId, scope.schoolId));
    default:
      return sql`false`;
  }
}

function approverBox(scope: Scope): SQL {
  switch (scope.kind) {
    case 'province':
      return eq(teacherTransfers.approverLevel, 'province');
    case 'city':
      return and(eq(teacherTransfers.approverLevel, 'city'), eq(teacherTransfers.approverRegion, scope.cityCode)) as SQL;
    case 'county':
      return and(eq(teacherTransfers.approverLevel, 'county'), eq(teacherTransfers.approverRegion, scope.countyCode)) as SQL;
    default:
      return sql`false`;
  }
}

export async function listTransfers(db: Db, actor: Actor, q: z.infer<typeof zTransferListQuery>) {
  if (!canManageTeachers(actor)) throw new AppError('FORBIDDEN');
  const mySchool = actor.scope.kind === 'school' ? actor.scope.schoolId : 0;
  const box =
    q.box === 'approve'
      ? approverBox(actor.scope)
      : q.box === 'applied'
        ? eq(teacherTransfers.toSchoolId, mySchool)
        : q.box === 'out'
          ? eq(teacherTransfers.fromSchoolId, mySchool)
          : undefined;
  const { limit, offset } = pageOffset(q);
  const rows = await db
    .select({ t: teacherTransfers, total: sql<number>`count(*) over ()` })
    .from(teacherTransfers)
    .innerJoin(fromSchool, eq(fromSchool.id, teacherTransfers.fromSchoolId))
    .innerJoin(toSchool, eq(toSchool.id, teacherTransfers.toSchoolId))
    .where(and(transferScopeWhere(actor.scope), box, q.state ? eq(teacherTransfers.state, q.state) : undefined))
    .orderBy(desc(teacherTransfers.id))
    .limit(limit)
    .offset(offset);
  // Presenting needs the history of each, so the page is built and then presented in one go.
  return {
    ...toPage(rows, q, (r) => r.t),
    items: await presentTransfers(
      db,
      actor,
      rows.map((r) => r.t),
    ),
  };
}

async function presentTransfers(db: Tx, actor: Actor, rows: TransferRow[]): Promise<Transfer[]> {
  if (rows.length === 0) return [];
  const people = await db
    .select({ id: teachers.id, name: accounts.realName, shixunNo: accounts.shixunNo, idNumber: accounts.idNumber })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .where(inArray(teachers.id, [...new Set(rows.map((r) => r.teacherId))]));
  const schoolRows = await db
    .select({ id: schools.id, name: schools.name, cityCode: schools.cityCode, countyCode: schools.countyCode })
    .from(schools)
    .where(inArray(schools.id, [...new Set(rows.flatMap((r) => [r.fromSchoolId, r.toSchoolId]))]));
  const person = new Map(people.map((p) => [p.id, p]));
  const school = new Map(
    schoolRows.map((s) => [
      s.id,
      { id: s.id, name: s.name, countyName: findRegion(s.countyCode)?.name ?? null, cityName: findRegion(s.cityCode)?.name ?? null },
    ]),
  );
  const unknownSchool = (id: number) => school.get(id) ?? { id, name: '', countyName: null, cityName: null };
  const histories = await findHistories(
    db,
    transferMachine.name,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const p = person.get(r.teacherId);
    const party = partyOf(actor, r);
    return {
      id: r.id,
      teacherId: r.teacherId,
      teacherName: p?.name ?? '',
      shixunNo: p?.shixunNo ?? '',
      idNumber: maskIdNumber(p?.idNumber ?? null) ?? '',
      fromSchool: unknownSchool(r.fromSchoolId),
      toSchool: unknownSchool(r.toSchoolId),
      approverLevel: r.approverLevel,
      approverName: bureauName(r.approverRegion),
      state: r.state,
      note: r.note,
      createdAt: new Date(r.createdAt).toISOString(),
      history: histories.get(r.id) ?? [],
      actions: party ? allowedActions(transferMachine, r.state, party) : [],
    };
  });
}

/** TCH-5 调出: the teacher's school releases them to the free pool 自由人. */
export async function releaseToPool(deps: TeachersDeps, actor: Actor, id: number, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    if (!canManageTeachers(actor)) throw new AppError('FORBIDDEN');
    const [row] = await teacherQuery(tx).where(and(eq(teachers.id, id), schoolScopeWhere(actor.scope)));
    if (!row?.schoolId) throw notFound('teacher');
    if (row.accountId === actor.accountId) throw new AppError('FORBIDDEN');
    const [open] = await tx
      .select({ id: teacherTransfers.id })
      .from(teacherTransfers)
      .where(and(eq(teacherTransfers.teacherId, id), eq(teacherTransfers.state, 'pending')));
    if (open) throw new AppError('TRANSFER_PENDING');
    const [school] = await tx
      .select({ id: schools.id, cityCode: schools.cityCode, countyCode: schools.countyCode })
      .from(schools)
      .where(eq(schools.id, row.schoolId));
    await moveTeacher(tx, row, null, deps.clock.now());
    await writeAudit(tx, {
      action: 'teacher.released',
      actor: actorRef(actor),
      target: { type: 'teacher', id, label: row.name },
      unit: school ? schoolAuditUnit(school) : {},
      ...meta,
    });
    const [fresh] = await teacherQuery(tx).where(eq(teachers.id, id));
    return presentTeacher(actor, fresh as NonNullable<typeof fresh>);
  });
}

/**
 * The free pool, for schools looking for a teacher to take in (调入 from 自由人): masked, and only
 * by name (2+ characters), ID number or 师训号 beginning when a school asks.
 */
export async function listPool(db: Db, actor: Actor, q: z.infer<typeof zPoolQuery>) {
  if (!canManageTeachers(actor)) throw new AppError('FORBIDDEN');
  const text = q.q?.trim();
  // A school finds a pool teacher it already knows: a whole ID number or 师训号 (a prefix search
  // over masked rows would let it read ID numbers digit by digit), or a name.
  if (!text && actor.scope.kind === 'school') throw AppError.fields({ field: 'q', key: 'required' });
  const search = text
    ? /^\d{17}[\dXx]$/.test(text)
      ? eq(accounts.idNumber, text.toUpperCase())
      : /^\d{12}$/.test(text)
        ? eq(accounts.shixunNo, text)
        : /^\d/.test(text)
          ? sql`false`
          : sql`${accounts.realName} like ${`${escapeLike(text)}%`}`
    : undefined;
  const { limit, offset } = pageOffset(q);
  const rows = await teacherQuery(db)
    .where(and(isNull(teachers.schoolId), search))
    .orderBy(desc(teachers.updatedAt))
    .limit(limit)
    .offset(offset);
  return toPage(rows, q, (r) => presentTeacher(actor, r));
}

/** TCH-5 调入 from the pool: a school takes the teacher at once (there is no school to release them). */
export async function takeFromPool(deps: TeachersDeps, actor: Actor, id: number, schoolId: number | undefined, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    const to = await receivingSchool(tx, actor, schoolId);
    const [row] = await tx
      .select({
        id: teachers.id,
        accountId: teachers.accountId,
        schoolId: teachers.schoolId,
        special: teachers.specialUser,
        unpaid: teachers.unpaidSelections,
        name: accounts.realName,
      })
      .from(teachers)
      .innerJoin(accounts, eq(accounts.id, teachers.accountId))
      .where(eq(teachers.id, id))
      .for('update');
    if (!row) throw notFound('teacher');
    if (row.schoolId) throw new AppError('NOT_IN_FREE_POOL');
    if (row.special) throw new AppError('SPECIAL_USER');
    if (row.unpaid > 0) throw new AppError('UNPAID_SELECTIONS');
    await moveTeacher(tx, row, to.id, deps.clock.now());
    await writeAudit(tx, {
      action: 'teacher.taken_from_pool',
      actor: actorRef(actor),
      target: { type: 'teacher', id, label: row.name },
      unit: schoolAuditUnit(to),
      ...meta,
    });
    const [fresh] = await teacherQuery(tx).where(eq(teachers.id, id));
    return presentTeacher(actor, fresh as NonNullable<typeof fresh>);
  });
}

import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { normaliseIdNumber, parseIdNumber } from '../../../common/id-card.js';
import { maskIdNumber, maskMobile } from '../../../common/mask.js';
import type { Teacher, TeacherCreate, TeacherListQuery } from '../../../common/schemas/teachers.js';
import { makeShixunNo } from '../../../common/shixun-no.js';
import type { TeacherStatus } from '../../../common/teachers.js';
import type { Db, Tx } from '../../db/client.js';
import { accountRoles, accounts, schools, teachers } from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import { schoolScopeWhere } from '../org/policy.js';
import { findRegion, PROVINCE } from '../org/regions.js';
import type { Actor } from '../org/scope.js';
import { actorRef, escapeLike, schoolAuditUnit, setSchoolPrincipal } from '../org/service.js';
import { canManageTeachers, teacherScopeWhere } from './policy.js';

export type TeachersDeps = { db: Db; clock: Clock };

/** GB/T 2260 province-level codes: the first two digits of any real ID number. */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/**
 * TCH-1: the ID number per GB 11643 (check digit, upper-case X, a real province prefix, a real
 * date) and the given gender and birth date consistent with it; age 18–70. Gender and birth date
 * may be left out (imports): they follow from the ID number.
 */
/** Issues new 师训号 (one per teacher, from the province-wide sequence), for 添加教师 and imports alike. */
export async function issueShixunNos(tx: Tx, count: number, year: number): Promise<string[]> {
  const seq = await tx.execute<{ n: string }>(sql`select nextval('shixun_no_seq')::text as n from generate_series(1, ${count})`);
  return seq.rows.map((r) => makeShixunNo(PROVINCE.code.slice(0, 2), year, Number(r.n)));
}

export function identityIssues(
  rawIdNumber: string,
  given: { gender?: 'M' | 'F' | null; birthDate?: string | null },
  today: Date,
):
  | { ok: true; idNumber: string; gender: 'M' | 'F'; birthDate: string }
  | { ok: false; issues: { field: 'idNumber' | 'gender' | 'birthDate'; key: 'idNumber' | 'idRegion' | 'idMismatch' | 'ageRange' }[] } {
  const idNumber = normaliseIdNumber(rawIdNumber);
  const info = parseIdNumber(idNumber, today);
  if (!info) return { ok: false, issues: [{ field: 'idNumber', key: 'idNumber' }] };
  if (!PROVINCE_PREFIXES.has(idNumber.slice(0, 2))) return { ok: false, issues: [{ field: 'idNumber', key: 'idRegion' }] };
  const issues: { field: 'idNumber' | 'gender' | 'birthDate'; key: 'idMismatch' | 'ageRange' }[] = [];
  if (given.birthDate && info.birthDate !== given.birthDate) issues.push({ field: 'birthDate', key: 'idMismatch' });
  if (given.gender && info.gender !== given.gender) issues.push({ field: 'gender', key: 'idMismatch' });
  const age = (today.getTime() - new Date(`${info.birthDate}T00:00:00+08:00`).getTime()) / (365.25 * 86_400_000);
  if (age < 18 || age > 70) issues.push({ field: 'birthDate', key: 'ageRange' });
  if (issues.length) return { ok: false, issues };
  return { ok: true, idNumber, gender: info.gender, birthDate: info.birthDate };
}

export function checkIdentity(input: Pick<TeacherCreate, 'idNumber' | 'gender' | 'birthDate'>, today: Date): string {
  const result = identityIssues(input.idNumber, input, today);
  if (!result.ok) throw AppError.fields(...result.issues);
  return result.idNumber;
}

const teacherColumns = {
  id: teachers.id,
  accountId: accounts.id,
  name: accounts.realName,
  shixunNo: accounts.shixunNo,
  idNumber: accounts.idNumber,
  mobile: accounts.mobile,
  gender: teachers.gender,
  birthDate: teachers.birthDate,
  schoolId: teachers.schoolId,
  schoolName: schools.name,
  countyCode: schools.countyCode,
  stage: teachers.stage,
  subjects: teachers.subjects,
  title: teachers.title,
  post: teachers.post,
  email: teachers.email,
  status: teachers.status,
  verified: teachers.verified,
  isPrincipal: sql<boolean>`exists (select 1 from ${accountRoles} r where r.account_id = ${accounts.id} and r.role = 'principal' and r.school_id = ${teachers.schoolId})`,
  isSchoolAdmin: sql<boolean>`exists (select 1 from ${accountRoles} r where r.account_id = ${accounts.id} and r.role = 'school_admin' and r.school_id = ${teachers.schoolId})`,
};

export function teacherQuery(db: Tx) {
  return db
    .select({ ...teacherColumns, total: sql<number>`count(*) over ()` })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .leftJoin(schools, eq(schools.id, teachers.schoolId));
}
export type TeacherRow = Awaited<ReturnType<ReturnType<typeof teacherQuery>['execute']>>[number];

export function presentTeacher(actor: Actor, r: TeacherRow): Teacher {
  return {
    id: r.id,
    accountId: r.accountId,
    name: r.name,
    shixunNo: r.shixunNo ?? '',
    idNumber: maskIdNumber(r.idNumber) ?? '',
    mobile: maskMobile(r.mobile),
    gender: r.gender,
    birthDate: r.birthDate,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    countyName: findRegion(r.countyCode)?.name ?? null,
    stage: r.stage,
    subjects: r.subjects ?? [],
    title: r.title,
    post: r.post,
    email: r.email,
    status: r.status,
    verified: r.verified,
    isPrincipal: !!r.isPrincipal,
    isSchoolAdmin: !!r.isSchoolAdmin,
    abilities: { manage: canManageTeachers(actor) },
  };
}

/**
 * TCH-8 search: digits (and a trailing X) of 6+ characters match the beginning of an ID number or
 * 师训号; a name of 3+ characters matches anywhere (trigram index); a shorter name matches its
 * beginning (a trigram index cannot serve two Chinese characters).
 */
function searchCondition(q: string): SQL {
  const text = q.trim();
  if (/^\d{6,17}[\dXx]?$/.test(text)) {
    const prefix = `${escapeLike(text.toUpperCase())}%`;
    return sql`(${accounts.idNumber} like ${prefix} or ${accounts.shixunNo} like ${prefix})`;
  }
  if ([...text].length >= 3) return sql`${accounts.realName} like ${`%${escapeLike(text)}%`}`;
  return sql`${accounts.realName} like ${`${escapeLike(text)}%`}`;
}

/** The list filters (TCH-8) within my scope, as conditions on teachers ⋈ accounts ⟕ schools. */
export function teacherConditions(actor: Actor, q: Omit<TeacherListQuery, 'page' | 'pageSize'>): SQL | undefined {
  const conds: (SQL | undefined)[] = [teacherScopeWhere(actor.scope)];
  if (q.q) conds.push(searchCondition(q.q));
  if (q.schoolId) conds.push(eq(teachers.schoolId, q.schoolId));
  if (q.cityCode) conds.push(eq(schools.cityCode, q.cityCode));
  if (q.countyCode) conds.push(eq(schools.countyCode, q.countyCode));
  if (q.stage) conds.push(eq(teachers.stage, q.stage));
  if (q.subject) conds.push(sql`${q.subject} = any(${teachers.subjects})`);
  if (q.title) conds.push(eq(teachers.title, q.title));
  if (q.status) conds.push(eq(teachers.status, q.status));
  if (q.verified) conds.push(eq(teachers.verified, q.verified === 'true'));
  return and(...conds);
}

export async function listTeachers(db: Db, actor: Actor, q: TeacherListQuery) {
  const { limit, offset } = pageOffset(q);
  const rows = await teacherQuery(db).where(teacherConditions(actor, q)).orderBy(asc(teachers.schoolId), asc(teachers.id)).limit(limit).offset(offset);
  return toPage(rows, q, (r) => presentTeacher(actor, r));
}

async function findTeacherInScope(db: Tx, actor: Actor, id: number): Promise<TeacherRow> {
  const [row] = await teacherQuery(db).where(and(eq(teachers.id, id), teacherScopeWhere(actor.scope)));
  if (!row) throw notFound('teacher');
  return row;
}

export async function getTeacher(db: Db, actor: Actor, id: number): Promise<Teacher> {
  return presentTeacher(actor, await findTeacherInScope(db, actor, id));
}

/** The school a new teacher joins: my own school, or one in my scope that a bureau names. */
export async function targetSchool(db: Tx, actor: Actor, schoolId: number | undefined) {
  const id = actor.scope.kind === 'school' ? actor.scope.schoolId : schoolId;
  if (!id) throw AppError.fields({ field: 'schoolId', key: 'required' });
  if (actor.scope.kind === 'school' && schoolId !== undefined && schoolId !== id) {
    throw new AppError('OUT_OF_SCOPE', {}, [{ field: 'schoolId', key: 'outOfScope' }]);
  }
  const [school] = await db
    .select({ id: schools.id, name: schools.name, cityCode: schools.cityCode, countyCode: schools.countyCode })
    .from(schools)
    .where(and(eq(schools.id, id), schoolScopeWhere(actor.scope)));
  if (!school) throw new AppError('OUT_OF_SCOPE', {}, [{ field: 'schoolId', key: 'outOfScope' }]);
  return school;
}

/**
 * TCH-1: add a teacher with a new 师训号 and account (initial password: last six characters of the
 * ID number, to be changed at first login). An ID number already known anywhere in the province
 * is refused with its 师训号, so the school applies for a transfer instead.
 */
export async function addTeacher(deps: TeachersDeps, actor: Actor, input: TeacherCreate, meta: RequestMeta) {
  if (!canManageTeachers(actor)) throw new AppError('FORBIDDEN');
  const idNumber = checkIdentity(input, deps.clock.now());
  return deps.db.transaction(async (tx) => {
    const school = await targetSchool(tx, actor, input.schoolId);
    const [known] = await tx.select({ shixunNo: accounts.shixunNo }).from(accounts).where(eq(accounts.idNumber, idNumber));
    if (known) throw new AppError('ID_NUMBER_EXISTS', { shixunNo: known.shixunNo ?? '' }, [{ field: 'idNumber', key: 'registered' }]);
    const [mobileOwner] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.mobile, input.mobile));
    if (mobileOwner) throw AppError.fields({ field: 'mobile', key: 'taken' });
    const [shixunNo] = await issueShixunNos(tx, 1, deps.clock.now().getFullYear());
    const [account] = await tx
      .insert(accounts)
      .values({ realName: input.name, idNumber, shixunNo, mobile: input.mobile, passwordHash: null, mustChangePassword: true })
      .returning({ id: accounts.id });
    if (!account) throw new AppError('INTERNAL');
    await tx.insert(accountRoles).values({ accountId: account.id, role: 'teacher', schoolId: school.id });
    const [teacher] = await tx
      .insert(teachers)
      .values({
        accountId: account.id,
        schoolId: school.id,
        gender: input.gender,
        birthDate: input.birthDate,
        stage: input.stage,
        subjects: input.subjects,
        title: input.title,
        post: input.post,
        email: input.email ?? null,
        status: input.status ?? 'in_service',
      })
      .returning({ id: teachers.id });
    if (!teacher) throw new AppError('INTERNAL');
    await writeAudit(tx, {
      action: 'teacher.created',
      actor: actorRef(actor),
      target: { type: 'teacher', id: teacher.id, label: input.name },
      detail: { shixunNo, idNumber: maskIdNumber(idNumber) },
      unit: schoolAuditUnit(school),
      ...meta,
    });
    return { teacher: presentTeacher(actor, await findTeacherInScope(tx, actor, teacher.id)), initialPasswordRule: 'last6OfIdNumber' as const };
  });
}

async function managed(tx: Tx, actor: Actor, id: number) {
  if (!canManageTeachers(actor)) throw new AppError('FORBIDDEN');
  const row = await findTeacherInScope(tx, actor, id);
  const [school] = row.schoolId
    ? await tx.select({ id: schools.id, cityCode: schools.cityCode, countyCode: schools.countyCode }).from(schools).where(eq(schools.id, row.schoolId))
    : [];
  return { row, unit: school ? schoolAuditUnit(school) : {} };
}

/** Ends a teacher's principal and school-admin identities at a school (leaving it, or leaving service). */
export async function revokeSchoolIdentities(tx: Tx, accountId: number, schoolId: number) {
  return tx
    .delete(accountRoles)
    .where(and(eq(accountRoles.accountId, accountId), eq(accountRoles.schoolId, schoolId), inArray(accountRoles.role, ['principal', 'school_admin'])))
    .returning({ role: accountRoles.role });
}

/**
 * TCH-6: 在职 / 离职 / 退休. Archived teachers are excluded from enrolment and verification, and
 * lose the school's principal and admin identities with their status.
 */
export async function setTeacherStatus(deps: TeachersDeps, actor: Actor, id: number, status: TeacherStatus, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    const { row, unit } = await managed(tx, actor, id);
    if (row.status !== status) {
      if (status !== 'in_service' && row.accountId === actor.accountId) throw new AppError('FORBIDDEN');
      await tx.update(teachers).set({ status, updatedAt: deps.clock.now() }).where(eq(teachers.id, id));
      const revoked = status === 'in_service' || !row.schoolId ? [] : await revokeSchoolIdentities(tx, row.accountId, row.schoolId);
      await writeAudit(tx, {
        action: 'teacher.status_changed',
        actor: actorRef(actor),
        target: { type: 'teacher', id, label: row.name },
        detail: { from: row.status, to: status, revoked: revoked.map((r) => r.role) },
        unit,
        ...meta,
      });
    }
    return presentTeacher(actor, await findTeacherInScope(tx, actor, id));
  });
}

async function schoolTeacher(tx: Tx, actor: Actor, id: number) {
  const found = await managed(tx, actor, id);
  if (!found.row.schoolId || found.row.status !== 'in_service') throw AppError.fields({ field: 'status', key: 'invalid' });
  return found as typeof found & { row: TeacherRow & { schoolId: number } };
}

/** TCH-7: exactly one principal per school; authorising a new one revokes the old. */
export async function authorisePrincipal(deps: TeachersDeps, actor: Actor, id: number, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    const { row, unit } = await schoolTeacher(tx, actor, id);
    if (row.isPrincipal) return presentTeacher(actor, row);
    await tx.delete(accountRoles).where(and(eq(accountRoles.role, 'principal'), eq(accountRoles.schoolId, row.schoolId)));
    await tx.insert(accountRoles).values({ accountId: row.accountId, role: 'principal', schoolId: row.schoolId });
    // The school record names its principal (ORG-2): it follows the authorisation.
    await setSchoolPrincipal(tx, row.schoolId, row.name, row.mobile);
    await writeAudit(tx, { action: 'teacher.principal_authorised', actor: actorRef(actor), target: { type: 'teacher', id, label: row.name }, unit, ...meta });
    return presentTeacher(actor, await findTeacherInScope(tx, actor, id));
  });
}

/** TCH-7: further teachers of the school may be authorised as its admins (and revoked). */
export async function setSchoolAdmin(deps: TeachersDeps, actor: Actor, id: number, grant: boolean, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    const { row, unit } = await schoolTeacher(tx, actor, id);
    if (!grant && row.accountId === actor.accountId) throw new AppError('FORBIDDEN');
    const where = and(eq(accountRoles.accountId, row.accountId), eq(accountRoles.role, 'school_admin'), eq(accountRoles.schoolId, row.schoolId));
    if (grant) await tx.insert(accountRoles).values({ accountId: row.accountId, role: 'school_admin', schoolId: row.schoolId }).onConflictDoNothing();
    else await tx.delete(accountRoles).where(where);
    await writeAudit(tx, {
      action: grant ? 'teacher.school_admin_granted' : 'teacher.school_admin_revoked',
      actor: actorRef(actor),
      target: { type: 'teacher', id, label: row.name },
      unit,
      ...meta,
    });
    return presentTeacher(actor, await findTeacherInScope(tx, actor, id));
  });
}

/**
 * 认证通过: the school confirms a teacher's identity against their papers. From then on the ID
 * number and school change only through review (TCH-3, 002 Q7).
 */
export async function verifyTeacher(deps: TeachersDeps, actor: Actor, id: number, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    // The school checks the papers; bureaus oversee but do not verify (003 §4).
    if (actor.scope.kind !== 'school') throw new AppError('FORBIDDEN');
    const { row, unit } = await schoolTeacher(tx, actor, id);
    if (!row.verified) {
      await tx.update(teachers).set({ verified: true, updatedAt: deps.clock.now() }).where(eq(teachers.id, id));
      await writeAudit(tx, { action: 'teacher.verified', actor: actorRef(actor), target: { type: 'teacher', id, label: row.name }, unit, ...meta });
    }
    return presentTeacher(actor, await findTeacherInScope(tx, actor, id));
  });
}

import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type EnrolmentAction, type EnrolmentParty, enrolmentMachine } from '../../../common/machines.js';
import type { Enrolment, zCatalogueQuery, zEnrolmentListQuery } from '../../../common/schemas/training.js';
import { allowedActions } from '../../../common/state-machine.js';
import {
  addDays,
  type EnrolmentState,
  EVALUATION_DAYS_DEFAULT,
  isLive,
  LIVE_ENROLMENT_STATES,
  STANDING_ENROLMENT_STATES,
  shanghaiDate,
} from '../../../common/training.js';
import type { Db, Tx } from '../../db/client.js';
import {
  accounts,
  classPeriods,
  enrolments,
  evaluations,
  institutions,
  lotteries,
  projectQuotas,
  projects,
  schools,
  teachers,
  trainingYears,
} from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import { applyTransition, findHistories } from '../../lib/review.js';
import { reverseEntries } from '../ledger/service.js';
import { notify } from '../notifications/service.js';
import { schoolScopeWhere } from '../org/policy.js';
import { findRegion, PROVINCE } from '../org/regions.js';
import type { Actor } from '../org/scope.js';
import { actorRef, escapeLike } from '../org/service.js';
import { openRound, requireCurrentYear } from '../projects/calendar.js';
import { holdPlace, releasePlace } from '../projects/places.js';
import { isBureauAt, isBureauOver, isInstitutionOf, regionReaches } from '../projects/policy.js';
import type { ClassRow, ProjectRow } from '../projects/service.js';

export type EnrolmentDeps = { db: Db; clock: Clock };
export type EnrolmentRow = typeof enrolments.$inferSelect;

const LIVE = LIVE_ENROLMENT_STATES as readonly EnrolmentState[];
const HOLDING = sql.raw(STANDING_ENROLMENT_STATES.map((x) => `'${x}'`).join(','));

function teacherQuery(tx: Tx) {
  return tx
    .select({
      id: teachers.id,
      accountId: teachers.accountId,
      name: accounts.realName,
      status: teachers.status,
      specialUser: teachers.specialUser,
      stage: teachers.stage,
      subjects: teachers.subjects,
      post: teachers.post,
      schoolId: teachers.schoolId,
      shixunNo: accounts.shixunNo,
      schoolName: schools.name,
      countyCode: schools.countyCode,
      cityCode: schools.cityCode,
    })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .leftJoin(schools, eq(schools.id, teachers.schoolId));
}

/** The teacher facts enrolment rules depend on, in one query. */
export async function findEnrollingTeacher(tx: Tx, where: SQL) {
  const [t] = await teacherQuery(tx).where(where);
  return t;
}
export type EnrollingTeacher = NonNullable<Awaited<ReturnType<typeof findEnrollingTeacher>>>;

const myTeacherQueries = new WeakMap<Db, ReturnType<typeof buildMyTeacher>>();
/** The acting teacher by account (placeholder `accountId`); exported so the benchmark runs the same SQL. */
export function myTeacherQuery(db: Db) {
  return teacherQuery(db).where(eq(teachers.accountId, sql.placeholder('accountId')));
}
function buildMyTeacher(db: Db) {
  return myTeacherQuery(db).prepare('my_teacher');
}

/** The teacher record of the acting account (teachers enrol, check in and evaluate as themselves). */
export async function myTeacher(db: Db, actor: Actor): Promise<EnrollingTeacher> {
  if (actor.role.role !== 'teacher') throw new AppError('FORBIDDEN');
  let query = myTeacherQueries.get(db);
  if (!query) {
    query = buildMyTeacher(db);
    myTeacherQueries.set(db, query);
  }
  const [t] = await query.execute({ accountId: actor.accountId });
  if (!t) throw notFound('teacher');
  return t;
}

/**
 * ENR-1/ENR-2 who may take a class: an in-service teacher who is not a special user, in a target
 * region, of a target stage, subject and post; an approved, open, not yet started class.
 */
export function checkEligible(t: EnrollingTeacher, project: ProjectRow, cls: ClassRow, today: string) {
  if (project.state !== 'approved' || project.category === 'directive') throw new AppError('NOT_ENROLLABLE');
  if (cls.cancelledAt) throw new AppError('CLASS_CANCELLED');
  if (today >= cls.startDate) throw new AppError(today > cls.endDate ? 'CLASS_ENDED' : 'NOT_ELIGIBLE', { why: WHY.started });
  checkTeacherFits(t, project);
}

/** The teacher's side of eligibility: in service, not a special user, a target region, stage, subject and post. */
function checkTeacherFits(t: EnrollingTeacher, project: ProjectRow) {
  if (t.status !== 'in_service') throw new AppError('TEACHER_ARCHIVED');
  if (t.specialUser) throw new AppError('SPECIAL_USER_ENROL');
  if (!t.countyCode || !t.cityCode || !regionReaches(project.targetRegions, { code: t.countyCode, cityCode: t.cityCode })) {
    throw new AppError('NOT_ELIGIBLE', { why: WHY.region });
  }
  if (project.stages.length > 0 && (!t.stage || !project.stages.includes(t.stage))) throw new AppError('NOT_ELIGIBLE', { why: WHY.stage });
  if (project.subjects.length > 0 && !t.subjects.some((s) => project.subjects.includes(s))) throw new AppError('NOT_ELIGIBLE', { why: WHY.subject });
  if (project.posts.length > 0 && (!t.post || !project.posts.includes(t.post))) throw new AppError('NOT_ELIGIBLE', { why: WHY.post });
}

const WHY = {
  started: { 'zh-CN': '班期已开班', 'en-US': 'the class has started' },
  region: { 'zh-CN': '所在地区不在面向地区内', 'en-US': 'your region is not a target region' },
  stage: { 'zh-CN': '任教学段不在面向学段内', 'en-US': 'your stage is not a target stage' },
  subject: { 'zh-CN': '任教学科不在面向学科内', 'en-US': 'your subjects are not target subjects' },
  post: { 'zh-CN': '岗位不在面向岗位类别内', 'en-US': 'your post is not a target post' },
};

/**
 * Everything an enrolment decision reads, in one round trip (the hot path of the round-2 rush):
 * the current year, the class with its project and institution, and what the teacher already has
 * that matters — an enrolment in this class, a finished class not yet evaluated (DLV-3 → ENR-2),
 * a round-1 enrolment the school approved that was not admitted (ENR-7), and whether the class's
 * lottery has run.
 */
/** The enrolment context (placeholders `teacherId`, `classId`, `today`); exported so the benchmark runs the same SQL. */
export function enrolContextQuery(db: Db) {
  const teacherId = sql.placeholder('teacherId');
  const classId = sql.placeholder('classId');
  const today = sql.placeholder('today');
  return db
    .select({
      year: trainingYears,
      cls: classPeriods,
      project: projects,
      institutionName: institutions.name,
      already: sql<boolean>`exists (select 1 from ${enrolments} e where e.teacher_id = ${teacherId} and e.class_id = ${classId} and e.state in (${HOLDING}))`,
      owed: sql<string | null>`(select p2.name from ${enrolments} e join ${classPeriods} c2 on c2.id = e.class_id join ${projects} p2 on p2.id = c2.project_id
        where e.teacher_id = ${teacherId} and e.state = 'admitted' and c2.end_date < ${today}::date
        and not exists (select 1 from ${evaluations} v where v.enrolment_id = e.id) limit 1)`,
      round2Eligible: sql<boolean>`exists (select 1 from ${enrolments} e where e.teacher_id = ${teacherId} and e.year = ${trainingYears.year} and e.round = 1
        and e.school_approved_at is not null and e.state in ('not_selected', 'rejected_bureau', 'rejected_institution'))`,
      lotteryRun: sql<boolean>`exists (select 1 from ${lotteries} l where l.class_id = ${classId})`,
    })
    .from(classPeriods)
    .innerJoin(projects, eq(projects.id, classPeriods.projectId))
    .innerJoin(institutions, eq(institutions.id, projects.institutionId))
    .leftJoin(trainingYears, eq(trainingYears.isCurrent, true))
    .where(eq(classPeriods.id, classId));
}
function buildEnrolContext(db: Db) {
  return enrolContextQuery(db).prepare('enrol_context');
}
const enrolContexts = new WeakMap<Db, ReturnType<typeof buildEnrolContext>>();

/**
 * Read before the enrolment's transaction, as one prepared statement: these are facts to check,
 * not places to take (the places are taken under locks in the transaction; a second standing
 * enrolment in the class is stopped by a unique index).
 */
async function findEnrolContext(db: Db, teacherId: number, classId: number, today: string) {
  let query = enrolContexts.get(db);
  if (!query) {
    query = buildEnrolContext(db);
    enrolContexts.set(db, query);
  }
  const [row] = await query.execute({ teacherId, classId, today });
  if (!row) throw notFound('class');
  if (!row.year) throw new AppError('NO_TRAINING_YEAR');
  return { ...row, year: row.year };
}

/** PRJ-6: a provincial project with quotas takes enrolees of a region only while its places last. */
async function checkQuota(tx: Tx, project: ProjectRow, t: { countyCode: string | null; cityCode: string | null }) {
  const quotas = await tx.select().from(projectQuotas).where(eq(projectQuotas.projectId, project.id)).for('update');
  if (quotas.length === 0) return;
  const q = quotas.find((x) => x.regionCode === t.countyCode) ?? quotas.find((x) => x.regionCode === t.cityCode);
  const regionName = findRegion(t.countyCode)?.name ?? '';
  if (!q) throw new AppError('QUOTA_FULL', { region: regionName });
  const level = findRegion(q.regionCode)?.level === 'city' ? schools.cityCode : schools.countyCode;
  const [used] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(enrolments)
    .innerJoin(classPeriods, eq(classPeriods.id, enrolments.classId))
    .innerJoin(schools, eq(schools.id, enrolments.schoolId))
    .where(and(eq(classPeriods.projectId, project.id), inArray(enrolments.state, LIVE), eq(level, q.regionCode)));
  if ((used?.n ?? 0) >= q.places) throw new AppError('QUOTA_FULL', { region: findRegion(q.regionCode)?.name ?? regionName });
}

export type EnrolOptions = {
  /** Collective enrolment: the school enrols, so the school's review is already given. */
  bySchool?: Actor;
};

/**
 * ENR-2/ENR-7/ENR-8: enrols a teacher in a class inside the open round, with every rule, in one
 * transaction. Round 1 takes everyone (the lottery settles oversubscription); round 2 is first come,
 * first served with a hard cap.
 */
export async function enrol(deps: EnrolmentDeps, actor: Actor, t: EnrollingTeacher, classId: number, opts: EnrolOptions = {}): Promise<Enrolment> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const c = await findEnrolContext(deps.db, t.id, classId, today);
  const { year, cls, project } = c;
  // Refusals that need no lock are given before a transaction opens.
  const round = openRound(year, today);
  if (!round) {
    throw new AppError('OUTSIDE_WINDOW', {
      what: { 'zh-CN': '报名', 'en-US': 'enrolment' },
      window: `${year.round1Start} ~ ${year.round1End}, ${year.round2Start} ~ ${year.round2End}`,
    });
  }
  if (project.year !== year.year) throw new AppError('NOT_ENROLLABLE');
  checkEligible(t, project, cls, today);
  if (c.already) throw new AppError('ALREADY_ENROLLED');
  if (c.owed) throw new AppError('EVALUATION_OWED', { name: c.owed });
  if (round === 2 && !year.round2OpenToAll && !c.round2Eligible) throw new AppError('ROUND2_NOT_ELIGIBLE');
  return deps.db.transaction(async (tx) => {
    if (project.category === 'provincial') await checkQuota(tx, project, t);
    await holdPlace(tx, { teacherId: t.id, year: year.year, hours: project.hours, cap: year.hourCap, cls, capped: round === 2 || c.lotteryRun });
    const school = opts.bySchool;
    const state: EnrolmentState = school ? (cls.checkpointLevel ? 'pending_bureau' : 'pending_institution') : 'pending_school';
    const [row] = await tx
      .insert(enrolments)
      .values({
        teacherId: t.id,
        classId,
        year: year.year,
        schoolId: t.schoolId,
        round,
        state,
        hours: project.hours,
        schoolApprovedAt: school ? now : null,
        createdBy: actor.accountId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('ALREADY_ENROLLED');
    const by = actorRef(actor);
    await applyTransition(tx, enrolmentMachine, {
      subjectId: row.id,
      from: null,
      initial: state,
      action: 'submit',
      party: school ? 'school' : 'owner',
      actor: by,
    });
    if (school) await notifyEnrolment(tx, t.accountId, project, cls, state, null, row.id);
    // Presented from what is in hand: the rush does not read back what it just wrote.
    const step = { fromState: null, toState: state, action: 'submit', actorName: by.name, actorRole: by.role, reason: null, at: now.toISOString() };
    const listRow = {
      e: row,
      cls: { ...cls, taken: cls.taken + 1 },
      project,
      institutionName: c.institutionName,
      teacherName: t.name,
      shixunNo: t.shixunNo,
      teacherAccountId: t.accountId,
      schoolName: t.schoolName,
      countyCode: t.countyCode,
      cityCode: t.cityCode,
      evaluated: false,
      total: 1,
    };
    return presentEnrolment(actor, listRow, [step], today, year.evaluationDays);
  });
}

async function notifyEnrolment(tx: Tx, accountId: number, project: ProjectRow, cls: ClassRow, state: EnrolmentState, reason: string | null, id: number) {
  await notify(tx, [
    { accountId, kind: 'enrolment.state', params: { project: project.name, seq: cls.seq, state, reason: reason ?? '' }, link: `/my/enrolments?id=${id}` },
  ]);
}

type Loaded = { e: EnrolmentRow; cls: ClassRow; project: ProjectRow; teacherAccountId: number; school: { countyCode: string; cityCode: string } | null };

async function lockEnrolment(tx: Tx, id: number): Promise<Loaded> {
  const [row] = await tx
    .select({
      e: enrolments,
      cls: classPeriods,
      project: projects,
      teacherAccountId: teachers.accountId,
      countyCode: schools.countyCode,
      cityCode: schools.cityCode,
    })
    .from(enrolments)
    .innerJoin(classPeriods, eq(classPeriods.id, enrolments.classId))
    .innerJoin(projects, eq(projects.id, classPeriods.projectId))
    .innerJoin(teachers, eq(teachers.id, enrolments.teacherId))
    .leftJoin(schools, eq(schools.id, enrolments.schoolId))
    .where(eq(enrolments.id, id))
    .for('update', { of: enrolments });
  if (!row) throw notFound('enrolment');
  return { ...row, school: row.countyCode && row.cityCode ? { countyCode: row.countyCode, cityCode: row.cityCode } : null };
}

/** The bureau region a class's checkpoint names for this enrolee (their county, their city, or the province). */
function checkpointRegion(l: Pick<Loaded, 'cls' | 'school'>): string | null {
  if (!l.cls.checkpointLevel || !l.school) return null;
  if (l.cls.checkpointLevel === 'province') return PROVINCE.code;
  return l.cls.checkpointLevel === 'city' ? l.school.cityCode : l.school.countyCode;
}

/**
 * Every party the actor is for this enrolment: the checkpoint bureau reviews only where the class's
 * 审核点 names it; a bureau over the project adjusts (remove, cancel).
 */
function partiesOf(actor: Actor, l: Pick<Loaded, 'e' | 'cls' | 'project' | 'teacherAccountId' | 'school'>): EnrolmentParty[] {
  const out: EnrolmentParty[] = [];
  const role = actor.role.role;
  if (role === 'teacher' && actor.accountId === l.teacherAccountId) out.push('owner');
  if ((role === 'school_admin' || role === 'principal') && actor.scope.kind === 'school' && actor.scope.schoolId === l.e.schoolId) out.push('school');
  if (isInstitutionOf(actor, l.project.institutionId)) out.push('institution');
  if (role === 'bureau_admin' || role === 'province_admin') {
    const cp = checkpointRegion(l);
    if (l.cls.checkpointLevel && cp && isBureauAt(actor.scope, l.cls.checkpointLevel, cp)) out.push('checkpoint');
    if (isBureauOver(actor, l.project)) out.push('bureau');
  }
  return out;
}

/** The machine's action for what the user asked: a school's 通过 goes to the bureau when the class has a checkpoint. */
function machineAction(asked: string, party: EnrolmentParty, l: Pick<Loaded, 'cls'>): EnrolmentAction {
  if (asked === 'approve' && party === 'school' && l.cls.checkpointLevel) return 'forward';
  return asked as EnrolmentAction;
}

/** The school may change its mind until the next level acts: at a checkpoint class, the bureau has acted once it is with the institution. */
function schoolMayRevoke(l: Pick<Loaded, 'e' | 'cls'>): boolean {
  return !(l.e.state === 'pending_institution' && l.cls.checkpointLevel);
}

/**
 * ENR-3/ENR-4 and bureau adjustments: withdraw, approve, reject, revoke (the school changes its
 * mind before the next level acts), admit, remove. Places are released and re-taken as the
 * enrolment leaves or re-enters the live states; the teacher is told every change.
 */
export async function actOnEnrolment(deps: EnrolmentDeps, actor: Actor, id: number, asked: string, reason: string | undefined): Promise<void> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  await deps.db.transaction(async (tx) => {
    const l = await lockEnrolment(tx, id);
    const parties = partiesOf(actor, l);
    // The bureau's "approve" only exists at a checkpoint; otherwise the first party that may act decides.
    const party = parties.find((p) => allowedActions(enrolmentMachine, l.e.state, p).includes(machineAction(asked, p, l))) ?? parties[0];
    if (!party) throw notFound('enrolment');
    const action = machineAction(asked, party, l);
    if (action === 'revoke' && !schoolMayRevoke(l)) throw new AppError('INVALID_STATE', { state: l.e.state, action });
    if (action === 'admit' && l.e.state === 'pending_institution') {
      const [lottery] = await tx.select({ classId: lotteries.classId }).from(lotteries).where(eq(lotteries.classId, l.cls.id));
      // ENR-5: round 1 is settled by the lottery, not by who is admitted first.
      const year = await requireCurrentYear(tx);
      if (!lottery && l.project.year === year.year && openRound(year, today) === 1) throw new AppError('ROUND1_OPEN');
      if (l.cls.taken > l.cls.capacity && !lottery) throw new AppError('LOTTERY_REQUIRED');
    }
    if (action === 'remove' && party === 'bureau' && today > l.cls.endDate) throw new AppError('CLASS_ENDED');
    const to = await applyTransition(tx, enrolmentMachine, { subjectId: id, from: l.e.state, action, party, actor: actorRef(actor), reason });
    await moveState(tx, l, to, now, actor.accountId);
    const patch: Partial<EnrolmentRow> = { state: to, updatedAt: now };
    if (party === 'school' && (action === 'approve' || action === 'forward')) patch.schoolApprovedAt = now;
    if (action === 'revoke') patch.schoolApprovedAt = null;
    await tx.update(enrolments).set(patch).where(eq(enrolments.id, id));
    if (party !== 'owner') await notifyEnrolment(tx, l.teacherAccountId, l.project, l.cls, to, reason?.trim() || null, id);
  });
}

/**
 * Keeps places right across a state change: leaving the live states frees one, re-entering takes
 * one (with the quota of a provincial project); leaving 已录取 takes back a pass already credited.
 */
async function moveState(tx: Tx, l: Loaded, to: EnrolmentState, now: Date, actorId: number, opts: { capped?: boolean } = {}) {
  const wasLive = isLive(l.e.state);
  if (wasLive && !isLive(to)) await releasePlace(tx, l.e);
  if (!wasLive && isLive(to)) {
    const year = await requireCurrentYear(tx);
    let capped = opts.capped;
    if (capped === undefined) {
      const [lottery] = await tx.select({ classId: lotteries.classId }).from(lotteries).where(eq(lotteries.classId, l.cls.id));
      capped = openRound(year, shanghaiDate(now)) !== 1 || !!lottery;
    }
    if (l.project.category === 'provincial')
      await checkQuota(tx, l.project, { countyCode: l.school?.countyCode ?? null, cityCode: l.school?.cityCode ?? null });
    await holdPlace(tx, { teacherId: l.e.teacherId, year: l.e.year, hours: l.e.hours, cap: year.hourCap, cls: l.cls, capped });
  }
  if (l.e.state === 'admitted' && to !== 'admitted') await dropResult(tx, l.e, actorId);
}

/** An enrolment leaving 已录取 keeps no result: a credited pass is reversed in the ledger (HRS-1). */
export async function dropResult(tx: Tx, e: Pick<EnrolmentRow, 'id' | 'teacherId' | 'result'>, actorId: number) {
  if (!e.result) return;
  if (e.result === 'pass') await reverseEntries(tx, e.teacherId, 'class', e.id, actorId);
  await tx.update(enrolments).set({ result: null, score: null, gradedAt: null }).where(eq(enrolments.id, e.id));
}

/** Runs an action on many enrolments, each in its own transaction; returns what failed and why. */
export async function actOnEnrolments(deps: EnrolmentDeps, actor: Actor, ids: number[], asked: string, reason: string | undefined) {
  const failed: { id: number; error: AppError }[] = [];
  let done = 0;
  for (const id of [...new Set(ids)]) {
    try {
      await actOnEnrolment(deps, actor, id, asked, reason);
      done++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ id, error: err });
    }
  }
  return { done, failed };
}

// ---------------------------------------------------------------- ENR-9 leave

/** The school files leave for an admitted teacher before the class ends, optionally naming a replacement. */
export async function fileLeave(
  deps: EnrolmentDeps,
  actor: Actor,
  id: number,
  reason: string,
  replacementTeacherId: number | undefined,
): Promise<number | null> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  return deps.db.transaction(async (tx) => {
    const l = await lockEnrolment(tx, id);
    if (!partiesOf(actor, l).includes('school')) throw notFound('enrolment');
    if (today > l.cls.endDate) throw new AppError('CLASS_ENDED');
    await applyTransition(tx, enrolmentMachine, { subjectId: id, from: l.e.state, action: 'leave', party: 'school', actor: actorRef(actor), reason });
    await moveState(tx, l, 'on_leave', now, actor.accountId);
    await tx.update(enrolments).set({ state: 'on_leave', leaveReason: reason, updatedAt: now }).where(eq(enrolments.id, id));
    await notifyEnrolment(tx, l.teacherAccountId, l.project, l.cls, 'on_leave', reason, id);
    if (!replacementTeacherId) return null;
    // The replacement takes the same seat: the leaver's place is given back and taken again at once.
    const t = await findEnrollingTeacher(tx, eq(teachers.id, replacementTeacherId));
    if (!t || t.schoolId !== l.e.schoolId) throw AppError.fields({ field: 'replacementTeacherId', key: 'outOfScope' });
    checkTeacherFits(t, l.project);
    const [dup] = await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(and(eq(enrolments.teacherId, t.id), eq(enrolments.classId, l.cls.id), sql`${enrolments.state} in (${HOLDING})`));
    if (dup) throw new AppError('ALREADY_ENROLLED');
    await applyTransition(tx, enrolmentMachine, { subjectId: id, from: 'on_leave', action: 'replace', party: 'school', actor: actorRef(actor) });
    await tx.update(enrolments).set({ state: 'replaced', updatedAt: now }).where(eq(enrolments.id, id));
    await notifyEnrolment(tx, l.teacherAccountId, l.project, l.cls, 'replaced', reason, id);
    const year = await requireCurrentYear(tx);
    await holdPlace(tx, { teacherId: t.id, year: l.e.year, hours: l.e.hours, cap: year.hourCap, cls: l.cls, capped: false });
    const [row] = await tx
      .insert(enrolments)
      .values({
        teacherId: t.id,
        classId: l.cls.id,
        year: l.e.year,
        schoolId: t.schoolId,
        round: l.e.round,
        state: 'admitted',
        hours: l.e.hours,
        schoolApprovedAt: now,
        replacementOf: id,
        createdBy: actor.accountId,
      })
      .returning({ id: enrolments.id });
    const newId = row?.id as number;
    await applyTransition(tx, enrolmentMachine, {
      subjectId: newId,
      from: null,
      initial: 'admitted',
      action: 'submit',
      party: 'school',
      actor: actorRef(actor),
      reason: `替补 ${reason}`,
    });
    await notifyEnrolment(tx, t.accountId, l.project, l.cls, 'admitted', null, newId);
    return newId;
  });
}

/** Leave without a replacement can be revoked while the class is still running. */
export async function revokeLeave(deps: EnrolmentDeps, actor: Actor, id: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const l = await lockEnrolment(tx, id);
    if (!partiesOf(actor, l).includes('school')) throw notFound('enrolment');
    if (shanghaiDate(now) > l.cls.endDate) throw new AppError('CLASS_ENDED');
    await applyTransition(tx, enrolmentMachine, { subjectId: id, from: l.e.state, action: 'revoke_leave', party: 'school', actor: actorRef(actor) });
    // The place given back at the leave is taken again; it may have gone to someone in round 2 meanwhile.
    await moveState(tx, l, 'admitted', now, actor.accountId, { capped: true });
    await tx.update(enrolments).set({ state: 'admitted', leaveReason: null, updatedAt: now }).where(eq(enrolments.id, id));
    await notifyEnrolment(tx, l.teacherAccountId, l.project, l.cls, 'admitted', null, id);
  });
}

// ---------------------------------------------------------------- lists

/** Enrolments an identity may see, in SQL: its own, its school's, its institution's, its region's. */
function enrolmentScopeWhere(actor: Actor): SQL | undefined {
  if (actor.role.role === 'teacher') return eq(teachers.accountId, actor.accountId);
  if (actor.scope.kind === 'institution') return eq(projects.institutionId, actor.scope.institutionId);
  // Schools and bureaus: the enrolments of the schools they see (the enrolment's school is joined).
  return schoolScopeWhere(actor.scope);
}

/** What waits for this identity's action. */
function toReviewWhere(actor: Actor): SQL {
  switch (actor.role.role) {
    case 'school_admin':
    case 'principal':
      return eq(enrolments.state, 'pending_school');
    case 'institution_admin':
      return eq(enrolments.state, 'pending_institution');
    case 'bureau_admin':
    case 'province_admin': {
      const s = actor.scope;
      const cp =
        s.kind === 'province'
          ? sql`${classPeriods.checkpointLevel} = 'province'`
          : s.kind === 'city'
            ? sql`${classPeriods.checkpointLevel} = 'city' and ${schools.cityCode} = ${s.cityCode}`
            : s.kind === 'county'
              ? sql`${classPeriods.checkpointLevel} = 'county' and ${schools.countyCode} = ${s.countyCode}`
              : sql`false`;
      return sql`${enrolments.state} = 'pending_bureau' and ${cp}`;
    }
    default:
      return sql`false`;
  }
}

function enrolmentSelect(db: Tx) {
  return db
    .select({
      e: enrolments,
      cls: classPeriods,
      project: projects,
      institutionName: institutions.name,
      teacherName: accounts.realName,
      shixunNo: accounts.shixunNo,
      teacherAccountId: teachers.accountId,
      schoolName: schools.name,
      countyCode: schools.countyCode,
      cityCode: schools.cityCode,
      evaluated: sql<boolean>`exists (select 1 from ${evaluations} where ${evaluations.enrolmentId} = ${enrolments.id})`,
      total: sql<number>`count(*) over ()`,
    })
    .from(enrolments)
    .innerJoin(classPeriods, eq(classPeriods.id, enrolments.classId))
    .innerJoin(projects, eq(projects.id, classPeriods.projectId))
    .innerJoin(institutions, eq(institutions.id, projects.institutionId))
    .innerJoin(teachers, eq(teachers.id, enrolments.teacherId))
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .leftJoin(schools, eq(schools.id, enrolments.schoolId));
}
type ListRow = Awaited<ReturnType<ReturnType<typeof enrolmentSelect>['execute']>>[number];

export async function listEnrolments(deps: EnrolmentDeps, actor: Actor, q: z.infer<typeof zEnrolmentListQuery>) {
  const { limit, offset } = pageOffset(q);
  const conds: (SQL | undefined)[] = [enrolmentScopeWhere(actor)];
  if (q.state) conds.push(eq(enrolments.state, q.state));
  if (q.classId) conds.push(eq(enrolments.classId, q.classId));
  if (q.projectId) conds.push(eq(classPeriods.projectId, q.projectId));
  if (q.toReview === 'true') conds.push(toReviewWhere(actor));
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(or(ilike(accounts.realName, like), eq(accounts.shixunNo, q.q), ilike(projects.name, like)));
  }
  const rows = await enrolmentSelect(deps.db)
    .where(and(...conds))
    .orderBy(desc(enrolments.id))
    .limit(limit)
    .offset(offset);
  const histories = await findHistories(
    deps.db,
    enrolmentMachine.name,
    rows.map((r) => r.e.id),
  );
  const year = await requireCurrentYear(deps.db).catch(() => null);
  const today = shanghaiDate(deps.clock.now());
  return toPage(rows, q, (r) => presentEnrolment(actor, r, histories.get(r.e.id) ?? [], today, year?.evaluationDays ?? EVALUATION_DAYS_DEFAULT));
}

export async function getEnrolment(deps: EnrolmentDeps, actor: Actor, id: number): Promise<Enrolment> {
  const [row] = await enrolmentSelect(deps.db).where(and(eq(enrolments.id, id), enrolmentScopeWhere(actor)));
  if (!row) throw notFound('enrolment');
  const histories = await findHistories(deps.db, enrolmentMachine.name, [id]);
  const year = await requireCurrentYear(deps.db).catch(() => null);
  return presentEnrolment(actor, row, histories.get(id) ?? [], shanghaiDate(deps.clock.now()), year?.evaluationDays ?? EVALUATION_DAYS_DEFAULT);
}

function presentEnrolment(actor: Actor, r: ListRow, history: Enrolment['history'], today: string, evaluationDays: number): Enrolment {
  const l = {
    e: r.e,
    cls: r.cls,
    project: r.project,
    teacherAccountId: r.teacherAccountId,
    school: r.countyCode && r.cityCode ? { countyCode: r.countyCode, cityCode: r.cityCode } : null,
  };
  const parties = partiesOf(actor, l);
  const can = (asked: string) => parties.some((p) => allowedActions(enrolmentMachine, r.e.state, p).includes(machineAction(asked, p, l)));
  const ended = today >= r.cls.endDate;
  const evaluable = r.e.state === 'admitted' && ended && !r.evaluated;
  return {
    id: r.e.id,
    teacherId: r.e.teacherId,
    teacherName: r.teacherName,
    shixunNo: r.shixunNo ?? '',
    schoolName: r.schoolName,
    classId: r.cls.id,
    seq: r.cls.seq,
    projectId: r.project.id,
    projectName: r.project.name,
    institutionName: r.institutionName,
    startDate: r.cls.startDate,
    endDate: r.cls.endDate,
    place: r.cls.place,
    hours: r.e.hours,
    year: r.e.year,
    round: r.e.round,
    state: r.e.state,
    result: r.e.result,
    score: r.e.score,
    leaveReason: r.e.leaveReason,
    evaluated: r.evaluated,
    evaluationDue: r.e.state === 'admitted' && !r.evaluated ? addDays(r.cls.endDate, evaluationDays) : null,
    history,
    abilities: {
      withdraw: can('withdraw'),
      approve: can('approve'),
      reject: can('reject'),
      revoke: can('revoke') && schoolMayRevoke(l),
      admit: can('admit'),
      remove: can('remove'),
      leave: can('leave') && today <= r.cls.endDate,
      revokeLeave: can('revoke_leave') && today <= r.cls.endDate,
      evaluate: parties.includes('owner') && evaluable,
    },
    createdAt: new Date(r.e.createdAt).toISOString(),
  };
}

// ---------------------------------------------------------------- ENR-1 catalogue

/**
 * Approved classes of the current year open for enrolment. A teacher sees those aimed at their
 * region, stage, subjects and post; a school admin those aimed at the school's region.
 */
export async function catalogue(deps: EnrolmentDeps, actor: Actor, q: z.infer<typeof zCatalogueQuery>) {
  const today = shanghaiDate(deps.clock.now());
  const year = await requireCurrentYear(deps.db);
  const { limit, offset } = pageOffset(q);
  const conds: (SQL | undefined)[] = [
    eq(projects.state, 'approved'),
    sql`${projects.category} <> 'directive'`,
    eq(projects.year, year.year),
    sql`${classPeriods.cancelledAt} is null`,
    sql`${classPeriods.startDate} > ${today}`,
  ];
  let teacherId = 0;
  let region: { county: string; city: string } | null = null;
  if (actor.role.role === 'teacher') {
    const t = await myTeacher(deps.db, actor);
    teacherId = t.id;
    if (t.countyCode && t.cityCode) region = { county: t.countyCode, city: t.cityCode };
    conds.push(t.stage ? sql`(cardinality(${projects.stages}) = 0 or ${t.stage} = any(${projects.stages}))` : sql`cardinality(${projects.stages}) = 0`);
    conds.push(sql`(cardinality(${projects.subjects}) = 0 or ${projects.subjects} && ${sql.param(t.subjects)}::text[])`);
    conds.push(t.post ? sql`(cardinality(${projects.posts}) = 0 or ${t.post} = any(${projects.posts}))` : sql`cardinality(${projects.posts}) = 0`);
    if (!region) conds.push(sql`false`);
  } else if (actor.scope.kind === 'school') {
    const [s] = await deps.db.select({ county: schools.countyCode, city: schools.cityCode }).from(schools).where(eq(schools.id, actor.scope.schoolId));
    if (s) region = s;
  }
  if (region) conds.push(sql`${projects.targetRegions} && ${sql.param([region.county, region.city, PROVINCE.code])}::text[]`);
  if (q.q) conds.push(or(ilike(projects.name, `%${escapeLike(q.q)}%`), ilike(institutions.name, `%${escapeLike(q.q)}%`)));
  if (q.subject) conds.push(sql`(cardinality(${projects.subjects}) = 0 or ${q.subject} = any(${projects.subjects}))`);
  if (q.stage) conds.push(sql`(cardinality(${projects.stages}) = 0 or ${q.stage} = any(${projects.stages}))`);
  if (q.mode) conds.push(eq(projects.mode, q.mode));
  if (q.institutionId) conds.push(eq(projects.institutionId, q.institutionId));
  if (q.maxHours !== undefined) conds.push(sql`${projects.hours} <= ${q.maxHours}`);
  if (q.from) conds.push(sql`${classPeriods.startDate} >= ${q.from}`);
  if (q.to) conds.push(sql`${classPeriods.endDate} <= ${q.to}`);
  if (q.available === 'true') conds.push(sql`${classPeriods.taken} < ${classPeriods.capacity}`);
  const rows = await deps.db
    .select({
      cls: classPeriods,
      project: projects,
      institutionName: institutions.name,
      myState: enrolments.state,
      total: sql<number>`count(*) over ()`,
    })
    .from(classPeriods)
    .innerJoin(projects, eq(projects.id, classPeriods.projectId))
    .innerJoin(institutions, eq(institutions.id, projects.institutionId))
    .leftJoin(enrolments, and(eq(enrolments.classId, classPeriods.id), eq(enrolments.teacherId, teacherId), sql`${enrolments.state} in (${HOLDING})`))
    .where(and(...conds))
    .orderBy(asc(classPeriods.startDate), asc(classPeriods.id))
    .limit(limit)
    .offset(offset);
  return toPage(rows, q, (r) => ({
    classId: r.cls.id,
    projectId: r.project.id,
    projectName: r.project.name,
    institutionName: r.institutionName,
    category: r.project.category,
    seq: r.cls.seq,
    startDate: r.cls.startDate,
    endDate: r.cls.endDate,
    place: r.cls.place,
    hours: r.project.hours,
    mode: r.project.mode,
    feeFen: r.project.feeFen,
    subjects: r.project.subjects,
    stages: r.project.stages,
    capacity: r.cls.capacity,
    taken: r.cls.taken,
    full: r.cls.taken >= r.cls.capacity,
    hasPlan: r.project.planKey !== null,
    myState: r.myState ?? null,
  }));
}

/**
 * TCH-5: a teacher who moves takes their standing enrolments along; the new school reviews and
 * files leave for them from now on.
 */
export async function followTeacherToSchool(tx: Tx, teacherId: number, schoolId: number | null): Promise<void> {
  await tx
    .update(enrolments)
    .set({ schoolId })
    .where(and(eq(enrolments.teacherId, teacherId), sql`${enrolments.state} in (${HOLDING})`));
}

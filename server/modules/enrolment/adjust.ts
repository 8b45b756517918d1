import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { enrolmentMachine } from '../../../common/machines.js';
import { type EnrolmentState, isLive, LIVE_ENROLMENT_STATES, MAX_EXPANSION_RATIO, shanghaiDate } from '../../../common/training.js';
import type { Tx } from '../../db/client.js';
import { classPeriods, enrolments, lotteries, teachers } from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { applyTransition } from '../../lib/review.js';
import { type Notice, notify } from '../notifications/service.js';
import type { Actor } from '../org/scope.js';
import { actorRef } from '../org/service.js';
import { openRound, requireCurrentYear } from '../projects/calendar.js';
import { holdPlace, releasePlace } from '../projects/places.js';
import { isBureauOver, isInstitutionOf } from '../projects/policy.js';
import { type ClassRow, findClass, findProject, type ProjectRow } from '../projects/service.js';
import { dropResult, type EnrollingTeacher, type EnrolmentDeps, enrol, findEnrollingTeacher } from './service.js';

const PENDING: EnrolmentState[] = ['pending_school', 'pending_bureau', 'pending_institution'];
const LIVE = LIVE_ENROLMENT_STATES as readonly EnrolmentState[];
/** Live, or on leave: what a cancellation ends. */
const STANDING: EnrolmentState[] = [...LIVE_ENROLMENT_STATES, 'on_leave'];

export const LOTTERY_METHOD =
  'Each candidate enrolment id is hashed as SHA-256 of "<seed>:<id>" (UTF-8, hex); candidates are sorted by that hash ascending and the first <places> are selected.';

/**
 * ENR-5: the reproducible draw. Anyone holding the seed and the candidate list gets the same
 * selection, e.g. `printf '%s' "$seed:$id" | sha256sum` for each id, sorted.
 */
export function drawLottery(seed: string, candidates: number[], places: number): number[] {
  const keyed = candidates.map((id) => ({ id, key: createHash('sha256').update(`${seed}:${id}`).digest('hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id));
  return keyed
    .slice(0, Math.max(places, 0))
    .map((k) => k.id)
    .sort((a, b) => a - b);
}

/**
 * Locks a class for an operation on all its enrolments. The enrolment rows are locked first, in id
 * order, then the class row: the order a single enrolment's change takes (its row, then the
 * class's seat), so the two never deadlock.
 */
async function lockClass(tx: Tx, actor: Actor, classId: number): Promise<{ cls: ClassRow; project: ProjectRow }> {
  const found = await findClass(tx, actor, classId);
  await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.classId, classId), inArray(enrolments.state, STANDING)))
    .orderBy(asc(enrolments.id))
    .for('update');
  const [cls] = await tx.select().from(classPeriods).where(eq(classPeriods.id, classId)).for('update');
  return { cls: cls as ClassRow, project: found.project };
}

/**
 * ENR-5 筛选: after round 1 closes, the institution runs the lottery once per oversubscribed class.
 * Admitted enrolees keep their places; the pending ones compete for the rest; the others become
 * 未录取 and are told so. The seed and the candidates are stored with the result.
 */
export async function runLottery(deps: EnrolmentDeps, actor: Actor, classId: number, meta: RequestMeta) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { cls, project } = await lockClass(tx, actor, classId);
    if (!isInstitutionOf(actor, project.institutionId)) throw new AppError('FORBIDDEN');
    const year = await requireCurrentYear(tx);
    const today = shanghaiDate(now);
    if (project.year === year.year && today <= year.round1End) {
      throw new AppError('OUTSIDE_WINDOW', {
        what: { 'zh-CN': '筛选（一轮报名结束后）', 'en-US': 'lottery (after round 1)' },
        window: `${year.round1End} 之后`,
      });
    }
    const [done] = await tx.select({ classId: lotteries.classId }).from(lotteries).where(eq(lotteries.classId, classId));
    if (done) throw new AppError('LOTTERY_DONE');
    if (cls.cancelledAt) throw new AppError('CLASS_CANCELLED');
    if (cls.taken <= cls.capacity) throw new AppError('LOTTERY_NOT_NEEDED', { taken: cls.taken, capacity: cls.capacity });
    const live = await classEnrolees(tx, classId, LIVE);
    const kept = live.filter((e) => !PENDING.includes(e.state)).length;
    const candidates = live.filter((e) => PENDING.includes(e.state));
    const places = Math.max(cls.capacity - kept, 0);
    const seed = randomBytes(16).toString('hex');
    const selected = drawLottery(
      seed,
      candidates.map((c) => c.id),
      places,
    );
    const chosen = new Set(selected);
    const notices: Notice[] = [];
    for (const c of candidates) {
      const params = { project: project.name, seq: cls.seq };
      if (chosen.has(c.id)) {
        notices.push({ accountId: c.accountId, kind: 'enrolment.selected', params, link: `/my/enrolments?id=${c.id}` });
        continue;
      }
      await applyTransition(tx, enrolmentMachine, {
        subjectId: c.id,
        from: c.state,
        action: 'not_select',
        party: 'system',
        actor: actorRef(actor),
        reason: '筛选未录取',
      });
      await releasePlace(tx, { ...c, classId });
      notices.push({
        accountId: c.accountId,
        kind: 'enrolment.state',
        params: { ...params, state: 'not_selected', reason: '' },
        link: `/my/enrolments?id=${c.id}`,
      });
    }
    const losers = candidates.filter((c) => !chosen.has(c.id)).map((c) => c.id);
    if (losers.length) await tx.update(enrolments).set({ state: 'not_selected', updatedAt: now }).where(inArray(enrolments.id, losers));
    await tx.insert(lotteries).values({ classId, seed, places, candidates: candidates.map((c) => c.id), selected, runBy: actor.accountId, runAt: now });
    await notify(tx, notices);
    await writeAudit(tx, {
      action: 'class.lottery',
      actor: actorRef(actor),
      target: { type: 'class', id: classId, label: `${project.name} 第${cls.seq}期` },
      detail: { seed, candidates: candidates.length, selected: selected.length },
      unit: { institutionId: project.institutionId },
      ...meta,
    });
    return presentLottery({ classId, seed, places, candidates: candidates.map((c) => c.id), selected, runAt: now });
  });
}

export function presentLottery(l: { classId: number; seed: string; places: number; candidates: number[]; selected: number[]; runAt: Date }) {
  return { ...l, runAt: new Date(l.runAt).toISOString(), method: LOTTERY_METHOD };
}

export async function getLottery(deps: EnrolmentDeps, actor: Actor, classId: number) {
  await findClass(deps.db, actor, classId);
  const [l] = await deps.db.select().from(lotteries).where(eq(lotteries.classId, classId));
  if (!l) throw notFound('class');
  return presentLottery(l);
}

/** A class's enrolments in some states, in id order, with what a place and a notice need. */
function classEnrolees(tx: Tx, classId: number, states: readonly EnrolmentState[]) {
  return tx
    .select({
      id: enrolments.id,
      state: enrolments.state,
      teacherId: enrolments.teacherId,
      year: enrolments.year,
      hours: enrolments.hours,
      result: enrolments.result,
      accountId: teachers.accountId,
    })
    .from(enrolments)
    .innerJoin(teachers, eq(teachers.id, enrolments.teacherId))
    .where(and(eq(enrolments.classId, classId), inArray(enrolments.state, [...states])))
    .orderBy(asc(enrolments.id));
}

function checkAdjustable(actor: Actor, project: ProjectRow, cls: ClassRow) {
  if (!isBureauOver(actor, project)) throw new AppError('FORBIDDEN');
  if (project.state !== 'approved') throw new AppError('INVALID_STATE', {});
  if (cls.cancelledAt) throw new AppError('CLASS_CANCELLED');
}

/** ENR-6 扩班: a bureau grows a class by at most half its planned capacity, until round 2 ends. */
export async function expandClass(deps: EnrolmentDeps, actor: Actor, classId: number, capacity: number, meta: RequestMeta) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { cls, project } = await lockClass(tx, actor, classId);
    checkAdjustable(actor, project, cls);
    const year = await requireCurrentYear(tx);
    if (shanghaiDate(now) > year.round2End || project.year < year.year) throw new AppError('ADJUST_CLOSED');
    const max = Math.floor(cls.plannedCapacity * (1 + MAX_EXPANSION_RATIO));
    if (capacity > max) throw new AppError('EXPANSION_TOO_LARGE', { max });
    if (capacity < cls.capacity) throw AppError.fields({ field: 'capacity', key: 'tooSmall', params: { min: cls.capacity } });
    await tx.update(classPeriods).set({ capacity }).where(eq(classPeriods.id, classId));
    await writeAudit(tx, {
      action: 'class.adjusted',
      actor: actorRef(actor),
      target: { type: 'class', id: classId, label: `${project.name} 第${cls.seq}期` },
      detail: { expand: { from: cls.capacity, to: capacity } },
      unit: { institutionId: project.institutionId },
      ...meta,
    });
  });
}

/** ENR-6 取消办班: every live enrolee is told and gets their hours back. Allowed until the class ends. */
export async function cancelClass(deps: EnrolmentDeps, actor: Actor, classId: number, reason: string, meta: RequestMeta) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { cls, project } = await lockClass(tx, actor, classId);
    checkAdjustable(actor, project, cls);
    if (shanghaiDate(now) > cls.endDate) throw new AppError('CLASS_ENDED');
    const n = await endEnrolments(tx, actor, cls, project, 'cancel', reason, now);
    await tx.update(classPeriods).set({ cancelledAt: now, cancelReason: reason }).where(eq(classPeriods.id, classId));
    await writeAudit(tx, {
      action: 'class.adjusted',
      actor: actorRef(actor),
      target: { type: 'class', id: classId, label: `${project.name} 第${cls.seq}期` },
      detail: { cancel: { reason, enrolees: n } },
      unit: { institutionId: project.institutionId },
      ...meta,
    });
  });
}

/** Ends every live enrolment of a class (cancellation): history, places, state, notification. */
async function endEnrolments(tx: Tx, actor: Actor, cls: ClassRow, project: ProjectRow, action: 'cancel', reason: string, now: Date) {
  const live = await classEnrolees(tx, cls.id, STANDING);
  for (const e of live) {
    await applyTransition(tx, enrolmentMachine, { subjectId: e.id, from: e.state, action, party: 'bureau', actor: actorRef(actor), reason });
    if (isLive(e.state)) await releasePlace(tx, { ...e, classId: cls.id });
    await dropResult(tx, e, actor.accountId);
  }
  if (live.length)
    await tx
      .update(enrolments)
      .set({ state: 'cancelled', updatedAt: now })
      .where(
        inArray(
          enrolments.id,
          live.map((e) => e.id),
        ),
      );
  await notify(
    tx,
    live.map((e) => ({
      accountId: e.accountId,
      kind: 'class.cancelled',
      params: { project: project.name, seq: cls.seq, reason },
      link: `/my/enrolments?id=${e.id}`,
    })),
  );
  return live.length;
}

/**
 * PRJ-6: once the enrolment rounds are closed, the province closes a project's classes that have
 * fewer live enrolees than its minimum and places their enrolees in the project's other classes
 * that have not started, have free places and the same review checkpoint (the emptiest first),
 * through the same place rules as an enrolment (hour cap, overlapping dates, capacity). Whoever
 * cannot be placed is cancelled. Everyone moved or cancelled is told.
 */
export async function placeUnderfilled(deps: EnrolmentDeps, actor: Actor, projectId: number, meta: RequestMeta) {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  return deps.db.transaction(async (tx) => {
    const project = await findProject(tx, actor, projectId);
    if (actor.role.role !== 'province_admin') throw new AppError('FORBIDDEN');
    if (project.state !== 'approved' || !project.minClassSize) throw new AppError('INVALID_STATE', {});
    const year = await requireCurrentYear(tx);
    if (project.year === year.year && openRound(year, today) !== null) {
      throw new AppError('OUTSIDE_WINDOW', {
        what: { 'zh-CN': '调剂（报名轮次之外）', 'en-US': 'placement (outside the enrolment rounds)' },
        window: `${year.round1End} ~ ${year.round2Start}`,
      });
    }
    const min = project.minClassSize;
    // Enrolments first, then classes: the order a single enrolment's change takes.
    await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .innerJoin(classPeriods, eq(classPeriods.id, enrolments.classId))
      .where(and(eq(classPeriods.projectId, projectId), inArray(enrolments.state, STANDING)))
      .orderBy(asc(enrolments.id))
      .for('update', { of: enrolments });
    const classes = await tx
      .select()
      .from(classPeriods)
      .where(and(eq(classPeriods.projectId, projectId), sql`${classPeriods.cancelledAt} is null`))
      .orderBy(asc(classPeriods.id))
      .for('update');
    const under = classes.filter((c) => c.taken < min && c.startDate > today);
    const targets = classes.filter((c) => c.taken >= min && c.startDate > today);
    let moved = 0;
    let cancelled = 0;
    for (const cls of under) {
      const standing = await classEnrolees(tx, cls.id, STANDING);
      const notices: Notice[] = [];
      // Those on leave hold no place to move: the class closes under them.
      for (const e of standing.filter((x) => x.state === 'on_leave')) {
        await applyTransition(tx, enrolmentMachine, {
          subjectId: e.id,
          from: e.state,
          action: 'cancel',
          party: 'bureau',
          actor: actorRef(actor),
          reason: '报名不足，班期已取消',
        });
        await tx.update(enrolments).set({ state: 'cancelled', updatedAt: now }).where(eq(enrolments.id, e.id));
        notices.push({
          accountId: e.accountId,
          kind: 'class.cancelled',
          params: { project: project.name, seq: cls.seq, reason: '报名不足' },
          link: `/my/enrolments?id=${e.id}`,
        });
      }
      for (const e of standing.filter((x) => isLive(x.state))) {
        await releasePlace(tx, { ...e, classId: cls.id });
        const candidates = targets
          .filter((t) => t.taken < t.capacity && t.checkpointLevel === cls.checkpointLevel)
          .sort((a, b) => b.capacity - b.taken - (a.capacity - a.taken));
        let target: ClassRow | undefined;
        for (const c of candidates) {
          try {
            // A savepoint: a refused place (overlap, cap, already in that class) leaves nothing behind.
            await tx.transaction(async (sp) => {
              const [clash] = await sp
                .select({ id: enrolments.id })
                .from(enrolments)
                .where(and(eq(enrolments.teacherId, e.teacherId), eq(enrolments.classId, c.id), inArray(enrolments.state, STANDING)));
              if (clash) throw new AppError('ALREADY_ENROLLED');
              await holdPlace(sp, { teacherId: e.teacherId, year: e.year, hours: e.hours, cap: year.hourCap, cls: c, capped: true });
            });
            target = c;
            break;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
          }
        }
        if (target) {
          const reason = `第${cls.seq}期报名不足，调剂至第${target.seq}期`;
          await applyTransition(tx, enrolmentMachine, { subjectId: e.id, from: e.state, action: 'move', party: 'system', actor: actorRef(actor), reason });
          await tx.update(enrolments).set({ classId: target.id, updatedAt: now }).where(eq(enrolments.id, e.id));
          target.taken++;
          moved++;
          notices.push({
            accountId: e.accountId,
            kind: 'enrolment.moved',
            params: { project: project.name, from: cls.seq, to: target.seq, dates: `${target.startDate} ~ ${target.endDate}` },
            link: `/my/enrolments?id=${e.id}`,
          });
        } else {
          await applyTransition(tx, enrolmentMachine, {
            subjectId: e.id,
            from: e.state,
            action: 'cancel',
            party: 'bureau',
            actor: actorRef(actor),
            reason: '报名不足且无可调剂班期',
          });
          await tx.update(enrolments).set({ state: 'cancelled', updatedAt: now }).where(eq(enrolments.id, e.id));
          cancelled++;
          notices.push({
            accountId: e.accountId,
            kind: 'class.cancelled',
            params: { project: project.name, seq: cls.seq, reason: '报名不足' },
            link: `/my/enrolments?id=${e.id}`,
          });
        }
      }
      await tx.update(classPeriods).set({ cancelledAt: now, cancelReason: '报名不足，已自动调剂' }).where(eq(classPeriods.id, cls.id));
      await notify(tx, notices);
    }
    await writeAudit(tx, {
      action: 'class.adjusted',
      actor: actorRef(actor),
      target: { type: 'project', id: projectId, label: project.name },
      detail: { place: { closed: under.map((c) => c.seq), moved, cancelled } },
      unit: { institutionId: project.institutionId },
      ...meta,
    });
    return { closed: under.length, moved, cancelled };
  });
}

/**
 * ENR-8 集体选课: a school enrols its teachers by class (many teachers) or by teacher (many
 * classes). Each pair is enrolled on its own with every rule; each refusal keeps its reason.
 */
export async function collectiveEnrol(deps: EnrolmentDeps, actor: Actor, pairs: { teacherId: number; classId: number }[]) {
  if (actor.scope.kind !== 'school' || (actor.role.role !== 'school_admin' && actor.role.role !== 'principal')) throw new AppError('FORBIDDEN');
  const schoolId = actor.scope.schoolId;
  const results: { teacherId: number; classId: number; enrolmentId: number | null; error: AppError | null }[] = [];
  const cache = new Map<number, EnrollingTeacher | undefined>();
  for (const p of pairs) {
    if (!cache.has(p.teacherId))
      cache.set(p.teacherId, await findEnrollingTeacher(deps.db, and(eq(teachers.id, p.teacherId), eq(teachers.schoolId, schoolId)) as SQL));
    const t = cache.get(p.teacherId);
    try {
      if (!t) throw notFound('teacher');
      results.push({ ...p, enrolmentId: (await enrol(deps, actor, t, p.classId, { bySchool: actor })).id, error: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ ...p, enrolmentId: null, error: err });
    }
  }
  return results;
}

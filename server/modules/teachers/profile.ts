import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { normaliseIdNumber, parseIdNumber } from '../../../common/id-card.js';
import { type ProfileChangeAction, type ProfileChangeState, profileChangeMachine } from '../../../common/machines.js';
import { maskIdNumber } from '../../../common/mask.js';
import type { ProfileChange, zChangeQuery, zKeyChangeBody, zMyProfileUpdate } from '../../../common/schemas/teachers.js';
import { allowedActions } from '../../../common/state-machine.js';
import type { Db, Tx } from '../../db/client.js';
import { accounts, type KeyFieldChanges, profileChanges, schools, teachers } from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { pageOffset } from '../../lib/pagination.js';
import { applyTransition, findHistories } from '../../lib/review.js';
import type { Actor } from '../org/scope.js';
import { actorRef, schoolAuditUnit } from '../org/service.js';
import { identityIssues, presentTeacher, type TeacherRow, type TeachersDeps, teacherQuery } from './service.js';

type Party = 'owner' | 'reviewer';
type ChangeRow = typeof profileChanges.$inferSelect;

async function findOwnTeacher(db: Tx, actor: Actor): Promise<TeacherRow> {
  if (actor.role.role !== 'teacher') throw new AppError('FORBIDDEN');
  const [row] = await teacherQuery(db).where(eq(teachers.accountId, actor.accountId));
  if (!row) throw notFound('teacher');
  return row;
}

/** The teacher owns a request; the admins of the school it was made in review it. */
function partyOf(actor: Actor, change: ChangeRow, teacher: { accountId: number }): Party | null {
  if (actor.role.role === 'teacher' && actor.accountId === teacher.accountId) return 'owner';
  if ((actor.role.role === 'school_admin' || actor.role.role === 'principal') && actor.role.schoolId === change.schoolId) return 'reviewer';
  return null;
}

async function presentChanges(db: Tx, actor: Actor, rows: ChangeRow[]): Promise<ProfileChange[]> {
  if (rows.length === 0) return [];
  const people = await db
    .select({ teacherId: teachers.id, accountId: accounts.id, name: accounts.realName, shixunNo: accounts.shixunNo })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .where(inArray(teachers.id, [...new Set(rows.map((r) => r.teacherId))]));
  const byTeacher = new Map(people.map((p) => [p.teacherId, p]));
  const histories = await findHistories(
    db,
    profileChangeMachine.name,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const person = byTeacher.get(r.teacherId);
    const party = person ? partyOf(actor, r, person) : null;
    return {
      id: r.id,
      teacherId: r.teacherId,
      teacherName: person?.name ?? '',
      shixunNo: person?.shixunNo ?? '',
      state: r.state,
      changes: { ...r.changes, idNumber: r.changes.idNumber ? (maskIdNumber(r.changes.idNumber) ?? undefined) : undefined },
      createdAt: new Date(r.createdAt).toISOString(),
      history: histories.get(r.id) ?? [],
      actions: party ? allowedActions(profileChangeMachine, r.state, party) : [],
    };
  });
}

/** TCH-3: my record and my change requests with their history. */
export async function getMyProfile(db: Tx, actor: Actor) {
  const row = await findOwnTeacher(db, actor);
  const requests = await db.select().from(profileChanges).where(eq(profileChanges.teacherId, row.id)).orderBy(desc(profileChanges.id)).limit(20);
  return { teacher: presentTeacher(actor, row), requests: await presentChanges(db, actor, requests) };
}

/** TCH-3: non-key fields are the teacher's own to change at once. */
export async function updateMyProfile(deps: TeachersDeps, actor: Actor, input: z.infer<typeof zMyProfileUpdate>) {
  const row = await findOwnTeacher(deps.db, actor);
  if (Object.keys(input).length)
    await deps.db
      .update(teachers)
      .set({ ...input, updatedAt: deps.clock.now() })
      .where(eq(teachers.id, row.id));
  return getMyProfile(deps.db, actor);
}

/** Checks requested key values against the record; an ID number implies birth date and gender. */
async function checkKeyChanges(db: Tx, row: TeacherRow, input: KeyFieldChanges, reopened: boolean, today: Date): Promise<KeyFieldChanges> {
  const out: KeyFieldChanges = {};
  if (input.name !== undefined && input.name !== row.name) out.name = input.name;
  if (input.stage !== undefined && input.stage !== row.stage) out.stage = input.stage;
  if (input.idNumber !== undefined) {
    const idNumber = normaliseIdNumber(input.idNumber);
    if (idNumber !== row.idNumber) {
      // 002 Q7: a verified identity is corrected only after the school opens it for re-update.
      if (row.verified && !reopened) throw AppError.fields({ field: 'idNumber', key: 'verifiedLocked' });
      // The same checks as 添加教师: check digit, a Zhejiang region code, a working age.
      const identity = identityIssues(idNumber, {}, today);
      if (!identity.ok) throw AppError.fields(...identity.issues);
      const [other] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.idNumber, idNumber));
      if (other) throw AppError.fields({ field: 'idNumber', key: 'registered' });
      out.idNumber = idNumber;
    }
  }
  if (Object.keys(out).length === 0) throw new AppError('NOTHING_CHANGED');
  return out;
}

/**
 * TCH-3: submit key-field changes for review, or resubmit a request the school returned.
 * One open request at a time.
 */
export async function submitKeyChange(deps: TeachersDeps, actor: Actor, input: z.infer<typeof zKeyChangeBody>) {
  return deps.db.transaction(async (tx) => {
    const row = await findOwnTeacher(tx, actor);
    const [open] = await tx
      .select()
      .from(profileChanges)
      .where(and(eq(profileChanges.teacherId, row.id), inArray(profileChanges.state, ['pending', 'returned'])))
      .for('update');
    if (open?.state === 'pending') throw new AppError('CHANGE_PENDING');
    const changes = await checkKeyChanges(tx, row, input, open?.state === 'returned', deps.clock.now());
    const who = actorRef(actor);
    if (open) {
      const to = await applyTransition(tx, profileChangeMachine, { subjectId: open.id, from: open.state, action: 'resubmit', party: 'owner', actor: who });
      await tx.update(profileChanges).set({ state: to, changes, updatedAt: deps.clock.now() }).where(eq(profileChanges.id, open.id));
    } else {
      const [created] = await tx.insert(profileChanges).values({ teacherId: row.id, schoolId: row.schoolId, state: 'pending', changes }).returning();
      if (!created) throw new AppError('INTERNAL');
      await applyTransition(tx, profileChangeMachine, { subjectId: created.id, from: null, action: 'submit', party: 'owner', actor: who });
    }
    return getMyProfile(tx, actor);
  });
}

async function findChange(tx: Tx, id: number) {
  const [change] = await tx.select().from(profileChanges).where(eq(profileChanges.id, id)).for('update');
  if (!change) throw notFound('teacher');
  const [teacher] = await teacherQuery(tx).where(eq(teachers.id, change.teacherId));
  if (!teacher) throw notFound('teacher');
  return { change, teacher };
}

/** TCH-3/4: the school approves (the changes apply and the identity counts as verified), rejects or returns; the owner withdraws. */
export async function actOnChange(deps: TeachersDeps, actor: Actor, id: number, action: ProfileChangeAction, reason: string | undefined, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    const { change, teacher } = await findChange(tx, id);
    const party = partyOf(actor, change, teacher);
    if (!party) throw notFound('teacher');
    const to: ProfileChangeState = await applyTransition(tx, profileChangeMachine, {
      subjectId: change.id,
      from: change.state,
      action,
      party,
      actor: actorRef(actor),
      reason,
    });
    await tx.update(profileChanges).set({ state: to, updatedAt: deps.clock.now() }).where(eq(profileChanges.id, change.id));
    if (to === 'approved') {
      const c = change.changes;
      if (c.idNumber) {
        const info = parseIdNumber(c.idNumber, deps.clock.now());
        await tx.update(accounts).set({ idNumber: c.idNumber, updatedAt: deps.clock.now() }).where(eq(accounts.id, teacher.accountId));
        if (info) await tx.update(teachers).set({ birthDate: info.birthDate, gender: info.gender }).where(eq(teachers.id, teacher.id));
      }
      if (c.name) await tx.update(accounts).set({ realName: c.name }).where(eq(accounts.id, teacher.accountId));
      await tx
        .update(teachers)
        .set({ ...(c.stage ? { stage: c.stage } : {}), verified: true, updatedAt: deps.clock.now() })
        .where(eq(teachers.id, teacher.id));
    }
    if (party === 'reviewer') {
      const [school] = await tx
        .select({ id: schools.id, cityCode: schools.cityCode, countyCode: schools.countyCode })
        .from(schools)
        .where(eq(schools.id, change.schoolId ?? 0));
      await writeAudit(tx, {
        action: 'teacher.change_reviewed',
        actor: actorRef(actor),
        target: { type: 'teacher', id: teacher.id, label: teacher.name },
        detail: { request: change.id, action, reason: reason ?? null, fields: Object.keys(change.changes) },
        unit: school ? schoolAuditUnit(school) : {},
        ...meta,
      });
    }
    const [fresh] = await tx.select().from(profileChanges).where(eq(profileChanges.id, change.id));
    return (await presentChanges(tx, actor, fresh ? [fresh] : []))[0] as ProfileChange;
  });
}

/** TCH-4 重新更新: the school opens a teacher's record so the teacher can correct key fields. */
export async function reopenForUpdate(deps: TeachersDeps, actor: Actor, teacherId: number, reason: string, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    if (actor.scope.kind !== 'school') throw new AppError('FORBIDDEN');
    const [teacher] = await teacherQuery(tx).where(and(eq(teachers.id, teacherId), eq(teachers.schoolId, actor.scope.schoolId)));
    if (!teacher) throw notFound('teacher');
    const [open] = await tx
      .select({ id: profileChanges.id })
      .from(profileChanges)
      .where(and(eq(profileChanges.teacherId, teacherId), inArray(profileChanges.state, ['pending', 'returned'])));
    if (open) throw new AppError('CHANGE_PENDING');
    const [created] = await tx.insert(profileChanges).values({ teacherId, schoolId: teacher.schoolId, state: 'returned', changes: {} }).returning();
    if (!created) throw new AppError('INTERNAL');
    await applyTransition(tx, profileChangeMachine, {
      subjectId: created.id,
      from: null,
      initial: 'returned',
      action: 'return',
      party: 'reviewer',
      actor: actorRef(actor),
      reason,
    });
    const [school] = await tx
      .select({ id: schools.id, cityCode: schools.cityCode, countyCode: schools.countyCode })
      .from(schools)
      .where(eq(schools.id, actor.scope.schoolId));
    await writeAudit(tx, {
      action: 'teacher.change_reviewed',
      actor: actorRef(actor),
      target: { type: 'teacher', id: teacherId, label: teacher.name },
      detail: { request: created.id, action: 'reopen', reason },
      unit: school ? schoolAuditUnit(school) : {},
      ...meta,
    });
    return (await presentChanges(tx, actor, [created]))[0] as ProfileChange;
  });
}

/** TCH-4: the school's review queue. */
export async function listChanges(db: Db, actor: Actor, q: z.infer<typeof zChangeQuery>) {
  if (actor.scope.kind !== 'school') throw new AppError('FORBIDDEN');
  const { limit, offset } = pageOffset(q);
  const where = and(eq(profileChanges.schoolId, actor.scope.schoolId), q.state ? eq(profileChanges.state, q.state) : undefined);
  const rows = await db.select().from(profileChanges).where(where).orderBy(desc(profileChanges.id)).limit(limit).offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(profileChanges).where(where);
  return { items: await presentChanges(db, actor, rows), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

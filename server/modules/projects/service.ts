import { and, asc, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { enrolmentMachine, type ProjectAction, type ProjectState, projectMachine } from '../../../common/machines.js';
import type { ClassPeriod, Project, ProjectInput, zProjectListQuery, zQuotasInput } from '../../../common/schemas/training.js';
import { allowedActions } from '../../../common/state-machine.js';
import { LIVE_ENROLMENT_STATES, PLAN_MAX_BYTES } from '../../../common/training.js';
import type { Db, Tx } from '../../db/client.js';
import {
  accountRoles,
  accounts,
  classPeriods,
  enrolments,
  institutionRegions,
  institutions,
  lotteries,
  projectQuotas,
  projects,
  teachers,
} from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { type DocType, sniffDocType } from '../../lib/file-type.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import { applyTransition, findHistories } from '../../lib/review.js';
import type { Storage } from '../../lib/storage.js';
import { notify } from '../notifications/service.js';
import { findRegion, PROVINCE } from '../org/regions.js';
import type { Actor } from '../org/scope.js';
import { actorRef, bureauName, escapeLike } from '../org/service.js';
import { requireCurrentYear } from './calendar.js';
import { takePlaceUnchecked } from './places.js';
import { isBureauAt, isBureauOver, isInstitutionOf, projectScopeWhere, routeProject } from './policy.js';

export type ProjectRow = typeof projects.$inferSelect;
export type ClassRow = typeof classPeriods.$inferSelect;
type Party = 'institution' | 'reviewer';

const PLAN_TYPES: DocType[] = ['doc', 'docx', 'xls', 'xlsx', 'pdf'];
const LIVE_SQL = sql.raw(LIVE_ENROLMENT_STATES.map((x) => `'${x}'`).join(','));

function institutionIdOf(actor: Actor): number {
  if (actor.role.role !== 'institution_admin' || actor.scope.kind !== 'institution') throw new AppError('FORBIDDEN');
  return actor.scope.institutionId;
}

function partyOf(actor: Actor, p: ProjectRow): Party | null {
  if (isInstitutionOf(actor, p.institutionId)) return 'institution';
  if (isBureauAt(actor.scope, p.reviewerLevel, p.reviewerRegion) && actor.role.role !== 'institution_admin') return 'reviewer';
  return null;
}

/** A project the actor may see, or NOT_FOUND (never telling what exists outside the scope). */
export async function findProject(tx: Tx, actor: Actor, id: number): Promise<ProjectRow> {
  const [p] = await tx
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), projectScopeWhere(actor.scope)));
  if (!p) throw notFound('project');
  return p;
}

/** A class with its project, as the actor may see it. */
export async function findClass(tx: Tx, actor: Actor, classId: number): Promise<{ cls: ClassRow; project: ProjectRow }> {
  const [row] = await tx
    .select({ cls: classPeriods, project: projects })
    .from(classPeriods)
    .innerJoin(projects, eq(projects.id, classPeriods.projectId))
    .where(and(eq(classPeriods.id, classId), projectScopeWhere(actor.scope)));
  if (!row) throw notFound('class');
  return row;
}

/** Target regions must lie inside the institution's authorised regions (ORG-3, PRJ-2). */
async function checkAuthorisedRegions(tx: Tx, institutionId: number, targets: string[]) {
  const rows = await tx.select({ code: institutionRegions.regionCode }).from(institutionRegions).where(eq(institutionRegions.institutionId, institutionId));
  const authorised = new Set(rows.map((r) => r.code));
  for (const code of targets) {
    const r = findRegion(code);
    if (!r) throw AppError.fields({ field: 'targetRegions', key: 'notFound' });
    const ok = authorised.has(PROVINCE.code) || authorised.has(code) || (r.cityCode !== null && authorised.has(r.cityCode));
    if (!ok) throw new AppError('REGION_NOT_AUTHORISED', { region: r.name });
  }
}

function projectValues(input: ProjectInput) {
  const targets = [...new Set(input.targetRegions)];
  return {
    name: input.name,
    category: input.category,
    targetRegions: targets,
    stages: input.stages,
    subjects: input.subjects,
    posts: input.posts,
    hours: input.hours,
    hourCategory: input.hourCategory,
    mode: input.mode,
    feeFen: input.feeFen,
    description: input.description,
    minClassSize: input.minClassSize,
    ...routeProject(targets),
  };
}

/** PRJ-2: an institution declares a project with 1–4 classes; it stays a draft until submitted. */
export async function createProject(db: Db, actor: Actor, input: ProjectInput, meta: RequestMeta): Promise<number> {
  const institutionId = institutionIdOf(actor);
  return db.transaction(async (tx) => {
    const year = await requireCurrentYear(tx);
    await checkAuthorisedRegions(tx, institutionId, input.targetRegions);
    const [p] = await tx
      .insert(projects)
      .values({ ...projectValues(input), institutionId, year: year.year, state: 'draft', createdBy: actor.accountId })
      .returning({ id: projects.id });
    const id = p?.id as number;
    await tx.insert(classPeriods).values(
      input.classes.map((c, i) => ({
        projectId: id,
        seq: i + 1,
        startDate: c.startDate,
        endDate: c.endDate,
        place: c.place,
        plannedCapacity: c.capacity,
        capacity: c.capacity,
        checkpointLevel: c.checkpointLevel,
      })),
    );
    await writeAudit(tx, {
      action: 'project.created',
      actor: actorRef(actor),
      target: { type: 'project', id, label: input.name },
      unit: { institutionId },
      ...meta,
    });
    return id;
  });
}

/** Edit while a draft or after a rejection; classes are matched by id (kept, changed, added, dropped). */
export async function updateProject(db: Db, actor: Actor, id: number, input: ProjectInput, now: Date, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await lockProject(tx, actor, id);
    if (!isInstitutionOf(actor, p.institutionId)) throw new AppError('FORBIDDEN');
    if (p.state !== 'draft' && p.state !== 'rejected') throw new AppError('PROJECT_LOCKED');
    await checkAuthorisedRegions(tx, p.institutionId, input.targetRegions);
    await tx
      .update(projects)
      .set({ ...projectValues(input), updatedAt: now })
      .where(eq(projects.id, id));
    const existing = await tx.select().from(classPeriods).where(eq(classPeriods.projectId, id));
    const keep = new Set(input.classes.map((c) => c.id).filter(Boolean));
    for (const c of existing) {
      if (keep.has(c.id)) continue;
      // Before approval a class holds at most a directive project's participant list.
      await tx.delete(enrolments).where(and(eq(enrolments.classId, c.id), eq(enrolments.state, 'listed')));
      await tx.delete(classPeriods).where(eq(classPeriods.id, c.id));
    }
    for (const [i, c] of input.classes.entries()) {
      const values = {
        seq: i + 1,
        startDate: c.startDate,
        endDate: c.endDate,
        place: c.place,
        plannedCapacity: c.capacity,
        capacity: c.capacity,
        checkpointLevel: c.checkpointLevel,
      };
      if (c.id && existing.some((e) => e.id === c.id)) await tx.update(classPeriods).set(values).where(eq(classPeriods.id, c.id));
      else await tx.insert(classPeriods).values({ projectId: id, ...values });
    }
    // A directive list follows the project: its hours, or it goes when the project is no longer directive.
    const classesOfProject = tx.select({ id: classPeriods.id }).from(classPeriods).where(eq(classPeriods.projectId, id));
    const listed = and(eq(enrolments.state, 'listed'), inArray(enrolments.classId, classesOfProject));
    if (input.category === 'directive') await tx.update(enrolments).set({ hours: input.hours }).where(listed);
    else await tx.delete(enrolments).where(listed);
    await writeAudit(tx, {
      action: 'project.updated',
      actor: actorRef(actor),
      target: { type: 'project', id, label: input.name },
      unit: { institutionId: p.institutionId },
      ...meta,
    });
  });
}

async function lockProject(tx: Tx, actor: Actor, id: number): Promise<ProjectRow> {
  const [p] = await tx
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), projectScopeWhere(actor.scope)))
    .for('update');
  if (!p) throw notFound('project');
  return p;
}

/** PRJ-2: the training plan 培训方案: doc/docx/xls/xlsx/pdf by content, at most 500 KB. */
export async function uploadPlan(db: Db, storage: Storage, actor: Actor, id: number, bytes: Buffer, fileName: string, now: Date): Promise<void> {
  if (bytes.length > PLAN_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', { limit: '500 KB' });
  const type = sniffDocType(bytes, fileName);
  if (!type || !PLAN_TYPES.includes(type)) throw new AppError('FILE_TYPE_NOT_ALLOWED', { types: 'doc、docx、xls、xlsx、pdf' });
  const key = await storage.put('plans', bytes, type);
  let old: string | null = null;
  try {
    await db.transaction(async (tx) => {
      const p = await lockProject(tx, actor, id);
      if (!isInstitutionOf(actor, p.institutionId)) throw new AppError('FORBIDDEN');
      if (p.state !== 'draft' && p.state !== 'rejected') throw new AppError('PROJECT_LOCKED');
      old = p.planKey;
      await tx.update(projects).set({ planKey: key, planName: fileName, planType: type, planSize: bytes.length, updatedAt: now }).where(eq(projects.id, id));
    });
  } catch (err) {
    await storage.remove(key);
    throw err;
  }
  if (old) await storage.remove(old);
}

/** PRJ-7: anyone who can see the project downloads its plan. */
export async function readPlan(db: Db, storage: Storage, actor: Actor, id: number) {
  const p = await findProject(db, actor, id);
  if (!p.planKey || !p.planType) throw notFound('file');
  return { name: p.planName ?? `培训方案.${p.planType}`, type: p.planType as DocType, body: await storage.get(p.planKey) };
}

/** Institution: submit / resubmit / withdraw; reviewer: approve / reject (with a reason). */
export async function actOnProject(
  db: Db,
  actor: Actor,
  id: number,
  action: ProjectAction,
  reason: string | undefined,
  now: Date,
  meta: RequestMeta,
): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await lockProject(tx, actor, id);
    const party = partyOf(actor, p);
    if (!party) throw new AppError('FORBIDDEN');
    if ((action === 'submit' || action === 'resubmit') && p.category !== 'directive' && !p.planKey) throw new AppError('PLAN_REQUIRED');
    const to = await applyTransition(tx, projectMachine, {
      subjectId: p.id,
      from: p.state,
      action,
      party,
      actor: actorRef(actor),
      reason,
    });
    await tx.update(projects).set({ state: to, updatedAt: now }).where(eq(projects.id, id));
    if (party === 'reviewer') {
      // PRJ-5: a directive project's participants are admitted once a bureau approves the list.
      if (to === 'approved' && p.category === 'directive') await confirmParticipants(tx, actor, p.id, now);
      await notifyInstitution(tx, p, { kind: 'project.reviewed', params: { project: p.name, state: to, reason: reason ?? '' }, link: `/projects/${p.id}` });
      await writeAudit(tx, {
        action: 'project.reviewed',
        actor: actorRef(actor),
        target: { type: 'project', id, label: p.name },
        detail: { action, reason },
        unit: { institutionId: p.institutionId },
        ...meta,
      });
    }
  });
}

async function confirmParticipants(tx: Tx, actor: Actor, projectId: number, now: Date) {
  const listed = await tx
    .select({ id: enrolments.id, teacherId: enrolments.teacherId, year: enrolments.year, classId: enrolments.classId, hours: enrolments.hours })
    .from(enrolments)
    .innerJoin(classPeriods, eq(classPeriods.id, enrolments.classId))
    .where(and(eq(classPeriods.projectId, projectId), eq(enrolments.state, 'listed')));
  for (const e of listed) {
    await applyTransition(tx, enrolmentMachine, { subjectId: e.id, from: 'listed', action: 'confirm', party: 'system', actor: actorRef(actor) });
    await takePlaceUnchecked(tx, e);
  }
  if (listed.length) {
    await tx
      .update(enrolments)
      .set({ state: 'admitted', updatedAt: now })
      .where(
        inArray(
          enrolments.id,
          listed.map((e) => e.id),
        ),
      );
  }
}

/**
 * PRJ-5 指令性项目补录: the institution records who took part (by 师训号) while the project is a draft
 * or rejected; the list is admitted when the bureau approves the project.
 */
export async function setParticipants(db: Db, actor: Actor, classId: number, shixunNos: string[]) {
  return db.transaction(async (tx) => {
    const { cls, project } = await findClass(tx, actor, classId);
    if (!isInstitutionOf(actor, project.institutionId)) throw new AppError('FORBIDDEN');
    if (project.category !== 'directive') throw new AppError('INVALID_STATE', {});
    if (project.state !== 'draft' && project.state !== 'rejected') throw new AppError('PROJECT_LOCKED');
    const wanted = [...new Set(shixunNos.map((s) => s.trim()))];
    const found = await tx
      .select({ id: teachers.id, shixunNo: accounts.shixunNo, schoolId: teachers.schoolId })
      .from(teachers)
      .innerJoin(accounts, eq(accounts.id, teachers.accountId))
      .where(inArray(accounts.shixunNo, wanted));
    const missing = wanted.filter((no) => !found.some((f) => f.shixunNo === no));
    if (missing.length) throw AppError.fields({ field: 'shixunNos', key: 'unknownShixunNos', params: { missing: missing.slice(0, 20).join('、') } });
    await tx.delete(enrolments).where(and(eq(enrolments.classId, classId), eq(enrolments.state, 'listed')));
    const rows = await tx
      .insert(enrolments)
      .values(
        found.map((t) => ({
          teacherId: t.id,
          classId,
          year: project.year,
          schoolId: t.schoolId,
          round: 1,
          state: 'listed' as const,
          hours: project.hours,
          createdBy: actor.accountId,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: enrolments.id });
    for (const r of rows)
      await applyTransition(tx, enrolmentMachine, {
        subjectId: r.id,
        from: null,
        initial: 'listed',
        action: 'submit',
        party: 'institution',
        actor: actorRef(actor),
      });
    return { listed: rows.length, classId: cls.id };
  });
}

/** Tells every admin of the project's institution. */
async function notifyInstitution(tx: Tx, p: ProjectRow, n: { kind: string; params: Record<string, string | number>; link: string }) {
  const admins = await tx
    .select({ accountId: accountRoles.accountId })
    .from(accountRoles)
    .where(and(eq(accountRoles.institutionId, p.institutionId), eq(accountRoles.role, 'institution_admin')));
  await notify(
    tx,
    admins.map((a) => ({ accountId: a.accountId, ...n })),
  );
}

/** PRJ-6: the province allocates a provincial project's places per city or county. */
export async function setQuotas(db: Db, actor: Actor, id: number, input: z.infer<typeof zQuotasInput>): Promise<void> {
  if (actor.scope.kind !== 'province' || actor.role.role !== 'province_admin') throw new AppError('FORBIDDEN');
  await db.transaction(async (tx) => {
    const p = await lockProject(tx, actor, id);
    if (p.category !== 'provincial') throw new AppError('INVALID_STATE', {});
    for (const q of input.quotas) if (!findRegion(q.regionCode)) throw AppError.fields({ field: 'quotas', key: 'notFound' });
    await tx.delete(projectQuotas).where(eq(projectQuotas.projectId, id));
    const rows = input.quotas.filter((q) => q.places > 0);
    if (rows.length) await tx.insert(projectQuotas).values(rows.map((q) => ({ projectId: id, ...q })));
  });
}

export async function listProjects(db: Db, actor: Actor, q: z.infer<typeof zProjectListQuery>) {
  const { limit, offset } = pageOffset(q);
  const conds: (SQL | undefined)[] = [projectScopeWhere(actor.scope)];
  if (q.state) conds.push(eq(projects.state, q.state));
  if (q.year) conds.push(eq(projects.year, q.year));
  if (q.q) conds.push(ilike(projects.name, `%${escapeLike(q.q)}%`));
  if (q.toReview === 'true') conds.push(sql`${projects.state} = 'pending' and ${reviewerIsMe(actor)}`);
  const rows = await db
    .select({ p: projects, institutionName: institutions.name, total: sql<number>`count(*) over ()` })
    .from(projects)
    .innerJoin(institutions, eq(institutions.id, projects.institutionId))
    .where(and(...conds))
    .orderBy(desc(projects.updatedAt), desc(projects.id))
    .limit(limit)
    .offset(offset);
  const presented = await presentProjects(
    db,
    actor,
    rows.map((r) => ({ ...r.p, institutionName: r.institutionName })),
  );
  return toPage(rows, q, (_r) => presented.shift() as Project);
}

function reviewerIsMe(actor: Actor): SQL {
  const s = actor.scope;
  if (s.kind === 'province') return sql`${projects.reviewerLevel} = 'province'`;
  if (s.kind === 'city') return sql`(${projects.reviewerLevel} = 'city' and ${projects.reviewerRegion} = ${s.cityCode})`;
  if (s.kind === 'county') return sql`(${projects.reviewerLevel} = 'county' and ${projects.reviewerRegion} = ${s.countyCode})`;
  return sql`false`;
}

export async function getProject(db: Db, actor: Actor, id: number): Promise<Project> {
  const p = await findProject(db, actor, id);
  const [inst] = await db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, p.institutionId));
  const [out] = await presentProjects(db, actor, [{ ...p, institutionName: inst?.name ?? '' }]);
  return out as Project;
}

export function presentClass(c: ClassRow, lotteryRun: boolean): ClassPeriod {
  return {
    id: c.id,
    projectId: c.projectId,
    seq: c.seq,
    startDate: c.startDate,
    endDate: c.endDate,
    place: c.place,
    plannedCapacity: c.plannedCapacity,
    capacity: c.capacity,
    taken: c.taken,
    checkpointLevel: c.checkpointLevel,
    cancelled: c.cancelledAt !== null,
    cancelReason: c.cancelReason,
    lotteryRun,
    full: c.taken >= c.capacity,
  };
}

/** Projects with their classes, quotas and history, each in one query for the whole list. */
async function presentProjects(db: Tx, actor: Actor, rows: (ProjectRow & { institutionName: string })[]): Promise<Project[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [classes, quotas, histories] = await Promise.all([
    db
      .select({ c: classPeriods, lottery: lotteries.classId })
      .from(classPeriods)
      .leftJoin(lotteries, eq(lotteries.classId, classPeriods.id))
      .where(inArray(classPeriods.projectId, ids))
      .orderBy(asc(classPeriods.projectId), asc(classPeriods.seq)),
    db
      .select({
        projectId: projectQuotas.projectId,
        regionCode: projectQuotas.regionCode,
        places: projectQuotas.places,
        // Qualified by hand: inside a one-table select Drizzle would print bare column names.
        used: sql<number>`(select count(*)::int from enrolments e join class_periods c on c.id = e.class_id join schools s on s.id = e.school_id
          where c.project_id = project_quotas.project_id and e.state in (${LIVE_SQL})
          and (s.county_code = project_quotas.region_code or s.city_code = project_quotas.region_code))`,
      })
      .from(projectQuotas)
      .where(inArray(projectQuotas.projectId, ids)),
    findHistories(db, projectMachine.name, ids),
  ]);
  return rows.map((p) => {
    const party = partyOf(actor, p);
    const acts = party ? allowedActions(projectMachine, p.state as ProjectState, party) : [];
    const editable = party === 'institution' && (p.state === 'draft' || p.state === 'rejected');
    return {
      id: p.id,
      institutionId: p.institutionId,
      institutionName: p.institutionName,
      year: p.year,
      name: p.name,
      category: p.category,
      targetRegions: p.targetRegions.map((code) => ({ code, name: findRegion(code)?.name ?? code })),
      stages: p.stages,
      subjects: p.subjects,
      posts: p.posts,
      hours: p.hours,
      hourCategory: p.hourCategory,
      mode: p.mode,
      feeFen: p.feeFen,
      description: p.description,
      minClassSize: p.minClassSize,
      state: p.state,
      reviewer: { level: p.reviewerLevel, region: p.reviewerRegion, name: bureauName(p.reviewerRegion) },
      plan: p.planName && p.planType && p.planSize !== null ? { name: p.planName, type: p.planType, size: p.planSize } : null,
      quotas: quotas
        .filter((q) => q.projectId === p.id)
        .map((q) => ({ regionCode: q.regionCode, regionName: findRegion(q.regionCode)?.name ?? q.regionCode, places: q.places, used: Number(q.used) })),
      classes: classes.filter((c) => c.c.projectId === p.id).map((c) => presentClass(c.c, c.lottery !== null)),
      history: histories.get(p.id) ?? [],
      abilities: {
        edit: editable,
        submit: acts.includes('submit') || acts.includes('resubmit'),
        withdraw: acts.includes('withdraw'),
        review: acts.includes('approve'),
        adjust: p.state === 'approved' && isBureauOver(actor, p),
        manage: party === 'institution',
      },
      updatedAt: new Date(p.updatedAt).toISOString(),
    };
  });
}

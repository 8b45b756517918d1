import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { ProjectInput } from '../../common/schemas/training.js';
import { addDays, shanghaiDate } from '../../common/training.js';
import { accountRoles, accounts, enrolments, schools, teachers } from '../db/schema.js';
import { DEMO_PLAN_PDF } from '../db/seed/training.js';
import type { Client, TestCtx } from './helpers.js';

const bases = new WeakMap<TestCtx, string>();

/** A day relative to the test's first day (Asia/Shanghai), however far the clock has been moved since. */
export function day(t: TestCtx, offset = 0): string {
  let base = bases.get(t);
  if (!base) {
    base = shanghaiDate(t.clock.now());
    bases.set(t, base);
  }
  return addDays(base, offset);
}

/** Moves the test clock to noon (Shanghai) of a day relative to the test's first day. */
export function goTo(t: TestCtx, offset: number) {
  t.clock.set(new Date(`${day(t, offset)}T04:00:00Z`));
}

export type Calendar = { round1: [number, number]; round2: [number, number]; openToAll?: boolean; hourCap?: number; evaluationDays?: number };

/** The province sets the current year with windows relative to today (default: round 1 open now). */
export async function setCalendar(t: TestCtx, province: Client, c: Partial<Calendar> = {}) {
  const cal: Calendar = { round1: [-5, 5], round2: [8, 15], ...c };
  const year = Number(day(t).slice(0, 4));
  const res = await province.put(`/api/training-years/${year}`, {
    round1Start: day(t, cal.round1[0]),
    round1End: day(t, cal.round1[1]),
    round2Start: day(t, cal.round2[0]),
    round2End: day(t, cal.round2[1]),
    round2OpenToAll: cal.openToAll ?? false,
    hourCap: cal.hourCap ?? 90,
    evaluationDays: cal.evaluationDays ?? 10,
    isCurrent: true,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export type ClassSpec = { start: number; days?: number; capacity: number; checkpoint?: 'county' | 'city' | 'province' | null };

export function projectInput(p: Partial<Omit<ProjectInput, 'classes'>> & { classes?: ClassSpec[] } & Pick<ProjectInput, 'name'>, t: TestCtx): ProjectInput {
  const { classes, ...rest } = p;
  return {
    category: 'self_selected',
    targetRegions: ['330106'],
    stages: [],
    subjects: [],
    posts: [],
    hours: 12,
    hourCategory: 'professional',
    mode: 'face',
    feeFen: 0,
    description: '',
    minClassSize: null,
    ...rest,
    classes: (classes ?? [{ start: 20, capacity: 30 }]).map((c) => ({
      startDate: day(t, c.start),
      endDate: day(t, c.start + (c.days ?? 2) - 1),
      place: '报告厅',
      capacity: c.capacity,
      checkpointLevel: c.checkpoint ?? null,
    })),
  };
}

/** Declares (as the institution), uploads a plan, submits and has the routed bureau approve. */
export async function approvedProject(institution: Client, reviewer: Client, input: ProjectInput) {
  const created = await institution.post('/api/projects', input);
  expect(created.statusCode, created.body).toBe(200);
  const id = created.json().id as number;
  const plan = await institution.request('PUT', `/api/projects/${id}/plan`, DEMO_PLAN_PDF, {
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent('方案.pdf'),
  });
  expect(plan.statusCode, plan.body).toBe(200);
  const submitted = await institution.post(`/api/projects/${id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  const approved = await reviewer.post(`/api/projects/${id}/review`, { action: 'approve' });
  expect(approved.statusCode, approved.body).toBe(200);
  const p = approved.json();
  return { id, classIds: (p.classes as { id: number }[]).map((c) => c.id), project: p };
}

/**
 * In-service teachers of a school with a known password and a session each, skipping demo logins
 * and anyone with a special flag or an enrolment already (so tests start clean).
 */
export type Learner = { id: number; accountId: number; client: Client };
type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [T, ...R]>;

/** The element at an index, or a clear failure (tests index what they just created). */
export function at<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined) throw new Error(`nothing at index ${i}`);
  return v;
}

export async function teachersOf<N extends number>(t: TestCtx, schoolId: number, n: N, skip = 0): Promise<Tuple<Learner, N>> {
  const demo = await t.account({ username: 'school' });
  const admins = t.db
    .select({ id: accountRoles.accountId })
    .from(accountRoles)
    .where(inArray(accountRoles.role, ['school_admin', 'principal']));
  const [school] = await t.db.select({ county: schools.countyCode }).from(schools).where(eq(schools.id, schoolId));
  // The school's own teachers first, then others of its county (moved in: a school has only 20 in the demo).
  const rows = await t.db
    .select({ id: teachers.id, accountId: teachers.accountId, shixunNo: accounts.shixunNo, schoolId: teachers.schoolId })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .innerJoin(schools, eq(schools.id, teachers.schoolId))
    .where(
      and(
        eq(schools.countyCode, school?.county ?? ''),
        eq(teachers.status, 'in_service'),
        eq(teachers.specialUser, false),
        notInArray(teachers.accountId, admins),
        notInArray(teachers.id, t.db.select({ id: enrolments.teacherId }).from(enrolments)),
        isNull(accounts.username),
      ),
    )
    .orderBy(sql`${teachers.schoolId} = ${schoolId} desc`, asc(teachers.id))
    .offset(skip)
    .limit(n);
  if (rows.length < n) throw new Error(`only ${rows.length} free teachers near school ${schoolId}`);
  const out: Learner[] = [];
  for (const r of rows) {
    if (r.schoolId !== schoolId) await t.db.update(teachers).set({ schoolId }).where(eq(teachers.id, r.id));
    await t.db.update(accounts).set({ passwordHash: demo.passwordHash, mustChangePassword: false }).where(eq(accounts.id, r.accountId));
    out.push({ id: r.id, accountId: r.accountId, client: await t.login(r.shixunNo as string) });
  }
  return out as Tuple<Learner, N>;
}

export async function schoolIdOf(t: TestCtx, username: string): Promise<number> {
  const acc = await t.account({ username });
  const [r] = await t.db.select().from(accountRoles).where(eq(accountRoles.accountId, acc.id));
  return r?.schoolId as number;
}

/** Logs in several demo accounts at once, in order. */
export async function loginAll<const N extends readonly string[]>(t: TestCtx, names: N): Promise<{ [K in keyof N]: Client }> {
  return (await Promise.all(names.map((u) => t.login(u)))) as { [K in keyof N]: Client };
}

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, schools, teachers } from '../../db/schema.js';
import { type Client, createTestApp, type TestCtx } from '../../test/helpers.js';

let t: TestCtx;
let xihuSchool: number;
let yuhangSchool: number;
beforeAll(async () => {
  t = await createTestApp();
  xihuSchool = (await t.account({ username: 'school' }).then((a) => schoolOf(a.id))) as number;
  yuhangSchool = (await t.account({ username: 'school2' }).then((a) => schoolOf(a.id))) as number;
});
afterAll(() => t.close());

async function schoolOf(accountId: number) {
  const [r] = await t.db
    .select()
    .from(accountRoles)
    .where(and(eq(accountRoles.accountId, accountId), eq(accountRoles.role, 'school_admin')));
  return r?.schoolId ?? null;
}

/** A school admin for another school (same password as the demo admins). */
async function adminOf(countyCode: string, username: string): Promise<{ client: Client; schoolId: number }> {
  const [school] = await t.db
    .select()
    .from(schools)
    .where(eq(schools.countyCode, countyCode))
    .orderBy(schools.id)
    .offset(countyCode === '330106' || countyCode === '330110' ? 1 : 0)
    .limit(1);
  if (!school) throw new Error('no school');
  const demo = await t.account({ username: 'school' });
  const [acc] = await t.db.insert(accounts).values({ username, realName: '管理员', passwordHash: demo.passwordHash, mustChangePassword: false }).returning();
  await t.db.insert(accountRoles).values({ accountId: acc?.id as number, role: 'school_admin', schoolId: school.id });
  return { client: await t.login(username), schoolId: school.id };
}

/** The n-th teacher of a school, skipping the flagged and demo-login ones. */
async function teacherOf(schoolId: number, n: number) {
  const rows = await t.db
    .select({ id: teachers.id, accountId: teachers.accountId, shixunNo: accounts.shixunNo, username: accounts.username })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .where(and(eq(teachers.schoolId, schoolId), eq(teachers.specialUser, false), eq(teachers.unpaidSelections, 0)))
    .orderBy(teachers.id);
  const plain = rows.filter((r) => !r.username);
  const row = plain[n];
  if (!row) throw new Error('no teacher');
  return { ...row, shixunNo: row.shixunNo as string };
}

describe('TCH-5 transfers', () => {
  it('routes a transfer between two counties of one city to the city bureau; on approval the teacher keeps 师训号, account and history', async () => {
    const teacher = await teacherOf(xihuSchool, 0);
    // The teacher is also a school admin of the old school: that identity ends with the move.
    await t.db.insert(accountRoles).values({ accountId: teacher.accountId, role: 'school_admin', schoolId: xihuSchool });
    const school2 = await t.login('school2');
    const preview = (await school2.get(`/api/transfers/lookup?shixunNo=${teacher.shixunNo}`)).json();
    expect(preview).toMatchObject({ teacherId: teacher.id, countyName: '西湖区', approverLevel: 'city', approverName: '杭州市教育局', blockers: [] });
    expect(preview.idNumber).toMatch(/\*/);

    const applied = await school2.post('/api/transfers', { shixunNo: teacher.shixunNo, note: '工作调动' });
    expect(applied.statusCode).toBe(200);
    const transfer = applied.json();
    expect(transfer).toMatchObject({
      state: 'pending',
      approverLevel: 'city',
      actions: ['withdraw'],
      fromSchool: { id: xihuSchool },
      toSchool: { id: yuhangSchool },
    });

    // Only the routed bureau approves: not the county bureaus of either end, not the old school.
    for (const who of ['xihu', 'yuhang', 'school']) {
      const res = await (await t.login(who)).post(`/api/transfers/${transfer.id}/review`, { action: 'approve' });
      expect(res.statusCode, who).toBe(404);
    }
    const city = await t.login('hangzhou');
    const queue = (await city.get('/api/transfers?box=approve&state=pending')).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(transfer.id);
    expect(queue.items.find((i: { id: number }) => i.id === transfer.id).actions).toEqual(['approve', 'reject']);
    // The old school sees the teacher leaving, read-only.
    const out = (await (await t.login('school')).get('/api/transfers?box=out')).json();
    expect(out.items.find((i: { id: number }) => i.id === transfer.id)).toMatchObject({ actions: [] });

    const approved = await city.post(`/api/transfers/${transfer.id}/review`, { action: 'approve' });
    expect(approved.json()).toMatchObject({ state: 'approved', actions: [] });
    expect(approved.json().history.map((h: { action: string }) => h.action)).toEqual(['submit', 'approve']);

    const [moved] = await t.db.select().from(teachers).where(eq(teachers.id, teacher.id));
    expect(moved).toMatchObject({ schoolId: yuhangSchool, accountId: teacher.accountId });
    const roles = await t.db.select().from(accountRoles).where(eq(accountRoles.accountId, teacher.accountId));
    expect(roles.map((r) => [r.role, r.schoolId])).toEqual([['teacher', yuhangSchool]]);
    const [acc] = await t.db.select().from(accounts).where(eq(accounts.id, teacher.accountId));
    expect(acc?.shixunNo).toBe(teacher.shixunNo);
    // The new school now sees the teacher; the old one no longer does.
    expect((await school2.get(`/api/teachers/${teacher.id}`)).json()).toMatchObject({ schoolId: yuhangSchool, shixunNo: teacher.shixunNo });
    expect((await (await t.login('school')).get(`/api/teachers/${teacher.id}`)).statusCode).toBe(404);
    // Decided once.
    expect((await city.post(`/api/transfers/${transfer.id}/review`, { action: 'reject', reason: 'x' })).json().code).toBe('INVALID_STATE');
  });

  it('routes within one county to the county bureau and across cities to the province', async () => {
    const sameCounty = await adminOf('330106', 'xihu_second');
    const teacher = await teacherOf(xihuSchool, 1);
    const local = (await sameCounty.client.post('/api/transfers', { shixunNo: teacher.shixunNo })).json();
    expect(local).toMatchObject({ approverLevel: 'county', approverName: '西湖区教育局' });
    expect((await (await t.login('hangzhou')).post(`/api/transfers/${local.id}/review`, { action: 'approve' })).statusCode).toBe(404);
    expect((await (await t.login('xihu')).post(`/api/transfers/${local.id}/review`, { action: 'approve' })).json().state).toBe('approved');

    const ningbo = await adminOf('330212', 'ningbo_school');
    const other = await teacherOf(xihuSchool, 2);
    const far = (await ningbo.client.post('/api/transfers', { shixunNo: other.shixunNo })).json();
    expect(far).toMatchObject({ approverLevel: 'province', approverName: '浙江省教育厅' });
    expect((await (await t.login('hangzhou')).post(`/api/transfers/${far.id}/review`, { action: 'approve' })).statusCode).toBe(404);
    const province = await t.login('province');
    // Rejecting needs a reason; the reason is kept.
    const noReason = await province.post(`/api/transfers/${far.id}/review`, { action: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields.reason).toBeTruthy();
    const rejected = (await province.post(`/api/transfers/${far.id}/review`, { action: 'reject', reason: '材料不全' })).json();
    expect(rejected.state).toBe('rejected');
    expect(rejected.history.at(-1)).toMatchObject({ action: 'reject', reason: '材料不全' });
    const [stays] = await t.db.select().from(teachers).where(eq(teachers.id, other.id));
    expect(stays?.schoolId).toBe(xihuSchool);
  });

  it('refuses special users, unpaid selections, my own teachers, a second application and an unknown 师训号, each with its reason', async () => {
    const school2 = await t.login('school2');
    const [special] = await t.db
      .select({ id: teachers.id })
      .from(teachers)
      .where(and(eq(teachers.schoolId, yuhangSchool), eq(teachers.specialUser, true)));
    const mine = await teacherOf(yuhangSchool, 0);
    const target = await teacherOf(xihuSchool, 3);
    await t.db.update(teachers).set({ specialUser: true }).where(eq(teachers.id, target.id));
    const refused = await school2.post('/api/transfers', { shixunNo: target.shixunNo });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'SPECIAL_USER', message: expect.stringContaining('特殊用户') });
    expect((await school2.get(`/api/transfers/lookup?shixunNo=${target.shixunNo}`)).json().blockers).toEqual(['SPECIAL_USER']);
    await t.db.update(teachers).set({ specialUser: false, unpaidSelections: 2 }).where(eq(teachers.id, target.id));
    expect((await school2.post('/api/transfers', { shixunNo: target.shixunNo })).json()).toMatchObject({
      code: 'UNPAID_SELECTIONS',
      message: expect.stringContaining('未缴费'),
    });
    await t.db.update(teachers).set({ unpaidSelections: 0 }).where(eq(teachers.id, target.id));
    expect((await school2.post('/api/transfers', { shixunNo: mine.shixunNo })).json().code).toBe('ALREADY_IN_SCHOOL');

    const first = await school2.post('/api/transfers', { shixunNo: target.shixunNo });
    expect(first.statusCode).toBe(200);
    const other = await adminOf('330102', 'shangcheng_school');
    expect((await other.client.post('/api/transfers', { shixunNo: target.shixunNo })).json().code).toBe('TRANSFER_PENDING');
    // The old school cannot release a teacher whose transfer is waiting.
    expect((await (await t.login('school')).post(`/api/teachers/${target.id}/release`)).json().code).toBe('TRANSFER_PENDING');
    // The applicant withdraws; the approver cannot withdraw for it.
    expect((await (await t.login('hangzhou')).post(`/api/transfers/${first.json().id}/withdraw`)).json().code).toBe('FORBIDDEN');
    expect((await school2.post(`/api/transfers/${first.json().id}/withdraw`)).json().state).toBe('withdrawn');

    const unknown = await school2.post('/api/transfers', { shixunNo: '339999999999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields.shixunNo).toContain('师训号');
    expect((await school2.post('/api/transfers', { shixunNo: '12ab' })).statusCode).toBe(400);
    // A bureau has no school to receive into; it cannot apply, and takes from the pool only into a school of its region.
    expect((await (await t.login('xihu')).post('/api/transfers', { shixunNo: target.shixunNo })).json().fields.schoolId).toBeTruthy();
    // Teachers and institutions do not transfer anyone.
    expect((await (await t.login('teacher')).post('/api/transfers', { shixunNo: target.shixunNo })).statusCode).toBe(403);
    expect((await (await t.login('peixun')).get('/api/transfers')).statusCode).toBe(403);
    expect(special).toBeTruthy();
  });

  it('accepts only one of two simultaneous applications for the same teacher', async () => {
    const teacher = await teacherOf(xihuSchool, 6);
    const a = await t.login('school2');
    const b = (await adminOf('330110', 'yuhang_second')).client;
    const results = await Promise.all([a, b].map((c) => c.post('/api/transfers', { shixunNo: teacher.shixunNo })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(['TRANSFER_PENDING', 'DUPLICATE']).toContain(results.find((r) => r.statusCode === 409)?.json().code);
    const accepted = results.findIndex((r) => r.statusCode === 200);
    await [a, b][accepted]?.post(`/api/transfers/${results[accepted]?.json().id}/withdraw`);
  });

  it('releases a teacher to the free pool 自由人 and lets another school take them', async () => {
    const teacher = await teacherOf(xihuSchool, 4);
    const school = await t.login('school');
    const released = await school.post(`/api/teachers/${teacher.id}/release`);
    expect(released.json()).toMatchObject({ schoolId: null });
    expect((await school.get(`/api/teachers/${teacher.id}`)).statusCode).toBe(404);
    // Still in the province's records, in the pool.
    expect((await (await t.login('province')).get(`/api/teachers/${teacher.id}`)).json()).toMatchObject({ schoolId: null, shixunNo: teacher.shixunNo });

    const school2 = await t.login('school2');
    expect((await school2.post('/api/transfers', { shixunNo: teacher.shixunNo })).json().code).toBe('IN_FREE_POOL');
    // A school names whom it looks for: no bare list, no ID-number prefixes (they would spell out masked numbers).
    expect((await school2.get('/api/teacher-pool')).statusCode).toBe(400);
    const [acc] = await t.db.select({ idNumber: accounts.idNumber }).from(accounts).where(eq(accounts.id, teacher.accountId));
    expect((await school2.get(`/api/teacher-pool?q=${acc?.idNumber?.slice(0, 16)}`)).json().items).toEqual([]);
    expect((await school2.get(`/api/teacher-pool?q=${acc?.idNumber}`)).json().items.map((i: { id: number }) => i.id)).toEqual([teacher.id]);
    const pool = (await school2.get(`/api/teacher-pool?q=${teacher.shixunNo}`)).json();
    expect(pool.items.map((i: { id: number }) => i.id)).toEqual([teacher.id]);
    expect(pool.items[0].idNumber).toMatch(/\*/);
    expect((await (await t.login('xihu')).post(`/api/teacher-pool/${teacher.id}/take`, { schoolId: yuhangSchool })).statusCode).toBe(403);
    const taken = await school2.post(`/api/teacher-pool/${teacher.id}/take`, {});
    expect(taken.json()).toMatchObject({ schoolId: yuhangSchool, shixunNo: teacher.shixunNo });
    const [role] = await t.db
      .select()
      .from(accountRoles)
      .where(and(eq(accountRoles.accountId, teacher.accountId), eq(accountRoles.role, 'teacher')));
    expect(role?.schoolId).toBe(yuhangSchool);
    expect((await school.post(`/api/teacher-pool/${teacher.id}/take`, {})).json().code).toBe('NOT_IN_FREE_POOL');
    // A school cannot release someone else's teacher.
    expect((await school.post(`/api/teachers/${teacher.id}/release`)).statusCode).toBe(404);
  });

  it('lets the new school re-activate a teacher archived as 离职 at the old school', async () => {
    const teacher = await teacherOf(xihuSchool, 5);
    const school = await t.login('school');
    await school.post(`/api/teachers/${teacher.id}/status`, { status: 'left' });
    const school2 = await t.login('school2');
    const applied = (await school2.post('/api/transfers', { shixunNo: teacher.shixunNo })).json();
    await (await t.login('hangzhou')).post(`/api/transfers/${applied.id}/review`, { action: 'approve' });
    const back = await school2.post(`/api/teachers/${teacher.id}/status`, { status: 'in_service' });
    expect(back.json()).toMatchObject({ status: 'in_service', schoolId: yuhangSchool });
  });
});

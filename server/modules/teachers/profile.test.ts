import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../common/id-card.js';
import { accounts, teachers } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../test/helpers.js';

let t: TestCtx;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A teacher of the demo 西湖区 school who has set a password, logged in. */
async function teacherSession(offset: number) {
  const [row] = await t.db
    .select({ accountId: accounts.id, idNumber: accounts.idNumber, teacherId: teachers.id })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .where(eq(teachers.schoolId, await schoolId()))
    .orderBy(teachers.id)
    .offset(offset)
    .limit(1);
  if (!row?.idNumber) throw new Error('no teacher');
  const c = t.client();
  await c.post('/api/auth/login', { account: row.idNumber, password: row.idNumber.slice(-6) });
  await c.post('/api/auth/password', { oldPassword: row.idNumber.slice(-6), newPassword: 'Profile#2026x' });
  return { c, ...row };
}

async function schoolId() {
  const me = (await (await t.login('school')).get('/api/auth/me')).json();
  return me.roles[0].schoolId as number;
}

describe('TCH-3 self-service', () => {
  it('changes non-key fields at once', async () => {
    const { c } = await teacherSession(3);
    const res = await c.patch('/api/me/teacher', { subjects: ['music', 'art'], email: 'wang@example.cn', title: 'senior' });
    expect(res.statusCode).toBe(200);
    expect(res.json().teacher).toMatchObject({ subjects: ['music', 'art'], email: 'wang@example.cn', title: 'senior' });
    expect((await c.patch('/api/me/teacher', { name: '改名' })).json().fields).toEqual({ name: '名称：不允许的字段' });
  });

  it('sends key fields to the school, which approves them; every step is in the history', async () => {
    const { c } = await teacherSession(4);
    const submitted = await c.post('/api/me/teacher/changes', { name: '王新名', stage: 'junior' });
    expect(submitted.statusCode).toBe(200);
    const request = submitted.json().requests[0];
    expect(request).toMatchObject({ state: 'pending', changes: { name: '王新名', stage: 'junior' }, actions: ['withdraw'] });
    expect((await c.get('/api/me/teacher')).json().teacher.stage).not.toBe('junior');
    expect((await c.post('/api/me/teacher/changes', { name: '又一个名字' })).json().code).toBe('CHANGE_PENDING');

    const admin = await t.login('school');
    const queue = (await admin.get('/api/teacher-changes?state=pending')).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(request.id);
    expect(queue.items.find((i: { id: number }) => i.id === request.id).actions).toEqual(['approve', 'reject', 'return']);
    const approved = await admin.post(`/api/teacher-changes/${request.id}/review`, { action: 'approve' });
    expect(approved.json()).toMatchObject({ state: 'approved', actions: [] });
    const mine = (await c.get('/api/me/teacher')).json();
    expect(mine.teacher).toMatchObject({ name: '王新名', stage: 'junior', verified: true });
    expect(mine.requests[0].history.map((h: { action: string; toState: string }) => `${h.action}:${h.toState}`)).toEqual([
      'submit:pending',
      'approve:approved',
    ]);
    // Once decided, nothing more can happen to it.
    expect((await admin.post(`/api/teacher-changes/${request.id}/review`, { action: 'reject', reason: 'x' })).json().code).toBe('INVALID_STATE');
  });

  it('requires a reason to reject or return, and lets the teacher fix and resubmit a returned request', async () => {
    const { c } = await teacherSession(5);
    const request = (await c.post('/api/me/teacher/changes', { name: '李错字' })).json().requests[0];
    const admin = await t.login('school');
    expect((await admin.post(`/api/teacher-changes/${request.id}/review`, { action: 'return' })).json().fields).toEqual({ reason: '审核意见：必填' });
    expect((await admin.post(`/api/teacher-changes/${request.id}/review`, { action: 'return', reason: '姓名有错别字' })).json().state).toBe('returned');
    const again = await c.post('/api/me/teacher/changes', { name: '李正字' });
    expect(again.json().requests[0]).toMatchObject({ id: request.id, state: 'pending', changes: { name: '李正字' } });
    const rejected = await admin.post(`/api/teacher-changes/${request.id}/review`, { action: 'reject', reason: '与身份证不符' });
    expect(rejected.json().history.map((h: { action: string; reason: string | null }) => [h.action, h.reason])).toEqual([
      ['submit', null],
      ['return', '姓名有错别字'],
      ['resubmit', null],
      ['reject', '与身份证不符'],
    ]);
  });

  it('lets the teacher withdraw a pending request but not review it; bureaus cannot touch it', async () => {
    const { c } = await teacherSession(6);
    const request = (await c.post('/api/me/teacher/changes', { stage: 'senior' })).json().requests[0];
    expect((await c.post(`/api/teacher-changes/${request.id}/review`, { action: 'approve' })).statusCode).toBe(403);
    // The county bureau does not review profile changes; to it the request does not exist.
    expect((await (await t.login('xihu')).post(`/api/teacher-changes/${request.id}/review`, { action: 'approve' })).statusCode).toBe(404);
    expect((await c.post(`/api/teacher-changes/${request.id}/withdraw`)).json().state).toBe('withdrawn');
  });

  it('does not let a verified teacher change the ID number until the school opens the record (TCH-4 重新更新)', async () => {
    const { c, teacherId, idNumber } = await teacherSession(7);
    // 认证通过 by the school; a teacher cannot verify themselves, and another school cannot.
    expect((await c.post(`/api/teachers/${teacherId}/verify`)).statusCode).toBe(403);
    expect((await (await t.login('school2')).post(`/api/teachers/${teacherId}/verify`)).statusCode).toBe(404);
    expect((await (await t.login('xihu')).post(`/api/teachers/${teacherId}/verify`)).statusCode).toBe(403);
    // TCH-6: an archived teacher is not verified.
    const school = await t.login('school');
    await school.post(`/api/teachers/${teacherId}/status`, { status: 'retired' });
    expect((await school.post(`/api/teachers/${teacherId}/verify`)).statusCode).toBe(400);
    await school.post(`/api/teachers/${teacherId}/status`, { status: 'in_service' });
    expect((await (await t.login('school')).post(`/api/teachers/${teacherId}/verify`)).json()).toMatchObject({ verified: true });
    const corrected = makeIdNumber('330106', '1986-07-09', 301, 'F');
    const refused = await c.post('/api/me/teacher/changes', { idNumber: corrected });
    expect(refused.json().fields).toEqual({ idNumber: '身份证号：身份已认证，需学校管理员退回重新更新后才能修改' });

    const admin = await t.login('school');
    expect((await admin.post(`/api/teachers/${teacherId}/reopen`, { reason: '' })).statusCode).toBe(400);
    const opened = await admin.post(`/api/teachers/${teacherId}/reopen`, { reason: '请更正身份证号' });
    expect(opened.json()).toMatchObject({ state: 'returned', actions: [] });
    const submitted = (await c.post('/api/me/teacher/changes', { idNumber: corrected.toLowerCase() })).json().requests[0];
    expect(submitted).toMatchObject({ state: 'pending', changes: { idNumber: `3301**********${corrected.slice(-4)}` } });
    await admin.post(`/api/teacher-changes/${submitted.id}/review`, { action: 'approve' });
    const [account] = await t.db.select().from(accounts).innerJoin(teachers, eq(teachers.accountId, accounts.id)).where(eq(teachers.id, teacherId));
    expect(account?.accounts.idNumber).toBe(corrected);
    expect(account?.teachers).toMatchObject({ birthDate: '1986-07-09', gender: 'F' });
    // The teacher now logs in with the corrected number.
    expect((await t.client().post('/api/auth/login', { account: corrected, password: 'Profile#2026x' })).statusCode).toBe(200);
    expect((await t.client().post('/api/auth/login', { account: idNumber, password: 'Profile#2026x' })).statusCode).toBe(401);
  });

  it('refuses nothing-to-change, a bad ID number and one that belongs to someone else', async () => {
    const { c } = await teacherSession(8);
    const me = (await c.get('/api/me/teacher')).json().teacher;
    expect((await c.post('/api/me/teacher/changes', { name: me.name })).json().code).toBe('NOTHING_CHANGED');
    expect((await c.post('/api/me/teacher/changes', { idNumber: '330106198601011234' })).json().fields).toEqual({ idNumber: '身份证号：身份证号不正确' });
    const [someone] = await t.db.select({ idNumber: accounts.idNumber }).from(accounts).where(eq(accounts.username, 'teacher'));
    expect((await c.post('/api/me/teacher/changes', { idNumber: someone?.idNumber })).json().fields).toEqual({
      idNumber: '身份证号：已在全省登记，请使用教师调动',
    });
    expect((await (await t.login('school')).get('/api/me/teacher')).statusCode).toBe(403);
  });

  it('checks a corrected ID number as 添加教师 does: a region code that does not exist, an age outside 18–70', async () => {
    const { c } = await teacherSession(9);
    const nowhere = makeIdNumber('990101', '1985-05-05', 7, 'M');
    const out = await c.post('/api/me/teacher/changes', { idNumber: nowhere });
    expect(out.json().fields, out.body).toEqual({ idNumber: '身份证号：身份证号的地区码不存在' });
    const child = makeIdNumber('330106', '2015-05-05', 7, 'M');
    expect((await c.post('/api/me/teacher/changes', { idNumber: child })).json().fields.birthDate).toContain('18 到 70');
  });
});

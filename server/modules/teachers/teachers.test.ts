import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../common/id-card.js';
import { isShixunNo } from '../../../common/shixun-no.js';
import { accountRoles, accounts, schools, teachers } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../test/helpers.js';

let t: TestCtx;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let seq = 500;
function newTeacher(over: Record<string, unknown> = {}) {
  seq += 2;
  const birthDate = '1988-03-15';
  return {
    name: '林书豪',
    gender: 'M',
    birthDate,
    idNumber: makeIdNumber('330106', birthDate, seq + 1, 'M'),
    mobile: `1580000${String(seq).padStart(4, '0')}`,
    stage: 'primary',
    subjects: ['math'],
    title: 'first',
    post: 'teacher',
    ...over,
  };
}

async function ownSchoolId() {
  const [s] = await t.db.select().from(schools).where(eq(schools.countyCode, '330106')).orderBy(schools.id).limit(1);
  return s?.id as number;
}

describe('TCH-1 add teacher', () => {
  it('adds a teacher with a 师训号 and an account whose initial password is the last six of the ID number', async () => {
    const c = await t.login('school');
    const body = newTeacher({
      idNumber: newTeacher()
        .idNumber.toLowerCase()
        .replace(/(.{17})(.)/, '$1$2'),
    });
    const res = await c.post('/api/teachers', body);
    expect(res.statusCode).toBe(200);
    const { teacher, initialPasswordRule } = res.json();
    expect(initialPasswordRule).toBe('last6OfIdNumber');
    expect(isShixunNo(teacher.shixunNo)).toBe(true);
    expect(teacher).toMatchObject({ name: '林书豪', status: 'in_service', schoolId: await ownSchoolId(), idNumber: expect.stringMatching(/^3301\*+/) });
    const login = await t.client().post('/api/auth/login', { account: teacher.shixunNo, password: body.idNumber.slice(-6) });
    expect(login.statusCode).toBe(200);
    expect(login.json().account.mustChangePassword).toBe(true);
    expect(login.json().roles[0]).toMatchObject({ role: 'teacher', schoolId: await ownSchoolId() });
  });

  it('upper-cases a trailing x', async () => {
    let body = newTeacher();
    while (!body.idNumber.endsWith('X')) body = newTeacher();
    const res = await (await t.login('school')).post('/api/teachers', { ...body, idNumber: body.idNumber.toLowerCase() });
    expect(res.statusCode).toBe(200);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.idNumber, body.idNumber));
    expect(row?.idNumber).toBe(body.idNumber);
  });

  it('refuses a wrong check digit, an unknown province, and gender or birth date that disagree with the ID', async () => {
    const c = await t.login('school');
    const good = newTeacher();
    const badCheck = `${good.idNumber.slice(0, 17)}${good.idNumber[17] === '1' ? '2' : '1'}`;
    expect((await c.post('/api/teachers', { ...good, idNumber: badCheck })).json().fields).toEqual({ idNumber: '身份证号：身份证号不正确' });
    const unknown = makeIdNumber('990106', '1988-03-15', 11, 'M');
    expect((await c.post('/api/teachers', { ...good, idNumber: unknown })).json().fields).toEqual({ idNumber: '身份证号：身份证号的地区码不存在' });
    const mismatch = await c.post('/api/teachers', { ...good, gender: 'F', birthDate: '1988-03-16' });
    expect(mismatch.json().fields).toEqual({ birthDate: '出生日期：与身份证号不一致', gender: '性别：与身份证号不一致' });
    const child = newTeacher({ birthDate: '2015-01-01', idNumber: makeIdNumber('330106', '2015-01-01', 21, 'M') });
    expect((await c.post('/api/teachers', child)).json().fields).toEqual({ birthDate: '出生日期：年龄应在 18 到 70 岁之间' });
  });

  it('refuses missing fields, a bad mobile and unknown subjects, writing nothing', async () => {
    const c = await t.login('school');
    const before = (await c.get('/api/teachers?pageSize=1')).json().total;
    const { title: _t, ...noTitle } = newTeacher();
    expect((await c.post('/api/teachers', noTitle)).json().fields).toEqual({ title: '职称：必填' });
    expect((await c.post('/api/teachers', newTeacher({ mobile: '1234' }))).json().fields).toEqual({ mobile: '手机号：请输入 11 位手机号' });
    expect(Object.keys((await c.post('/api/teachers', newTeacher({ subjects: ['alchemy'] }))).json().fields)).toEqual(['subjects.0']);
    expect((await c.get('/api/teachers?pageSize=1')).json().total).toBe(before);
  });

  it('tells the school to use a transfer when the ID number is already registered anywhere in the province', async () => {
    const [other] = await t.db
      .select({ idNumber: accounts.idNumber, shixunNo: accounts.shixunNo })
      .from(accounts)
      .innerJoin(teachers, eq(teachers.accountId, accounts.id))
      .innerJoin(schools, eq(schools.id, teachers.schoolId))
      .where(eq(schools.countyCode, '330302'))
      .limit(1);
    const id = other?.idNumber as string;
    const res = await (await t.login('school')).post(
      '/api/teachers',
      newTeacher({ idNumber: id, gender: Number(id[16]) % 2 ? 'M' : 'F', birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ID_NUMBER_EXISTS', fields: { idNumber: '身份证号：已在全省登记，请使用教师调动' } });
    expect(res.json().message).toContain(other?.shixunNo);
  });

  it('refuses a mobile already in use', async () => {
    const res = await (await t.login('school')).post('/api/teachers', newTeacher({ mobile: '13700000001' }));
    expect(res.json().fields).toEqual({ mobile: '手机号：已被使用' });
  });

  it('lets a county add to a school in its county, not elsewhere; a school admin only to its own school', async () => {
    const county = await t.login('xihu');
    expect((await county.post('/api/teachers', newTeacher())).json().fields).toEqual({ schoolId: '学校：必填' });
    expect((await county.post('/api/teachers', newTeacher({ schoolId: await ownSchoolId() }))).statusCode).toBe(200);
    const [far] = await t.db.select().from(schools).where(eq(schools.countyCode, '330212')).limit(1);
    expect((await county.post('/api/teachers', newTeacher({ schoolId: far?.id }))).statusCode).toBe(403);
    expect((await (await t.login('school')).post('/api/teachers', newTeacher({ schoolId: far?.id }))).statusCode).toBe(403);
    expect((await (await t.login('teacher')).post('/api/teachers', newTeacher())).statusCode).toBe(403);
    expect((await (await t.login('peixun')).post('/api/teachers', newTeacher())).statusCode).toBe(403);
  });
});

describe('TCH-8 query', () => {
  it('lists only teachers in scope', async () => {
    const school = (await (await t.login('school')).get('/api/teachers?pageSize=100')).json();
    expect(school.items.every((x: { schoolId: number }) => x.schoolId === school.items[0].schoolId)).toBe(true);
    const county = (await (await t.login('xihu')).get('/api/teachers?pageSize=100')).json();
    expect(county.total).toBeGreaterThanOrEqual(120);
    expect(new Set(county.items.map((x: { countyName: string }) => x.countyName))).toEqual(new Set(['西湖区']));
    const [far] = await t.db
      .select({ id: teachers.id })
      .from(teachers)
      .innerJoin(schools, eq(schools.id, teachers.schoolId))
      .where(eq(schools.countyCode, '330212'))
      .limit(1);
    expect((await (await t.login('xihu')).get(`/api/teachers/${far?.id}`)).statusCode).toBe(404);
    expect((await (await t.login('teacher')).get('/api/teachers')).statusCode).toBe(403);
  });

  it('finds by the beginning of an ID number or 师训号, by a 2-character name prefix and by part of a longer name', async () => {
    const c = await t.login('province');
    const [row] = await t.db.select().from(accounts).innerJoin(teachers, eq(teachers.accountId, accounts.id)).orderBy(accounts.id).offset(77).limit(1);
    const a = row?.accounts;
    if (!a?.idNumber || !a.shixunNo) throw new Error('no teacher');
    expect((await c.get(`/api/teachers?q=${a.idNumber}`)).json().items.map((x: { accountId: number }) => x.accountId)).toEqual([a.id]);
    expect((await c.get(`/api/teachers?q=${a.shixunNo}`)).json().items.map((x: { accountId: number }) => x.accountId)).toEqual([a.id]);
    expect((await c.get(`/api/teachers?q=${a.idNumber.slice(0, 10)}&pageSize=100`)).json().items.map((x: { accountId: number }) => x.accountId)).toContain(
      a.id,
    );
    const two = [...a.realName].slice(0, 2).join('');
    const byPrefix = (await c.get(`/api/teachers?q=${encodeURIComponent(two)}&pageSize=100`)).json();
    expect(byPrefix.items.every((x: { name: string }) => x.name.startsWith(two))).toBe(true);
    expect(byPrefix.items.map((x: { accountId: number }) => x.accountId)).toContain(a.id);
    await (await t.login('school')).post('/api/teachers', newTeacher({ name: '欧阳春晓' }));
    const middle = (await c.get(`/api/teachers?q=${encodeURIComponent('阳春晓')}`)).json();
    expect(middle.items.map((x: { name: string }) => x.name)).toEqual(['欧阳春晓']);
  });

  it('filters by stage, subject, title and status', async () => {
    const c = await t.login('xihu');
    const math = (await c.get('/api/teachers?subject=math&stage=primary&pageSize=100')).json();
    expect(math.items.every((x: { subjects: string[]; stage: string }) => x.subjects.includes('math') && x.stage === 'primary')).toBe(true);
    expect((await c.get('/api/teachers?title=nope')).statusCode).toBe(400);
  });
});

describe('TCH-6 archive and TCH-7 principal', () => {
  it('archives a teacher as left or retired and re-activates; only in scope', async () => {
    const c = await t.login('school');
    const created = (await c.post('/api/teachers', newTeacher())).json().teacher;
    expect((await c.post(`/api/teachers/${created.id}/status`, { status: 'retired' })).json().status).toBe('retired');
    expect((await c.get('/api/teachers?status=retired')).json().items.map((x: { id: number }) => x.id)).toContain(created.id);
    expect((await c.post(`/api/teachers/${created.id}/status`, { status: 'in_service' })).json().status).toBe('in_service');
    expect((await c.post(`/api/teachers/${created.id}/status`, { status: 'fired' })).statusCode).toBe(400);
    expect((await (await t.login('yuhang')).post(`/api/teachers/${created.id}/status`, { status: 'left' })).statusCode).toBe(404);
  });

  it('keeps exactly one principal per school', async () => {
    const c = await t.login('school');
    const a = (await c.post('/api/teachers', newTeacher())).json().teacher;
    const b = (await c.post('/api/teachers', newTeacher())).json().teacher;
    expect((await c.post(`/api/teachers/${a.id}/principal`)).json().isPrincipal).toBe(true);
    expect((await c.post(`/api/teachers/${b.id}/principal`)).json().isPrincipal).toBe(true);
    const principals = await t.db
      .select()
      .from(accountRoles)
      .where(and(eq(accountRoles.role, 'principal'), eq(accountRoles.schoolId, await ownSchoolId())));
    expect(principals.map((p) => p.accountId)).toEqual([b.accountId]);
    expect((await c.get(`/api/teachers/${a.id}`)).json().isPrincipal).toBe(false);
    // The principal logs in to the school console with the same account.
    const login = await t
      .client()
      .post('/api/auth/login', { account: b.shixunNo, password: String((await t.account({ id: b.accountId })).idNumber?.slice(-6)) });
    expect(login.json().roles.map((r: { role: string }) => r.role)).toEqual(['principal', 'teacher']);
  });

  it('authorises further school admins and revokes them; archived teachers cannot be authorised', async () => {
    const c = await t.login('school');
    const x = (await c.post('/api/teachers', newTeacher())).json().teacher;
    expect((await c.post(`/api/teachers/${x.id}/school-admin`, { grant: true })).json().isSchoolAdmin).toBe(true);
    expect((await c.post(`/api/teachers/${x.id}/school-admin`, { grant: false })).json().isSchoolAdmin).toBe(false);
    await c.post(`/api/teachers/${x.id}/status`, { status: 'left' });
    expect((await c.post(`/api/teachers/${x.id}/principal`)).statusCode).toBe(400);
    const log = (await c.get('/api/audit?action=teacher.school_admin_granted')).json();
    expect(log.items[0]).toMatchObject({ targetLabel: '林书豪', actorName: '赵敏' });
  });
});

describe('review fixes', () => {
  it('takes the principal and admin identities away when a teacher leaves, and names the principal on the school', async () => {
    const c = await t.login('school');
    const p = (await c.post('/api/teachers', newTeacher({ name: '钱校长' }))).json().teacher;
    await c.post(`/api/teachers/${p.id}/principal`);
    const school = (await c.get(`/api/schools/${p.schoolId}`)).json();
    expect(school.principalName).toBe('钱校长');
    // Authorising the current principal again changes nothing.
    expect((await c.post(`/api/teachers/${p.id}/principal`)).json().isPrincipal).toBe(true);
    await c.post(`/api/teachers/${p.id}/school-admin`, { grant: true });
    const left = (await c.post(`/api/teachers/${p.id}/status`, { status: 'left' })).json();
    expect(left).toMatchObject({ status: 'left', isPrincipal: false, isSchoolAdmin: false });
    const roles = await t.db.select().from(accountRoles).where(eq(accountRoles.accountId, p.accountId));
    expect(roles.map((r) => r.role)).toEqual(['teacher']);
  });

  it('names the ID number first when both the ID number and the mobile are taken', async () => {
    const [other] = await t.db.select({ idNumber: accounts.idNumber }).from(accounts).where(eq(accounts.username, 'teacher'));
    const id = other?.idNumber as string;
    const body = newTeacher({
      idNumber: id,
      mobile: '13700000001',
      gender: Number(id[16]) % 2 ? 'M' : 'F',
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    });
    expect((await (await t.login('school')).post('/api/teachers', body)).json().code).toBe('ID_NUMBER_EXISTS');
  });

  it("calls a teacher's name 姓名 in errors", async () => {
    expect((await (await t.login('school')).post('/api/teachers', newTeacher({ name: '' }))).json().fields).toEqual({ name: '姓名：必填' });
  });
});

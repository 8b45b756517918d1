import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, institutions, schools } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../test/helpers.js';

let t: TestCtx;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let n = 0;
const admin = (over: Record<string, unknown>) => {
  n += 1;
  return { realName: '测试管理员', username: `admin${n}x`, mobile: `1520000${String(1000 + n).padStart(4, '0')}`, ...over };
};

describe('ORG-4 unit admin accounts', () => {
  it('lets a school admin add another admin of its own school, who must change the one-time password', async () => {
    const c = await t.login('school');
    const body = admin({ role: 'school_admin' });
    const res = await c.post('/api/admins', body);
    expect(res.statusCode).toBe(200);
    const { account, oneTimePassword } = res.json();
    expect(account).toMatchObject({ role: 'school_admin', mustChangePassword: true, mobile: expect.stringMatching(/\*{4}/) });
    const login = await t.client().post('/api/auth/login', { account: body.username, password: oneTimePassword });
    expect(login.json().account.mustChangePassword).toBe(true);
    expect(login.json().roles[0].unitName).toBe(account.unitName);
  });

  it('lets a county create school admins for its schools but not for another county', async () => {
    const c = await t.login('xihu');
    const [own] = await t.db.select().from(schools).where(eq(schools.countyCode, '330106')).limit(1);
    const [other] = await t.db.select().from(schools).where(eq(schools.countyCode, '330110')).limit(1);
    expect((await c.post('/api/admins', admin({ role: 'school_admin', schoolId: own?.id }))).statusCode).toBe(200);
    const refused = await c.post('/api/admins', admin({ role: 'school_admin', schoolId: other?.id }));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().fields).toEqual({ schoolId: '学校：超出您的管理范围' });
  });

  it('refuses admins above or beside the creator', async () => {
    const school = await t.login('school');
    expect((await school.post('/api/admins', admin({ role: 'bureau_admin', regionCode: '330106' }))).statusCode).toBe(403);
    const county = await t.login('xihu');
    expect((await county.post('/api/admins', admin({ role: 'bureau_admin', regionCode: '330100' }))).statusCode).toBe(403);
    expect((await county.post('/api/admins', admin({ role: 'province_admin' }))).statusCode).toBe(403);
    const [inst] = await t.db.select().from(institutions).where(eq(institutions.name, '浙江省教师培训中心'));
    expect((await (await t.login('jinxiu')).post('/api/admins', admin({ role: 'institution_admin', institutionId: inst?.id }))).statusCode).toBe(403);
    expect((await (await t.login('teacher')).post('/api/admins', admin({ role: 'school_admin' }))).statusCode).toBe(403);
  });

  it('lets a city create county bureau admins in its city', async () => {
    const res = await (await t.login('hangzhou')).post('/api/admins', admin({ role: 'bureau_admin', regionCode: '330102' }));
    expect(res.statusCode).toBe(200);
    expect(res.json().account.unitName).toBe('上城区教育局');
  });

  it('refuses a taken username or mobile, naming the field', async () => {
    const c = await t.login('province');
    const user = await c.post('/api/admins', admin({ role: 'province_admin', username: 'xihu' }));
    expect(user.json().fields).toEqual({ username: '用户名：已被使用' });
    const mobile = await c.post('/api/admins', admin({ role: 'province_admin', mobile: '13700000003' }));
    expect(mobile.json().fields).toEqual({ mobile: '手机号：已被使用' });
    const short = await c.post('/api/admins', admin({ role: 'province_admin', username: 'ab' }));
    expect(short.json().fields.username).toBe('用户名：格式不正确');
  });

  it('lists the admins inside my scope only', async () => {
    const county = (await (await t.login('xihu')).get('/api/admins?pageSize=100')).json();
    const names = county.items.map((a: { username: string }) => a.username);
    expect(names).toEqual(expect.arrayContaining(['xihu', 'school', 'jinxiu']));
    expect(names).not.toContain('hangzhou');
    expect(names).not.toContain('province');
    expect(names).not.toContain('yuhang');
    const school = (await (await t.login('school')).get('/api/admins?pageSize=100')).json();
    expect(school.items.every((a: { role: string }) => a.role === 'school_admin')).toBe(true);
  });

  it('disables and re-enables an account in scope; a disabled account cannot log in', async () => {
    const c = await t.login('province');
    const body = admin({ role: 'bureau_admin', regionCode: '330212' });
    const { account, oneTimePassword } = (await c.post('/api/admins', body)).json();
    const session = t.client();
    await session.post('/api/auth/login', { account: body.username, password: oneTimePassword });
    expect((await c.post(`/api/accounts/${account.id}/disable`)).statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    const login = await t.client().post('/api/auth/login', { account: body.username, password: oneTimePassword });
    expect(login.json().code).toBe('ACCOUNT_DISABLED');
    expect((await (await t.login('xihu')).post(`/api/accounts/${account.id}/enable`)).statusCode).toBe(404);
    expect((await c.post(`/api/accounts/${account.id}/enable`)).statusCode).toBe(200);
    expect((await t.client().post('/api/auth/login', { account: body.username, password: oneTimePassword })).statusCode).toBe(200);
  });

  it('refuses to disable oneself', async () => {
    const c = await t.login('hangzhou');
    const me = (await c.get('/api/auth/me')).json();
    expect((await c.post(`/api/accounts/${me.account.id}/disable`)).statusCode).toBe(403);
  });
});

describe('ACC-10 masking and ACC-5 unmasked views', () => {
  it('shows personal data unmasked only after SMS re-verification, and audits the view', async () => {
    const c = await t.login('xihu');
    const list = (await c.get('/api/admins?q=赵敏')).json();
    const target = list.items[0];
    expect(target.mobile).toBe('137****0007');
    const before = await c.get(`/api/accounts/${target.id}/personal-data`);
    expect(before.statusCode).toBe(403);
    expect(before.json().code).toBe('REVERIFY_REQUIRED');
    await c.post('/api/auth/reverify/sms');
    await c.post('/api/auth/reverify', { code: await t.lastSmsCode('13700000003') });
    const after = await c.get(`/api/accounts/${target.id}/personal-data`);
    expect(after.json()).toEqual({ mobile: '13700000007', idNumber: null });
    const log = (await c.get('/api/audit?action=account.pii_viewed')).json();
    expect(log.items[0]).toMatchObject({ actorName: '王立新', targetLabel: '赵敏' });
  });
});

describe('managing only what lies wholly inside the scope', () => {
  it('does not let a county create an admin for a provincial institution that merely trains there', async () => {
    const [inst] = await t.db.select().from(institutions).where(eq(institutions.name, '浙江省教师培训中心'));
    const res = await (await t.login('xihu')).post('/api/admins', admin({ role: 'institution_admin', institutionId: inst?.id }));
    expect(res.statusCode).toBe(403);
    const [local] = await t.db.select().from(institutions).where(eq(institutions.name, '杭州市西湖区教师进修学校'));
    expect((await (await t.login('xihu')).post('/api/admins', admin({ role: 'institution_admin', institutionId: local?.id }))).statusCode).toBe(200);
  });

  it('does not let a school admin reset, disable or unlock an account that also holds an identity above it', async () => {
    const province = await t.account({ username: 'province' });
    const [school] = await t.db.select().from(schools).where(eq(schools.countyCode, '330106')).orderBy(schools.id).limit(1);
    await t.db.insert(accountRoles).values({ accountId: province.id, role: 'teacher', schoolId: school?.id });
    const c = await t.login('school');
    expect((await c.post(`/api/accounts/${province.id}/reset-password`)).statusCode).toBe(403);
    expect((await c.post(`/api/accounts/${province.id}/disable`)).statusCode).toBe(403);
    expect((await c.post(`/api/accounts/${province.id}/unlock`)).statusCode).toBe(403);
    expect((await t.client().post('/api/auth/login', { account: 'province', password: 'Demo@2026' })).statusCode).toBe(200);
  });

  it('refuses unit fields that do not belong to the chosen role', async () => {
    const [s] = await t.db.select().from(schools).where(eq(schools.countyCode, '330106')).limit(1);
    const res = await (await t.login('xihu')).post('/api/admins', admin({ role: 'bureau_admin', regionCode: '330106', schoolId: s?.id }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ schoolId: '学校：不允许的字段' });
  });

  it('answers a duplicate created at the same moment with a conflict, not a server error', async () => {
    const c = await t.login('province');
    const body = admin({ role: 'province_admin' });
    const results = await Promise.all([c.post('/api/admins', body), c.post('/api/admins', { ...body, mobile: '15299990001' })]);
    // One wins; the other is told the username is taken (checked first) or that it lost the race.
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([400, 409]).toContain(codes[1]);
  });
});

describe('ORG-3 institution level and home region agree', () => {
  it('refuses a county-level institution based in a city', async () => {
    const res = await (await t.login('province')).post('/api/institutions', {
      name: '级别不符的机构',
      level: 'county',
      regionCode: '330100',
      contactName: '王五',
      contactMobile: '13600000009',
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields)).toEqual(['regionCode']);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, auditLog, smsOutbox, teachers } from '../../db/schema.js';
import { createTestApp, DEMO_PASSWORD, type TestCtx } from '../../test/helpers.js';

let t: TestCtx;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A seeded teacher of the demo 西湖区 school with no password set yet (initial = last 6 of ID). */
async function freshTeacher(offset = 5) {
  const [row] = await t.db
    .select({ id: accounts.id, idNumber: accounts.idNumber, shixunNo: accounts.shixunNo, mobile: accounts.mobile, schoolId: teachers.schoolId })
    .from(accounts)
    .innerJoin(teachers, eq(teachers.accountId, accounts.id))
    .orderBy(accounts.id)
    .offset(offset)
    .limit(1);
  if (!row?.idNumber || !row.mobile || !row.shixunNo) throw new Error('no teacher');
  return row as { id: number; idNumber: string; shixunNo: string; mobile: string; schoolId: number };
}

describe('ACC-1 login', () => {
  it('accepts username, 师训号, ID number (lower-case x too) and mobile with the password', async () => {
    const teacher = await freshTeacher(10);
    const initial = teacher.idNumber.slice(-6);
    for (const account of [teacher.shixunNo, teacher.idNumber.toLowerCase(), teacher.mobile]) {
      const res = await t.client().post('/api/auth/login', { account, password: initial });
      expect(res.statusCode, account).toBe(200);
      expect(res.json().account.mustChangePassword).toBe(true);
    }
    const admin = await t.client().post('/api/auth/login', { account: 'xihu', password: DEMO_PASSWORD });
    expect(admin.statusCode).toBe(200);
    expect(admin.json().roles[0]).toMatchObject({ role: 'bureau_admin', unitName: '西湖区教育局' });
    expect(admin.cookies.find((c) => c.name === 'sx_sid')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('refuses a wrong password with a message in the user language', async () => {
    const zh = await t.client().post('/api/auth/login', { account: 'hangzhou', password: 'nope' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(zh.json().message).toContain('账号或密码错误');
    const c = t.client();
    c.lang = 'en-US,en;q=0.9';
    const en = await c.post('/api/auth/login', { account: 'nobody-here', password: 'nope' });
    expect(en.statusCode).toBe(401);
    expect(en.json().message).toMatch(/Wrong account or password/);
  });

  it('forces a password change at first login and blocks everything else until then', async () => {
    const teacher = await freshTeacher(11);
    const c = t.client();
    await c.post('/api/auth/login', { account: teacher.shixunNo, password: teacher.idNumber.slice(-6) });
    const blocked = await c.get('/api/schools');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);

    const weak = [
      ['short1!', 'pwLength'],
      ['alllowercase1', 'pwClasses'],
      ['Password1', 'pwCommon'],
      [`Ab!${teacher.idNumber.slice(-6)}`, 'pwPersonal'],
    ];
    for (const [pw] of weak) {
      const res = await c.post('/api/auth/password', { oldPassword: teacher.idNumber.slice(-6), newPassword: pw });
      expect(res.statusCode, pw).toBe(400);
      expect(res.json().code).toBe('WEAK_PASSWORD');
      expect(res.json().fields.newPassword).toMatch(/^新密码：/);
    }
    const wrongOld = await c.post('/api/auth/password', { oldPassword: '000000', newPassword: 'Strong#Pass42' });
    expect(wrongOld.json().code).toBe('WRONG_PASSWORD');

    const ok = await c.post('/api/auth/password', { oldPassword: teacher.idNumber.slice(-6), newPassword: 'Strong#Pass42' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().account.mustChangePassword).toBe(false);
    expect((await t.client().post('/api/auth/login', { account: teacher.mobile, password: 'Strong#Pass42' })).statusCode).toBe(200);
    // The initial password no longer works.
    expect((await t.client().post('/api/auth/login', { account: teacher.mobile, password: teacher.idNumber.slice(-6) })).statusCode).toBe(401);
  });
});

describe('ACC-2 lockout', () => {
  it('locks after 10 consecutive failures, says whom to ask, and an admin in scope unlocks', async () => {
    const teacher = await freshTeacher(12);
    const c = t.client('10.1.0.1');
    for (let i = 1; i <= 9; i++) {
      const res = await c.post('/api/auth/login', { account: teacher.shixunNo, password: `wrong-${i}` });
      expect(res.json().code).toBe('INVALID_CREDENTIALS');
    }
    const tenth = await c.post('/api/auth/login', { account: teacher.shixunNo, password: 'wrong-10' });
    expect(tenth.statusCode).toBe(423);
    expect(tenth.json().message).toBe('账号已被锁定（连续 10 次密码错误），请联系本校学校管理员解锁');
    // Even the right password is refused now.
    const right = await c.post('/api/auth/login', { account: teacher.shixunNo, password: teacher.idNumber.slice(-6) });
    expect(right.json().code).toBe('ACCOUNT_LOCKED');

    // Another county's bureau cannot see or unlock it.
    const yuhang = await t.login('yuhang');
    expect((await yuhang.get('/api/accounts/locked')).json().items.map((a: { id: number }) => a.id)).not.toContain(teacher.id);
    expect((await yuhang.post(`/api/accounts/${teacher.id}/unlock`)).statusCode).toBe(404);
    // A teacher cannot unlock anyone.
    expect((await (await t.login('teacher')).post(`/api/accounts/${teacher.id}/unlock`)).statusCode).toBe(403);

    const school = await t.login('school');
    const locked = await school.get('/api/accounts/locked');
    expect(locked.json().items.map((a: { id: number }) => a.id)).toContain(teacher.id);
    expect((await school.post(`/api/accounts/${teacher.id}/unlock`)).statusCode).toBe(200);
    expect((await c.post('/api/auth/login', { account: teacher.shixunNo, password: teacher.idNumber.slice(-6) })).statusCode).toBe(200);

    const actions = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, String(teacher.id)));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.locked', 'account.unlocked', 'auth.login']));
  });

  it('resets the failure count after a successful login', async () => {
    const teacher = await freshTeacher(13);
    for (let i = 0; i < 9; i++) await t.client().post('/api/auth/login', { account: teacher.mobile, password: 'bad' });
    expect((await t.client().post('/api/auth/login', { account: teacher.mobile, password: teacher.idNumber.slice(-6) })).statusCode).toBe(200);
    const res = await t.client().post('/api/auth/login', { account: teacher.mobile, password: 'bad' });
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
  });
});

describe('ACC-1/ACC-9 SMS codes', () => {
  it('logs in with an SMS code, once', async () => {
    const teacher = await freshTeacher(14);
    const c = t.client();
    expect((await c.post('/api/auth/sms', { mobile: teacher.mobile, purpose: 'login' })).json()).toEqual({ ok: true, retryAfterSeconds: 60 });
    const code = await t.lastSmsCode(teacher.mobile);
    const wrong = await c.post('/api/auth/login/sms', { mobile: teacher.mobile, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.json().code).toBe('SMS_CODE_INVALID');
    const ok = await c.post('/api/auth/login/sms', { mobile: teacher.mobile, code });
    expect(ok.statusCode).toBe(200);
    const reused = await t.client().post('/api/auth/login/sms', { mobile: teacher.mobile, code });
    expect(reused.json().code).toBe('SMS_CODE_EXPIRED');
  });

  it('refuses an expired code and a second code within a minute', async () => {
    const teacher = await freshTeacher(15);
    const c = t.client();
    await c.post('/api/auth/sms', { mobile: teacher.mobile, purpose: 'login' });
    const again = await c.post('/api/auth/sms', { mobile: teacher.mobile, purpose: 'login' });
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('SMS_TOO_FREQUENT');
    const code = await t.lastSmsCode(teacher.mobile);
    t.clock.advance(5 * 60_000 + 1000);
    const res = await c.post('/api/auth/login/sms', { mobile: teacher.mobile, code });
    expect(res.json().code).toBe('SMS_CODE_EXPIRED');
  });

  it('gives up a code after five wrong guesses', async () => {
    const teacher = await freshTeacher(16);
    await t.client().post('/api/auth/sms', { mobile: teacher.mobile, purpose: 'login' });
    const code = await t.lastSmsCode(teacher.mobile);
    const wrong = code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) await t.client().post('/api/auth/login/sms', { mobile: teacher.mobile, code: wrong });
    expect((await t.client().post('/api/auth/login/sms', { mobile: teacher.mobile, code })).json().code).toBe('SMS_CODE_EXPIRED');
  });

  it('does not reveal whether a mobile has an account', async () => {
    const res = await t.client().post('/api/auth/sms', { mobile: '15000000000', purpose: 'login' });
    expect(res.json()).toEqual({ ok: true, retryAfterSeconds: 60 });
    expect(await t.db.select().from(smsOutbox).where(eq(smsOutbox.mobile, '15000000000'))).toHaveLength(0);
  });

  it('limits codes per IP per hour', async () => {
    const limited = await createTestApp({ smsRatePerHour: 2 });
    try {
      const c = limited.client('10.9.9.9');
      const mobiles = ['13700000001', '13700000002', '13700000003'];
      const codes = [];
      for (const mobile of mobiles) codes.push((await c.post('/api/auth/sms', { mobile, purpose: 'login' })).statusCode);
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('rejects a malformed mobile with the field named', async () => {
    const res = await t.client().post('/api/auth/sms', { mobile: '12345', purpose: 'login' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ mobile: '手机号：请输入 11 位手机号' });
  });
});

describe('ACC-3 password reset', () => {
  it('lets a user reset a forgotten password by SMS, which also lifts a lockout', async () => {
    const teacher = await freshTeacher(17);
    await t.db.update(accounts).set({ lockedAt: new Date(), failedLogins: 10 }).where(eq(accounts.id, teacher.id));
    await t.client().post('/api/auth/sms', { mobile: teacher.mobile, purpose: 'reset' });
    const code = await t.lastSmsCode(teacher.mobile);
    const weak = await t.client().post('/api/auth/password/reset-by-sms', { mobile: teacher.mobile, code, newPassword: 'abc' });
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    const ok = await t.client().post('/api/auth/password/reset-by-sms', { mobile: teacher.mobile, code, newPassword: 'Reset#Works9' });
    expect(ok.statusCode).toBe(200);
    const login = await t.client().post('/api/auth/login', { account: teacher.mobile, password: 'Reset#Works9' });
    expect(login.statusCode).toBe(200);
    expect(login.json().account.mustChangePassword).toBe(false);
  });

  it('lets an admin in scope reset to a one-time password that must be changed', async () => {
    const teacher = await freshTeacher(18);
    const outsider = await t.login('yuhang');
    expect((await outsider.post(`/api/accounts/${teacher.id}/reset-password`)).statusCode).toBe(404);
    const county = await t.login('xihu');
    const res = await county.post(`/api/accounts/${teacher.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { oneTimePassword } = res.json();
    const login = await t.client().post('/api/auth/login', { account: teacher.shixunNo, password: oneTimePassword });
    expect(login.json().account.mustChangePassword).toBe(true);
  });
});

describe('ACC-4 phone binding', () => {
  it('rebinds the mobile after proving the new number', async () => {
    const c = await t.login('peixun');
    expect((await c.post('/api/auth/sms', { mobile: '13700000001', purpose: 'bind' })).json().fields.mobile).toBe('手机号：已被使用');
    await c.post('/api/auth/sms', { mobile: '18800000001', purpose: 'bind' });
    const code = await t.lastSmsCode('18800000001');
    const res = await c.post('/api/auth/mobile', { mobile: '18800000001', code, password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().account.mobile).toBe('18800000001');
    expect((await t.client().post('/api/auth/login', { account: '18800000001', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });
});

describe('ACC-5 re-verification', () => {
  it('opens a 30-minute window after a correct code', async () => {
    const c = await t.login('hangzhou');
    expect((await c.get('/api/audit/export')).json().code).toBe('REVERIFY_REQUIRED');
    await c.post('/api/auth/reverify/sms');
    const code = await t.lastSmsCode('13700000002');
    const me = await c.post('/api/auth/reverify', { code });
    expect(me.json().reverifiedUntil).not.toBeNull();
    expect((await c.get('/api/audit/export')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await c.get('/api/audit/export')).json().code).toBe('REVERIFY_REQUIRED');
  });
});

describe('ACC-6 identity switch', () => {
  it('switches between the roles of one account and refuses a role it does not hold', async () => {
    const c = await t.client();
    const login = await c.post('/api/auth/login', { account: 'newadmin', password: 'Init#2026' });
    await c.post('/api/auth/password', { oldPassword: 'Init#2026', newPassword: 'New#Admin2026' });
    const me = (await c.get('/api/auth/me')).json();
    expect(login.json().roles.map((r: { role: string }) => r.role)).toEqual(['school_admin', 'teacher']);
    const teacherRole = me.roles.find((r: { role: string }) => r.role === 'teacher');
    const switched = await c.post('/api/auth/switch', { roleId: teacherRole.id });
    expect(switched.json().activeRoleId).toBe(teacherRole.id);
    expect(switched.json().abilities).toEqual(['courses.declare']);
    expect((await c.get('/api/schools')).statusCode).toBe(403);
    const [other] = await t.db
      .select()
      .from(accountRoles)
      .where(and(eq(accountRoles.role, 'province_admin')));
    const refused = await c.post('/api/auth/switch', { roleId: other?.id });
    expect(refused.json().code).toBe('ROLE_NOT_HELD');
  });
});

describe('ACC-7 one account per browser', () => {
  it('ends the first session when another account logs in in the same browser', async () => {
    const c = await t.login('xihu');
    const firstCookie = c.cookie;
    await c.post('/api/auth/login', { account: 'hangzhou', password: DEMO_PASSWORD });
    expect(c.cookie).not.toBe(firstCookie);
    expect((await c.get('/api/auth/me')).json().account.username).toBe('hangzhou');
    const old = t.client();
    old.cookie = firstCookie;
    const res = await old.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_REPLACED');
  });
});

describe('sessions and request hygiene', () => {
  it('requires the CSRF token on writes made with a session cookie', async () => {
    const c = await t.login('xihu');
    const res = await c.request('POST', '/api/auth/switch', { roleId: 1 }, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
  });

  it('refuses unknown fields, malformed JSON and oversized bodies', async () => {
    const unknown = await t.client().post('/api/auth/login', { account: 'xihu', password: 'x', admin: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toEqual({ admin: 'admin：不允许的字段' });
    const bad = await t.client().request('POST', '/api/auth/login', '{"account": ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BAD_JSON');
    const huge = await t.client().post('/api/auth/login', { account: 'xihu', password: 'x'.repeat(300 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('PAYLOAD_TOO_LARGE');
    const missing = await t.client().post('/api/auth/login', { account: 'xihu' });
    expect(missing.json().fields).toEqual({ password: '密码：必填' });
  });

  it('checks an id in the path: a plain id is looked up, anything else is refused naming the field', async () => {
    const c = await t.login('xihu');
    expect((await c.get('/api/courses/987654321')).json().code).toBe('NOT_FOUND');
    for (const bad of ['abc', '0', '-3', '1.5', '9999999999999999', '12a']) {
      const res = await c.get(`/api/courses/${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(Object.keys(res.json().fields), bad).toEqual(['id']);
    }
  });

  it('logs out and forgets the session', async () => {
    const c = await t.login('xihu');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('rate-limits login attempts per IP', async () => {
    const limited = await createTestApp({ loginRatePerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.client('10.7.7.7').post('/api/auth/login', { account: 'x', password: 'y' })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('sends security headers on every response', async () => {
    const res = await t.client().get('/healthz');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
  });

  it("answers in the account's language once it is set", async () => {
    const c = await t.login('jinxiu');
    expect((await c.patch('/api/auth/me', { language: 'en-US' })).json().account.language).toBe('en-US');
    const res = await c.get('/api/regions');
    expect(res.json().message).toBe('Your current identity may not do this');
    expect((await c.patch('/api/auth/me', { language: 'fr-FR' })).json().fields.language).toMatch(/^Language must be one of zh-CN, en-US/);
  });

  it('answers /healthz and publishes the OpenAPI document', async () => {
    expect((await t.client().get('/healthz')).json().ok).toBe(true);
    const doc = (await t.client().get('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/schools', '/api/audit/']));
  });
});

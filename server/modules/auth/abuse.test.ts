import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, teachers } from '../../db/schema.js';
import { createTestApp, DEMO_PASSWORD, type TestCtx } from '../../test/helpers.js';

// Attacks found in review: each test failed before its fix.
let t: TestCtx;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function teacherAt(offset: number) {
  const [row] = await t.db
    .select({ id: accounts.id, idNumber: accounts.idNumber, shixunNo: accounts.shixunNo, mobile: accounts.mobile })
    .from(accounts)
    .innerJoin(teachers, eq(teachers.accountId, accounts.id))
    .orderBy(accounts.id)
    .offset(offset)
    .limit(1);
  return row as { id: number; idNumber: string; shixunNo: string; mobile: string };
}

describe('guessing in parallel', () => {
  it('keeps the five-guess limit of an SMS code under concurrent guesses', async () => {
    const teacher = await teacherAt(40);
    await t.client().post('/api/auth/sms', { mobile: teacher.mobile, purpose: 'login' });
    const code = await t.lastSmsCode(teacher.mobile);
    const wrong = code === '123456' ? '654321' : '123456';
    // Thirty wrong guesses and then the right code, all at once: the right one comes too late.
    const results = await Promise.all([
      ...Array.from({ length: 30 }, () => t.client().post('/api/auth/login/sms', { mobile: teacher.mobile, code: wrong })),
      t.client().post('/api/auth/login/sms', { mobile: teacher.mobile, code }),
    ]);
    expect(results.at(-1)?.json().code).toBe('SMS_CODE_EXPIRED');
    expect(results.filter((r) => r.json().code === 'SMS_CODE_INVALID')).toHaveLength(5);
  });

  it('keeps the lockout under concurrent wrong passwords', async () => {
    const teacher = await teacherAt(41);
    const results = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => t.client().post('/api/auth/login', { account: teacher.shixunNo, password: `wrong${i}` })),
      t.client().post('/api/auth/login', { account: teacher.shixunNo, password: teacher.idNumber.slice(-6) }),
    ]);
    expect(results.at(-1)?.json().code).toBe('ACCOUNT_LOCKED');
    // At most ten passwords were ever checked.
    expect(results.filter((r) => r.json().code === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(10);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, teacher.id));
    expect(row?.lockedAt).not.toBeNull();
  });

  it('counts wrong current passwords on a password change toward the lockout', async () => {
    const c = await t.login('jinxiu');
    for (let i = 0; i < 9; i++)
      expect((await c.post('/api/auth/password', { oldPassword: `nope${i}`, newPassword: 'Brand#New2026' })).json().code).toBe('WRONG_PASSWORD');
    const tenth = await c.post('/api/auth/password', { oldPassword: 'nope9', newPassword: 'Brand#New2026' });
    expect(tenth.json().code).toBe('ACCOUNT_LOCKED');
    expect((await t.client().post('/api/auth/login', { account: 'jinxiu', password: DEMO_PASSWORD })).json().code).toBe('ACCOUNT_LOCKED');
  });
});

describe('no oracles for strangers', () => {
  it('does not reveal ID-number digits through the reset password rules before the code is checked', async () => {
    const teacher = await teacherAt(42);
    const birth = teacher.idNumber.slice(6, 14);
    const res = await t.client().post('/api/auth/password/reset-by-sms', { mobile: teacher.mobile, code: '000000', newPassword: `Qz!x${birth}` });
    expect(res.json().code).toBe('SMS_CODE_EXPIRED');
  });

  it('rate-limits codes to unknown mobiles exactly like known ones', async () => {
    const teacher = await teacherAt(43);
    const known = [];
    const unknown = [];
    for (let i = 0; i < 2; i++) {
      known.push((await t.client().post('/api/auth/sms', { mobile: teacher.mobile, purpose: 'reset' })).statusCode);
      unknown.push((await t.client().post('/api/auth/sms', { mobile: '15012345678', purpose: 'reset' })).statusCode);
    }
    expect(unknown).toEqual(known);
  });

  it('does not store what was typed as the account of a failed login in clear', async () => {
    const teacher = await teacherAt(44);
    const typed = teacher.idNumber.replace(/.$/, (c) => (c === '1' ? '2' : '1'));
    await t.client().post('/api/auth/login', { account: typed, password: 'x' });
    const rows = await t.db.select({ detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, 'auth.login_failed'));
    expect(JSON.stringify(rows)).not.toContain(typed);
  });
});

describe('a stolen session is not the account', () => {
  it('needs the current password to rebind the mobile', async () => {
    const c = await t.login('hangzhou');
    await c.post('/api/auth/sms', { mobile: '18811112222', purpose: 'bind' });
    const code = await t.lastSmsCode('18811112222');
    const without = await c.post('/api/auth/mobile', { mobile: '18811112222', code });
    expect(without.json().fields).toEqual({ password: '密码：必填' });
    const wrong = await c.post('/api/auth/mobile', { mobile: '18811112222', code, password: 'guess' });
    expect(wrong.json()).toMatchObject({ code: 'WRONG_PASSWORD', fields: { password: '密码：不正确' } });
    const ok = await c.post('/api/auth/mobile', { mobile: '18811112222', code, password: DEMO_PASSWORD });
    expect(ok.json().account.mobile).toBe('18811112222');
  });
});

describe('ACC-8 self-service changes are visible to the admins in scope', () => {
  it('shows a teacher password change to the school admin', async () => {
    const c = await t.login('teacher');
    await c.post('/api/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: 'Blue#Sky2027x' });
    const log = (await (await t.login('school')).get('/api/audit?action=auth.password_changed')).json();
    expect(log.items.map((i: { actorName: string }) => i.actorName)).toContain((await t.account({ username: 'teacher' })).realName);
  });
});

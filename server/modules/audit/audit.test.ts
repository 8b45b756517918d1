import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../test/helpers.js';

let t: TestCtx;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('ACC-8 audit log', () => {
  it('records a school edit with who, what and from where, visible to admins in scope only', async () => {
    const c = await t.login('school', undefined, '10.20.30.40');
    const [own] = await t.db.select().from(schools).where(eq(schools.countyCode, '330106')).orderBy(schools.id).limit(1);
    await c.patch(`/api/schools/${own?.id}`, { principalName: '李审计', principalMobile: '13911112222' });

    const mine = (await c.get('/api/audit?action=school.updated')).json();
    expect(mine.items[0]).toMatchObject({
      actorName: '赵敏',
      actorRole: 'school_admin',
      targetLabel: own?.name,
      ip: '10.20.30.40',
      detail: { changes: { principalName: { to: '李审计' }, principalMobile: { to: '139****2222' } } },
    });
    const county = (await (await t.login('xihu')).get('/api/audit?action=school.updated')).json();
    expect(county.total).toBeGreaterThan(0);
    const other = (await (await t.login('yuhang')).get('/api/audit?action=school.updated')).json();
    expect(other.total).toBe(0);
    const province = (await (await t.login('province')).get(`/api/audit?q=${encodeURIComponent('赵敏')}`)).json();
    expect(province.items.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['school.updated', 'auth.login']));
  });

  it('records failed logins', async () => {
    await t.client('10.1.1.1').post('/api/auth/login', { account: 'school', password: 'wrong' });
    const log = (await (await t.login('school')).get('/api/audit?action=auth.login_failed')).json();
    expect(log.items[0]).toMatchObject({ targetLabel: '赵敏', ip: '10.1.1.1' });
  });

  it('filters by Shanghai calendar dates', async () => {
    const c = await t.login('province');
    expect((await c.get('/api/audit?from=2000-01-01&to=2000-01-02')).json().total).toBe(0);
    const bad = await c.get('/api/audit?from=2026-13-01');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields)).toEqual(['from']);
    expect((await c.get('/api/audit?action=nope')).statusCode).toBe(400);
  });

  it('is not for teachers', async () => {
    expect((await (await t.login('teacher')).get('/api/audit')).statusCode).toBe(403);
  });

  it('exports to Excel only after SMS re-verification, and audits the export', async () => {
    const c = await t.login('xihu');
    const refused = await c.get('/api/audit/export');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('REVERIFY_REQUIRED');
    await c.post('/api/auth/reverify/sms');
    const code = await t.lastSmsCode('13700000003');
    const wrong = await c.post('/api/auth/reverify', { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.json().code).toBe('SMS_CODE_INVALID');
    // A wrong guess does not open the window.
    expect((await c.get('/api/audit/export')).statusCode).toBe(403);
    await c.post('/api/auth/reverify', { code });

    const res = await c.get('/api/audit/export?action=auth.login');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).values).toEqual([undefined, '时间', '操作人', '身份', '操作', '对象', '详情', 'IP']);
    expect(ws?.getRow(2).getCell(4).value).toBe('登录');
    expect(ws?.rowCount).toBeGreaterThan(1);
    const log = (await c.get('/api/audit?action=audit.exported')).json();
    expect(log.items[0]).toMatchObject({ actorName: '王立新', detail: { rows: (ws?.rowCount ?? 1) - 1 } });
  });
});

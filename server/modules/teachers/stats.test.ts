import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { type Client, createTestApp, type TestCtx } from '../../test/helpers.js';

let t: TestCtx;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Group = { key: string; label: string | null; count: number };
const sum = (groups: Group[]) => groups.reduce((n, g) => n + g.count, 0);

async function reverify(c: Client, mobile: string) {
  await c.post('/api/auth/reverify/sms');
  expect((await c.post('/api/auth/reverify', { code: await t.lastSmsCode(mobile) })).statusCode).toBe(200);
}

describe('TCH-8 statistics', () => {
  it('counts one level below my scope, within the filters', async () => {
    const province = await t.login('province');
    const cities = (await province.get('/api/teachers/stats?by=region')).json();
    expect(cities.groups.map((g: Group) => g.label)).toEqual(expect.arrayContaining(['杭州市', '宁波市', '温州市']));
    expect(sum(cities.groups)).toBe(cities.total);
    const listTotal = (await province.get('/api/teachers?pageSize=1')).json().total;
    expect(cities.total).toBe(listTotal);

    const city = (await (await t.login('hangzhou')).get('/api/teachers/stats?by=region')).json();
    expect(city.groups.map((g: Group) => g.label).sort()).toEqual(['上城区', '余杭区', '西湖区'].sort());
    expect(city.total).toBe(cities.groups.find((g: Group) => g.label === '杭州市').count);

    const county = (await (await t.login('xihu')).get('/api/teachers/stats?by=region')).json();
    expect(county.groups).toHaveLength(6);
    expect(county.groups.every((g: Group) => g.label && g.count > 0)).toBe(true);
    expect(county.total).toBe(city.groups.find((g: Group) => g.label === '西湖区').count);
    // A filter cannot widen the scope: another county's teachers count as none.
    expect((await (await t.login('xihu')).get('/api/teachers/stats?by=stage&countyCode=330110')).json().total).toBe(0);
  });

  it('counts by stage, subject, title, status, gender and age band, and filters combine', async () => {
    const c = await t.login('school');
    const total = (await c.get('/api/teachers?pageSize=1')).json().total;
    for (const by of ['stage', 'title', 'status', 'gender', 'age']) {
      const stats = (await c.get(`/api/teachers/stats?by=${by}`)).json();
      expect(stats.total, by).toBe(total);
      expect(sum(stats.groups), by).toBe(total);
    }
    const subjects = (await c.get('/api/teachers/stats?by=subject')).json();
    expect(sum(subjects.groups)).toBeGreaterThanOrEqual(total);
    const ages = (await c.get('/api/teachers/stats?by=age')).json();
    expect(ages.groups.every((g: Group) => /^\d0-\d9$/.test(g.key))).toBe(true);
    const [firstTitle] = (await c.get('/api/teachers/stats?by=title')).json().groups as Group[];
    const filtered = (await c.get(`/api/teachers/stats?by=stage&title=${firstTitle?.key}`)).json();
    expect(filtered.total).toBe(firstTitle?.count);
    expect((await c.get('/api/teachers/stats?by=colour')).statusCode).toBe(400);
    expect((await (await t.login('teacher')).get('/api/teachers/stats?by=stage')).statusCode).toBe(403);
  });
});

describe('TCH-8 export', () => {
  it('needs SMS re-verification, exports my scope unmasked, and is audited', async () => {
    const c = await t.login('school');
    const refused = await c.get('/api/teachers/export?status=in_service');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('REVERIFY_REQUIRED');
    await reverify(c, '13700000007');
    const res = await c.get('/api/teachers/export?status=in_service');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const expected = (await c.get('/api/teachers?status=in_service&pageSize=1')).json().total;
    expect(ws.rowCount).toBe(expected + 1);
    expect(ws.getRow(1).getCell(1).value).toBe('师训号');
    expect(String(ws.getRow(2).getCell(5).value)).toMatch(/^\d{17}[\dX]$/);
    const schoolName = (await c.get('/api/teachers?pageSize=1')).json().items[0].schoolName;
    for (let r = 2; r <= ws.rowCount; r++) expect(ws.getRow(r).getCell(9).value).toBe(schoolName);
    const admin = await t.account({ username: 'school' });
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'teacher.exported'), eq(auditLog.actorAccountId, admin.id)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry?.detail).toMatchObject({ filters: { status: 'in_service' } });
    expect((await (await t.login('teacher')).get('/api/teachers/export')).statusCode).toBe(403);
  });
});

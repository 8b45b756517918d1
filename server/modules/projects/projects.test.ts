import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLAN_PDF } from '../../db/seed/training.js';
import type { Client, TestCtx } from '../../test/helpers.js';
import { createTestApp } from '../../test/helpers.js';
import { at, day, loginAll, projectInput, setCalendar } from '../../test/training.js';
import { routeProject } from './policy.js';

let t: TestCtx;
let province: Client;
let hangzhou: Client;
let xihu: Client;
let yuhang: Client;
let peixun: Client;
let jinxiu: Client;
let teacher: Client;

beforeAll(async () => {
  t = await createTestApp();
  [province, hangzhou, xihu, yuhang, peixun, jinxiu, teacher] = await loginAll(t, [
    'province',
    'hangzhou',
    'xihu',
    'yuhang',
    'peixun',
    'jinxiu',
    'teacher',
  ] as const);
  await setCalendar(t, province);
});
afterAll(() => t.close());

const upload = (c: Client, id: number, body: Buffer, name: string) =>
  c.request('PUT', `/api/projects/${id}/plan`, body, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) });

describe('training year (PRJ-1)', () => {
  it('is set by the province only, in order, and says which round is open today', async () => {
    const year = Number(day(t).slice(0, 4));
    expect(
      (await xihu.put(`/api/training-years/${year}`, { round1Start: day(t), round1End: day(t, 1), round2Start: day(t, 2), round2End: day(t, 3) })).statusCode,
    ).toBe(403);
    const bad = await province.put(`/api/training-years/${year}`, {
      round1Start: day(t, 5),
      round1End: day(t, 1),
      round2Start: day(t, 6),
      round2End: day(t, 7),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.round1End).toContain('不能早于');
    const cur = await teacher.get('/api/training-years/current');
    expect(cur.json()).toMatchObject({ year, openRound: 1, hourCap: 90, evaluationDays: 10, today: day(t) });
  });
});

describe('declaration and review (PRJ-2, PRJ-3, PRJ-4)', () => {
  it('routes to the lowest common bureau of the target regions', () => {
    expect(routeProject(['330106'])).toEqual({ reviewerLevel: 'county', reviewerRegion: '330106' });
    expect(routeProject(['330106', '330110'])).toEqual({ reviewerLevel: 'city', reviewerRegion: '330100' });
    expect(routeProject(['330100'])).toEqual({ reviewerLevel: 'city', reviewerRegion: '330100' });
    expect(routeProject(['330106', '330212'])).toEqual({ reviewerLevel: 'province', reviewerRegion: '330000' });
  });

  it('refuses target regions outside the authorised ones, class counts outside 1–4, and non-institutions', async () => {
    const out = await jinxiu.post('/api/projects', projectInput({ name: '越界', targetRegions: ['330110'] }, t));
    expect(out.statusCode).toBe(400);
    expect(out.json()).toMatchObject({ code: 'REGION_NOT_AUTHORISED' });
    expect(out.json().message).toContain('余杭区');
    const five = projectInput({ name: '五期', classes: [1, 2, 3, 4, 5].map((i) => ({ start: 20 + i * 5, capacity: 10 })) }, t);
    expect((await jinxiu.post('/api/projects', five)).statusCode).toBe(400);
    const none = { ...projectInput({ name: '零期' }, t), classes: [] };
    expect((await jinxiu.post('/api/projects', none)).statusCode).toBe(400);
    const backwards = projectInput({ name: '倒序' }, t);
    backwards.classes[0] = { ...at(backwards.classes, 0), endDate: day(t, 1), startDate: day(t, 3) };
    const back = await jinxiu.post('/api/projects', backwards);
    expect(back.statusCode).toBe(400);
    expect(Object.keys(back.json().fields ?? {}).join(), back.body).toContain('classes');
    expect((await xihu.post('/api/projects', projectInput({ name: '局' }, t))).statusCode).toBe(403);
  });

  it('checks the plan by its content and size, and needs it before submitting', async () => {
    const p = (await jinxiu.post('/api/projects', projectInput({ name: '方案检查' }, t))).json();
    expect((await jinxiu.post(`/api/projects/${p.id}/submit`)).json().code).toBe('PLAN_REQUIRED');
    const fake = await upload(jinxiu, p.id, Buffer.from('这不是 PDF，只是改了扩展名的文本文件'), '方案.pdf');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().message).toContain('按文件内容识别');
    const big = Buffer.concat([DEMO_PLAN_PDF, Buffer.alloc(501 * 1024)]);
    const tooBig = await upload(jinxiu, p.id, big, '方案.pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().message).toContain('500 KB');
    const wayTooBig = await upload(jinxiu, p.id, Buffer.concat([DEMO_PLAN_PDF, Buffer.alloc(900 * 1024)]), '方案.pdf');
    expect(wayTooBig.statusCode).toBe(413);
    expect(wayTooBig.json().message, 'the route limit, not the JSON limit').not.toContain('256 KB');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('方案').addRow(['日程', '内容']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await upload(jinxiu, p.id, xlsx, '培训方案.bin');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().plan).toMatchObject({ name: '培训方案.bin', type: 'xlsx' });
    const down = await teacher.get(`/api/projects/${p.id}/plan`);
    expect(down.statusCode).toBe(404); // not approved: not visible to teachers yet
    const mine = await jinxiu.get(`/api/projects/${p.id}/plan`);
    expect(mine.headers['content-type']).toContain('spreadsheetml');
    expect(Buffer.compare(mine.rawPayload, xlsx)).toBe(0);
  });

  it('is reviewed only by the routed bureau; a rejection needs a reason; edited and resubmitted; every round kept', async () => {
    const input = projectInput({ name: '两区项目', targetRegions: ['330100'], classes: [{ start: 20, capacity: 30, checkpoint: 'county' }] }, t);
    const p = (await peixun.post('/api/projects', input)).json();
    expect(p.reviewer).toMatchObject({ level: 'city', region: '330100', name: '杭州市教育局' });
    expect(p.classes[0].checkpointLevel).toBe('county');
    await upload(peixun, p.id, DEMO_PLAN_PDF, 'plan.pdf');
    expect((await peixun.post(`/api/projects/${p.id}/submit`)).json().state).toBe('pending');
    expect((await peixun.put(`/api/projects/${p.id}`, input)).json().code).toBe('PROJECT_LOCKED');
    expect((await xihu.post(`/api/projects/${p.id}/review`, { action: 'approve' })).statusCode).toBe(403);
    expect((await yuhang.post(`/api/projects/${p.id}/review`, { action: 'approve' })).statusCode).toBe(403);
    const queue = await hangzhou.get('/api/projects?toReview=true');
    expect(queue.json().items.map((x: { id: number }) => x.id)).toContain(p.id);
    expect((await xihu.get('/api/projects?toReview=true')).json().items.map((x: { id: number }) => x.id)).not.toContain(p.id);
    expect((await hangzhou.post(`/api/projects/${p.id}/review`, { action: 'reject' })).json().fields.reason).toBeDefined();
    expect((await hangzhou.post(`/api/projects/${p.id}/review`, { action: 'reject', reason: '请补充考核方式' })).json().state).toBe('rejected');
    const edited = await peixun.put(`/api/projects/${p.id}`, {
      ...input,
      description: '已补充考核方式',
      classes: [{ ...at(input.classes, 0), id: p.classes[0].id, capacity: 40 }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().classes).toEqual([expect.objectContaining({ id: p.classes[0].id, capacity: 40 })]);
    expect((await peixun.post(`/api/projects/${p.id}/resubmit`)).json().state).toBe('pending');
    const done = (await hangzhou.post(`/api/projects/${p.id}/review`, { action: 'approve' })).json();
    expect(done.state).toBe('approved');
    expect(done.history.map((h: { action: string; reason: string | null }) => [h.action, h.reason])).toEqual([
      ['submit', null],
      ['reject', '请补充考核方式'],
      ['resubmit', null],
      ['approve', null],
    ]);
    // Approved projects are open to everyone, plan included (PRJ-7).
    expect((await teacher.get(`/api/projects/${p.id}/plan`)).statusCode).toBe(200);
    expect((await peixun.get('/api/notifications')).json().items[0]).toMatchObject({ kind: 'project.reviewed', params: { state: 'approved' } });
  });

  it('lets an institution withdraw a pending project back to a draft', async () => {
    const p = (await jinxiu.post('/api/projects', projectInput({ name: '撤回' }, t))).json();
    await upload(jinxiu, p.id, DEMO_PLAN_PDF, 'plan.pdf');
    await jinxiu.post(`/api/projects/${p.id}/submit`);
    expect((await peixun.post(`/api/projects/${p.id}/withdraw`)).statusCode).toBe(404);
    expect((await jinxiu.post(`/api/projects/${p.id}/withdraw`)).json().state).toBe('draft');
  });
});

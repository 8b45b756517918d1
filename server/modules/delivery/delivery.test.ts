import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, teacherYears } from '../../db/schema.js';
import type { Client, TestCtx } from '../../test/helpers.js';
import { createTestApp } from '../../test/helpers.js';
import { approvedProject, at, day, goTo, loginAll, projectInput, schoolIdOf, setCalendar, teachersOf } from '../../test/training.js';

const YEAR_MS = 365 * 86_400_000;
let t: TestCtx;
let province: Client;
let xihu: Client;
let peixun: Client;
let jinxiu: Client;
let school: Client;
let classId: number;
let projectId: number;
let learners: { id: number; accountId: number; client: Client }[];
let enrolmentIds: number[];

/** A class of 4 admitted teachers running from day 10 to day 12. */
beforeAll(async () => {
  t = await createTestApp({ sessionTtlMs: YEAR_MS });
  [province, xihu, peixun, jinxiu, school] = await loginAll(t, ['province', 'xihu', 'peixun', 'jinxiu', 'school'] as const);
  await setCalendar(t, province);
  const p = await approvedProject(
    jinxiu,
    xihu,
    projectInput({ name: '课堂观察与评价', hours: 16, hourCategory: 'public', classes: [{ start: 10, days: 3, capacity: 10 }] }, t),
  );
  classId = p.classIds[0] as number;
  projectId = p.id;
  learners = await teachersOf(t, await schoolIdOf(t, 'school'), 4);
  enrolmentIds = [];
  for (const l of learners) {
    const id = (await l.client.post('/api/enrolments', { classId })).json().id as number;
    await school.post(`/api/enrolments/${id}/review`, { action: 'approve' });
    enrolmentIds.push(id);
  }
  goTo(t, 6); // round 1 has closed: the institution re-reviews
  for (const id of enrolmentIds) await jinxiu.post(`/api/enrolments/${id}/review`, { action: 'admit' });
});
afterAll(() => t.close());

describe('check-in (DLV-1)', () => {
  it('records a day by list and by a time-limited code typed on a phone', async () => {
    goTo(t, 10);
    expect((await jinxiu.put(`/api/classes/${classId}/attendance`, { day: day(t, 9), enrolmentIds })).statusCode).toBe(400);
    expect((await peixun.put(`/api/classes/${classId}/attendance`, { day: day(t, 10), enrolmentIds })).statusCode).toBe(404);
    expect((await jinxiu.put(`/api/classes/${classId}/attendance`, { day: day(t, 10), enrolmentIds: enrolmentIds.slice(0, 3) })).statusCode).toBe(200);
    const code = (await jinxiu.post(`/api/classes/${classId}/checkin-code`, { minutes: 10 })).json();
    expect(code).toMatchObject({ day: day(t, 10), code: expect.stringMatching(/^\d{6}$/) });
    const wrong = String((Number(code.code) + 1) % 1_000_000).padStart(6, '0');
    expect((await at(learners, 3).client.post('/api/checkin', { code: wrong })).json().code).toBe('CHECKIN_CODE_INVALID');
    const ok = await at(learners, 3).client.post('/api/checkin', { code: code.code });
    expect(ok.json()).toMatchObject({ classId, day: day(t, 10), already: false, projectName: '课堂观察与评价' });
    expect((await at(learners, 3).client.post('/api/checkin', { code: code.code })).json().already).toBe(true);
    // A live code is no use to a teacher who is not admitted to that class.
    const [outsider] = await teachersOf(t, await schoolIdOf(t, 'school'), 1);
    expect((await outsider.client.post('/api/checkin', { code: code.code })).json().code).toBe('CHECKIN_CODE_INVALID');
    t.clock.advance(11 * 60_000);
    expect((await at(learners, 2).client.post('/api/checkin', { code: code.code })).json().code).toBe('CHECKIN_CODE_INVALID');
    const roster = (await jinxiu.get(`/api/classes/${classId}/roster`)).json();
    expect(roster.days).toEqual([day(t, 10), day(t, 11), day(t, 12)]);
    expect(roster.rows.filter((r: { attended: string[] }) => r.attended.includes(day(t, 10)))).toHaveLength(4);
  });
});

describe('grades and the ledger (DLV-2, HRS-1, DLV-5, DLV-6)', () => {
  it('writes a pass into the ledger, corrects by reversing entries, and shows the hours in the training record', async () => {
    goTo(t, 9);
    expect((await jinxiu.put(`/api/classes/${classId}/grades`, { items: [{ enrolmentId: enrolmentIds[0], result: 'pass' }] })).json().code).toBe(
      'CLASS_NOT_ENDED',
    );
    goTo(t, 12);
    const res = await jinxiu.put(`/api/classes/${classId}/grades`, {
      items: [
        { enrolmentId: enrolmentIds[0], result: 'pass', score: 90 },
        { enrolmentId: enrolmentIds[1], result: 'pass', score: 75 },
        { enrolmentId: enrolmentIds[2], result: 'fail', score: 40 },
      ],
    });
    expect(res.json()).toEqual({ changed: 3 });
    expect((await xihu.put(`/api/classes/${classId}/grades`, { items: [{ enrolmentId: enrolmentIds[0], result: 'fail' }] })).statusCode).toBe(403);
    // Correction: the second learner failed after all; the third passed.
    await jinxiu.put(`/api/classes/${classId}/grades`, {
      items: [
        { enrolmentId: enrolmentIds[1], result: 'fail', score: 55 },
        { enrolmentId: enrolmentIds[2], result: 'pass', score: 61 },
      ],
    });
    const second = await t.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.teacherId, at(learners, 1).id));
    expect(second.map((e) => e.hours)).toEqual([16, -16]);
    expect(second[1]?.reverses).toBe(second[0]?.id);
    const [year] = await t.db
      .select()
      .from(teacherYears)
      .where(eq(teacherYears.teacherId, at(learners, 1).id));
    expect(year).toMatchObject({ earnedHours: 0, publicHours: 0 });
    // Corrected back to a pass: a third entry, never an edit; then failed again for the checks below.
    await jinxiu.put(`/api/classes/${classId}/grades`, { items: [{ enrolmentId: enrolmentIds[1], result: 'pass', score: 70 }] });
    const again = await t.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.teacherId, at(learners, 1).id));
    expect(again.map((e) => e.hours)).toEqual([16, -16, 16]);
    expect(
      (
        await t.db
          .select()
          .from(teacherYears)
          .where(eq(teacherYears.teacherId, at(learners, 1).id))
      )[0]?.earnedHours,
    ).toBe(16);
    await jinxiu.put(`/api/classes/${classId}/grades`, { items: [{ enrolmentId: enrolmentIds[1], result: 'fail', score: 55 }] });
    const record = (await at(learners, 2).client.get('/api/me/training-record')).json();
    expect(record.years).toEqual([expect.objectContaining({ earned: 16, public: 16 })]);
    expect(record.entries).toEqual([expect.objectContaining({ title: '课堂观察与评价（第1期）', hours: 16, result: 'pass' })]);
    const pdf = await at(learners, 2).client.get('/api/me/training-record/proof.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const rates = (await xihu.get(`/api/pass-rates?projectId=${projectId}`)).json();
    expect(rates).toEqual([expect.objectContaining({ classId, total: 4, passed: 2, failed: 1, ungraded: 1, rate: 66.67 })]);
    expect((await school.get(`/api/teachers/${at(learners, 2).id}/training-record`)).json().years[0].earned).toBe(16);
    // The extended profile's training history (TCH-9) comes from the same ledger; the reversed pass is gone.
    expect((await at(learners, 2).client.get('/api/me/teacher/extended')).json().training).toEqual([
      { year: expect.any(Number), name: '课堂观察与评价（第1期）', hours: 16, source: '培训班' },
    ]);
    expect((await at(learners, 1).client.get('/api/me/teacher/extended')).json().training).toEqual([]);
  });

  it('imports grades from the sheet, refusing the whole file when any row is wrong', async () => {
    const template = await jinxiu.get(`/api/classes/${classId}/grades/template`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const ws = at(wb.worksheets, 0);
    expect(ws.rowCount).toBe(5);
    ws.getRow(2).getCell(4).value = '合格';
    ws.getRow(3).getCell(4).value = '优秀';
    ws.getRow(4).getCell(5).value = 120;
    ws.getRow(5).getCell(4).value = 'constructor';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const upload = (b: Buffer) => jinxiu.request('POST', `/api/classes/${classId}/grades/import`, b, { 'content-type': 'application/octet-stream' });
    const refused = (await upload(bad)).json();
    expect(refused.graded).toBe(0);
    expect(refused.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5]);
    const before = await t.db.select().from(ledgerEntries);
    ws.getRow(3).getCell(4).value = '不合格';
    ws.getRow(4).getCell(5).value = 88;
    ws.getRow(5).getCell(4).value = '合格';
    const good = (await upload(Buffer.from(await wb.xlsx.writeBuffer()))).json();
    expect(good.errors).toEqual([]);
    expect(good.graded).toBeGreaterThan(0);
    expect((await t.db.select().from(ledgerEntries)).length).toBeGreaterThan(before.length);
    expect((await upload(Buffer.from('not a workbook'))).json().code).toBe('FILE_NOT_XLSX');
  });
});

describe('evaluation (DLV-3) and materials (DLV-4)', () => {
  it('opens when the class ends, marks late ones overdue, takes one per attendee, and feeds the statistics', async () => {
    const rate = { scores: { content: 5, teaching: 4, organisation: 4, effect: 5 }, comment: '很实用' };
    goTo(t, 11);
    expect((await at(learners, 0).client.post(`/api/enrolments/${enrolmentIds[0]}/evaluation`, rate)).json().code).toBe('EVALUATION_NOT_OPEN');
    goTo(t, 13);
    expect((await at(learners, 1).client.post(`/api/enrolments/${enrolmentIds[0]}/evaluation`, rate)).statusCode).toBe(404);
    expect(
      (await at(learners, 0).client.post(`/api/enrolments/${enrolmentIds[0]}/evaluation`, { ...rate, scores: { ...rate.scores, effect: 6 } })).statusCode,
    ).toBe(400);
    expect((await at(learners, 0).client.post(`/api/enrolments/${enrolmentIds[0]}/evaluation`, rate)).json()).toEqual({ overdue: false });
    expect((await at(learners, 0).client.post(`/api/enrolments/${enrolmentIds[0]}/evaluation`, rate)).json().code).toBe('DUPLICATE');
    goTo(t, 30);
    expect((await at(learners, 1).client.post(`/api/enrolments/${enrolmentIds[1]}/evaluation`, rate)).json()).toEqual({ overdue: true });
    const cls = (await jinxiu.get(`/api/classes/${classId}/evaluations`)).json();
    expect(cls).toMatchObject({ count: 2, attendees: 4, overdue: 1, average: 4.5, dimensions: { content: 5, teaching: 4 } });
    const stats = (await xihu.get('/api/evaluations/stats?groupBy=institution')).json();
    expect(stats).toEqual(expect.arrayContaining([expect.objectContaining({ name: '杭州市西湖区教师进修学校', overdue: expect.any(Number) })]));
    expect((await school.get('/api/evaluations/stats')).statusCode).toBe(403);
  });

  it('refuses enrolling while a finished class is not evaluated', async () => {
    goTo(t, 3);
    const next = await approvedProject(jinxiu, xihu, projectInput({ name: '欠评教', classes: [{ start: 45, capacity: 10 }] }, t));
    goTo(t, 14);
    await setCalendar(t, province, { round1: [-5, 20], round2: [25, 30] });
    const owed = await at(learners, 2).client.post('/api/enrolments', { classId: next.classIds[0] });
    expect(owed.json().code).toBe('EVALUATION_OWED');
    expect(owed.json().message).toContain('课堂观察与评价');
    await setCalendar(t, province);
  });

  it('keeps process materials checked by content', async () => {
    const up = (name: string, body: Buffer) =>
      jinxiu.request('POST', `/api/classes/${classId}/materials`, body, {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
      });
    expect((await up('签到表.pdf', Buffer.from('plain text'))).statusCode).toBe(415);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const ok = await up('现场照片.png', png);
    expect(ok.json()).toMatchObject({ name: '现场照片.png', type: 'png' });
    const list = (await xihu.get(`/api/classes/${classId}/materials`)).json();
    expect(list).toHaveLength(1);
    expect((await xihu.get(`/api/classes/${classId}/materials/${list[0].id}`)).headers['content-type']).toBe('image/png');
    expect((await xihu.request('DELETE', `/api/classes/${classId}/materials/${list[0].id}`)).statusCode).toBe(403);
    expect((await jinxiu.request('DELETE', `/api/classes/${classId}/materials/${list[0].id}`)).statusCode).toBe(200);
  });

  it('takes back a credited pass when the class is cancelled on its last day, and gives leave back its hours', async () => {
    goTo(t, 0);
    const p = await approvedProject(jinxiu, xihu, projectInput({ name: '最后一天取消', hours: 6, classes: [{ start: 20, days: 1, capacity: 5 }] }, t));
    const [a, b] = await teachersOf(t, await schoolIdOf(t, 'school'), 2);
    const ids: number[] = [];
    for (const x of [a, b]) {
      const id = (await x.client.post('/api/enrolments', { classId: at(p.classIds, 0) })).json().id as number;
      await school.post(`/api/enrolments/${id}/review`, { action: 'approve' });
      ids.push(id);
    }
    goTo(t, 6);
    for (const id of ids) await jinxiu.post(`/api/enrolments/${id}/review`, { action: 'admit' });
    // Leave gives the hours back at once; revoking it takes them again.
    const held = async (teacherId: number) => (await t.db.select().from(teacherYears).where(eq(teacherYears.teacherId, teacherId)))[0]?.enrolledHours;
    const before = await held(b.id);
    expect((await school.post(`/api/enrolments/${at(ids, 1)}/leave`, { reason: '外出' })).statusCode).toBe(200);
    expect(await held(b.id)).toBe((before ?? 0) - 6);
    expect((await school.post(`/api/enrolments/${at(ids, 1)}/revoke-leave`)).json().state).toBe('admitted');
    expect(await held(b.id)).toBe(before);
    goTo(t, 20);
    await jinxiu.put(`/api/classes/${at(p.classIds, 0)}/grades`, { items: [{ enrolmentId: at(ids, 0), result: 'pass' }] });
    expect((await t.db.select().from(teacherYears).where(eq(teacherYears.teacherId, a.id)))[0]?.earnedHours).toBe(6);
    expect((await xihu.post(`/api/classes/${at(p.classIds, 0)}/cancel`, { reason: '场地原因' })).statusCode).toBe(200);
    const entries = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.teacherId, a.id));
    expect(entries.map((e) => e.hours)).toEqual([6, -6]);
    expect((await t.db.select().from(teacherYears).where(eq(teacherYears.teacherId, a.id)))[0]).toMatchObject({ earnedHours: 0, enrolledHours: 0 });
  });
});

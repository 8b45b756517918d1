import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teachers } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../test/helpers.js';

let t: TestCtx;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('TCH-9 extended profile', () => {
  it('saves sections one by one and counts the profile complete once the required ones are filled', async () => {
    const c = await t.login('teacher');
    const empty = (await c.get('/api/me/teacher/extended')).json();
    expect(empty).toMatchObject({
      required: ['education', 'qualification', 'contact'],
      missing: ['education', 'qualification', 'contact'],
      complete: false,
      training: [],
    });

    const education = [{ from: '2006-09', to: '2010-07', school: '浙江师范大学', major: '数学与应用数学', degree: 'bachelor', fullTime: true }];
    const saved = (await c.put('/api/me/teacher/extended/education', { data: education })).json();
    expect(saved.sections.education).toEqual(education);
    expect(saved.missing).toEqual(['qualification', 'contact']);
    await c.put('/api/me/teacher/extended/qualification', {
      data: { type: 'primary', subject: '数学', certificateNo: '20103300000123', issuedOn: '2010-08-01', issuer: '杭州市西湖区教育局' },
    });
    await c.put('/api/me/teacher/extended/work', { data: [{ from: '2010-09', to: null, unit: '杭州市西湖区求是实验小学', post: '数学教师' }] });
    const done = (
      await c.put('/api/me/teacher/extended/contact', { data: { address: '杭州市西湖区文三路 1 号', postcode: '310012', emergencyPhone: '13912345678' } })
    ).json();
    expect(done.sections.contact.emergencyPhone).toBe('13912345678');
    expect(done).toMatchObject({ complete: true, missing: [] });
    // Saving one section leaves the others as they were.
    expect(done.sections.education).toEqual(education);
    expect(done.sections.work).toHaveLength(1);

    // The school reads it; another school's admin cannot.
    const [me] = await t.db
      .select()
      .from(teachers)
      .where(eq(teachers.accountId, (await t.account({ username: 'teacher' })).id));
    const seen = (await (await t.login('school')).get(`/api/teachers/${me?.id}/extended`)).json();
    expect(seen).toMatchObject({ complete: true });
    // Admins see the phone masked, like every mobile.
    expect(seen.sections.contact.emergencyPhone).toBe('139****5678');
    expect((await (await t.login('school2')).get(`/api/teachers/${me?.id}/extended`)).statusCode).toBe(404);
  });

  it('refuses bad sections with the field named, and admins writing a teacher’s own profile', async () => {
    const c = await t.login('teacher');
    const bad = await c.put('/api/me/teacher/extended/education', {
      data: [{ from: '2006-13', to: null, school: '', major: 'x', degree: 'phd', fullTime: true }],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['education.0.degree', 'education.0.from', 'education.0.school']);
    expect((await c.put('/api/me/teacher/extended/education', { data: [] })).statusCode).toBe(400);
    const backwards = await c.put('/api/me/teacher/extended/work', { data: [{ from: '2015-09', to: '2012-07', unit: '某校', post: '教师' }] });
    expect(backwards.json().fields['work.0.to']).toContain('不能早于开始时间');
    expect((await c.put('/api/me/teacher/extended/hobbies', { data: [] })).statusCode).toBe(400);
    expect((await c.put('/api/me/teacher/extended/contact', { data: { address: '某地', postcode: '12' } })).json().fields['contact.postcode']).toBeTruthy();
    expect((await (await t.login('school')).put('/api/me/teacher/extended/contact', { data: { address: '某地' } })).statusCode).toBe(403);
  });
});

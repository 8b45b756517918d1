import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { makeIdNumber } from '../common/id-card.js';
import { launch, loggedIn, POLL, phoneShot, pick, shot, textOf, typeDate, unlockTeacher } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Opens a section's drawer from the 档案信息 card, runs `fill`, saves and waits for the drawer to close. */
async function editSection(page: Page, section: string, fill: () => Promise<void>, shotName?: string) {
  await page.getByTestId(`ext-edit-${section}`).click();
  const form = page.getByTestId(`ext-form-${section}`);
  await form.waitFor();
  await fill();
  if (shotName) await shot(page, shotName);
  await page.getByTestId('ext-submit').click();
  await form.waitFor({ state: 'detached' });
  await expect.poll(async () => page.getByTestId(`ext-status-${section}`).innerText(), POLL).toBe('已填写');
}

it('TCH-9: a teacher fills the required sections of the extended profile on a phone; the school reads it', async () => {
  const base = inject('baseUrl');
  const admin = await loggedIn(browser, 'school');
  await unlockTeacher(admin);

  // The teacher, on a phone, opens 我的档案: the 档案信息 card marks the required sections.
  const page = await loggedIn(browser, 'teacher', { viewport: { width: 375, height: 740 }, isMobile: true });
  await page.goto(`${base}/my-profile`);
  const card = page.getByTestId('ext-profile');
  await card.waitFor();
  const complete = page.getByTestId('ext-complete');
  expect(await complete.innerText()).toBe('待完善');
  for (const section of ['education', 'qualification', 'contact']) {
    expect(await page.getByTestId(`ext-section-${section}`).innerText()).toContain('必填');
  }
  expect(await page.getByTestId('ext-section-work').innerText()).not.toContain('必填');
  // 培训经历 is never typed: it says where it comes from.
  expect(await page.getByTestId('ext-section-training').innerText()).toContain('培训经历由平台根据培训记录自动生成');
  expect(await page.getByTestId('ext-edit-training').count()).toBe(0);
  await shot(page, 'ext-profile-phone');

  // 学习经历: one row (the drawer opens with an empty one).
  await editSection(
    page,
    'education',
    async () => {
      await typeDate(page, 'ext-education-from-0', '2006-09');
      await typeDate(page, 'ext-education-to-0', '2010-07');
      await page.getByTestId('ext-education-school-0').fill('浙江师范大学');
      await page.getByTestId('ext-education-major-0').fill('数学与应用数学');
      await pick(page, 'ext-education-degree-0', '大学本科');
    },
    'ext-education-phone',
  );
  const education = page.getByTestId('ext-education-0');
  const educationText = await education.innerText();
  for (const part of ['浙江师范大学', '2006-09 ~ 2010-07', '数学与应用数学', '大学本科', '全日制']) expect(educationText).toContain(part);
  expect(await complete.innerText()).toBe('待完善');

  // 教师资格.
  await editSection(page, 'qualification', async () => {
    await pick(page, 'ext-qualification-type', '小学');
    await page.getByTestId('ext-qualification-subject').fill('数学');
    await page.getByTestId('ext-qualification-certificate-no').fill('20103300000123');
    await typeDate(page, 'ext-qualification-issued-on', '2010-08-01');
    await page.getByTestId('ext-qualification-issuer').fill('杭州市西湖区教育局');
  });
  expect(await page.getByTestId('ext-qualification-0').innerText()).toContain('20103300000123');

  // 联系方式: a bad postcode is refused on the field first.
  await editSection(
    page,
    'contact',
    async () => {
      await page.getByTestId('ext-contact-address').fill('杭州市西湖区文三路 1 号');
      await page.getByTestId('ext-contact-postcode').fill('3100');
      await page.getByTestId('ext-submit').click();
      await expect.poll(async () => textOf(page.locator('.ant-form-item-explain-error')), POLL).toContain('请输入 6 位数字邮政编码');
      await page.getByTestId('ext-contact-postcode').fill('310012');
      await page.getByTestId('ext-contact-phone').fill('0571-88886666');
    },
    'ext-contact-phone',
  );

  // All required sections filled: 档案完整.
  await expect.poll(async () => complete.innerText(), POLL).toBe('档案完整');
  expect(await page.getByTestId('ext-completeness').innerText()).toContain('3/3');
  await shot(page, 'ext-profile-complete-phone');

  // The same page at desktop width.
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.reload();
  await card.waitFor();
  expect(await complete.innerText()).toBe('档案完整');
  await shot(page, 'ext-profile-desktop');
  await page.getByTestId('ext-edit-education').click();
  await page.getByTestId('ext-form-education').waitFor();
  await shot(page, 'ext-education-desktop');
  await page.locator('.ant-drawer-footer .ant-btn').first().click();
  await page.getByTestId('ext-form-education').waitFor({ state: 'detached' });

  // The school finds the teacher by name and reads the extended profile on the record.
  const name = ((await (await page.request.get(`${base}/api/me/teacher`)).json()) as { teacher: { name: string; shixunNo: string } }).teacher;
  await admin.getByTestId('menu-/teachers').click();
  await admin.locator('.ant-table-row').first().waitFor();
  await admin.getByTestId('filter-q').fill(name.name);
  await admin.getByTestId('list-search').click();
  const row = admin.locator('.ant-table-row', { hasText: name.shixunNo });
  await row.waitFor();
  await row.getByRole('link', { name: name.name }).click();
  await admin.getByTestId('teacher-detail').waitFor();
  const adminEducation = admin.getByTestId('ext-education-0');
  await adminEducation.waitFor();
  expect(await adminEducation.innerText()).toContain('浙江师范大学');
  expect(await admin.getByTestId('ext-complete').innerText()).toBe('档案完整');
  // Read-only for the school.
  expect(await admin.locator('[data-testid^="ext-edit-"]').count()).toBe(0);
  await shot(admin, 'teacher-detail-ext');
  await phoneShot(admin, 'teacher-detail-ext-phone', () => adminEducation.waitFor(), { reload: true });

  await page.context().close();
  await admin.context().close();
});

it('认证: the school verifies a teacher after a confirmation; the action is gone afterwards', async () => {
  const base = inject('baseUrl');
  const page = await loggedIn(browser, 'school');

  // A teacher of its own (not the demo teacher, whose 未认证 another E2E file checks).
  const me = await (await page.request.get(`${base}/api/auth/me`)).json();
  const created = await page.request.post(`${base}/api/teachers`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      name: '沈知微',
      gender: 'F',
      birthDate: '1992-03-14',
      idNumber: makeIdNumber('330106', '1992-03-14', 882, 'F'),
      mobile: '15899990314',
      stage: 'primary',
      subjects: ['chinese'],
      title: 'second',
      post: 'teacher',
    },
  });
  expect(created.status()).toBe(200);
  const { teacher } = (await created.json()) as { teacher: { id: number; verified: boolean } };
  expect(teacher.verified).toBe(false);

  await page.goto(`${base}/teachers/${teacher.id}`);
  const detail = page.getByTestId('teacher-detail');
  await detail.waitFor();
  // Nothing filled yet: the extended profile reads 待完善.
  await expect.poll(async () => page.getByTestId('ext-complete').innerText(), POLL).toBe('待完善');
  await page.getByTestId('teacher-verify').click();
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.waitFor();
  expect(await confirm.innerText()).toContain('认证后，身份证号和学校不能再直接修改');
  await shot(page, 'teacher-verify-confirm');
  await confirm.locator('.ant-btn-primary').click();
  await expect.poll(async () => page.getByTestId('teacher-verify').count(), POLL).toBe(0);
  await expect.poll(async () => detail.innerText(), POLL).toContain('已认证');
  await page.context().close();
});

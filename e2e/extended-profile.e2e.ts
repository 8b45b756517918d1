import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { makeIdNumber } from '../common/id-card.js';
import { launch, shot } from './browser.js';

const POLL = { timeout: 15_000, interval: 200 };
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function login(page: Page, account: string) {
  await page.goto(`${inject('baseUrl')}/login`);
  await page.getByTestId('login-account').fill(account);
  await page.getByTestId('login-password').fill('Demo@2026');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** Waits until antd's open/close animations are over (endless ones, like a loading shimmer, aside), for screenshots. */
async function settle(page: Page) {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY),
  );
}

/** Another E2E file locks the demo teacher on purpose (ACC-2); its school admin unlocks it if so. */
async function unlockTeacher(admin: Page) {
  const base = inject('baseUrl');
  const me = await (await admin.request.get(`${base}/api/auth/me`)).json();
  const locked = await (await admin.request.get(`${base}/api/accounts/locked?pageSize=100`)).json();
  const row = locked.items.find((i: { username: string | null }) => i.username === 'teacher');
  if (row) await admin.request.post(`${base}/api/accounts/${row.id}/unlock`, { headers: { 'x-csrf-token': me.csrfToken } });
}

/** Picks an option of an antd Select by its label (the open dropdown's options carry the label as title), once the dropdown has opened. */
async function pick(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await settle(page);
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${label}"]`).click();
}

/** Types a date into an antd DatePicker (month or day) and confirms it. */
async function typeDate(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Opens a section's drawer from the 档案信息 card, runs `fill`, saves and waits for the drawer to close. */
async function editSection(page: Page, section: string, fill: () => Promise<void>, shotName?: string) {
  await page.getByTestId(`ext-edit-${section}`).click();
  const form = page.getByTestId(`ext-form-${section}`);
  await form.waitFor();
  await fill();
  if (shotName) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    await shot(page, shotName);
  }
  await page.getByTestId('ext-submit').click();
  await form.waitFor({ state: 'detached' });
  await expect.poll(async () => page.getByTestId(`ext-status-${section}`).innerText(), POLL).toBe('已填写');
}

it('TCH-9: a teacher fills the required sections of the extended profile on a phone; the school reads it', async () => {
  const base = inject('baseUrl');
  const adminContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
  const admin = await adminContext.newPage();
  await login(admin, 'school');
  await unlockTeacher(admin);

  // The teacher, on a phone, opens 我的档案: the 档案信息 card marks the required sections.
  const teacherContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true });
  const page = await teacherContext.newPage();
  await login(page, 'teacher');
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
      await expect
        .poll(
          async () =>
            page
              .locator('.ant-form-item-explain-error')
              .innerText()
              .catch(() => ''),
          POLL,
        )
        .toContain('请输入 6 位数字邮政编码');
      await page.getByTestId('ext-contact-postcode').fill('310012');
      await page.getByTestId('ext-contact-phone').fill('0571-88886666');
    },
    'ext-contact-phone',
  );

  // All required sections filled: 档案完整.
  await expect.poll(async () => complete.innerText(), POLL).toBe('档案完整');
  expect(await page.getByTestId('ext-completeness').innerText()).toContain('3/3');
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  await shot(page, 'ext-profile-complete-phone');

  // The same page at desktop width.
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.reload();
  await card.waitFor();
  expect(await complete.innerText()).toBe('档案完整');
  await shot(page, 'ext-profile-desktop');
  await page.getByTestId('ext-edit-education').click();
  await page.getByTestId('ext-form-education').waitFor();
  await settle(page);
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
  await admin.setViewportSize({ width: 375, height: 812 });
  await admin.reload();
  await adminEducation.waitFor();
  await shot(admin, 'teacher-detail-ext-phone');

  await teacherContext.close();
  await adminContext.close();
});

it('认证: the school verifies a teacher after a confirmation; the action is gone afterwards', async () => {
  const base = inject('baseUrl');
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  await login(page, 'school');

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
  await settle(page);
  await shot(page, 'teacher-verify-confirm');
  await confirm.locator('.ant-btn-primary').click();
  await expect.poll(async () => page.getByTestId('teacher-verify').count(), POLL).toBe(0);
  await expect.poll(async () => detail.innerText(), POLL).toContain('已认证');
  await context.close();
});

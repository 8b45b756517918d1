import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { makeIdNumber } from '../common/id-card.js';
import { confirmModal, launch, loggedIn, POLL, shot, textOf, unlockTeacher } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

it('TCH-3/4: a teacher submits an ID-number correction on a phone, the school approves it, and the record reads 已认证', async () => {
  const base = inject('baseUrl');
  const admin = await loggedIn(browser, 'school');
  await unlockTeacher(admin);

  // The teacher, on a phone: the home page leads to 我的档案.
  const page = await loggedIn(browser, 'teacher', { viewport: { width: 375, height: 740 }, isMobile: true });
  await page.getByTestId('home-my-profile').waitFor();
  await shot(page, 'home-teacher-phone');
  await page.getByTestId('home-my-profile-open').click();
  await page.waitForURL('**/my-profile');
  const record = page.getByTestId('profile-record');
  await record.waitFor();
  expect(await page.getByTestId('profile-verified').innerText()).toBe('未认证');
  await shot(page, 'my-profile-phone');

  // Non-key fields are saved at once.
  await page.getByTestId('profile-edit-basic').click();
  await page.getByTestId('profile-basic-form').waitFor();
  await page.getByTestId('profile-email').fill('e2e.teacher@example.cn');
  await shot(page, 'my-profile-basic-phone');
  await page.getByTestId('profile-basic-submit').click();
  await page.getByTestId('profile-basic-form').waitFor({ state: 'detached' });
  await expect.poll(async () => record.innerText(), POLL).toContain('e2e.teacher@example.cn');

  // A correction consistent with the record: same birth date and gender, another valid number.
  const mine = (await (await page.request.get(`${base}/api/me/teacher`)).json()).teacher as { idNumber: string; birthDate: string; gender: 'M' | 'F' };
  let corrected = makeIdNumber('330106', mine.birthDate, 913, mine.gender);
  if (corrected.slice(-4) === mine.idNumber.slice(-4)) corrected = makeIdNumber('330106', mine.birthDate, 915, mine.gender);
  const masked = `${corrected.slice(0, 4)}**********${corrected.slice(-4)}`;

  await page.getByTestId('profile-key-change').click();
  await page.getByTestId('profile-key-form').waitFor();
  await page.getByTestId('profile-key-id-number').fill(corrected);
  await shot(page, 'my-profile-key-change-phone');
  await page.getByTestId('profile-key-submit').click();
  await page.getByTestId('profile-key-form').waitFor({ state: 'detached' });

  const request = page.locator('[data-testid^="profile-request-"]').first();
  await expect.poll(async () => textOf(request), POLL).toContain('待审核');
  const requestText = await request.innerText();
  expect(requestText).toContain(`${mine.idNumber} → ${masked}`);
  expect(requestText).toContain('提交审核');
  const id = (await request.getAttribute('data-testid'))?.replace('profile-request-', '') ?? '';
  expect(id).toMatch(/^\d+$/);
  // One open request at a time: the key-field form waits; the teacher may withdraw.
  expect(await page.getByTestId('profile-key-change').isDisabled()).toBe(true);
  expect(await page.getByTestId(`profile-withdraw-${id}`).count()).toBe(1);
  await shot(page, 'my-profile-pending-phone');

  // The school admin's queue opens on 待审核, showing old → new.
  await admin.getByTestId('menu-/teachers/changes').click();
  const row = admin.locator('.ant-table-row', { has: admin.getByTestId(`change-approve-${id}`) });
  await row.waitFor();
  await expect.poll(async () => row.innerText(), POLL).toContain(`${mine.idNumber} → ${masked}`);
  expect(await admin.getByRole('tab', { selected: true }).innerText()).toBe('待审核');
  await shot(admin, 'profile-review-desktop');
  await admin.getByTestId(`change-history-${id}`).click();
  await admin.getByTestId('change-history').waitFor();
  await shot(admin, 'profile-review-history-desktop');
  await admin.locator('.ant-drawer-close').click();
  await admin.getByTestId('change-history').waitFor({ state: 'detached' });

  // 驳回 asks for a reason first; cancelled here.
  await admin.getByTestId(`change-reject-${id}`).click();
  await admin.getByTestId('reason-submit').click();
  await expect.poll(async () => admin.locator('.ant-form-item-explain-error').innerText(), POLL).toContain('请输入审核意见');
  await shot(admin, 'profile-review-reject-desktop');
  await admin.locator('.ant-modal-footer .ant-btn').first().click();

  await admin.getByTestId(`change-approve-${id}`).click();
  await confirmModal(admin);
  await expect.poll(async () => admin.getByTestId(`change-approve-${id}`).count(), POLL).toBe(0);
  await admin.getByRole('tab', { name: '已通过' }).click();
  await admin.locator('.ant-table-row', { hasText: masked }).first().waitFor();
  await admin.getByRole('tab', { name: '全部' }).click();
  await expect.poll(async () => admin.locator('.ant-table-row', { hasText: masked }).first().innerText(), POLL).toContain('已通过');

  // The teacher reloads: approved, with the history, and the record is verified with the new number.
  await page.reload();
  await record.waitFor();
  await expect.poll(async () => page.getByTestId(`profile-request-${id}`).innerText(), POLL).toContain('已通过');
  const history = await page.getByTestId(`profile-history-${id}`).innerText();
  expect(history).toContain('提交审核');
  expect(history).toContain('审核通过');
  expect(history).toContain('赵敏');
  expect(await page.getByTestId('profile-verified').innerText()).toBe('已认证');
  expect(await record.innerText()).toContain(masked);
  await shot(page, 'my-profile-approved-phone');

  // Verified now: another ID number is refused on the field until the school opens the record.
  await page.getByTestId('profile-key-change').click();
  await page.getByTestId('profile-key-id-number').fill(makeIdNumber('330106', mine.birthDate, 917, mine.gender));
  await page.getByTestId('profile-key-submit').click();
  await expect.poll(async () => textOf(page.locator('.ant-form-item-explain-error')), POLL).toContain('身份已认证');
  await shot(page, 'my-profile-id-locked-phone');
  await page.locator('.ant-drawer-footer .ant-btn').first().click();
  await page.getByTestId('profile-key-form').waitFor({ state: 'detached' });

  // TCH-4 重新更新: the school opens the verified record again, with a reason the teacher reads.
  await admin.goto(`${base}/teachers/changes?state=approved`);
  await admin.locator('.ant-table-row', { hasText: masked }).first().waitFor();
  await admin.locator('.ant-table-row', { hasText: masked }).first().getByRole('link').first().click();
  await admin.getByTestId('teacher-detail').waitFor();
  await admin.getByTestId('teacher-reopen').click();
  await admin.getByTestId('reason-input').fill('请核对任教学段');
  await shot(admin, 'teacher-reopen-desktop');
  await admin.getByTestId('reason-submit').click();
  await expect.poll(async () => admin.locator('.ant-modal').count(), POLL).toBe(0);

  await page.reload();
  const reopened = page.locator('[data-testid^="profile-request-"]').first();
  await expect.poll(async () => reopened.innerText(), POLL).toContain('已退回');
  expect(await reopened.innerText()).toContain('请核对任教学段');
  expect(await page.locator('[data-testid^="profile-resubmit-"]').count()).toBe(1);
  await shot(page, 'my-profile-returned-phone');
  await page.locator('[data-testid^="profile-resubmit-"]').click();
  await page.getByTestId('profile-key-form').waitFor();
  expect(await page.locator('.ant-drawer').innerText()).toContain('请核对任教学段');
  await shot(page, 'my-profile-resubmit-phone');
  await page.locator('.ant-drawer-footer .ant-btn').first().click();
  await page.getByTestId('profile-key-form').waitFor({ state: 'detached' });

  // The same pages at the other width.
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.reload();
  await record.waitFor();
  await shot(page, 'my-profile-desktop');
  await admin.setViewportSize({ width: 375, height: 812 });
  await admin.goto(`${base}/teachers/changes?state=approved`);
  await admin.locator('.ant-table-row').first().waitFor();
  await shot(admin, 'profile-review-phone');
  await admin.locator('[data-testid^="change-history-"]').first().click();
  await admin.getByTestId('change-history').waitFor();
  await shot(admin, 'profile-review-history-phone');

  await page.context().close();
  await admin.context().close();
});

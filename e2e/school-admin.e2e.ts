import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launch, login, POLL, phoneShot, shot, textOf } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

it('a school admin logs in with an initial password, changes it, switches identity, edits the school and sees the edit in the audit log', async () => {
  const base = inject('baseUrl');
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();

  // Login with the initial password handed over by the bureau.
  await page.goto(`${base}/login`);
  await page.getByTestId('login-account').fill('newadmin');
  await page.getByTestId('login-password').fill('Init#2026');
  await shot(page, 'login-desktop');
  await page.getByTestId('login-submit').click();

  // Forced password change; a weak password is refused first.
  await page.waitForURL('**/change-password');
  await page.getByTestId('old-password').fill('Init#2026');
  await page.getByTestId('new-password').fill('password');
  await page.getByTestId('confirm-password').fill('password');
  await page.getByTestId('change-password-submit').click();
  await expect.poll(async () => page.url(), POLL).toContain('/change-password');
  await page.getByTestId('new-password').fill('Strong#E2e2026');
  await page.getByTestId('confirm-password').fill('Strong#E2e2026');
  await shot(page, 'change-password');
  await page.getByTestId('change-password-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/change-password'));

  // Switch to the teacher identity: the school pages disappear from the menu.
  await page.getByTestId('identity-switcher').click();
  await page.getByRole('menuitem', { name: /^教师/ }).click();
  await expect.poll(async () => page.getByTestId('identity-switcher').innerText(), POLL).toContain('教师');
  await expect.poll(async () => page.getByTestId('menu-/org/my-school').count(), POLL).toBe(0);
  // …and back to school admin.
  await page.getByTestId('identity-switcher').click();
  await page.getByRole('menuitem', { name: /^学校管理员/ }).click();
  await page.getByTestId('menu-/org/my-school').click();

  // Edit the school.
  await page.getByTestId('school-edit').click();
  const town = page.getByTestId('school-town');
  await town.fill('紫金港街道');
  await shot(page, 'school-edit');
  await page.getByTestId('school-form-submit').click();
  await expect.poll(async () => page.getByTestId('school-detail').innerText(), POLL).toContain('紫金港街道');
  const schoolName = (await page.getByTestId('school-detail').innerText()).match(/杭州市西湖区\S+/)?.[0] ?? '';
  expect(schoolName).not.toBe('');

  // The edit is in the audit log, with who did it.
  await page.getByTestId('menu-/audit').click();
  const row = page.locator('tr', { hasText: '修改学校信息' }).first();
  await expect.poll(async () => row.count(), POLL).toBeGreaterThan(0);
  const text = await row.innerText();
  expect(text).toContain(schoolName);
  await shot(page, 'audit-desktop');

  // The same pages at phone width.
  await phoneShot(page, 'audit-phone', () => row.waitFor(), { reload: true });
  await context.close();
});

it('shows a locked account whom to ask, at phone width', async () => {
  const base = inject('baseUrl');
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 812 }, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-account').fill('teacher');
  for (let i = 0; i < 10; i++) {
    await page.getByTestId('login-password').fill(`wrong-${i}`);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
  }
  await expect.poll(async () => page.getByTestId('login-error').innerText(), POLL).toContain('请联系本校学校管理员解锁');
  await shot(page, 'login-locked-phone');
  await context.close();
});

it('ACC-7: logging in as another account in a second tab switches the first tab too', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
  const first = await context.newPage();
  await login(first, 'xihu');
  await expect.poll(async () => first.getByTestId('identity-switcher').innerText(), POLL).toContain('西湖区');
  const second = await context.newPage();
  await login(second, 'hangzhou');
  // The first tab does not go on showing 西湖区 data under the new session.
  await expect.poll(async () => textOf(first.getByTestId('identity-switcher')), POLL).toContain('杭州市教育局');
  await context.close();
});

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

/** Picks options of an antd Select by their labels (the open dropdown's options carry the label as title). */
async function pick(page: Page, testId: string, ...labels: string[]) {
  await page.getByTestId(testId).click();
  for (const label of labels) {
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${label}"]`).click();
  }
}

it('a school admin adds a teacher, finds them by name, opens the record and authorises them as principal', async () => {
  const base = inject('baseUrl');
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  // Fixed values: the demo data is the same on every run and holds neither.
  const name = '林知远';
  const idNumber = makeIdNumber('330106', '1990-05-20', 777, 'M');

  await page.goto(`${base}/login`);
  await page.getByTestId('login-account').fill('school');
  await page.getByTestId('login-password').fill('Demo@2026');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByTestId('menu-/teachers').click();
  await page.locator('.ant-table-row').first().waitFor();

  // 添加教师: a school admin adds to its own school, so there is no school field.
  await page.getByTestId('teacher-create').click();
  await page.getByTestId('teacher-form').waitFor();
  expect(await page.getByTestId('teacher-school').count()).toBe(0);
  await page.getByTestId('teacher-name').fill(name);
  await page.getByTestId('teacher-gender').getByText('男').click();
  const birthDate = page.getByTestId('teacher-birth-date');
  await birthDate.click();
  await birthDate.fill('1990-05-20');
  await birthDate.press('Enter');
  await page.getByTestId('teacher-id-number').fill(idNumber);
  await page.getByTestId('teacher-mobile').fill('15899990520');
  await page.getByTestId('teacher-email').fill('lin.zhiyuan@example.com');
  await pick(page, 'teacher-stage', '小学');
  await pick(page, 'teacher-subjects', '数学', '科学');
  await pick(page, 'teacher-title', '一级教师');
  await pick(page, 'teacher-post', '班主任');
  await shot(page, 'teacher-add');
  await page.getByTestId('teacher-form-submit').click();

  // The new 师训号 and how the first login works are shown once.
  const created = page.getByTestId('teacher-created');
  await created.waitFor();
  const text = await created.innerText();
  expect(text).toContain('初始密码为身份证号后六位');
  const shixunNo = text.match(/师训号 (\d+)/)?.[1] ?? '';
  expect(shixunNo).toMatch(/^\d{12}$/);
  await page.locator('.ant-modal-confirm .ant-btn-primary').click();

  // Search by name: the row shows the 师训号 and the ID number masked.
  await page.getByTestId('filter-q').fill(name);
  await page.getByTestId('list-search').click();
  await expect.poll(async () => page.url(), POLL).toContain('q=');
  const row = page.locator('.ant-table-row', { hasText: shixunNo });
  await row.waitFor();
  const rowText = await row.innerText();
  expect(rowText).toContain(name);
  expect(rowText).toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
  expect(rowText).not.toContain(idNumber);
  expect(rowText).toContain('在职');
  await shot(page, 'teacher-list');

  // The record.
  await row.getByRole('link', { name }).click();
  await page.waitForURL('**/teachers/*');
  const detail = page.getByTestId('teacher-detail');
  await detail.waitFor();
  const detailText = await detail.innerText();
  for (const part of [shixunNo, '1990-05-20', '数学、科学', '一级教师', '班主任', '158****0520']) expect(detailText).toContain(part);

  // 授权校长, after a confirmation that says the old principal is revoked.
  await page.getByTestId('teacher-principal').click();
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.waitFor();
  expect(await confirm.innerText()).toContain('原校长的校长身份将被取消');
  await confirm.locator('.ant-btn-primary').click();
  await expect.poll(async () => detail.locator('.ant-tag', { hasText: '校长' }).count(), POLL).toBe(1);
  await expect.poll(async () => page.getByTestId('teacher-principal').count(), POLL).toBe(0);
  await shot(page, 'teacher-detail');

  // At phone width the record still reads.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await detail.waitFor();
  await shot(page, 'teacher-detail-phone');
  await context.close();
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { makeIdNumber } from '../common/id-card.js';
import { confirmModal, launch, loggedIn, POLL, phoneShot, pick, shot, textOf, typeDate } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

it('a school admin adds a teacher, finds them by name, opens the record and authorises them as principal', async () => {
  // Fixed values: the demo data is the same on every run and holds neither.
  const name = '林知远';
  const idNumber = makeIdNumber('330106', '1990-05-20', 777, 'M');

  const page = await loggedIn(browser, 'school');
  await page.getByTestId('menu-/teachers').click();
  await page.locator('.ant-table-row').first().waitFor();

  // 添加教师: a school admin adds to its own school, so there is no school field.
  await page.getByTestId('teacher-create').click();
  await page.getByTestId('teacher-form').waitFor();
  expect(await page.getByTestId('teacher-school').count()).toBe(0);
  await page.getByTestId('teacher-name').fill(name);
  await page.getByTestId('teacher-gender').getByText('男').click();
  await typeDate(page, 'teacher-birth-date', '1990-05-20');
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
  expect(await confirmModal(page)).toContain('原校长的校长身份将被取消');
  await expect.poll(async () => detail.locator('.ant-tag', { hasText: '校长' }).count(), POLL).toBe(1);
  await expect.poll(async () => page.getByTestId('teacher-principal').count(), POLL).toBe(0);
  await shot(page, 'teacher-detail');

  // At phone width the record still reads.
  await phoneShot(page, 'teacher-detail-phone', () => detail.waitFor(), { reload: true });

  // Adding the same ID number again is refused with its 师训号 and a way to the transfer page,
  // where the 师训号 is looked up at once (here: already in this school).
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto(`${inject('baseUrl')}/teachers`);
  await page.getByTestId('teacher-create').click();
  await page.getByTestId('teacher-name').fill('林知远');
  await page.getByTestId('teacher-gender').getByText('男').click();
  await typeDate(page, 'teacher-birth-date', '1990-05-20');
  await page.getByTestId('teacher-id-number').fill(idNumber);
  await page.getByTestId('teacher-mobile').fill('15899990521');
  await pick(page, 'teacher-stage', '小学');
  await pick(page, 'teacher-subjects', '数学');
  await pick(page, 'teacher-title', '一级教师');
  await pick(page, 'teacher-post', '班主任');
  await page.getByTestId('teacher-form-submit').click();
  const registered = page.getByTestId('teacher-id-registered');
  await registered.waitFor();
  expect(await registered.innerText()).toContain(shixunNo);
  await shot(page, 'teacher-add-registered');
  await page.getByTestId('teacher-id-registered-transfer').click();
  await page.waitForURL(`**/transfers?shixunNo=${shixunNo}`);
  await expect.poll(async () => textOf(page.locator('body')), POLL).toContain('该教师已在本校');
  await shot(page, 'transfer-prefilled');
  await phoneShot(page, 'transfer-prefilled-phone', () => page.getByTestId('transfer-shixun-no').waitFor(), { reload: true });
  // A school's 自由人 page waits for a name, ID number or 师训号 instead of listing the province's pool.
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto(`${inject('baseUrl')}/teacher-pool`);
  await page.getByText('请输入教师姓名、完整身份证号或师训号查询').waitFor();
  await shot(page, 'teacher-pool-empty');
  await phoneShot(page, 'teacher-pool-empty-phone', () => page.getByTestId('filter-q').waitFor(), { reload: true });
  await page.context().close();
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Teacher } from '../common/schemas/teachers.js';
import { confirmModal, launch, loggedIn, POLL, phoneShot, shot } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

it('TCH-5: a 余杭区 school takes a teacher from 自由人, applies for a 西湖区 teacher by 师训号, 杭州市教育局 approves, the teacher is in the new school', async () => {
  const base = inject('baseUrl');

  // The 西湖区 school: two teachers far down its list, away from the demo logins and other tests.
  const school = await loggedIn(browser, 'school');
  const list = (await (await school.request.get(`${base}/api/teachers?pageSize=100`)).json()) as { items: Teacher[] };
  // By id: the 20 seeded teachers come first (the first two are the demo logins); other tests only add after them.
  const seeded = list.items.sort((a, b) => a.id - b.id).slice(0, 20);
  const moving = seeded[15];
  const leaving = seeded[17];
  if (!moving || !leaving) throw new Error('not enough teachers in the demo school');

  // 调出到自由人 from the record, after a confirmation that explains it.
  await school.goto(`${base}/teachers/${leaving.id}`);
  await school.getByTestId('teacher-detail').waitFor();
  await school.getByTestId('teacher-release').click();
  await school.locator('.ant-modal-confirm').waitFor();
  await shot(school, 'teacher-release-confirm');
  expect(await confirmModal(school)).toContain('其他学校可以从“自由人”中直接调入');
  await school.waitForURL((u) => u.pathname === '/teachers');
  await school.context().close();

  // 余杭区 school: the released teacher cannot be applied for, only taken from the pool.
  const school2 = await loggedIn(browser, 'school2');
  await school2.getByTestId('menu-/transfers').click();
  await school2.getByTestId('transfer-shixun-no').fill(leaving.shixunNo);
  await school2.getByTestId('transfer-lookup').click();
  await school2.getByTestId('transfer-blocker-IN_FREE_POOL').waitFor();
  expect(await school2.getByTestId('transfer-submit').isDisabled()).toBe(true);
  await shot(school2, 'transfer-blocked');
  await school2.getByTestId('transfer-to-pool').click();
  await school2.waitForURL((u) => u.pathname === '/teacher-pool');
  const poolRow = school2.locator('.ant-table-row', { hasText: leaving.shixunNo });
  await poolRow.waitFor();
  expect(await poolRow.innerText()).toContain(leaving.idNumber);
  await shot(school2, 'teacher-pool');
  await phoneShot(school2, 'teacher-pool-phone', () => poolRow.waitFor(), { reload: true });
  await school2.getByTestId(`pool-take-${leaving.id}`).click();
  expect(await confirmModal(school2)).toContain('无需审批');
  await expect.poll(async () => poolRow.count(), POLL).toBe(0);

  // Apply for the 西湖区 teacher: the preview names who approves.
  await school2.getByTestId('menu-/transfers').click();
  await school2.getByTestId('transfer-shixun-no').fill(moving.shixunNo);
  await school2.getByTestId('transfer-lookup').click();
  const preview = school2.getByTestId('transfer-preview');
  await preview.waitFor();
  const previewText = await preview.innerText();
  expect(previewText).toContain(moving.name);
  expect(previewText).toContain(moving.idNumber);
  expect(previewText).toContain('西湖区');
  expect(await school2.getByTestId('transfer-approver').innerText()).toContain('杭州市教育局');
  await school2.getByTestId('transfer-note').fill('E2E 工作调动');
  await shot(school2, 'transfer-apply');
  await school2.getByTestId('transfer-submit').click();
  const applied = school2.getByTestId('transfers-applied').locator('.ant-table-row', { hasText: moving.name });
  await applied.waitFor();
  expect(await applied.innerText()).toContain('待审批');
  expect(await applied.innerText()).toContain('杭州市教育局');
  await shot(school2, 'transfers-applied');
  await phoneShot(school2, 'transfers-applied-phone', () => applied.waitFor(), { reload: true });

  // 杭州市教育局 approves from its queue.
  const city = await loggedIn(browser, 'hangzhou');
  await city.getByTestId('menu-/transfers/approvals').click();
  const pending = city.getByTestId('transfers-approve').locator('.ant-table-row', { hasText: moving.name });
  await pending.waitFor();
  await shot(city, 'transfer-approvals');
  await phoneShot(city, 'transfer-approvals-phone', () => pending.waitFor(), { reload: true });
  await pending.locator('[data-testid^="transfer-approve-"]').click();
  expect(await confirmModal(city)).toContain('师训号、账号和学时记录保持不变');
  await expect.poll(async () => pending.count(), POLL).toBe(0);

  // The history shows each step, in the list of all transfers in scope.
  await city.goto(`${base}/transfers/approvals?tab=scope`);
  const done = city.getByTestId('transfers-scope').locator('.ant-table-row', { hasText: moving.name });
  await done.waitFor();
  expect(await done.innerText()).toContain('已批准');
  await done.locator('[data-testid^="transfer-detail-"]').click();
  const history = city.getByTestId('transfer-history');
  await history.waitFor();
  const steps = await history.innerText();
  expect(steps).toContain('提交申请');
  expect(steps).toContain('批准');
  expect(steps).toContain('陈晓燕');
  await shot(city, 'transfer-history');
  // At phone width the list keeps the teacher, the state and the buttons; the drawer holds the rest.
  await phoneShot(city, 'transfer-scope-phone', () => done.waitFor(), { reload: true });
  await city.setViewportSize({ width: 375, height: 812 });
  await done.locator('[data-testid^="transfer-detail-"]').click();
  await history.waitFor();
  await shot(city, 'transfer-history-phone');
  await city.context().close();

  // The teacher is now in the 余杭区 school's list (教师管理), with the same 师训号.
  await school2.reload();
  await expect.poll(async () => applied.innerText(), POLL).toContain('已批准');
  await school2.getByTestId('menu-/teachers').click();
  await school2.getByTestId('filter-q').fill(moving.shixunNo);
  await school2.getByTestId('list-search').click();
  const row = school2.locator('.ant-table-row', { hasText: moving.shixunNo });
  await row.waitFor();
  expect(await row.innerText()).toContain(moving.name);
  // …and so is the one taken from the pool.
  await school2.getByTestId('filter-q').fill(leaving.shixunNo);
  await school2.getByTestId('list-search').click();
  await school2.locator('.ant-table-row', { hasText: leaving.shixunNo }).waitFor();
  await school2.context().close();
});

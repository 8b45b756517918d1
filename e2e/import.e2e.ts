import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { makeIdNumber } from '../common/id-card.js';
import { launch, loggedIn, POLL, phoneShot, shot, textOf } from './browser.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Clicks and returns the downloaded file as a workbook (and the browser's download). */
async function downloadBook(page: Page, button: Locator): Promise<{ book: ExcelJS.Workbook; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  // An .xlsx is a zip: PK\x03\x04.
  expect(bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  return { book, download };
}

const cells = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));

const HEADERS = ['*姓名', '*身份证号', '性别', '出生日期', '*手机号', '电子邮箱', '*任教学段', '*任教学科', '*职称', '*岗位', '在职状态'];

// Fixed, unusual values (淳安县 ID numbers, 1391234xxxx mobiles): the demo data holds none, so a fresh database always accepts them.
type Row = [string, string, string, string, string, string, string, string, string, string, string];
const good: Row[] = [
  ['闻溪澄', makeIdNumber('330127', '1983-04-17', 611, 'F'), '', '', '13912340611', '', '小学', '语文', '一级教师', '专任教师', ''],
  [
    '柏予安',
    makeIdNumber('330127', '1991-09-05', 613, 'M'),
    '男',
    '1991-09-05',
    '13912340613',
    'baiyuan@example.com',
    '小学',
    '数学、科学',
    '二级教师',
    '班主任',
    '在职',
  ],
  ['宓若溪', makeIdNumber('330127', '1976-12-28', 615, 'F'), '', '', '13912340615', '', '初中', '英语', '高级教师', '专任教师', ''],
  ['訾明远', makeIdNumber('330127', '1995-02-14', 617, 'M'), '', '', '13912340617', '', '小学', '体育与健康', '二级教师', '专任教师', ''],
];
const wrongCheckId = (() => {
  const ok = makeIdNumber('330127', '1988-07-21', 621, 'F');
  return `${ok.slice(0, 17)}${ok[17] === '1' ? '2' : '1'}`;
})();
const badCheck: Row = ['厍云舒', wrongCheckId, '', '', '13912340621', '', '小学', '音乐', '一级教师', '专任教师', ''];
const noName: Row = ['', makeIdNumber('330127', '1986-10-09', 623, 'M'), '', '', '13912340623', '', '小学', '美术', '一级教师', '专任教师', ''];
const fixedName = '仉星河';

/** Writes rows under a header into a fresh workbook. */
async function bookOf(header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('教师信息');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Outbox = { items: { id: number; mobile: string; body: string }[] };
const outbox = async (page: Page) => ((await (await page.request.get(`${inject('baseUrl')}/api/dev/sms-outbox`)).json()) as Outbox).items;

/** The code of the first SMS to `mobile` newer than message `since` in the development outbox (waits for it). */
async function smsCode(page: Page, mobile: string, since: number): Promise<string> {
  let code = '';
  await expect
    .poll(async () => {
      code = (await outbox(page)).find((m) => m.mobile === mobile && m.id > since)?.body.match(/\d{6}/)?.[0] ?? '';
      return code;
    }, POLL)
    .toMatch(/^\d{6}$/);
  return code;
}

async function chooseFile(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('import-step-upload').waitFor();
  await page.getByTestId('import-dragger').locator('input[type=file]').setInputFiles({ name, mimeType: XLSX_TYPE, buffer });
  await expect.poll(async () => page.getByTestId('import-dragger').innerText(), POLL).toContain(name);
}

it('TCH-2: a school admin downloads the template, imports a file with two bad rows (nothing imported), fixes them from the rejected-rows file and imports all', async () => {
  const page = await loggedIn(browser, 'school', { acceptDownloads: true });

  // 批量导入 is in the menu and on the teacher list.
  await expect.poll(async () => page.getByTestId('menu-/teachers/import').count(), POLL).toBe(1);
  await page.getByTestId('menu-/teachers').click();
  await page.getByTestId('teacher-import').click();
  await page.waitForURL('**/teachers/import');
  await page.getByTestId('import-step-template').waitFor();
  expect(await page.getByTestId('import-step-template').innerText()).toContain('可以放心重复导入');
  await shot(page, 'import-template');
  await phoneShot(page, 'import-template-phone', () => page.getByTestId('import-step-template').waitFor());

  // 1 下载模板: an .xlsx with the template's columns.
  const template = await downloadBook(page, page.getByTestId('import-template'));
  expect(template.download.suggestedFilename()).toBe('教师信息导入模板.xlsx');
  const sheet = template.book.getWorksheet('教师信息');
  if (!sheet) throw new Error('no 教师信息 sheet');
  expect(cells(sheet.getRow(1))).toEqual(HEADERS);

  // Fill in the template: four good rows and two bad ones (rows 3 and 6 as Excel numbers them).
  const rows = [good[0], badCheck, good[1], good[2], noName, good[3]] as Row[];
  rows.forEach((r, i) => {
    sheet.getRow(i + 2).values = r;
  });
  const filled = Buffer.from(await template.book.xlsx.writeBuffer());

  // 2 上传, all-or-nothing (the default): refused, nothing imported, the two rows explained.
  await page.getByTestId('import-next').click();
  expect(await page.getByTestId('import-mode-all').isChecked()).toBe(true);
  // A CSV renamed to .xlsx: the server's reason is shown next to the file.
  await chooseFile(page, '改名的表格.xlsx', Buffer.from('姓名,身份证号\n张三,330106199001010011\n'));
  await page.getByTestId('import-start').click();
  await expect.poll(async () => textOf(page.getByTestId('import-error')), POLL).toContain('另存为 .xlsx');
  await chooseFile(page, '新教师.xlsx', filled);
  await shot(page, 'import-upload');
  await page.getByTestId('import-start').click();
  const result = page.getByTestId('import-result');
  await result.waitFor();
  expect(await result.getAttribute('data-state')).toBe('rejected');
  const report = await result.innerText();
  expect(report).toContain('发现 2 行有问题，本次没有导入任何数据');
  expect(report).toContain('其余 4 行检查无误');
  expect(await page.getByTestId('import-stat-created').innerText()).toContain('0');
  const issues = page.getByTestId('import-issues');
  const issueRows = await issues.locator('.ant-table-row').allInnerTexts();
  expect(issueRows).toHaveLength(2);
  expect(issueRows[0]).toMatch(/^3\s+身份证号\s+身份证号不正确/);
  expect(issueRows[1]).toMatch(/^6\s+姓名\s+必填/);
  // The same file can go again with only the correct rows (not taken here).
  expect(await page.getByTestId('import-valid').isVisible()).toBe(true);
  await shot(page, 'import-rejected');
  await phoneShot(page, 'import-rejected-phone', () => result.waitFor());

  // 下载未导入的行: the reasons, and the two rows ready to fix.
  const rejected = await downloadBook(page, page.getByTestId('import-download-rejected'));
  expect(rejected.download.suggestedFilename()).toBe('新教师-未导入行.xlsx');
  const reasons = rejected.book.getWorksheet('错误明细');
  expect(cells(reasons?.getRow(1) as ExcelJS.Row)).toEqual(['行号', '列', '原因']);
  expect([2, 3].map((n) => cells(reasons?.getRow(n) as ExcelJS.Row).slice(0, 2))).toEqual([
    ['3', '身份证号'],
    ['6', '姓名'],
  ]);
  const toFix = rejected.book.getWorksheet('待修正数据');
  if (!toFix) throw new Error('no 待修正数据 sheet');
  expect(cells(toFix.getRow(1))).toEqual(HEADERS);
  const [checkRow, nameRow] = [2, 3].map((n) => HEADERS.map((_, i) => cells(toFix.getRow(n))[i] ?? '')) as [string[], string[]];
  expect([checkRow[1], nameRow[1]]).toEqual([wrongCheckId, noName[1]]);
  checkRow[1] = makeIdNumber('330127', '1988-07-21', 621, 'F');
  nameRow[0] = fixedName;
  const fixed = [checkRow, nameRow];

  // Import the corrected full file: everyone is added.
  await page.getByTestId('import-again').click();
  await chooseFile(page, '新教师-修正.xlsx', await bookOf(HEADERS, [...good, ...fixed]));
  await page.getByTestId('import-start').click();
  await expect.poll(async () => result.getAttribute('data-state').catch(() => null), POLL).toBe('committed');
  expect(await result.innerText()).toContain('成功导入 6 人，跳过已在本校 0 人，未导入 0 行');
  expect(await page.getByTestId('import-issues').count()).toBe(0);
  await shot(page, 'import-committed');

  // Both imports are listed; the first one's report opens from the list.
  const recent = page.getByTestId('import-recent');
  await expect.poll(async () => recent.locator('.ant-table-row').count(), POLL).toBeGreaterThanOrEqual(2);
  await recent.getByRole('link', { name: '新教师.xlsx' }).click();
  await expect.poll(async () => result.getAttribute('data-state').catch(() => null), POLL).toBe('rejected');
  await phoneShot(page, 'import-recent-phone', () => recent.waitFor());

  // The new teachers are on the teacher list.
  await page.getByTestId('menu-/teachers').click();
  await page.getByTestId('filter-q').fill(fixedName);
  await page.getByTestId('list-search').click();
  const row = page.locator('.ant-table-row', { hasText: fixedName });
  await row.waitFor();
  expect(await row.innerText()).toContain('美术');
  await page.context().close();
});

it('TCH-8: 教师统计 counts by dimension with filters, and exports to Excel after SMS re-verification', async () => {
  const page = await loggedIn(browser, 'hangzhou', { acceptDownloads: true });
  await page.getByTestId('menu-/teachers/stats').click();
  await page.waitForURL('**/teachers/stats');

  // By region: 杭州市's counties, the counts add up to the total (在职 by default).
  const total = page.getByTestId('stats-total');
  const chart = page.getByTestId('stats-chart');
  await chart.waitFor();
  const sumOf = async () => (await page.getByTestId('stats-table').locator('.ant-table-row').allInnerTexts()).reduce((n, r) => n + Number(r.split('\t')[1]), 0);
  const totalOf = async () => Number((await total.innerText()).replace(/\D/g, ''));
  await expect.poll(async () => (await chart.innerText()).includes('西湖区'), POLL).toBe(true);
  expect(await sumOf()).toBe(await totalOf());
  expect(await page.getByTestId('filter-status').innerText()).toContain('在职');
  await shot(page, 'stats-region');

  // By gender: labelled from the vocabulary; by age: bands like 30–39岁.
  await page.getByTestId('stats-by-gender').click();
  await expect.poll(async () => chart.innerText(), POLL).toMatch(/女[\s\S]*%/);
  expect(await sumOf()).toBe(await totalOf());
  await page.getByTestId('stats-by-age').click();
  await expect.poll(async () => chart.innerText(), POLL).toMatch(/\d0–\d9岁/);
  await page.getByTestId('stats-by-subject').click();
  await expect.poll(async () => chart.innerText(), POLL).toContain('语文');
  await shot(page, 'stats-subject');
  await phoneShot(page, 'stats-subject-phone', () => chart.waitFor());
  // By school: long names, the 50 largest at most.
  await page.getByTestId('stats-by-school').click();
  await expect.poll(async () => chart.innerText(), POLL).toContain('杭州市西湖区求是实验小学');
  expect(await sumOf()).toBe(await totalOf());
  await phoneShot(page, 'stats-school-phone', () => chart.waitFor());

  // 导出 Excel: SMS re-verification first, then the file arrives.
  await page.getByTestId('teacher-export').click();
  await page.getByTestId('reverify-modal').waitFor();
  const since = Math.max(0, ...(await outbox(page)).map((m) => m.id));
  await page.getByTestId('reverify-code-send').click();
  const code = await smsCode(page, '13700000002', since);
  await page.getByTestId('reverify-code').fill(code);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reverify-submit').click()]);
  expect(download.suggestedFilename()).toMatch(/^教师信息-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fs.readFileSync(await download.path()) as never);
  const ws = book.worksheets[0];
  expect(ws?.getRow(1).getCell(1).value).toBe('师训号');
  await page.context().close();
});

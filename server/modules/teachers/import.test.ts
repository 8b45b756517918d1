import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { and, count, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../common/id-card.js';
import { parseDateCell, parseIdCell } from '../../../common/teacher-import.js';
import { accountRoles, accounts, teachers } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../test/helpers.js';
import { spoolUpload } from './import.js';

let t: TestCtx;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Cell = string | number | Date | null;

/** A workbook as people make them: whatever header row, title rows and cell types the test says. */
async function workbook(rows: Cell[][], sheetName = '教师信息'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readBook(body: Buffer | string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((Buffer.isBuffer(body) ? body : Buffer.from(body, 'binary')) as never);
  return wb;
}

const id = (seq: number, gender: 'M' | 'F' = 'F', birth = '1990-06-01') => makeIdNumber('330106', birth, seq, gender);
const teacherCount = async () => (await t.db.select({ n: count() }).from(teachers))[0]?.n ?? 0;

// Reordered columns, an extra column (备注), a title row above the header and header spellings of the wild.
const HEADER: Cell[] = ['序号', '姓 名', '性别', '身份证号码', '手机号码', '学段', '任教学科', '职称', '岗位', '出生日期', '备注'];

function goodRows(): Cell[][] {
  const x = id(1, 'M', '1985-12-01');
  const withX = (() => {
    for (let s = 3; ; s += 2) {
      const v = makeIdNumber('330106', '1987-02-11', s, 'F');
      if (v.endsWith('X')) return v;
    }
  })();
  return [
    // Full-width digits and spaces inside the ID number; a real Excel date.
    [
      1,
      '李 明',
      '男',
      ` ${x.slice(0, 6).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))} ${x.slice(6)} `,
      '13900001001',
      '小学',
      '数学、科学',
      '一级教师',
      '专任教师',
      new Date(Date.UTC(1985, 11, 1)),
      '新入职',
    ],
    // A lower-case x, a date typed as text, a mobile stored as a number, subjects with a full-width comma.
    [2, '王芳', '女', withX.toLowerCase(), 13900001002, '初中', '语文，道德与法治', '高级教师', '班主任', '1987年2月11日', null],
    // Gender and birth date left out: they follow from the ID number.
    [3, '赵强', null, id(5, 'M', '1992-03-03'), '13900001003', 'primary', 'english', 'second', 'teacher', null, null],
  ];
}

function badRows(registeredId: string, duplicateOf: string): Cell[][] {
  const wrongCheck = `${id(7).slice(0, 17)}${id(7)[17] === '1' ? '2' : '1'}`;
  return [
    [4, '钱错', '女', wrongCheck, '13900001004', '小学', '语文', '一级教师', '专任教师', null, null],
    // An 18-digit ID typed into a number cell: Excel kept 15 significant digits.
    [5, '孙数', '男', 330106199001010000, '13900001005', '小学', '语文', '一级教师', '专任教师', null, null],
    [6, '周重', null, duplicateOf, '13900001006', '小学', '语文', '一级教师', '专任教师', null, null],
    [7, '吴已', null, registeredId, '13900001007', '小学', '语文', '一级教师', '专任教师', null, null],
    [8, '', null, id(9), '1390000100', '大学', '语文', '一级教师', '专任教师', '1970-01-01', null],
  ];
}

async function school2Id() {
  const admin = await t.account({ username: 'school2' });
  const [role] = await t.db
    .select()
    .from(accountRoles)
    .where(and(eq(accountRoles.accountId, admin.id), eq(accountRoles.role, 'school_admin')));
  return role?.schoolId as number;
}

/** A teacher of another school (余杭区). */
async function registeredElsewhere() {
  const [row] = await t.db
    .select({ idNumber: accounts.idNumber, shixunNo: accounts.shixunNo })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .where(eq(teachers.schoolId, await school2Id()))
    .limit(1);
  return row as { idNumber: string; shixunNo: string };
}

describe('TCH-2 template', () => {
  it('offers a template with the columns, dropdowns and text-typed identifier columns', async () => {
    const c = await t.login('school');
    const res = await c.get('/api/teachers/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('教师信息导入模板.xlsx'));
    const wb = await readBook(res.rawPayload);
    const ws = wb.getWorksheet('教师信息');
    if (!ws) throw new Error('no sheet');
    const headers = (ws.getRow(1).values as string[]).filter(Boolean);
    expect(headers).toEqual(['*姓名', '*身份证号', '性别', '出生日期', '*手机号', '电子邮箱', '*任教学段', '*任教学科', '*职称', '*岗位', '在职状态']);
    expect(ws.getCell('G2').dataValidation).toMatchObject({ type: 'list', formulae: ['选项!$B$2:$B$7'] });
    expect(ws.getCell('I2').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(wb.getWorksheet('选项')?.state).toBe('veryHidden');
    expect(wb.getWorksheet('选项')?.getCell('B2').value).toBe('幼儿园');
    expect((await (await t.login('teacher')).get('/api/teachers/import/template')).statusCode).toBe(403);
  });
});

describe('TCH-2 import', () => {
  it('refuses the whole file when a row is bad (all-or-nothing), reporting each row, column and reason', async () => {
    const c = await t.login('school');
    const good = goodRows();
    const registered = await registeredElsewhere();
    const file = await workbook([['XX学校教师信息表'], HEADER, ...good, ...badRows(registered.idNumber, good[2]?.[3] as string), [], [null, '  ']]);
    const before = await teacherCount();
    const res = await c.upload('/api/teachers/import?fileName=教师.xlsx', file);
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ state: 'rejected', mode: 'all', totalRows: 8, created: 0, existing: 0, rejected: 5, ignoredColumns: ['序号', '备注'] });
    expect(await teacherCount()).toBe(before);
    const byRow = (row: number) =>
      result.issues.filter((i: { row: number }) => i.row === row).map((i: { column: string; message: string }) => `${i.column}:${i.message}`);
    // Rows are numbered as Excel numbers them: title row 1, header row 2, data from row 3.
    expect(byRow(6)).toEqual([expect.stringMatching(/^身份证号:身份证号不正确/)]);
    expect(byRow(7)).toEqual([expect.stringMatching(/^身份证号:身份证号被 Excel 存成了数字.*330106199001010000/)]);
    expect(byRow(8)).toEqual(['身份证号:与第 5 行重复']);
    expect(byRow(9)).toHaveLength(1);
    expect(byRow(9)[0]).toContain(`身份证号:已在全省登记（师训号 ${registered.shixunNo}`);
    expect(byRow(9)[0]).toContain('教师调动');
    expect(byRow(10)).toEqual(
      expect.arrayContaining(['姓名:必填', '手机号:应为 11 位手机号', expect.stringMatching(/^任教学段:应为下拉列表中的一项/), '出生日期:与身份证号不一致']),
    );
  });

  it('accepts the valid rows when asked, coping with full-width text, lower-case x, text and Excel dates and numeric mobiles', async () => {
    const c = await t.login('school');
    const good = goodRows();
    const registered = await registeredElsewhere();
    const file = await workbook([HEADER, ...good, ...badRows(registered.idNumber, good[2]?.[3] as string)]);
    const res = await c.upload('/api/teachers/import?mode=valid&fileName=教师.xlsx', file);
    expect(res.json()).toMatchObject({ state: 'committed', mode: 'valid', totalRows: 8, created: 3, existing: 0, rejected: 5 });
    const rows = await t.db
      .select({ name: accounts.realName, idNumber: accounts.idNumber, mobile: accounts.mobile, shixunNo: accounts.shixunNo, t: teachers })
      .from(teachers)
      .innerJoin(accounts, eq(accounts.id, teachers.accountId))
      .where(inArray(accounts.mobile, ['13900001001', '13900001002', '13900001003']))
      .orderBy(accounts.mobile);
    expect(rows.map((r) => [r.name, r.t.gender, r.t.birthDate, r.t.stage, r.t.subjects, r.t.title, r.t.post, r.t.status])).toEqual([
      ['李明', 'M', '1985-12-01', 'primary', ['math', 'science'], 'first', 'teacher', 'in_service'],
      ['王芳', 'F', '1987-02-11', 'junior', ['chinese', 'politics'], 'senior', 'head_teacher', 'in_service'],
      ['赵强', 'M', '1992-03-03', 'primary', ['english'], 'second', 'teacher', 'in_service'],
    ]);
    expect(rows[1]?.idNumber).toMatch(/X$/);
    expect(rows.every((r) => /^\d{12}$/.test(r.shixunNo ?? ''))).toBe(true);
    // The new teachers log in with the last six of their ID number.
    const login = await t.client().post('/api/auth/login', { account: rows[0]?.shixunNo ?? '', password: rows[0]?.idNumber?.slice(-6) ?? '' });
    expect(login.statusCode).toBe(200);

    // Importing the same file again adds no one twice.
    const again = (await c.upload('/api/teachers/import?mode=valid&fileName=教师.xlsx', file)).json();
    expect(again).toMatchObject({ state: 'committed', created: 0, existing: 3, rejected: 5 });

    // The rejected rows come back as a workbook: the reasons, and the rows ready to fix.
    const download = await c.get(`/api/teacher-imports/${again.id}/rejected.xlsx`);
    expect(download.statusCode).toBe(200);
    const book = await readBook(download.rawPayload);
    const reasons = book.getWorksheet('错误明细');
    expect(reasons?.getRow(1).values).toEqual([undefined, '行号', '列', '原因']);
    expect(reasons?.rowCount).toBe(1 + again.issues.length);
    const fix = book.getWorksheet('待修正数据');
    if (!fix) throw new Error('no 待修正数据 sheet');
    expect(fix.rowCount).toBe(6);
    expect(fix.getCell('B3').value).toBe('330106199001010000');

    // Fix two rows in the returned sheet and import it: they are added.
    const fixed = await workbook([
      (fix.getRow(1).values as Cell[]).slice(1),
      ...[2, 3].map((r) => {
        const v = (fix.getRow(r).values as Cell[]).slice(1);
        v[1] = id(40 + r, r === 2 ? 'F' : 'M');
        v[2] = r === 2 ? '女' : '男';
        return v;
      }),
    ]);
    const third = (await c.upload('/api/teachers/import?fileName=fixed.xlsx', fixed)).json();
    expect(third).toMatchObject({ state: 'committed', created: 2, rejected: 0 });
    expect((await c.get('/api/teacher-imports')).json().map((i: { id: number }) => i.id)).toEqual([third.id, again.id, again.id - 1, again.id - 2]);
  });

  it('checks across chunks of a large file: a repeat 2,000 rows later still refuses the whole file', async () => {
    const c = await t.login('school');
    const rows: Cell[][] = [];
    for (let i = 0; i < 2100; i++) {
      const birth = `${1975 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`;
      rows.push([
        i + 1,
        `批量${i}`,
        null,
        makeIdNumber('330102', birth, 200 + Math.floor(i / 180) * 2, 'F'),
        `1370${String(500000 + i).padStart(7, '0')}`,
        '小学',
        '语文',
        '二级教师',
        '专任教师',
        null,
        null,
      ]);
    }
    rows[2050] = [...(rows[2050] as Cell[])];
    (rows[2050] as Cell[])[3] = (rows[9] as Cell[])[3] as string;
    const file = await workbook([HEADER, ...rows]);
    const before = await teacherCount();
    const all = (await c.upload('/api/teachers/import?fileName=big.xlsx', file)).json();
    expect(all).toMatchObject({ state: 'rejected', totalRows: 2100, rejected: 1 });
    expect(all.issues).toEqual([{ row: 2052, column: '身份证号', message: '与第 11 行重复' }]);
    expect(await teacherCount()).toBe(before);
    const valid = (await c.upload('/api/teachers/import?mode=valid&fileName=big.xlsx', file)).json();
    expect(valid).toMatchObject({ state: 'committed', created: 2099, rejected: 1 });
    expect(await teacherCount()).toBe(before + 2099);
  });

  it('refuses what is not a workbook, a file without the required columns, wrong roles and schools out of scope', async () => {
    const c = await t.login('school');
    const notXlsx = await c.upload('/api/teachers/import', Buffer.from('姓名,身份证号\n张三,330106199001010011\n'), 'application/octet-stream');
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json()).toMatchObject({ code: 'FILE_NOT_XLSX', message: expect.stringContaining('.xlsx') });
    const broken = await c.upload('/api/teachers/import', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 1)]));
    expect(broken.json().code).toBe('FILE_NOT_XLSX');
    const missing = await c.upload(
      '/api/teachers/import',
      await workbook([
        ['姓名', '身份证号', '性别'],
        ['张三', id(61), '男'],
      ]),
    );
    expect(missing.json()).toMatchObject({ code: 'IMPORT_NO_HEADER', message: expect.stringContaining('手机号、任教学段、任教学科、职称、岗位') });
    const empty = await c.upload('/api/teachers/import', await workbook([['随便写点什么']]));
    expect(empty.json().code).toBe('IMPORT_NO_HEADER');
    expect((await (await t.login('teacher')).upload('/api/teachers/import', await workbook([HEADER]))).statusCode).toBe(403);
    // A bureau names the school; one outside its county is refused.
    const xihu = await t.login('xihu');
    expect((await xihu.upload('/api/teachers/import', await workbook([HEADER]))).json().fields.schoolId).toBeTruthy();
    expect((await xihu.upload(`/api/teachers/import?schoolId=${await school2Id()}`, await workbook([HEADER]))).statusCode).toBe(403);
    // The reasons speak the reader's language.
    await c.patch('/api/auth/me', { language: 'en-US' });
    const en = (
      await c.upload(
        '/api/teachers/import',
        await workbook([HEADER, [1, '张三', '男', '123', '13900009999', '小学', '语文', '一级教师', '专任教师', null, null]]),
      )
    ).json();
    expect(en.issues[0]).toMatchObject({ row: 2, column: '身份证号', message: 'is not a valid 18-character ID number' });
    await c.patch('/api/auth/me', { language: 'zh-CN' });
  });
});

describe('TCH-2 hostile uploads', () => {
  it('refuses a workbook that unpacks to more than the limit, before reading it', async () => {
    const small = await createTestApp({ importMaxUnpackedBytes: 1024 * 1024 });
    try {
      const c = await small.login('school');
      // 2 MB of one repeated character compresses to a few kilobytes.
      const bomb = await workbook([HEADER, [1, 'x'.repeat(2 * 1024 * 1024)]]);
      expect(bomb.length).toBeLessThan(100_000);
      const res = await c.upload('/api/teachers/import', bomb);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE_UNPACKED', message: expect.stringContaining('1 MB') });
    } finally {
      await small.close();
    }
  });

  it('refuses a declared size over the limit without reading, and drops an upload that stalls', async () => {
    const c = await t.login('school');
    const big = await c.request('POST', '/api/teachers/import', Buffer.from('PK'), {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-length': String(1024 * 1024 * 1024),
    });
    expect(big.statusCode).toBe(413);
    const stalled = new PassThrough();
    stalled.write(Buffer.from('PK\u0003\u0004'));
    const file = path.join(os.tmpdir(), `sx-stall-${process.pid}.xlsx`);
    const started = Date.now();
    await expect(spoolUpload(stalled, file, { maxBytes: 1024, idleMs: 200 })).rejects.toMatchObject({ code: 'UPLOAD_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
    const tooBig = new PassThrough();
    tooBig.end(Buffer.concat([Buffer.from('PK'), Buffer.alloc(4096)]));
    await expect(spoolUpload(tooBig, file, { maxBytes: 1024, idleMs: 5_000 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    fs.rmSync(file, { force: true });
  });
});

describe('TCH-2 cell parsing', () => {
  it('reads dates as people type them and never accepts an ID number stored as a number', () => {
    expect(
      ['1988-03-15', '1988/3/15', '1988.3.15', '1988年3月15日', '19880315', 19880315, 32217, new Date(Date.UTC(1988, 2, 15))].map((v) => parseDateCell(v)),
    ).toEqual(Array(8).fill('1988-03-15'));
    expect(parseDateCell('1988-02-30')).toBeNull();
    expect(parseDateCell('明天')).toBeNull();
    expect(parseIdCell(Number('330106198803150012'))).toEqual({ ok: false, shown: '330106198803150000' });
    expect(parseIdCell('３３０１０６ 19880315001x')).toEqual({ ok: true, value: '33010619880315001X' });
  });
});

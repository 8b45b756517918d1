import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { firstSheetRows } from './excel.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sx-excel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function workbookFile(name: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('教师');
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

async function readAll(file: string) {
  const rows: unknown[][] = [];
  for await (const { values } of firstSheetRows(file)) rows.push(values.slice(1));
  return rows;
}

describe('firstSheetRows', () => {
  it('reads every row of the first sheet', async () => {
    const file = await workbookFile('two.xlsx', [
      ['姓名', '身份证号'],
      ['张三', '330106199001010011'],
    ]);
    expect(await readAll(file)).toEqual([
      ['姓名', '身份证号'],
      ['张三', '330106199001010011'],
    ]);
  });

  // exceljs writes xl/workbook.xml last and spools a worksheet that comes before sharedStrings.xml
  // to a temp file; when that is slow, unzipper's early 'end' dropped workbook.xml and a valid
  // file was refused as FILE_NOT_XLSX (seen in CI under load). Slowing the spool makes it certain.
  it('reads a workbook whose last zip entries arrive while the worksheet is still being spooled', async () => {
    const file = await workbookFile('one.xlsx', [['随便写点什么']]);
    const tmp = createRequire(createRequire(import.meta.url).resolve('exceljs'))('tmp') as { file: (...a: unknown[]) => void };
    const original = tmp.file;
    tmp.file = (...a: unknown[]) => setTimeout(() => original(...a), 30);
    try {
      for (let i = 0; i < 5; i++) expect(await readAll(file)).toEqual([['随便写点什么']]);
    } finally {
      tmp.file = original;
    }
  });

  it('refuses a damaged file as not a workbook', async () => {
    const file = path.join(dir, 'broken.xlsx');
    writeFileSync(file, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 1)]));
    await expect(readAll(file)).rejects.toMatchObject({ code: 'FILE_NOT_XLSX' });
  });
});

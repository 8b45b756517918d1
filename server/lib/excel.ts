import fs from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from './errors.js';

/** The media type of every .xlsx the server sends or accepts. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Column<T> = { header: string; width?: number; value: (row: T) => string | number | null };

/** Builds a one-sheet workbook with a bold, frozen header row. */
export async function buildWorkbook<T>(sheetName: string, columns: Column<T>[], rows: Iterable<T>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shixun';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads a workbook's zip central directory (the end of the file) and refuses one that would unpack
 * to more than the limit: a few megabytes of repeated XML can unpack to gigabytes. `read` returns
 * `length` bytes from `at` (a file or a buffer).
 */
export async function assertUnpackedWithin(size: number, read: (at: number, length: number) => Promise<Buffer>, maxUnpacked: number): Promise<void> {
  const tailLength = Math.min(size, 65_557);
  const tail = await read(size - tailLength, tailLength);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new AppError('FILE_NOT_XLSX');
  const entries = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset + dirSize > size || entries > 10_000) throw new AppError('FILE_NOT_XLSX');
  const dir = await read(dirOffset, dirSize);
  let total = 0;
  for (let at = 0, n = 0; n < entries; n++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) throw new AppError('FILE_NOT_XLSX');
    // 0xFFFFFFFF means a zip64 size: far beyond any limit here.
    total += dir.readUInt32LE(at + 24);
    at += 46 + dir.readUInt16LE(at + 28) + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
  }
  if (total > maxUnpacked) throw new AppError('FILE_TOO_LARGE_UNPACKED', { limit: `${Math.round(maxUnpacked / 1048576)} MB` });
}

/**
 * Streams the first worksheet's rows of the xlsx file at `file` as cell arrays (1-based, as Excel
 * numbers columns); the rest of the file is never unpacked. A damaged zip or XML is FILE_NOT_XLSX.
 */
export async function* firstSheetRows(file: string): AsyncGenerator<{ number: number; values: ExcelJS.CellValue[] }> {
  const input = fs.createReadStream(file);
  // exceljs 4.4 pipes the file into unzipper's Parse, which emits 'end' as soon as its writable side
  // finishes, while entries it has already parsed can still wait in its readable buffer; exceljs
  // then stops iterating and drops them. When the last entries are small (workbook.xml, or
  // sharedStrings.xml) a valid file then fails now and then, and always when the worksheet is
  // spooled slowly. Parse's own listener is the second on 'finish' (the first, PullStream's, is
  // needed); without it the stream's real 'end' comes after push(null), once the buffer is drained.
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }): T => {
    const finish = (dest as unknown as Writable).listeners('finish');
    if (finish.length === 2) (dest as unknown as Writable).removeListener('finish', finish[1] as () => void);
    return pipe(dest, opts);
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    entries: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  try {
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) yield { number: row.number, values: row.values as ExcelJS.CellValue[] };
      return;
    }
  } catch {
    // Only the reader's own failures land here (a throw in the consumer's loop body does not).
    throw new AppError('FILE_NOT_XLSX');
  } finally {
    input.destroy();
  }
}

// npm run bench:teachers — issue 3 (teacher records) on PostgreSQL with province-scale data:
// a 50,000-row import end to end, and the Excel export of one county's teachers. Each is given
// as a ratio to a bare baseline measured in the same run on the same file: for the import,
// exceljs streaming-reading the workbook without doing anything with the rows; for the export,
// exceljs streaming-writing the same number of rows from memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { and, count, desc, eq, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '../common/id-card.js';
import { IMPORT_COLUMNS } from '../common/teacher-import.js';
import { openDatabase } from '../server/db/client.js';
import { accountRoles, accounts, schools, smsOutbox, teachers } from '../server/db/schema.js';
import { XLSX_CONTENT_TYPE } from '../server/lib/excel.js';
import { startProcess, stopProcess } from './lib.js';
import { provinceDatabase } from './province-db.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const COUNTY = '330106';
const ID_PREFIX = '110101'; // 北京市东城区: no seeded teacher has it, so every row is new.

const { url: dbUrl } = await provinceDatabase();
const database = await openDatabase({ url: dbUrl, poolSize: 2 });
const db = database.db;
// Leftovers of an earlier run that stopped half-way.
await db.delete(accounts).where(like(accounts.idNumber, `${ID_PREFIX}%`));
const [bureau] = await db
  .select({ id: accounts.id, username: accounts.username, mobile: accounts.mobile })
  .from(accounts)
  .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
  .where(and(eq(accountRoles.role, 'bureau_admin'), eq(accountRoles.regionCode, COUNTY)));
const [school] = await db.select({ id: schools.id }).from(schools).where(eq(schools.countyCode, COUNTY)).orderBy(schools.id).limit(1);
if (!bureau?.username || !bureau.mobile || !school) throw new Error('bench database lacks the 西湖区 bureau admin or a school');
const [countyTeachers] = await db
  .select({ n: count() })
  .from(teachers)
  .innerJoin(schools, eq(schools.id, teachers.schoolId))
  .where(eq(schools.countyCode, COUNTY));

// 1. The workbook: 50,000 valid, new teachers, written as people would (labels, text IDs).
const file = path.join(os.tmpdir(), `sx-bench-import-${ROWS}.xlsx`);
{
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('教师信息');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < ROWS; i++) {
    const gender = i % 3 === 0 ? 'M' : 'F';
    const birth = `${1970 + (i % 30)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    // A birth date recurs every 420 rows (lcm of 30, 12, 28): each recurrence gets its own sequence.
    const id = makeIdNumber(ID_PREFIX, birth, Math.floor(i / 420) * 2 + (gender === 'M' ? 1 : 0), gender);
    ws.addRow([
      `测试${i}`,
      id,
      gender === 'M' ? '男' : '女',
      birth,
      `166${String(i).padStart(8, '0')}`,
      '',
      '小学',
      '数学、科学',
      '一级教师',
      '专任教师',
      '在职',
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}
const fileBytes = fs.statSync(file).size;

// 2. Baseline B: stream-read the same file with exceljs and touch every cell, nothing else.
async function readOnly(): Promise<number> {
  const t0 = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  let n = 0;
  for await (const ws of reader) for await (const row of ws) n += (row.values as unknown[]).length > 0 ? 1 : 0;
  if (n !== ROWS + 1) throw new Error(`read ${n} rows`);
  return (performance.now() - t0) / 1000;
}
const baselineSeconds = await readOnly();

// 3. The app.
const app = await startProcess(
  process.execPath,
  ['--import', 'tsx', 'server/main.ts'],
  { DATABASE_URL: dbUrl, PORT: '3903', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', NODE_ENV: 'production', LOGIN_RATE_PER_MINUTE: '1000000' },
  /running at/,
);
const base = 'http://127.0.0.1:3903';
const rssOf = (field: 'VmRSS' | 'VmHWM') => {
  const status = fs.readFileSync(`/proc/${app.pid}/status`, 'utf8');
  return Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0) / 1024;
};
try {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: bureau.username, password: 'Demo@2026' }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };

  const rssBefore = rssOf('VmRSS');
  const t0 = performance.now();
  const res = await fetch(`${base}/api/teachers/import?mode=all&schoolId=${school.id}&fileName=bench.xlsx`, {
    method: 'POST',
    headers: { ...headers, 'content-type': XLSX_CONTENT_TYPE },
    body: fs.createReadStream(file) as unknown as BodyInit,
    duplex: 'half',
  } as RequestInit);
  const importSeconds = (performance.now() - t0) / 1000;
  const result = (await res.json()) as { created: number; rejected: number; state: string; issues: unknown[] };
  if (res.status !== 200 || result.created !== ROWS) throw new Error(`import: ${res.status} ${JSON.stringify(result).slice(0, 500)}`);
  const peakRss = rssOf('VmHWM');
  const [stored] = await db
    .select({ n: count() })
    .from(accounts)
    .where(like(accounts.idNumber, `${ID_PREFIX}%`));

  // Re-import: nothing new (idempotence at scale).
  const t1 = performance.now();
  const again = (await (
    await fetch(`${base}/api/teachers/import?mode=all&schoolId=${school.id}&fileName=bench.xlsx`, {
      method: 'POST',
      headers: { ...headers, 'content-type': XLSX_CONTENT_TYPE },
      body: fs.createReadStream(file) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit)
  ).json()) as { created: number; existing: number };
  const reimportSeconds = (performance.now() - t1) / 1000;

  // 4. County export (after SMS re-verification, as an admin would).
  await fetch(`${base}/api/auth/reverify/sms`, { method: 'POST', headers });
  const [sms] = await db.select().from(smsOutbox).where(eq(smsOutbox.mobile, bureau.mobile)).orderBy(desc(smsOutbox.id)).limit(1);
  const code = sms?.body.match(/\d{6}/)?.[0];
  const verified = await fetch(`${base}/api/auth/reverify`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (verified.status !== 200) throw new Error(`reverify: ${verified.status}`);
  const t2 = performance.now();
  const exported = await fetch(`${base}/api/teachers/export`, { headers });
  const exportBytes = (await exported.arrayBuffer()).byteLength;
  const exportSeconds = (performance.now() - t2) / 1000;
  const exportRows = (countyTeachers?.n ?? 0) + ROWS;
  // Baseline E: exceljs streaming-writing as many rows of the same width from memory.
  const t3 = performance.now();
  {
    const sink = new PassThrough();
    sink.resume();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('x');
    const row = [
      '330126000001',
      '测试',
      '女',
      '1980-01-01',
      '330106198001010000',
      '13900000000',
      '',
      '西湖区',
      '杭州市西湖区某某小学',
      '小学',
      '数学、科学',
      '一级教师',
      '专任教师',
      '在职',
      '否',
    ];
    for (let i = 0; i < exportRows; i++) ws.addRow(row).commit();
    ws.commit();
    await wb.commit();
  }
  const exportBaseline = (performance.now() - t3) / 1000;

  const ratio = (x: number, b: number) => `${((100 * b) / x).toFixed(0)} %`;
  const report = [
    `### Teacher records — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores`,
    '',
    '| scenario | rows | seconds | rows/s | baseline rows/s | ratio to baseline | notes |',
    '|---|---|---|---|---|---|---|',
    `| import, all-or-nothing, ${ROWS.toLocaleString('en')} new teachers (${(fileBytes / 1048576).toFixed(1)} MB) | ${ROWS} | ${importSeconds.toFixed(2)} | ${Math.round(ROWS / importSeconds)} | ${Math.round(ROWS / baselineSeconds)} (exceljs read only) | ${ratio(importSeconds, baselineSeconds)} | app RSS ${rssBefore.toFixed(0)} MB before, peak ${peakRss.toFixed(0)} MB; ${stored?.n} stored |`,
    `| re-import of the same file | ${ROWS} | ${reimportSeconds.toFixed(2)} | ${Math.round(ROWS / reimportSeconds)} | ${Math.round(ROWS / baselineSeconds)} | ${ratio(reimportSeconds, baselineSeconds)} | created ${again.created}, existing ${again.existing} |`,
    `| export of 西湖区 (county admin) | ${exportRows} | ${exportSeconds.toFixed(2)} | ${Math.round(exportRows / exportSeconds)} | ${Math.round(exportRows / exportBaseline)} (exceljs write only) | ${ratio(exportSeconds, exportBaseline)} | ${(exportBytes / 1048576).toFixed(1)} MB |`,
    '',
  ].join('\n');
  console.log(`\n${report}`);
  const resultsFile = 'bench/RESULTS.md';
  const prior = fs.readFileSync(resultsFile, 'utf8');
  const marker = '<!-- latest teacher-records run -->';
  const next = prior.includes(marker)
    ? prior.replace(new RegExp(`${marker}[\\s\\S]*?(?=\\n## |$)`), `${marker}\n${report}`)
    : `${prior.trimEnd()}\n\n## Teacher records (npm run bench:teachers)\n\n${marker}\n${report}`;
  fs.writeFileSync(resultsFile, `${next.trimEnd()}\n`);
} finally {
  await stopProcess(app);
  // Leave the province data as it was for the next run.
  await db.delete(accounts).where(like(accounts.idNumber, `${ID_PREFIX}%`));
  await db.execute(sql`delete from teacher_imports where file_name = 'bench.xlsx'`);
  // 100,000 dead rows would slow the other benchmarks' index scans until autovacuum came by.
  await db.execute(sql`vacuum analyze accounts, account_roles, teachers`);
  await database.close();
  fs.rmSync(file, { force: true });
}

import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Lang } from '../../../common/i18n/errors.js';
import { MOBILE_RE } from '../../../common/schemas/common.js';
import { type ImportResult, zEmail } from '../../../common/schemas/teachers.js';
import {
  type CellValue,
  cellText,
  columnOfHeader,
  excelNumberText,
  IMPORT_COLUMNS,
  type ImportColumnKey,
  type ImportReason,
  labelList,
  type ParsedTeacherRow,
  POST_BY_LABEL,
  parseDateCell,
  parseIdCell,
  parseMobileCell,
  renderReason,
  STAGE_BY_LABEL,
  STATUS_BY_LABEL,
  SUBJECT_BY_LABEL,
  SUBJECT_SEPARATORS,
  TITLE_BY_LABEL,
} from '../../../common/teacher-import.js';
import { TEACHER_LABELS_ZH } from '../../../common/teachers.js';
import type { Db, Tx } from '../../db/client.js';
import { accounts, type ImportRejectedRow, schools, teacherImports, teachers } from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { assertUnpackedWithin, firstSheetRows } from '../../lib/excel.js';
import type { Actor } from '../org/scope.js';
import { actorRef, schoolAuditUnit } from '../org/service.js';
import { canManageTeachers } from './policy.js';
import { identityIssues, issueShixunNos, type TeachersDeps, targetSchool } from './service.js';

export const IMPORT_MAX_ROWS = 100_000;
/** The header row must be among the first rows (a title or notes above it are fine). */
const HEADER_SEARCH_ROWS = 20;
/** Rows checked against the database and written per round trip. */
const CHUNK = 1000;
const HEADER_OF = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ImportColumnKey, string>;
const REQUIRED = IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key);

// ---------------------------------------------------------------------------------------------
// The template (模板下载)

const OPTION_LISTS: { key: ImportColumnKey; labels: string[] }[] = [
  { key: 'gender', labels: ['男', '女'] },
  { key: 'stage', labels: Object.values(TEACHER_LABELS_ZH.stage) },
  { key: 'subjects', labels: Object.values(TEACHER_LABELS_ZH.subject) },
  { key: 'title', labels: Object.values(TEACHER_LABELS_ZH.title) },
  { key: 'post', labels: Object.values(TEACHER_LABELS_ZH.post) },
  { key: 'status', labels: Object.values(TEACHER_LABELS_ZH.status) },
];
/** Rows of the template that carry the dropdowns. */
const TEMPLATE_ROWS = 10_000;

function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Writes the template's header row (required columns marked *) with text-typed identifier columns. */
function addTeacherSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.required ? `*${c.header}` : c.header,
    key: c.key,
    width: c.key === 'idNumber' ? 22 : c.key === 'subjects' ? 20 : 14,
    // Typed as text, so Excel keeps all 18 characters of an ID number and the leading digits of a mobile.
    style: c.key === 'idNumber' || c.key === 'mobile' ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  return ws;
}

/** TCH-2: the template with dropdowns for gender, stage, subject, title, post and status. */
export async function buildImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shixun';
  const ws = addTeacherSheet(wb, '教师信息');
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width: 90 }];
  help.addRows([
    ['填写说明', ''],
    ['必填列', '标 * 的列必须填写：姓名、身份证号、手机号、任教学段、任教学科、职称、岗位'],
    ['身份证号', '18 位，最后一位可以是 X；请保持该列为“文本”格式，否则 Excel 会丢失后几位'],
    ['性别、出生日期', '可不填，由身份证号得出；填写时须与身份证号一致。日期可写作 1988-03-15、1988/3/15 或 1988年3月15日'],
    ['任教学科', '1–4 个，多个学科用“、”分隔，如：语文、道德与法治'],
    ['在职状态', '不填视为“在职”'],
    ['重复导入', '已在本校的教师（按身份证号）会跳过，不会重复添加；已在其他学校的教师请使用“教师调动”'],
    ['初始密码', '新教师的初始密码为身份证号后 6 位，首次登录须修改'],
    ['示例', '王小明 | 330106198803150012 | 男 | 1988-03-15 | 13800000000 | | 小学 | 数学、科学 | 一级教师 | 专任教师 | 在职'],
  ]);
  help.getRow(1).font = { bold: true, size: 14 };
  const options = wb.addWorksheet('选项', { state: 'veryHidden' });
  OPTION_LISTS.forEach((list, i) => {
    const col = columnLetter(i + 1);
    options.getCell(`${col}1`).value = HEADER_OF[list.key];
    list.labels.forEach((label, j) => {
      options.getCell(`${col}${j + 2}`).value = label;
    });
    const target = IMPORT_COLUMNS.findIndex((c) => c.key === list.key) + 1;
    const range = `选项!$${col}$2:$${col}$${list.labels.length + 1}`;
    // One validation over the whole column range (exceljs keeps validations by address; a range
    // is written as one sqref instead of thousands of cells).
    const letter = columnLetter(target);
    (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}2:${letter}${TEMPLATE_ROWS}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [range],
        // Subjects may list several (typed with 、), so a value outside the list is only a warning there.
        showErrorMessage: list.key !== 'subjects',
        errorStyle: list.key === 'subjects' ? 'warning' : 'stop',
        error: '请从下拉列表中选择',
      },
    );
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Reading an upload

/**
 * Counts and hashes the upload as it streams past, and stops it at once on content that is not an
 * xlsx (zip) file, on the size limit, or when the client stops sending for `idleMs`.
 */
class UploadGuard extends Transform {
  bytes = 0;
  readonly hash = createHash('sha256');
  private idle: NodeJS.Timeout;
  constructor(
    private readonly limit: number,
    idleMs: number,
  ) {
    super();
    this.idle = setTimeout(() => this.destroy(new AppError('UPLOAD_TIMEOUT')), idleMs);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.idle.refresh();
    if (this.bytes === 0 && !(chunk[0] === 0x50 && chunk[1] === 0x4b)) return done(new AppError('FILE_NOT_XLSX'));
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(this.limit / 1048576)} MB` }));
    this.hash.update(chunk);
    done(null, chunk);
  }
  override _final(done: (e?: Error | null) => void) {
    clearTimeout(this.idle);
    done();
  }
  override _destroy(err: Error | null, done: (e?: Error | null) => void) {
    clearTimeout(this.idle);
    done(err);
  }
}

/** The upload's zip directory against IMPORT_MAX_UNPACKED_BYTES, read from the spooled file. */
async function checkUnpackedSize(file: string, maxUnpacked: number): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    await assertUnpackedWithin(
      size,
      async (at, length) => {
        const buf = Buffer.alloc(length);
        await handle.read(buf, 0, length, at);
        return buf;
      },
      maxUnpacked,
    );
  } finally {
    await handle.close();
  }
}

type RowOutcome = { row: number; values: Record<string, string>; parsed: ParsedTeacherRow | null; issues: ImportRejectedRow['issues'] };

function pickOne<T extends string>(map: Map<string, T>, raw: string, labels: Record<T, string>, issues: RowOutcome['issues'], column: string): T | null {
  const code = map.get(raw) ?? map.get(raw.toLowerCase());
  if (!code) issues.push({ column, reason: 'oneOf', params: { values: labelList(labels) } });
  return code ?? null;
}

/** One data row to a teacher, or the reasons it cannot be one. */
export function parseRow(rowNumber: number, cells: Partial<Record<ImportColumnKey, CellValue>>, today: Date): RowOutcome {
  const issues: RowOutcome['issues'] = [];
  const values: Record<string, string> = {};
  for (const c of IMPORT_COLUMNS) {
    const v = cells[c.key];
    values[c.key] = typeof v === 'number' ? excelNumberText(v) : v instanceof Date ? v.toISOString().slice(0, 10) : cellText(v);
  }
  const issue = (key: ImportColumnKey, reason: ImportReason, params?: Record<string, string | number>) =>
    issues.push({ column: HEADER_OF[key], reason, ...(params ? { params } : {}) });
  for (const key of REQUIRED) if (!values[key]) issue(key, 'required');

  // Names are written without spaces between Chinese characters.
  const name = (values.name ?? '').replace(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/g, '');
  if ([...name].length > 20) issue('name', 'tooLong', { max: 20 });

  let gender: 'M' | 'F' | null = null;
  if (values.gender) {
    gender = values.gender === '男' || values.gender.toUpperCase() === 'M' ? 'M' : values.gender === '女' || values.gender.toUpperCase() === 'F' ? 'F' : null;
    if (!gender) issue('gender', 'gender');
  }
  let birthDate: string | null = null;
  if (values.birthDate) {
    birthDate = parseDateCell(cells.birthDate);
    if (!birthDate) issue('birthDate', 'date');
  }
  let idNumber = '';
  const idCell = parseIdCell(cells.idNumber);
  if (!idCell.ok) issue('idNumber', 'idAsNumber', { shown: idCell.shown });
  else if (idCell.value) {
    const identity = identityIssues(idCell.value, { gender, birthDate }, today);
    if (identity.ok) {
      idNumber = identity.idNumber;
      gender = identity.gender;
      birthDate = identity.birthDate;
    } else for (const i of identity.issues) issue(i.field, i.key);
  }
  const mobile = parseMobileCell(cells.mobile);
  if (mobile && !MOBILE_RE.test(mobile)) issue('mobile', 'mobile');
  const email = values.email || null;
  // The same rules as 添加教师 (zTeacherCreate).
  if (email && !zEmail.safeParse(email).success) issue('email', 'email');
  const stage = values.stage ? pickOne(STAGE_BY_LABEL, values.stage, TEACHER_LABELS_ZH.stage, issues, HEADER_OF.stage) : null;
  const title = values.title ? pickOne(TITLE_BY_LABEL, values.title, TEACHER_LABELS_ZH.title, issues, HEADER_OF.title) : null;
  const post = values.post ? pickOne(POST_BY_LABEL, values.post, TEACHER_LABELS_ZH.post, issues, HEADER_OF.post) : null;
  const status = values.status ? pickOne(STATUS_BY_LABEL, values.status, TEACHER_LABELS_ZH.status, issues, HEADER_OF.status) : 'in_service';
  const subjectParts = (values.subjects ?? '').split(SUBJECT_SEPARATORS).filter(Boolean);
  const subjects = [...new Set(subjectParts.map((s) => SUBJECT_BY_LABEL.get(s) ?? SUBJECT_BY_LABEL.get(s.toLowerCase())))];
  if (values.subjects && (subjects.includes(undefined) || subjects.length > 4)) issue('subjects', 'subjects', { values: labelList(TEACHER_LABELS_ZH.subject) });

  if (issues.length || !stage || !title || !post || !status || !gender || !birthDate) return { row: rowNumber, values, parsed: null, issues };
  return {
    row: rowNumber,
    values,
    parsed: { name, idNumber, gender, birthDate, mobile, email, stage, subjects: subjects as ParsedTeacherRow['subjects'], title, post, status },
    issues,
  };
}

type Header = { columns: Map<number, ImportColumnKey>; ignored: string[] };

/** The header row: the first row naming at least two template columns (a title row above it is fine). */
function readHeader(values: CellValue[]): Header | null {
  const columns = new Map<number, ImportColumnKey>();
  const ignored: string[] = [];
  const seen = new Set<ImportColumnKey>();
  values.forEach((v, i) => {
    const text = cellText(v);
    if (!text) return;
    const key = columnOfHeader(text);
    if (key && !seen.has(key)) {
      seen.add(key);
      columns.set(i, key);
    } else ignored.push(text);
  });
  if (columns.size < 2) return null;
  const missing = REQUIRED.filter((k) => !seen.has(k));
  if (missing.length) throw new AppError('IMPORT_NO_HEADER', { columns: missing.map((k) => HEADER_OF[k]).join('、') });
  return { columns, ignored };
}

// ---------------------------------------------------------------------------------------------
// Committing

type Counters = { total: number; created: number; existing: number; rejected: RowOutcome[] };

/**
 * Checks a chunk against the province's records and within the file, then (when allowed) writes
 * its new teachers: accounts, teacher identities and records in three statements.
 */
async function flushChunk(
  tx: Tx,
  chunk: RowOutcome[],
  ctx: { schoolId: number; year: number; write: boolean; seenIds: Map<string, number>; seenMobiles: Map<string, number> },
  counters: Counters,
) {
  // One array parameter per lookup rather than a thousand bound values (the query builder's cost).
  const candidates = chunk.filter((r) => r.parsed) as (RowOutcome & { parsed: ParsedTeacherRow })[];
  const ids = candidates.map((r) => r.parsed.idNumber);
  const mobiles = candidates.map((r) => r.parsed.mobile);
  const known = ids.length
    ? await tx
        .select({ idNumber: accounts.idNumber, shixunNo: accounts.shixunNo, schoolId: teachers.schoolId, schoolName: schools.name })
        .from(accounts)
        .leftJoin(teachers, eq(teachers.accountId, accounts.id))
        .leftJoin(schools, eq(schools.id, teachers.schoolId))
        .where(sql`${accounts.idNumber} = any(${sql.param(ids)}::text[])`)
    : [];
  const byId = new Map(known.map((k) => [k.idNumber, k]));
  const owners = mobiles.length
    ? await tx
        .select({ mobile: accounts.mobile, idNumber: accounts.idNumber })
        .from(accounts)
        .where(sql`${accounts.mobile} = any(${sql.param(mobiles)}::text[])`)
    : [];
  const mobileOwner = new Map(owners.map((o) => [o.mobile, o.idNumber]));
  const fresh: (RowOutcome & { parsed: ParsedTeacherRow })[] = [];
  for (const r of chunk) {
    const p = r.parsed;
    if (!p) {
      counters.rejected.push(r);
      continue;
    }
    const issue = (column: ImportColumnKey, reason: ImportReason, params?: Record<string, string | number>) =>
      r.issues.push({ column: HEADER_OF[column], reason, ...(params ? { params } : {}) });
    const firstId = ctx.seenIds.get(p.idNumber);
    if (firstId !== undefined) issue('idNumber', 'duplicateInFile', { row: firstId });
    else ctx.seenIds.set(p.idNumber, r.row);
    const k = byId.get(p.idNumber);
    if (k && k.schoolId === ctx.schoolId && firstId === undefined) {
      // Already ours: a re-import of the same file changes nothing.
      counters.existing += 1;
      continue;
    }
    // A repeat of an earlier row may find that row already written by this import: the repeat is the only problem.
    if (k && firstId === undefined) issue('idNumber', 'registered', { shixunNo: k.shixunNo ?? '', where: k.schoolName ?? '自由人' });
    const firstMobile = ctx.seenMobiles.get(p.mobile);
    if (firstMobile !== undefined) issue('mobile', 'duplicateInFile', { row: firstMobile });
    else ctx.seenMobiles.set(p.mobile, r.row);
    const owner = mobileOwner.get(p.mobile);
    if (owner !== undefined && owner !== p.idNumber) issue('mobile', 'mobileTaken');
    if (r.issues.length) counters.rejected.push(r);
    else fresh.push({ ...r, parsed: p });
  }
  counters.created += fresh.length;
  if (!ctx.write || fresh.length === 0) return;
  const shixunNos = await issueShixunNos(tx, fresh.length, ctx.year);
  // Column arrays through unnest(): three statements per chunk with a dozen parameters in all,
  // instead of thousands of bound values assembled one by one (6× faster, see bench/RESULTS.md).
  const col = (f: (p: ParsedTeacherRow) => string | null) => sql.param(fresh.map((r) => f(r.parsed)));
  const created = await tx.execute<{ id: number; id_number: string }>(sql`
    insert into accounts (real_name, id_number, shixun_no, mobile, must_change_password)
    select u.name, u.id_number, u.shixun_no, u.mobile, true
    from unnest(${col((p) => p.name)}::text[], ${col((p) => p.idNumber)}::text[], ${sql.param(shixunNos)}::text[], ${col((p) => p.mobile)}::text[])
      as u(name, id_number, shixun_no, mobile)
    returning id, id_number`);
  const accountOf = new Map(created.rows.map((a) => [a.id_number, a.id]));
  const accountIds = sql.param(fresh.map((r) => accountOf.get(r.parsed.idNumber) as number));
  await tx.execute(sql`insert into account_roles (account_id, role, school_id) select a, 'teacher', ${ctx.schoolId} from unnest(${accountIds}::int[]) as a`);
  await tx.execute(sql`
    insert into teachers (account_id, school_id, gender, birth_date, stage, subjects, title, post, email, status)
    select u.account_id, ${ctx.schoolId}, u.gender, u.birth_date, u.stage, string_to_array(u.subjects, ','), u.title, u.post, u.email, u.status
    from unnest(${accountIds}::int[], ${col((p) => p.gender)}::text[], ${col((p) => p.birthDate)}::text[], ${col((p) => p.stage)}::text[],
      ${col((p) => p.subjects.join(','))}::text[], ${col((p) => p.title)}::text[], ${col((p) => p.post)}::text[], ${col((p) => p.email)}::text[],
      ${col((p) => p.status)}::text[])
      as u(account_id, gender, birth_date, stage, subjects, title, post, email, status)`);
}

/** Thrown inside the transaction to undo an all-or-nothing import that found bad rows. */
class Undo extends Error {}

/**
 * TCH-2: streams an uploaded workbook, validates every row, and commits the new teachers in one
 * transaction, either all or nothing (`all`) or the valid ones (`valid`). Teachers already in the
 * school are skipped, so importing the same file twice adds no one twice.
 */
export async function importTeachers(
  deps: TeachersDeps & { maxBytes: number; maxUnpacked: number },
  actor: Actor,
  input: Readable,
  opts: { mode: 'all' | 'valid'; fileName: string; schoolId?: number },
  meta: RequestMeta,
  lang: Lang,
): Promise<ImportResult> {
  if (!canManageTeachers(actor)) throw new AppError('FORBIDDEN');
  // The upload goes to a temporary file first: no transaction waits on a slow client, and the
  // zip directory can be checked before anything is unpacked.
  const file = path.join(os.tmpdir(), `sx-import-${randomUUID()}.xlsx`);
  try {
    const guard = await spoolUpload(input, file, { maxBytes: deps.maxBytes, idleMs: UPLOAD_IDLE_MS });
    await checkUnpackedSize(file, deps.maxUnpacked);
    return await importFile(deps, actor, file, guard, opts, meta, lang);
  } finally {
    await fs.promises.rm(file, { force: true });
  }
}

/** How long an upload may stall before it is dropped. */
const UPLOAD_IDLE_MS = 30_000;

/** Writes an upload to `file`, refusing non-xlsx content, oversize bodies and stalls. */
export async function spoolUpload(input: Readable, file: string, limits: { maxBytes: number; idleMs: number }): Promise<UploadGuard> {
  const guard = new UploadGuard(limits.maxBytes, limits.idleMs);
  await pipeline(input, guard, fs.createWriteStream(file));
  return guard;
}

async function importFile(
  deps: TeachersDeps,
  actor: Actor,
  file: string,
  guard: UploadGuard,
  opts: { mode: 'all' | 'valid'; fileName: string; schoolId?: number },
  meta: RequestMeta,
  lang: Lang,
): Promise<ImportResult> {
  const today = deps.clock.now();
  const counters: Counters = { total: 0, created: 0, existing: 0, rejected: [] };
  let header: Header | null = null;
  let school: Awaited<ReturnType<typeof targetSchool>> | null = null;
  const record = async (tx: Tx, state: 'committed' | 'rejected') => {
    const s = school as NonNullable<typeof school>;
    const [row] = await tx
      .insert(teacherImports)
      .values({
        schoolId: s.id,
        accountId: actor.accountId,
        fileName: opts.fileName,
        fileSha256: guard.hash.copy().digest('hex'),
        mode: opts.mode,
        state,
        totalRows: counters.total,
        created: state === 'committed' ? counters.created : 0,
        existing: counters.existing,
        rejected: counters.rejected.length,
        ignoredColumns: header?.ignored ?? [],
        rejectedRows: counters.rejected.map((r) => ({ row: r.row, values: r.values, issues: r.issues })),
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    return row;
  };
  try {
    const saved = await deps.db.transaction(async (tx) => {
      school = await targetSchool(tx, actor, opts.schoolId);
      const ctx = { schoolId: school.id, year: today.getFullYear(), write: true, seenIds: new Map<string, number>(), seenMobiles: new Map<string, number>() };
      let chunk: RowOutcome[] = [];
      // The database works on one chunk while the next is read and parsed; chunks still reach it
      // one at a time and in order.
      let writing: Promise<void> = Promise.resolve();
      const flush = async () => {
        const rows = chunk;
        chunk = [];
        await writing;
        // An all-or-nothing import stops writing at the first bad row but goes on checking.
        ctx.write = opts.mode === 'valid' || counters.rejected.length === 0;
        writing = flushChunk(tx, rows, ctx, counters);
        // Awaited by the next flush; never an unhandled rejection if reading fails first.
        writing.catch(() => {});
      };
      try {
        let read = 0;
        for await (const { number, values: cellValues } of firstSheetRows(file)) {
          const values = cellValues as CellValue[];
          // Every row counts against the limit, empty ones too: the work is in reading them.
          read += 1;
          if (read > IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS', { max: IMPORT_MAX_ROWS });
          if (!header) {
            header = readHeader(values);
            if (!header && read >= HEADER_SEARCH_ROWS) break;
            continue;
          }
          const cells: Partial<Record<ImportColumnKey, CellValue>> = {};
          let empty = true;
          for (const [col, key] of header.columns) {
            const v = values[col];
            cells[key] = v;
            if (empty && cellText(v) !== '') empty = false;
          }
          if (empty) continue;
          counters.total += 1;
          if (counters.total > IMPORT_MAX_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS', { max: IMPORT_MAX_ROWS });
          chunk.push(parseRow(number, cells, today));
          if (chunk.length >= CHUNK) await flush();
        }
      } finally {
        // Never leave a statement running when the transaction ends early.
        await writing.catch(() => {});
      }
      if (!header) throw new AppError('IMPORT_NO_HEADER', { columns: REQUIRED.map((k) => HEADER_OF[k]).join('、') });
      await flush();
      await writing;
      if (opts.mode === 'all' && counters.rejected.length > 0) throw new Undo();
      const row = await record(tx, 'committed');
      await writeAudit(tx, {
        action: 'teacher.imported',
        actor: actorRef(actor),
        target: { type: 'school', id: school.id, label: school.name },
        detail: { import: row.id, fileName: opts.fileName, created: counters.created, existing: counters.existing, rejected: counters.rejected.length },
        unit: schoolAuditUnit(school),
        ...meta,
      });
      return row;
    });
    return presentImport(saved, school as unknown as { name: string }, actor.realName, lang);
  } catch (e) {
    if (!(e instanceof Undo)) throw e;
    // Nothing was written; keep the report so the admin can download the rejected rows.
    const saved = await record(deps.db, 'rejected');
    return presentImport(saved, school as unknown as { name: string }, actor.realName, lang);
  }
}

const ISSUES_SHOWN = 200;

function presentImport(row: typeof teacherImports.$inferSelect, school: { name: string }, uploadedBy: string, lang: Lang): ImportResult {
  const issues: ImportResult['issues'] = [];
  // A refused import can hold 100,000 rows: stop reading them once the page is full.
  rows: for (const r of row.rejectedRows) {
    for (const i of r.issues) {
      if (issues.length >= ISSUES_SHOWN) break rows;
      issues.push({ row: r.row, column: i.column, message: renderReason(i as Parameters<typeof renderReason>[0], lang) });
    }
  }
  return {
    id: row.id,
    fileName: row.fileName,
    mode: row.mode,
    state: row.state,
    schoolName: school.name,
    totalRows: row.totalRows,
    created: row.created,
    existing: row.existing,
    rejected: row.rejected,
    ignoredColumns: row.ignoredColumns,
    issues,
    createdAt: new Date(row.createdAt).toISOString(),
    uploadedBy,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading results back

const { rejectedRows: _details, ...IMPORT_SUMMARY } = getTableColumns(teacherImports);

/**
 * Imports I may read: my school's (a bureau: its own uploads). Lists leave out the refused rows,
 * which can run to megabytes per import.
 */
function importsOf<C extends typeof IMPORT_SUMMARY>(db: Tx, actor: Actor, columns: C, where?: SQL) {
  if (!canManageTeachers(actor)) throw new AppError('FORBIDDEN');
  const mine = actor.scope.kind === 'school' ? eq(teacherImports.schoolId, actor.scope.schoolId) : eq(teacherImports.accountId, actor.accountId);
  return db
    .select({ i: columns, schoolName: schools.name, uploadedBy: accounts.realName })
    .from(teacherImports)
    .innerJoin(schools, eq(schools.id, teacherImports.schoolId))
    .innerJoin(accounts, eq(accounts.id, teacherImports.accountId))
    .where(and(mine, where));
}

async function findImport(db: Tx, actor: Actor, id: number) {
  const [row] = await importsOf(db, actor, getTableColumns(teacherImports), eq(teacherImports.id, id));
  if (!row) throw notFound('import');
  return row;
}

export async function getImport(db: Db, actor: Actor, id: number, lang: Lang) {
  const row = await findImport(db, actor, id);
  return presentImport(row.i, { name: row.schoolName }, row.uploadedBy, lang);
}

/** My school's imports (a bureau: its own), newest first, without the row details. */
export async function listImports(db: Db, actor: Actor, lang: Lang) {
  const rows = await importsOf(db, actor, IMPORT_SUMMARY).orderBy(desc(teacherImports.id)).limit(20);
  return rows.map((r) => presentImport({ ...r.i, rejectedRows: [] }, { name: r.schoolName }, r.uploadedBy, lang));
}

/**
 * The rejected-rows workbook: every refused row with its number, column and reason, and the same
 * rows again in template form, so they can be corrected and imported as they are.
 */
export async function rejectedRowsWorkbook(db: Db, actor: Actor, id: number, lang: Lang): Promise<{ fileName: string; body: Buffer }> {
  const { i } = await findImport(db, actor, id);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shixun';
  const list = wb.addWorksheet('错误明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: '行号', width: 8 },
    { header: '列', width: 14 },
    { header: '原因', width: 70 },
  ];
  list.getRow(1).font = { bold: true };
  for (const r of i.rejectedRows)
    for (const issue of r.issues) list.addRow([r.row, issue.column, renderReason(issue as Parameters<typeof renderReason>[0], lang)]);
  const fix = addTeacherSheet(wb, '待修正数据');
  for (const r of i.rejectedRows) fix.addRow(IMPORT_COLUMNS.map((c) => r.values[c.key] ?? ''));
  const base = i.fileName.replace(/\.xlsx$/i, '');
  return { fileName: `${base}-未导入行.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}

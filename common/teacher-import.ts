import type { Lang } from './i18n/errors.js';
import { normaliseIdNumber } from './id-card.js';
import {
  POSTS,
  type Post,
  SUBJECTS,
  type Subject,
  TEACHER_LABELS_ZH,
  TEACHER_STAGES,
  TEACHER_STATUSES,
  type TeacherStage,
  type TeacherStatus,
  TITLES,
  type Title,
} from './teachers.js';

/**
 * TCH-2 批量导入: the columns of the teacher import template, matched by header text (so extra and
 * reordered columns are fine). Required columns are marked * in the template.
 */
export const IMPORT_COLUMNS = [
  { key: 'name', header: '姓名', required: true, aliases: ['教师姓名', '名字'] },
  { key: 'idNumber', header: '身份证号', required: true, aliases: ['身份证号码', '身份证', '证件号码', '公民身份号码'] },
  { key: 'gender', header: '性别', required: false, aliases: [] },
  { key: 'birthDate', header: '出生日期', required: false, aliases: ['出生年月日', '生日'] },
  { key: 'mobile', header: '手机号', required: true, aliases: ['手机', '手机号码', '联系电话'] },
  { key: 'email', header: '电子邮箱', required: false, aliases: ['邮箱', 'Email', 'E-mail'] },
  { key: 'stage', header: '任教学段', required: true, aliases: ['学段'] },
  { key: 'subjects', header: '任教学科', required: true, aliases: ['学科'] },
  { key: 'title', header: '职称', required: true, aliases: ['专业技术职务'] },
  { key: 'post', header: '岗位', required: true, aliases: ['岗位类别'] },
  { key: 'status', header: '在职状态', required: false, aliases: ['状态'] },
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

/** Full-width letters, digits and punctuation to their ordinary forms; every kind of space trimmed. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A header as typed: '* 姓名（必填）' and '姓 名' both mean 姓名. */
export function normaliseHeader(s: string): string {
  return normaliseText(s)
    .replace(/[*＊]/g, '')
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/\s/g, '')
    .toLowerCase();
}

const HEADER_INDEX = new Map<string, ImportColumnKey>(
  IMPORT_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [normaliseHeader(h), c.key] as [string, ImportColumnKey])),
);

export function columnOfHeader(header: string): ImportColumnKey | undefined {
  return HEADER_INDEX.get(normaliseHeader(header));
}

/** Why a row (or one of its cells) was refused, rendered in the reader's language. */
export const IMPORT_REASONS = {
  required: { 'zh-CN': '必填', 'en-US': 'is required' },
  tooLong: { 'zh-CN': '不能超过 {max} 个字', 'en-US': 'must be at most {max} characters' },
  idNumber: { 'zh-CN': '身份证号不正确（18 位，最后一位校验码可为 X）', 'en-US': 'is not a valid 18-character ID number' },
  idAsNumber: {
    'zh-CN': '身份证号被 Excel 存成了数字，后几位已丢失（显示为 {shown}）；请把该列设为“文本”后重新填写',
    'en-US': 'was stored by Excel as a number and lost its last digits (shows {shown}); format the column as text and type it again',
  },
  idRegion: { 'zh-CN': '身份证号的地区码不存在', 'en-US': 'has a region code that does not exist' },
  idMismatch: { 'zh-CN': '与身份证号不一致', 'en-US': 'does not match the ID number' },
  ageRange: { 'zh-CN': '年龄应在 18 到 70 岁之间', 'en-US': 'must give an age between 18 and 70' },
  date: { 'zh-CN': '日期无法识别（可写作 1988-03-15）', 'en-US': 'is not a date (write e.g. 1988-03-15)' },
  gender: { 'zh-CN': '应为“男”或“女”', 'en-US': 'must be 男 or 女' },
  mobile: { 'zh-CN': '应为 11 位手机号', 'en-US': 'must be an 11-digit mobile number' },
  email: { 'zh-CN': '邮箱格式不正确', 'en-US': 'is not an email address' },
  oneOf: { 'zh-CN': '应为下拉列表中的一项：{values}', 'en-US': 'must be one of the list: {values}' },
  subjects: { 'zh-CN': '应为 1–4 个学科，用“、”分隔：{values}', 'en-US': 'must be 1–4 subjects separated by 、: {values}' },
  duplicateInFile: { 'zh-CN': '与第 {row} 行重复', 'en-US': 'repeats row {row}' },
  registered: {
    'zh-CN': '已在全省登记（师训号 {shixunNo}，{where}），请使用“教师调动”',
    'en-US': 'is already registered (师训号 {shixunNo}, {where}); use a transfer',
  },
  mobileTaken: { 'zh-CN': '已被其他账号使用', 'en-US': 'is used by another account' },
} as const satisfies Record<string, Record<Lang, string>>;
export type ImportReason = keyof typeof IMPORT_REASONS;

export type ImportIssue = { row: number; column: string; reason: ImportReason; params?: Record<string, string | number> };

export function renderReason(issue: Pick<ImportIssue, 'reason' | 'params'>, lang: Lang): string {
  return IMPORT_REASONS[issue.reason][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(issue.params?.[k] ?? ''));
}

function byLabel<T extends string>(codes: readonly T[], labels: Record<T, string>): Map<string, T> {
  const m = new Map<string, T>();
  for (const code of codes) {
    m.set(code.toLowerCase(), code);
    m.set(normaliseText(labels[code]), code);
  }
  return m;
}

export const STAGE_BY_LABEL = byLabel(TEACHER_STAGES, TEACHER_LABELS_ZH.stage);
export const SUBJECT_BY_LABEL = byLabel(SUBJECTS, TEACHER_LABELS_ZH.subject);
export const TITLE_BY_LABEL = byLabel(TITLES, TEACHER_LABELS_ZH.title);
export const POST_BY_LABEL = byLabel(POSTS, TEACHER_LABELS_ZH.post);
export const STATUS_BY_LABEL = byLabel(TEACHER_STATUSES, TEACHER_LABELS_ZH.status);
// Common ways of writing the same thing.
SUBJECT_BY_LABEL.set('政治', 'politics');
SUBJECT_BY_LABEL.set('思想品德', 'politics');
SUBJECT_BY_LABEL.set('体育', 'pe');
SUBJECT_BY_LABEL.set('信息科技', 'it');
SUBJECT_BY_LABEL.set('心理', 'psychology');
STAGE_BY_LABEL.set('学前', 'kindergarten');
STAGE_BY_LABEL.set('幼儿教育', 'kindergarten');
TITLE_BY_LABEL.set('无', 'none');
TITLE_BY_LABEL.set('未定级', 'none');

/** A cell as the spreadsheet reader hands it over. */
export type CellValue = string | number | boolean | Date | null | undefined | { text?: string; richText?: { text: string }[]; result?: unknown };

/** The text of a cell (rich text, formula results and hyperlinks included). */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return normaliseText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v.richText)) return normaliseText(v.richText.map((p) => p.text).join(''));
  if (v.result !== undefined) return cellText(v.result as CellValue);
  if (typeof v.text === 'string') return normaliseText(v.text);
  return '';
}

/** Excel's serial day numbers (1900 date system) to a calendar date. */
function fromSerial(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n > 80_000) return null;
  const ms = Math.round((n - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Dates as people store them: real Excel dates, serial numbers, 1988-3-15, 1988/03/15, 1988.3.15, 1988年3月15日, 19880315. */
export function parseDateCell(v: CellValue): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return /^\d{8}$/.test(String(v)) ? parseDateCell(String(v)) : fromSerial(v);
  const s = cellText(v).replace(/\s/g, '');
  let m = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = s.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/**
 * An ID-number cell. A number cell cannot hold an 18-digit ID exactly (Excel keeps 15 significant
 * digits and no X), so it is always refused, showing what Excel kept.
 */
export function parseIdCell(v: CellValue): { ok: true; value: string } | { ok: false; shown: string } {
  if (typeof v === 'number') return { ok: false, shown: excelNumberText(v) };
  return { ok: true, value: normaliseIdNumber(cellText(v)) };
}

/** A number as Excel shows it: 15 significant digits, the rest zeros. */
export function excelNumberText(v: number): string {
  if (!Number.isInteger(v) || Math.abs(v) < 1e15) return String(v);
  const [mantissa = '', exp = '0'] = v.toExponential(14).split('e');
  return mantissa.replace(/[.-]/g, '').padEnd(Number(exp) + 1, '0');
}

export function parseMobileCell(v: CellValue): string {
  return cellText(v)
    .replace(/[\s-]/g, '')
    .replace(/^\+?86/, '');
}

export const SUBJECT_SEPARATORS = /[、,，;；/\s]+/;

export type ParsedTeacherRow = {
  name: string;
  idNumber: string;
  gender: 'M' | 'F';
  birthDate: string;
  mobile: string;
  email: string | null;
  stage: TeacherStage;
  subjects: Subject[];
  title: Title;
  post: Post;
  status: TeacherStatus;
};

export function labelList(labels: Record<string, string>): string {
  return Object.values(labels).join('、');
}

/**
 * Printable Chinese documents as PDF (pdf-lib + fontkit, CJK font embedded as a subset).
 *
 * Fonts, in this order: the caller's `fontPath` (a TTF/OTF/TTC file), then a system Noto Sans CJK /
 * Source Han Sans (Debian's `fonts-noto-cjk`), then Noto Sans SC shipped in the npm package
 * `@expo-google-fonts/noto-sans-sc` (SIL OFL 1.1), so a fresh `npm install` prints Chinese with no
 * system fonts at all. A character the first font lacks is taken from the next one that has it;
 * one that no font has fails the render with a `PdfFontError` instead of printing a blank box.
 *
 * Upstream `fontkit` 2.x is used rather than `@pdf-lib/fontkit`: that fork (1.1.1, unmaintained)
 * writes broken subsets of CID-keyed CFF fonts (Noto Sans CJK: poppler rejects the whole font) and
 * drops glyphs of TrueType subsets. pdf-lib only needs `create()`, plus `encodeStream()` on subsets,
 * which is adapted below.
 */
import { type Dirent, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import {
  type Color,
  grayscale,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setLineWidth,
  setStrokingColor,
  setTextRenderingMode,
  TextRenderingMode,
} from 'pdf-lib';

export type ProofEntry = {
  year: number;
  project: string;
  institution: string;
  startDate: string;
  endDate: string;
  hours: number;
  category: string;
  result: string;
};
export type LearningProof = {
  /** e.g. '学习证明' */
  title: string;
  holder: { name: string; gender: string; idNumber: string; shixunNo: string; school: string };
  /** may be long: continues onto more pages, each repeating the table header */
  entries: ProofEntry[];
  totalHours: number;
  /** e.g. '浙江省教师培训管理平台' */
  issuer: string;
  /** 'YYYY-MM-DD' */
  issuedOn: string;
  /** document number, shown on every page */
  serial: string;
  /** a TTF/OTF/TTC font to use before the system and packaged ones */
  fontPath?: string;
};

/** No usable font, or a character that no available font can print. */
export class PdfFontError extends Error {
  override name = 'PdfFontError';
}

export const PDF_CONTENT_TYPE = 'application/pdf';

/* ------------------------------------------------------------------------------------------ */
/* Fonts                                                                                        */
/* ------------------------------------------------------------------------------------------ */

export type PdfFontSource = 'custom' | 'system' | 'package';
type FontFile = { file: string; source: PdfFontSource; bold: boolean };
type Face = FontFile & { font: fontkit.Font; bytes: Buffer };

/** Where Linux distributions and macOS keep fonts; searched a few levels deep, once per process. */
const SYSTEM_FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', path.join(os.homedir(), '.local/share/fonts'), '/Library/Fonts'];
/** Simplified-Chinese sans faces by file name, best first (Debian/Fedora/Arch Noto CJK, Adobe's Source Han Sans). */
const SYSTEM_FONT_NAMES = {
  regular: [
    'NotoSansCJK-Regular.ttc',
    'NotoSansCJKsc-Regular.otf',
    'NotoSansSC-Regular.otf',
    'NotoSansSC-Regular.ttf',
    'SourceHanSans-Regular.ttc',
    'SourceHanSansSC-Regular.otf',
    'SourceHanSansCN-Regular.otf',
  ],
  bold: [
    'NotoSansCJK-Bold.ttc',
    'NotoSansCJKsc-Bold.otf',
    'NotoSansSC-Bold.otf',
    'NotoSansSC-Bold.ttf',
    'SourceHanSans-Bold.ttc',
    'SourceHanSansSC-Bold.otf',
    'SourceHanSansCN-Bold.otf',
  ],
};
const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const PACKAGE_FONT_FILES = { regular: '400Regular/NotoSansSC_400Regular.ttf', bold: '700Bold/NotoSansSC_700Bold.ttf' };

let systemFonts: { regular?: string; bold?: string } | undefined;

function findSystemFonts(): { regular?: string; bold?: string } {
  if (systemFonts) return systemFonts;
  const wanted = new Set([...SYSTEM_FONT_NAMES.regular, ...SYSTEM_FONT_NAMES.bold]);
  const found = new Map<string, string>();
  const walk = (dir: string, depth: number) => {
    let items: Dirent[];
    try {
      items = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const item of items) {
      const full = path.join(dir, item.name);
      if (item.isDirectory() && depth < 5) walk(full, depth + 1);
      else if (wanted.has(item.name) && !found.has(item.name)) found.set(item.name, full);
    }
  };
  for (const dir of SYSTEM_FONT_DIRS) walk(dir, 0);
  const first = (names: string[]) => names.map((n) => found.get(n)).find((f) => f !== undefined);
  systemFonts = { regular: first(SYSTEM_FONT_NAMES.regular), bold: first(SYSTEM_FONT_NAMES.bold) };
  return systemFonts;
}

function packageFonts(): { regular: string; bold: string } | undefined {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`));
    return { regular: path.join(dir, PACKAGE_FONT_FILES.regular), bold: path.join(dir, PACKAGE_FONT_FILES.bold) };
  } catch {
    return undefined;
  }
}

/** The font files to try, best first; bold faces come from the system or the package, never from `fontPath`. */
function fontStacks(fontPath?: string): { regular: FontFile[]; bold: FontFile[] } {
  const regular: FontFile[] = [];
  const bold: FontFile[] = [];
  if (fontPath) regular.push({ file: path.resolve(fontPath), source: 'custom', bold: false });
  const sys = findSystemFonts();
  if (sys.regular) regular.push({ file: sys.regular, source: 'system', bold: false });
  if (sys.bold) bold.push({ file: sys.bold, source: 'system', bold: true });
  const pkg = packageFonts();
  if (pkg) {
    regular.push({ file: pkg.regular, source: 'package', bold: false });
    bold.push({ file: pkg.bold, source: 'package', bold: true });
  }
  return { regular, bold: fontPath ? [] : bold };
}

const fontCache = new Map<string, Promise<{ font: fontkit.Font; bytes: Buffer } | null>>();

/** Reads and parses a font file once per process; null when it is missing or unusable, except for `fontPath`, which throws. */
async function loadFace(f: FontFile): Promise<Face | null> {
  let parsed = fontCache.get(f.file);
  if (!parsed) {
    parsed = readFile(f.file).then(
      (bytes) => {
        const created = fontkit.create(bytes);
        const font = 'fonts' in created ? pickFace(created.fonts) : created;
        if (!font) throw new PdfFontError(`not a usable font: ${f.file}`);
        return { font: withSubsetStream(font), bytes };
      },
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' || err.code === 'EISDIR') return null;
        throw err;
      },
    );
    parsed.catch(() => fontCache.delete(f.file));
    fontCache.set(f.file, parsed);
  }
  try {
    const loaded = await parsed;
    if (loaded) return { ...f, ...loaded };
    if (f.source === 'custom') throw new PdfFontError(`font file not found: ${f.file}`);
    return null;
  } catch (err) {
    if (f.source !== 'custom') return null;
    throw err instanceof PdfFontError ? err : new PdfFontError(`cannot read font ${f.file}: ${String(err)}`);
  }
}

/** In a collection (.ttc) take the Simplified Chinese face (NotoSansCJKsc-*, SourceHanSansSC-*), else the first. */
function pickFace(fonts: fontkit.Font[]): fontkit.Font | undefined {
  const proportional = fonts.filter((f) => !/mono/i.test(f.postscriptName ?? ''));
  return proportional.find((f) => /(CJKsc|SC|CN)-/.test(f.postscriptName ?? '')) ?? proportional[0] ?? fonts[0];
}

/** pdf-lib's subset embedder reads `subset.encodeStream()`, which fontkit 2 replaced by `encode()`. */
function withSubsetStream(font: fontkit.Font): fontkit.Font {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset() as fontkit.Subset & { encodeStream?: () => unknown };
    subset.encodeStream = () => {
      const handlers: Record<string, (arg?: unknown) => void> = {};
      const stream = {
        on(event: string, fn: (arg?: unknown) => void) {
          handlers[event] = fn;
          return stream;
        },
      };
      setImmediate(() => {
        try {
          handlers.data?.(subset.encode());
          handlers.end?.();
        } catch (err) {
          handlers.error?.(err);
        }
      });
      return stream;
    };
    return subset;
  };
  return font;
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

async function embedFace(doc: PDFDocument, face: Face): Promise<PDFFont> {
  // pdf-lib parses the bytes through the registered fontkit: hand it the face parsed once per process.
  doc.registerFontkit({ create: () => face.font } as unknown as Fontkit);
  return doc.embedFont(face.bytes, { subset: true });
}

/** Which font would print regular text for this `fontPath`, and from where. */
export async function describePdfFont(fontPath?: string): Promise<{ source: PdfFontSource; file: string; postscriptName: string } | null> {
  for (const f of fontStacks(fontPath).regular) {
    const face = await loadFace(f);
    if (face) return { source: face.source, file: face.file, postscriptName: face.font.postscriptName };
  }
  return null;
}

type Style = 'regular' | 'bold';
type Slot = { font: PDFFont; fakeBold: boolean };

/** Removes what no font draws (control and zero-width characters, variation selectors); tabs and line breaks become spaces. */
export function cleanText(text: string): string {
  return text.replace(/[\t\r\n\u00a0]/g, ' ').replace(/[\p{Cc}\p{Cf}\p{Variation_Selector}]/gu, '');
}

/**
 * The fonts of one document: every character of `texts` is mapped to the first font that has it.
 * Bold text uses a bold face when there is one, else the regular font drawn with a thin outline.
 */
class Typesetter {
  private readonly slots: Record<Style, Map<number, Slot>> = { regular: new Map(), bold: new Map() };
  private readonly widths = new Map<string, number>();

  static async create(doc: PDFDocument, texts: Record<Style, Iterable<string>>, fontPath?: string): Promise<Typesetter> {
    const stacks = fontStacks(fontPath);
    if (stacks.regular.length === 0) throw new PdfFontError(`no CJK font: pass fontPath, install fonts-noto-cjk, or install the npm package ${FONT_PACKAGE}`);
    const ts = new Typesetter();
    const embedded = new Map<string, Promise<PDFFont>>();
    const embed = (face: Face) => {
      let font = embedded.get(face.file);
      if (!font) {
        font = embedFace(doc, face);
        embedded.set(face.file, font);
      }
      return font;
    };
    const missing = new Set<number>();
    let usable = false;
    for (const style of ['regular', 'bold'] as const) {
      const candidates = style === 'bold' ? [...stacks.bold, ...stacks.regular] : stacks.regular;
      const codePoints = new Set<number>();
      for (const text of texts[style]) for (const ch of text) if (ch !== '\n') codePoints.add(ch.codePointAt(0) ?? 0);
      for (const cp of codePoints) {
        let slot: Slot | undefined;
        for (const file of candidates) {
          // Sequential on purpose: embedding registers the face's fontkit on the document just before use.
          const face = await loadFace(file);
          if (!face) continue;
          usable = true;
          if (face.font.hasGlyphForCodePoint(cp)) {
            slot = { font: await embed(face), fakeBold: style === 'bold' && !face.bold };
            break;
          }
        }
        if (slot) ts.slots[style].set(cp, slot);
        else missing.add(cp);
      }
    }
    if (!usable) throw new PdfFontError(`no CJK font could be read (tried ${stacks.regular.map((f) => f.file).join(', ')})`);
    if (missing.size > 0) {
      const list = [...missing].map((cp) => `"${String.fromCodePoint(cp)}" U+${cp.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
      throw new PdfFontError(`no available font has a glyph for ${list}`);
    }
    return ts;
  }

  private slot(ch: string, style: Style): Slot {
    const slot = this.slots[style].get(ch.codePointAt(0) ?? 0);
    if (!slot) throw new Error(`pdf: character ${JSON.stringify(ch)} was not declared before layout`);
    return slot;
  }

  width(text: string, size: number, style: Style = 'regular'): number {
    let w = 0;
    for (const ch of text) {
      const key = `${style}:${ch}`;
      let cw = this.widths.get(key);
      if (cw === undefined) {
        cw = this.slot(ch, style).font.widthOfTextAtSize(ch, 1000) / 1000;
        this.widths.set(key, cw);
      }
      w += cw;
    }
    return w * size;
  }

  /** Draws one line at baseline (x, y), switching fonts where a character comes from a fallback. */
  draw(page: PDFPage, text: string, x: number, y: number, size: number, style: Style = 'regular', color: Color = INK): void {
    let run = '';
    let runSlot: Slot | undefined;
    let cx = x;
    const flush = () => {
      if (!run || !runSlot) return;
      if (runSlot.fakeBold) {
        page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.FillAndOutline), setLineWidth(size * 0.03), setStrokingColor(color));
      }
      page.drawText(run, { x: cx, y, size, font: runSlot.font, color });
      if (runSlot.fakeBold) page.pushOperators(popGraphicsState());
      cx += this.width(run, size, style);
      run = '';
    };
    for (const ch of text) {
      const slot = this.slot(ch, style);
      if (slot !== runSlot) {
        flush();
        runSlot = slot;
      }
      run += ch;
    }
    flush();
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Line breaking                                                                                */
/* ------------------------------------------------------------------------------------------ */

/** May not begin a line (closing brackets and quotes, sentence punctuation). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉〗’”…—～·％‰℃,.;:?!)]}%']);
/** May not end a line (opening brackets and quotes). */
const NO_LINE_END = new Set([...'（《「『【〔〈〖‘“([{']);
/** Units of line breaking: a run of Latin letters and digits stays whole; any other character stands alone. */
const UNIT_RE = /[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f.\-_/@#&+:%]*|\s|[\s\S]/gu;

/**
 * Breaks `text` into lines no wider than `maxWidth`: between any two CJK characters, at spaces,
 * never inside a Latin word or number unless it alone is too wide, and with basic 禁则 (no closing
 * punctuation at a line start, no opening bracket at a line end). `\n` forces a break.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number, firstLineIndent = 0): string[] {
  const lines: string[] = [];
  let avail = maxWidth - firstLineIndent;
  for (const paragraph of text.split('\n')) {
    const units = paragraph.match(UNIT_RE) ?? [];
    let cur: string[] = [];
    let curWidth = 0;
    const flush = () => {
      lines.push(cur.join('').trimEnd());
      cur = [];
      curWidth = 0;
      avail = maxWidth;
    };
    for (let i = 0; i < units.length; i++) {
      const unit = units[i] ?? '';
      const isSpace = /^\s$/.test(unit);
      if (isSpace && cur.length === 0) continue;
      const w = measure(unit);
      if (curWidth + w <= avail + 1e-6) {
        cur.push(unit);
        curWidth += w;
        continue;
      }
      if (isSpace) {
        flush();
        continue;
      }
      if (cur.length === 0) {
        const chars = [...unit];
        if (chars.length > 1) units.splice(i, 1, ...chars);
        else {
          cur.push(unit);
          curWidth += w;
          continue;
        }
        i--;
        continue;
      }
      // 禁则: carry the last unit down with a closing mark, and never leave an opening bracket behind.
      const carry: string[] = [];
      if (NO_LINE_START.has([...unit][0] ?? '')) {
        while (cur.length > 1 && (carry.length === 0 || NO_LINE_START.has([...(carry[0] ?? '')][0] ?? ''))) carry.unshift(cur.pop() ?? '');
      }
      while (cur.length > 1 && NO_LINE_END.has([...(cur[cur.length - 1] ?? '')].pop() ?? '')) carry.unshift(cur.pop() ?? '');
      flush();
      for (const c of carry) {
        cur.push(c);
        curWidth += measure(c);
      }
      i--;
    }
    if (cur.length > 0 || lines.length === 0 || paragraph === '') flush();
  }
  return lines;
}

/* ------------------------------------------------------------------------------------------ */
/* Page geometry and drawing helpers                                                            */
/* ------------------------------------------------------------------------------------------ */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 60, bottom: 66, left: 54, right: 54 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const INK = grayscale(0.08);
const MUTED = grayscale(0.35);
const RULE = grayscale(0.2);
const HEADER_FILL = grayscale(0.92);
/** Top of the CJK ideographic em box above the baseline, as a fraction of the font size. */
const ASCENT = 0.88;

/** Coordinates measured from the top of the page, as one reads. */
function baseline(top: number, lineHeight: number, size: number): number {
  return A4.height - (top + (lineHeight - size) / 2 + ASCENT * size);
}

function hline(page: PDFPage, x1: number, x2: number, top: number, thickness = 0.5, color: Color = RULE) {
  page.drawLine({ start: { x: x1, y: A4.height - top }, end: { x: x2, y: A4.height - top }, thickness, color });
}

function vline(page: PDFPage, x: number, top: number, bottom: number, thickness = 0.5, color: Color = RULE) {
  page.drawLine({ start: { x, y: A4.height - top }, end: { x, y: A4.height - bottom }, thickness, color });
}

type Align = 'left' | 'center' | 'right';

function alignX(align: Align, x: number, width: number, textWidth: number): number {
  if (align === 'center') return x + (width - textWidth) / 2;
  if (align === 'right') return x + width - textWidth;
  return x;
}

/** 'YYYY-MM-DD' → 'YYYY年M月D日'; anything else is printed as given. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Credit hours without float noise: 12, 12.5, 0.25. */
export function formatHours(hours: number): string {
  return Number.isFinite(hours) ? String(Math.round(hours * 100) / 100) : '';
}

/* ------------------------------------------------------------------------------------------ */
/* 学习证明                                                                                      */
/* ------------------------------------------------------------------------------------------ */

const SIZE = { title: 22, body: 12, table: 10, small: 9 };
const BODY_LEADING = 24;
const TABLE_LEADING = 14;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 5;

type ProofColumn = { header: string; width: number; align: Align; value: (e: ProofEntry) => string };
const FIXED_COLUMNS_WIDTH = 36 + 100 + 80 + 36 + 52 + 40;
const PROOF_COLUMNS: ProofColumn[] = [
  { header: '年度', width: 36, align: 'center', value: (e) => String(e.year) },
  { header: '培训项目', width: CONTENT_WIDTH - FIXED_COLUMNS_WIDTH, align: 'left', value: (e) => e.project },
  { header: '培训机构', width: 100, align: 'left', value: (e) => e.institution },
  { header: '起止日期', width: 80, align: 'center', value: (e) => (e.startDate === e.endDate ? e.startDate : `${e.startDate}\n至 ${e.endDate}`) },
  { header: '学时', width: 36, align: 'center', value: (e) => formatHours(e.hours) },
  { header: '类别', width: 52, align: 'center', value: (e) => e.category },
  { header: '结果', width: 40, align: 'center', value: (e) => e.result },
];

type Row = { cells: string[][]; height: number };

/**
 * Renders a teacher's 学习证明 (SPEC DLV-6) on A4: title, the statement about the holder, the table
 * of trainings (continued over as many pages as needed, header repeated), the total, issuer and
 * date, and on every page the serial and "第 i 页 / 共 N 页".
 */
export async function renderLearningProof(p: LearningProof): Promise<Buffer> {
  const clean = (s: string) => cleanText(s).trim();
  const title = clean(p.title) || '学习证明';
  const h = {
    name: clean(p.holder.name),
    gender: clean(p.holder.gender),
    idNumber: clean(p.holder.idNumber),
    shixunNo: clean(p.holder.shixunNo),
    school: clean(p.holder.school),
  };
  const serial = clean(p.serial);
  const issuer = clean(p.issuer);
  const issuedOn = chineseDate(clean(p.issuedOn));
  const entries = p.entries.map((e) => ({
    ...e,
    project: clean(e.project),
    institution: clean(e.institution),
    startDate: clean(e.startDate),
    endDate: clean(e.endDate),
    category: clean(e.category),
    result: clean(e.result),
  }));

  const who = [h.gender, h.idNumber && `身份证号：${h.idNumber}`, h.shixunNo && `师训号：${h.shixunNo}`].filter(Boolean).join('，');
  const statement = `兹证明${h.name}${who ? `（${who}）` : ''}系${h.school}教师，在本平台参加以下培训并取得学时：`;
  const totalLabel = `合计（共 ${entries.length} 项）`;
  const total = formatHours(p.totalHours);
  const closing = '特此证明。';
  const serialLabel = `证明编号：${serial}`;
  const continued = `${title}（续）`;
  const holderLine = `${h.name}　师训号：${h.shixunNo}`;
  const cells = entries.map((e) => PROOF_COLUMNS.map((c) => c.value(e)));

  const doc = await PDFDocument.create();
  const ts = await Typesetter.create(
    doc,
    {
      regular: [statement, totalLabel, total, closing, serialLabel, holderLine, issuer, issuedOn, '第页/共0123456789 ', ...cells.flat()],
      bold: [title, continued, ...PROOF_COLUMNS.map((c) => c.header)],
    },
    p.fontPath,
  );
  doc.setTitle(`${title} ${h.name}`.trim());
  doc.setSubject(serialLabel);
  doc.setAuthor(issuer);
  doc.setCreator('Shixun');
  doc.setProducer('Shixun');
  doc.setLanguage('zh-CN');

  const bodyBottom = A4.height - MARGIN.bottom;
  const left = MARGIN.left;
  const right = A4.width - MARGIN.right;
  const pages: PDFPage[] = [];
  let page = doc.addPage([A4.width, A4.height]);
  pages.push(page);

  // Title, letter-spaced when short, as official documents set it.
  const titleChars = [...title];
  const tracking = titleChars.length <= 6 ? SIZE.title * 0.5 : 0;
  const titleWidth = ts.width(title, SIZE.title, 'bold') + tracking * (titleChars.length - 1);
  let y = MARGIN.top + 6;
  let tx = (A4.width - titleWidth) / 2;
  for (const ch of titleChars) {
    ts.draw(page, ch, tx, baseline(y, SIZE.title, SIZE.title), SIZE.title, 'bold');
    tx += ts.width(ch, SIZE.title, 'bold') + tracking;
  }
  y += SIZE.title + 14;
  ts.draw(page, serialLabel, right - ts.width(serialLabel, SIZE.small), baseline(y, SIZE.small, SIZE.small), SIZE.small, 'regular', MUTED);
  y += SIZE.small + 16;

  // The statement, first line indented two characters.
  const indent = SIZE.body * 2;
  wrapText(statement, CONTENT_WIDTH, (s) => ts.width(s, SIZE.body), indent).forEach((line, i) => {
    ts.draw(page, line, left + (i === 0 ? indent : 0), baseline(y, BODY_LEADING, SIZE.body), SIZE.body);
    y += BODY_LEADING;
  });
  y += 8;

  // The table.
  const columnX: number[] = [];
  PROOF_COLUMNS.reduce((x, c) => {
    columnX.push(x);
    return x + c.width;
  }, left);
  const measureTable = (s: string) => ts.width(s, SIZE.table);
  const rowHeight = (lines: number) => lines * TABLE_LEADING + 2 * CELL_PAD_Y;
  const layoutRow = (values: string[], style: Style = 'regular'): Row => {
    const wrapped = values.map((v, i) => wrapText(v, (PROOF_COLUMNS[i]?.width ?? 0) - 2 * CELL_PAD_X, (s) => ts.width(s, SIZE.table, style)));
    return { cells: wrapped, height: rowHeight(Math.max(1, ...wrapped.map((c) => c.length))) };
  };
  const header = layoutRow(
    PROOF_COLUMNS.map((c) => c.header),
    'bold',
  );
  let tableTop = y;

  const drawCells = (row: Row, top: number, style: Style = 'regular', align?: Align) => {
    PROOF_COLUMNS.forEach((col, i) => {
      const lines = row.cells[i] ?? [];
      const x = columnX[i] ?? left;
      // Vertically centred within the row.
      let lineTop = top + (row.height - lines.length * TABLE_LEADING) / 2;
      for (const line of lines) {
        const lx = alignX(align ?? col.align, x + CELL_PAD_X, col.width - 2 * CELL_PAD_X, ts.width(line, SIZE.table, style));
        ts.draw(page, line, lx, baseline(lineTop, TABLE_LEADING, SIZE.table), SIZE.table, style);
        lineTop += TABLE_LEADING;
      }
    });
  };
  const drawRowRules = (top: number, height: number, splitAt: number[] = columnX.slice(1)) => {
    hline(page, left, right, top + height);
    for (const x of splitAt) vline(page, x, top, top + height);
  };
  const closeTable = () => {
    if (y > tableTop) page.drawRectangle({ x: left, y: A4.height - y, width: CONTENT_WIDTH, height: y - tableTop, borderWidth: 1, borderColor: RULE });
  };
  const drawHeader = () => {
    tableTop = y;
    page.drawRectangle({ x: left, y: A4.height - y - header.height, width: CONTENT_WIDTH, height: header.height, color: HEADER_FILL });
    drawCells(header, y, 'bold', 'center');
    drawRowRules(y, header.height);
    y += header.height;
  };
  const newPage = () => {
    page = doc.addPage([A4.width, A4.height]);
    pages.push(page);
    y = MARGIN.top;
    ts.draw(page, continued, left, baseline(y, SIZE.body, SIZE.body), SIZE.body, 'bold');
    ts.draw(page, holderLine, right - ts.width(holderLine, SIZE.small), baseline(y, SIZE.body, SIZE.small), SIZE.small, 'regular', MUTED);
    y += SIZE.body + 6;
    hline(page, left, right, y, 0.5, MUTED);
    y += 12;
  };
  const continueTable = () => {
    closeTable();
    newPage();
    drawHeader();
  };

  const totalRow = rowHeight(1);
  const signatureHeight = 18 + BODY_LEADING + 36 + 2 * BODY_LEADING;
  const freshPageRoom = bodyBottom - (MARGIN.top + SIZE.body + 18 + header.height);
  drawHeader();
  cells.forEach((values, index) => {
    let row = layoutRow(values);
    // The last row goes over with the total and the signature rather than leave them a page of their own.
    const keep = index === cells.length - 1 ? totalRow + signatureHeight : 0;
    const rowsOnPage = y > tableTop + header.height + 0.5;
    if (rowsOnPage && y + row.height + keep > bodyBottom && row.height + keep <= freshPageRoom) continueTable();
    else if (y + row.height > bodyBottom && row.height <= freshPageRoom) continueTable();
    // A row taller than a whole page (only absurdly long names) is split line by line.
    while (y + row.height > bodyBottom) {
      const fit = Math.floor((bodyBottom - y - 2 * CELL_PAD_Y) / TABLE_LEADING);
      if (fit < 2) {
        continueTable();
        continue;
      }
      const head: Row = { cells: row.cells.map((c) => c.slice(0, fit)), height: rowHeight(fit) };
      drawCells(head, y);
      drawRowRules(y, head.height);
      y += head.height;
      const rest = row.cells.map((c) => c.slice(fit));
      row = { cells: rest, height: rowHeight(Math.max(1, ...rest.map((c) => c.length))) };
      continueTable();
    }
    drawCells(row, y);
    drawRowRules(y, row.height);
    y += row.height;
  });

  // The total: 合计 over the first four columns, the hours under 学时.
  if (y + totalRow > bodyBottom) continueTable();
  const hoursCol = 4;
  const hoursX = columnX[hoursCol] ?? left;
  const hoursWidth = PROOF_COLUMNS[hoursCol]?.width ?? 0;
  const totalBase = baseline(y + CELL_PAD_Y, TABLE_LEADING, SIZE.table);
  ts.draw(page, totalLabel, alignX('center', left, hoursX - left, ts.width(totalLabel, SIZE.table)), totalBase, SIZE.table);
  ts.draw(page, total, alignX('center', hoursX, hoursWidth, measureTable(total)), totalBase, SIZE.table);
  drawRowRules(y, totalRow, [hoursX, hoursX + hoursWidth]);
  y += totalRow;
  closeTable();

  // 特此证明, then issuer and date at the bottom right.
  if (y + signatureHeight > bodyBottom) newPage();
  y += 18;
  ts.draw(page, closing, left + indent, baseline(y, BODY_LEADING, SIZE.body), SIZE.body);
  y += BODY_LEADING + 36;
  const blockWidth = Math.max(ts.width(issuer, SIZE.body), ts.width(issuedOn, SIZE.body));
  const blockX = right - SIZE.body * 2 - blockWidth;
  for (const line of [issuer, issuedOn]) {
    ts.draw(page, line, alignX('center', blockX, blockWidth, ts.width(line, SIZE.body)), baseline(y, BODY_LEADING, SIZE.body), SIZE.body);
    y += BODY_LEADING;
  }

  // Footers, now that the page count is known.
  pages.forEach((pg, i) => {
    const footerTop = A4.height - MARGIN.bottom + 18;
    hline(pg, left, right, footerTop, 0.5, MUTED);
    const base = baseline(footerTop + 6, SIZE.small, SIZE.small);
    const pageNo = `第 ${i + 1} 页 / 共 ${pages.length} 页`;
    ts.draw(pg, serialLabel, left, base, SIZE.small, 'regular', MUTED);
    ts.draw(pg, pageNo, right - ts.width(pageNo, SIZE.small), base, SIZE.small, 'regular', MUTED);
  });

  return Buffer.from(await doc.save());
}

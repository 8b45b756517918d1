/**
 * Printable Chinese documents as PDF (pdf-lib + fontkit, CJK font embedded as a subset): the
 * 学习证明 (`renderLearningProof`) and general reports such as a course's 结课报告 (`renderReport`).
 * Both are built from the same parts: a `Typesetter` (every character mapped to a font that has it),
 * `wrapText` (line breaking with 禁则), a `PageFlow` (A4 pages, running head on continuation pages,
 * footers with the serial and page numbers) and a `Table` (rows continued over pages with the
 * header repeated, cells wrapped, spans, rows taller than a page split).
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
  beginText,
  type Color,
  endText,
  grayscale,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  type PDFName,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setFontAndSize,
  setLineWidth,
  setStrokingColor,
  setTextMatrix,
  setTextRenderingMode,
  showText,
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

export type ReportColumn = {
  header: string;
  /** points; one column may be 'fill' to take the rest (several share it equally); widths that overflow the page are scaled down */
  width: number | 'fill';
  /** default 'left'; headers are always centred */
  align?: 'left' | 'center' | 'right';
};
export type ReportSection = {
  /** printed bold; number it yourself ('一、课程概况') */
  heading: string;
  /** first line indented two characters; `\n` breaks a line */
  paragraphs?: string[];
  /** label → value pairs in a two-column grid; a value too long for half the width gets a whole row */
  facts?: [string, string][];
  /** continued over pages with the header repeated; every row has one cell per column; `\n` breaks a line in a cell */
  table?: { columns: ReportColumn[]; rows: string[][]; emptyText?: string };
};
/** A general document. Sections print in order, each as heading, then paragraphs, then facts, then table. */
export type ReportDocument = {
  /** e.g. '结课报告'; letter-spaced when short */
  title: string;
  /** centred under the title, and repeated in the running head of continuation pages */
  subtitle?: string;
  /** document number, shown under the title and in the footer of every page */
  serial?: string;
  sections: ReportSection[];
  issuer: string;
  /** 'YYYY-MM-DD', printed 2026年11月22日 */
  issuedOn: string;
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
 * What is measured and drawn as one: a character, or the 破折号 "——", which CJK fonts join into one
 * continuous 2-em glyph (drawn as two dashes it shows a gap in the middle).
 */
function clusters(text: string): string[] {
  return text.match(/——|[\s\S]/gu) ?? [];
}

/**
 * The fonts of one document: every character of `texts` is mapped to the first font that has it.
 * Bold text uses a bold face when there is one, else the regular font drawn with a thin outline.
 */
class Typesetter {
  private readonly slots: Record<Style, Map<number, Slot>> = { regular: new Map(), bold: new Map() };
  private readonly widths = new Map<string, number>();
  private readonly codes = new Map<PDFFont, Map<string, string>>();
  private readonly fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

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
    for (const ch of clusters(text)) {
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

  /** Glyph codes of one character (or cluster), laid out alone as `width` measures it: no ligature or kerning across them. */
  private encode(font: PDFFont, ch: string): string {
    let codes = this.codes.get(font);
    if (!codes) {
      codes = new Map();
      this.codes.set(font, codes);
    }
    let hex = codes.get(ch);
    if (hex === undefined) {
      hex = font.encodeText(ch).asString();
      codes.set(ch, hex);
    }
    return hex;
  }

  /** The page's resource name of `font`, registered once per page (pdf-lib's drawText adds one per call). */
  private fontKey(page: PDFPage, font: PDFFont): PDFName {
    let keys = this.fontKeys.get(page);
    if (!keys) {
      keys = new Map();
      this.fontKeys.set(page, keys);
    }
    let key = keys.get(font);
    if (!key) {
      key = page.node.newFontDictionary(font.name, font.ref);
      keys.set(font, key);
    }
    return key;
  }

  /** Draws one line at baseline (x, y): one text object per run of characters from the same font. */
  draw(page: PDFPage, text: string, x: number, y: number, size: number, style: Style = 'regular', color: Color = INK): void {
    let run = '';
    let hex = '';
    let runSlot: Slot | undefined;
    let cx = x;
    const flush = () => {
      if (!run || !runSlot) return;
      const { font, fakeBold } = runSlot;
      page.pushOperators(
        pushGraphicsState(),
        ...(fakeBold ? [setTextRenderingMode(TextRenderingMode.FillAndOutline), setLineWidth(size * 0.03), setStrokingColor(color)] : []),
        beginText(),
        setFillingColor(color),
        setFontAndSize(this.fontKey(page, font), size),
        setTextMatrix(1, 0, 0, 1, cx, y),
        showText(PDFHexString.of(hex)),
        endText(),
        popGraphicsState(),
      );
      cx += this.width(run, size, style);
      run = '';
      hex = '';
    };
    for (const ch of clusters(text)) {
      const slot = this.slot(ch, style);
      if (runSlot && (slot.font !== runSlot.font || slot.fakeBold !== runSlot.fakeBold)) flush();
      runSlot = slot;
      run += ch;
      hex += this.encode(slot.font, ch);
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
/** Units of line breaking: a run of Latin letters and digits stays whole, and so does "——"; any other character stands alone. */
const UNIT_RE = /[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f.\-_/@#&+:%]*|——|\s|[\s\S]/gu;

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
const LABEL_FILL = grayscale(0.96);
/** Top of the CJK ideographic em box above the baseline, as a fraction of the font size. */
const ASCENT = 0.88;

const SIZE = { title: 22, heading: 13, body: 12, text: 11, table: 10, small: 9 };
/** Line heights: the proof's statement, a report's paragraphs, headings, table cells. */
const BODY_LEADING = 24;
const TEXT_LEADING = 20;
const HEADING_LEADING = 20;
const TABLE_LEADING = 14;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 5;
/** Where content starts on a continuation page, below the running head and its rule. */
const CONTINUED_TOP = MARGIN.top + SIZE.body + 18;
/** Characters drawn by the page chrome (footer page numbers, a running head cut short). */
const CHROME_TEXT = '第页/共0123456789 …';

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

/** One line of text: what no font draws removed, trimmed. */
const cleanLine = (s: string) => cleanText(s).trim();
/** Text that may hold line breaks: each line cleaned, the breaks kept. */
const cleanLines = (s: string) =>
  s
    .split(/\r\n|\r|\n/)
    .map(cleanLine)
    .join('\n')
    .replace(/^\n+|\n+$/g, '');

/** `text` cut with '…' to fit `width`. */
function fitText(ts: Typesetter, text: string, width: number, size: number, style: Style = 'regular'): string {
  if (ts.width(text, size, style) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && ts.width(`${chars.join('')}…`, size, style) > width) chars.pop();
  return chars.length > 0 ? `${chars.join('').trimEnd()}…` : '';
}

/* ------------------------------------------------------------------------------------------ */
/* Pages                                                                                        */
/* ------------------------------------------------------------------------------------------ */

/**
 * The pages of a document and a cursor `y` (from the top of the current page). A continuation page
 * opens with a running head: `head.left` in bold ('学习证明（续）'), `head.right` small at the right.
 */
class PageFlow {
  readonly pages: PDFPage[] = [];
  page: PDFPage;
  y = MARGIN.top;
  readonly bottom = A4.height - MARGIN.bottom;
  /** Room for content on a continuation page. */
  readonly freshRoom = this.bottom - CONTINUED_TOP;
  /** Where this page's content began: a block there does not move to a new page to keep with anything. */
  private contentTop = MARGIN.top;

  constructor(
    private readonly doc: PDFDocument,
    readonly ts: Typesetter,
    private readonly head: { left: string; right: string },
  ) {
    this.page = this.addPage();
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(page);
    return page;
  }

  fits(height: number): boolean {
    return this.y + height <= this.bottom;
  }

  atTop(): boolean {
    return this.y <= this.contentTop + 0.5;
  }

  /** Content drawn so far (the first page's title block) is not content to keep anything with. */
  markTop(): void {
    this.contentTop = this.y;
  }

  newPage(): void {
    const { ts } = this;
    this.page = this.addPage();
    this.y = MARGIN.top;
    const left = MARGIN.left;
    const right = A4.width - MARGIN.right;
    ts.draw(this.page, this.head.left, left, baseline(this.y, SIZE.body, SIZE.body), SIZE.body, 'bold');
    const room = CONTENT_WIDTH - ts.width(this.head.left, SIZE.body, 'bold') - SIZE.body * 2;
    const headRight = fitText(ts, this.head.right, room, SIZE.small);
    ts.draw(this.page, headRight, right - ts.width(headRight, SIZE.small), baseline(this.y, SIZE.body, SIZE.small), SIZE.small, 'regular', MUTED);
    this.y += SIZE.body + 6;
    hline(this.page, left, right, this.y, 0.5, MUTED);
    this.y += 12;
    this.contentTop = this.y;
  }

  /** On every page, once the page count is known: a rule, `left` (the serial) and "第 i 页 / 共 N 页". */
  footers(left: string): void {
    const { ts } = this;
    const right = A4.width - MARGIN.right;
    this.pages.forEach((pg, i) => {
      const footerTop = A4.height - MARGIN.bottom + 18;
      hline(pg, MARGIN.left, right, footerTop, 0.5, MUTED);
      const base = baseline(footerTop + 6, SIZE.small, SIZE.small);
      const pageNo = `第 ${i + 1} 页 / 共 ${this.pages.length} 页`;
      const pageNoWidth = ts.width(pageNo, SIZE.small);
      ts.draw(pg, fitText(ts, left, CONTENT_WIDTH - pageNoWidth - SIZE.small * 2, SIZE.small), MARGIN.left, base, SIZE.small, 'regular', MUTED);
      ts.draw(pg, pageNo, right - pageNoWidth, base, SIZE.small, 'regular', MUTED);
    });
  }
}

/** The title at the top of the first page, centred and letter-spaced when short, as official documents set it. */
function drawTitle(flow: PageFlow, title: string): void {
  const { ts } = flow;
  const chars = [...title];
  const tracking = chars.length <= 6 ? SIZE.title * 0.5 : 0;
  const oneLine = ts.width(title, SIZE.title, 'bold') + tracking * (chars.length - 1);
  const lines = oneLine <= CONTENT_WIDTH ? [title] : wrapText(title, CONTENT_WIDTH, (s) => ts.width(s, SIZE.title, 'bold'));
  flow.y += 6;
  lines.forEach((line, i) => {
    const y = baseline(flow.y, SIZE.title, SIZE.title);
    if (lines.length === 1 && tracking > 0) {
      let x = (A4.width - oneLine) / 2;
      for (const ch of chars) {
        ts.draw(flow.page, ch, x, y, SIZE.title, 'bold');
        x += ts.width(ch, SIZE.title, 'bold') + tracking;
      }
    } else {
      ts.draw(flow.page, line, (A4.width - ts.width(line, SIZE.title, 'bold')) / 2, y, SIZE.title, 'bold');
    }
    flow.y += SIZE.title + (i === lines.length - 1 ? 14 : 8);
  });
}

/** A small grey line at the right (the serial under the title). */
function drawNoteRight(flow: PageFlow, text: string): void {
  const { ts } = flow;
  ts.draw(flow.page, text, A4.width - MARGIN.right - ts.width(text, SIZE.small), baseline(flow.y, SIZE.small, SIZE.small), SIZE.small, 'regular', MUTED);
  flow.y += SIZE.small + 16;
}

/**
 * A paragraph over the full width, first line indented two characters, continued on a new page
 * when the page is full. Its first line does not stay alone at the foot of a page, and its last line
 * goes over with `keep` points of what follows. With `justify`, lines that the wrapping broke are
 * set flush at both ends (两端对齐) by spreading the gaps between units, never inside a Latin word.
 */
function drawParagraph(flow: PageFlow, text: string, o: { size: number; leading: number; keep?: number; justify?: boolean }): void {
  const { ts } = flow;
  const { size, leading, keep = 0 } = o;
  const indent = size * 2;
  const measure = (s: string) => ts.width(s, size);
  const lines = text.split('\n').flatMap((part, pi) =>
    wrapText(part, CONTENT_WIDTH, measure, pi === 0 ? indent : 0).map((line, li, all) => ({
      line,
      x: MARGIN.left + (pi === 0 && li === 0 ? indent : 0),
      broken: li < all.length - 1,
    })),
  );
  lines.forEach(({ line, x, broken }, i) => {
    const last = i === lines.length - 1;
    let need = leading;
    if (i === 0 && !last) need = 2 * leading;
    else if (last && keep > 0 && leading + keep <= flow.freshRoom) need = leading + keep;
    if (!flow.fits(need) && !flow.atTop()) flow.newPage();
    const y = baseline(flow.y, leading, size);
    const units = line.match(UNIT_RE) ?? [];
    const spread = units.length > 1 ? (MARGIN.left + CONTENT_WIDTH - x - measure(line)) / (units.length - 1) : 0;
    if (o.justify && broken && spread > 0 && spread <= size / 2) {
      let ux = x;
      for (const unit of units) {
        ts.draw(flow.page, unit, ux, y, size);
        ux += measure(unit) + spread;
      }
    } else {
      ts.draw(flow.page, line, x, y, size);
    }
    flow.y += leading;
  });
}

/** Height of the closing block: optional '特此证明。', then issuer and date. */
function signatureHeight(closing: string): number {
  return (closing ? 18 + BODY_LEADING + 36 : 30) + 2 * BODY_LEADING;
}

/** '特此证明。' (when given), then issuer and date at the bottom right, moved to a new page if they do not fit. */
function drawSignature(flow: PageFlow, issuer: string, issuedOn: string, closing = ''): void {
  const { ts } = flow;
  if (!flow.fits(signatureHeight(closing))) flow.newPage();
  if (closing) {
    flow.y += 18;
    ts.draw(flow.page, closing, MARGIN.left + SIZE.body * 2, baseline(flow.y, BODY_LEADING, SIZE.body), SIZE.body);
    flow.y += BODY_LEADING + 36;
  } else {
    flow.y += 30;
  }
  const blockWidth = Math.max(ts.width(issuer, SIZE.body), ts.width(issuedOn, SIZE.body));
  const blockX = A4.width - MARGIN.right - SIZE.body * 2 - blockWidth;
  for (const line of [issuer, issuedOn]) {
    ts.draw(flow.page, line, alignX('center', blockX, blockWidth, ts.width(line, SIZE.body)), baseline(flow.y, BODY_LEADING, SIZE.body), SIZE.body);
    flow.y += BODY_LEADING;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Tables                                                                                       */
/* ------------------------------------------------------------------------------------------ */

type TableColumn = { header: string; width: number; align: Align };
/** A cell: its text, or the text with a span over following columns and its own look. */
type Cell = string | { text: string; span?: number; align?: Align; style?: Style; color?: Color; fill?: Color };
type LaidCell = { x: number; width: number; lines: string[]; align: Align; style: Style; color: Color; fill?: Color };
type LaidRow = { cells: LaidCell[]; height: number; fill?: Color };

/** Minimum width of a 'fill' column before fixed columns are scaled down to make room. */
const MIN_FILL_WIDTH = 40;

/** Column widths in points: 'fill' columns share what is left of the content width; columns that would overflow are scaled down. */
export function resolveColumnWidths(widths: (number | 'fill')[], total = CONTENT_WIDTH): number[] {
  if (widths.length === 0) throw new RangeError('pdf: a table needs at least one column');
  let fixed = 0;
  let fills = 0;
  for (const w of widths) {
    if (w === 'fill') fills++;
    else if (!Number.isFinite(w) || w <= 0) throw new RangeError(`pdf: column width must be a positive number or 'fill', got ${w}`);
    else fixed += w;
  }
  const room = total - fills * MIN_FILL_WIDTH;
  const scale = fixed > room ? room / fixed : 1;
  const fillWidth = fills > 0 ? (total - fixed * scale) / fills : 0;
  return widths.map((w) => (w === 'fill' ? fillWidth : w * scale));
}

const rowHeight = (lines: number) => lines * TABLE_LEADING + 2 * CELL_PAD_Y;

/**
 * A ruled table at the left margin, drawn row by row at the flow's cursor. A row that does not fit
 * goes to a new page, where the header is repeated; a row taller than a whole page is split line by
 * line. Cells wrap with `wrapText` and are centred vertically.
 */
class Table {
  private readonly xs: number[] = [];
  private readonly width: number;
  private readonly header: LaidRow | undefined;
  /** Top of the table's part on the current page. */
  private top = 0;

  constructor(
    private readonly flow: PageFlow,
    private readonly columns: TableColumn[],
    withHeader = true,
  ) {
    let x = MARGIN.left;
    for (const c of columns) {
      this.xs.push(x);
      x += c.width;
    }
    this.width = x - MARGIN.left;
    this.header = withHeader ? { ...this.layout(columns.map((c) => ({ text: c.header, align: 'center', style: 'bold' }))), fill: HEADER_FILL } : undefined;
  }

  get headerHeight(): number {
    return this.header?.height ?? 0;
  }

  layout(cells: Cell[]): LaidRow {
    const { ts } = this.flow;
    const laid: LaidCell[] = [];
    let col = 0;
    for (const c of cells) {
      const cell = typeof c === 'string' ? { text: c } : c;
      const column = this.columns[col];
      if (!column) throw new RangeError(`pdf: a table row has more cells than the ${this.columns.length} columns`);
      const span = Math.max(1, Math.min(cell.span ?? 1, this.columns.length - col));
      const width = this.columns.slice(col, col + span).reduce((w, k) => w + k.width, 0);
      const style = cell.style ?? 'regular';
      laid.push({
        x: this.xs[col] ?? MARGIN.left,
        width,
        lines: wrapText(cell.text, width - 2 * CELL_PAD_X, (s) => ts.width(s, SIZE.table, style)),
        align: cell.align ?? column.align,
        style,
        color: cell.color ?? INK,
        fill: cell.fill,
      });
      col += span;
    }
    return { cells: laid, height: rowHeight(Math.max(1, ...laid.map((c) => c.lines.length))) };
  }

  /**
   * The header and the start of the first row: what must fit below a heading, or the header goes to
   * a new page. All of a first row that fits on a page, or two lines of one that will be split anyway.
   */
  openingHeight(first?: Cell[]): number {
    const row = first ? this.layout(first).height : rowHeight(1);
    return this.headerHeight + (row <= this.flow.freshRoom - this.headerHeight ? row : rowHeight(2));
  }

  /** Draws the header, on a new page unless it and the start of the first row fit on this one. */
  start(first?: Cell[]): void {
    if (!this.flow.fits(this.openingHeight(first)) && !this.flow.atTop()) this.flow.newPage();
    this.drawHeader();
  }

  /** Adds a row; with `keep`, a last row goes over to a new page together with that much of what follows. */
  add(cells: Cell[], keep = 0): void {
    const flow = this.flow;
    let row = this.layout(cells);
    const freshRoom = flow.freshRoom - this.headerHeight;
    const rowsOnPage = flow.y > this.top + this.headerHeight + 0.5;
    if (rowsOnPage && !flow.fits(row.height + keep) && row.height + keep <= freshRoom) this.continue();
    else if (!flow.fits(row.height) && row.height <= freshRoom) this.continue();
    // A row taller than a whole page (only absurdly long text) is split line by line.
    while (!flow.fits(row.height)) {
      const fit = Math.floor((flow.bottom - flow.y - 2 * CELL_PAD_Y) / TABLE_LEADING);
      if (fit < 2) {
        this.continue();
        continue;
      }
      this.drawRow({ ...row, cells: row.cells.map((c) => ({ ...c, lines: c.lines.slice(0, fit) })), height: rowHeight(fit) });
      const rest = row.cells.map((c) => ({ ...c, lines: c.lines.slice(fit) }));
      row = { ...row, cells: rest, height: rowHeight(Math.max(1, ...rest.map((c) => c.lines.length))) };
      this.continue();
    }
    this.drawRow(row);
  }

  /** Adds rows; the last one goes over to a new page together with `keepLast` points of what follows. */
  addRows(rows: Cell[][], keepLast = 0): void {
    rows.forEach((row, i) => {
      this.add(row, i === rows.length - 1 ? keepLast : 0);
    });
  }

  /** Draws the outer border of the table's part on this page. */
  end(): void {
    const flow = this.flow;
    if (flow.y > this.top) {
      flow.page.drawRectangle({ x: MARGIN.left, y: A4.height - flow.y, width: this.width, height: flow.y - this.top, borderWidth: 1, borderColor: RULE });
    }
  }

  private continue(): void {
    this.end();
    this.flow.newPage();
    this.drawHeader();
  }

  private drawHeader(): void {
    this.top = this.flow.y;
    if (this.header) this.drawRow(this.header);
  }

  private drawRow(row: LaidRow): void {
    const { page, ts, y: top } = this.flow;
    const left = MARGIN.left;
    if (row.fill) page.drawRectangle({ x: left, y: A4.height - top - row.height, width: this.width, height: row.height, color: row.fill });
    for (const cell of row.cells) {
      // Below the previous row's rule, which is centred on the boundary, rather than over half of it.
      if (cell.fill) page.drawRectangle({ x: cell.x, y: A4.height - top - row.height, width: cell.width, height: row.height - 0.25, color: cell.fill });
      let lineTop = top + (row.height - cell.lines.length * TABLE_LEADING) / 2;
      for (const line of cell.lines) {
        const lx = alignX(cell.align, cell.x + CELL_PAD_X, cell.width - 2 * CELL_PAD_X, ts.width(line, SIZE.table, cell.style));
        ts.draw(page, line, lx, baseline(lineTop, TABLE_LEADING, SIZE.table), SIZE.table, cell.style, cell.color);
        lineTop += TABLE_LEADING;
      }
    }
    hline(page, left, left + this.width, top + row.height);
    for (const cell of row.cells.slice(1)) vline(page, cell.x, top, top + row.height);
    this.flow.y += row.height;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* 学习证明                                                                                      */
/* ------------------------------------------------------------------------------------------ */

const PROOF_COLUMNS: (ReportColumn & { align: Align; value: (e: ProofEntry) => string })[] = [
  { header: '年度', width: 36, align: 'center', value: (e) => String(e.year) },
  { header: '培训项目', width: 'fill', align: 'left', value: (e) => e.project },
  { header: '培训机构', width: 100, align: 'left', value: (e) => e.institution },
  { header: '起止日期', width: 80, align: 'center', value: (e) => (e.startDate === e.endDate ? e.startDate : `${e.startDate}\n至 ${e.endDate}`) },
  { header: '学时', width: 36, align: 'center', value: (e) => formatHours(e.hours) },
  { header: '类别', width: 52, align: 'center', value: (e) => e.category },
  { header: '结果', width: 40, align: 'center', value: (e) => e.result },
];
/** The total's row: 合计 over the first four columns, the hours under 学时. */
const PROOF_HOURS_COLUMN = 4;

/**
 * Renders a teacher's 学习证明 (SPEC DLV-6) on A4: title, the statement about the holder, the table
 * of trainings (continued over as many pages as needed, header repeated), the total, issuer and
 * date, and on every page the serial and "第 i 页 / 共 N 页".
 */
export async function renderLearningProof(p: LearningProof): Promise<Buffer> {
  const clean = cleanLine;
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
  const rows = entries.map((e) => PROOF_COLUMNS.map((c) => c.value(e)));
  const totalRow: Cell[] = [
    { text: totalLabel, span: PROOF_HOURS_COLUMN, align: 'center' },
    { text: total, align: 'center' },
    { text: '', span: PROOF_COLUMNS.length - PROOF_HOURS_COLUMN - 1 },
  ];

  const doc = await PDFDocument.create();
  const ts = await Typesetter.create(
    doc,
    {
      regular: [statement, totalLabel, total, closing, serialLabel, holderLine, issuer, issuedOn, CHROME_TEXT, ...rows.flat()],
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

  const flow = new PageFlow(doc, ts, { left: continued, right: holderLine });
  drawTitle(flow, title);
  drawNoteRight(flow, serialLabel);
  drawParagraph(flow, statement, { size: SIZE.body, leading: BODY_LEADING });
  flow.y += 8;

  const widths = resolveColumnWidths(PROOF_COLUMNS.map((c) => c.width));
  const table = new Table(
    flow,
    PROOF_COLUMNS.map((c, i) => ({ header: c.header, width: widths[i] ?? 0, align: c.align })),
  );
  table.start(rows[0]);
  // The last row goes over with the total and the signature rather than leave them a page of their own.
  const keep = table.layout(totalRow).height + signatureHeight(closing);
  table.addRows(rows, keep);
  table.add(totalRow);
  table.end();

  drawSignature(flow, issuer, issuedOn, closing);
  flow.footers(serialLabel);
  return Buffer.from(await doc.save());
}

/* ------------------------------------------------------------------------------------------ */
/* Reports (结课报告 and the like)                                                               */
/* ------------------------------------------------------------------------------------------ */

const HEADING_SPACE = 16;
const BLOCK_SPACE = 10;
const DEFAULT_EMPTY_TEXT = '无';

/** A part of a section: how much of it must stay with the heading, and how to draw it. */
type Block = { opening: () => number; draw: (keep: number) => void };

/** Facts as rows of a headerless table: label | value | label | value; a long value takes the whole row. */
function factRows(facts: [string, string][], valueWidth: number, measure: (s: string) => number): Cell[][] {
  const label = (text: string): Cell => ({ text, fill: LABEL_FILL });
  const rows: Cell[][] = [];
  let pending: [string, string] | undefined;
  const whole = ([k, v]: [string, string]) => rows.push([label(k), { text: v, span: 3 }]);
  for (const fact of facts) {
    const long = wrapText(fact[1], valueWidth - 2 * CELL_PAD_X, measure).length > 1;
    if (long) {
      if (pending) whole(pending);
      pending = undefined;
      whole(fact);
    } else if (pending) {
      rows.push([label(pending[0]), pending[1], label(fact[0]), fact[1]]);
      pending = undefined;
    } else {
      pending = fact;
    }
  }
  if (pending) whole(pending);
  return rows;
}

/**
 * Renders a general document on A4 (a course's 结课报告, say): the title (letter-spaced when short),
 * subtitle and serial, then each section — a bold heading kept with the start of what follows,
 * paragraphs, facts in a two-column grid, a table continued over pages with its header repeated —
 * then issuer and date; on every page the serial and "第 i 页 / 共 N 页".
 */
export async function renderReport(input: ReportDocument): Promise<Buffer> {
  const title = cleanLine(input.title) || '报告';
  const subtitle = cleanLine(input.subtitle ?? '');
  const serial = cleanLine(input.serial ?? '');
  const serialLabel = serial ? `编号：${serial}` : '';
  const issuer = cleanLine(input.issuer);
  const issuedOn = chineseDate(cleanLine(input.issuedOn));
  const continued = `${title}（续）`;
  const sections = input.sections.map((s, si) => {
    const table = s.table && {
      columns: s.table.columns.map((c) => ({ header: cleanLine(c.header), width: c.width, align: c.align ?? 'left' })),
      rows: s.table.rows.map((row, ri) => {
        if (row.length !== s.table?.columns.length) {
          throw new RangeError(`pdf: row ${ri + 1} of the table in section ${si + 1} has ${row.length} cells for ${s.table?.columns.length} columns`);
        }
        return row.map(cleanLines);
      }),
      emptyText: cleanLine(s.table.emptyText ?? '') || DEFAULT_EMPTY_TEXT,
    };
    return {
      heading: cleanLine(s.heading),
      paragraphs: (s.paragraphs ?? []).map(cleanLines).filter(Boolean),
      facts: (s.facts ?? []).map(([k, v]): [string, string] => [cleanLine(k), cleanLines(v)]),
      table,
    };
  });

  const doc = await PDFDocument.create();
  const ts = await Typesetter.create(
    doc,
    {
      regular: [
        subtitle,
        serialLabel,
        issuer,
        issuedOn,
        CHROME_TEXT,
        ...sections.flatMap((s) => [...s.paragraphs, ...s.facts.flat(), ...(s.table ? [s.table.emptyText, ...s.table.rows.flat()] : [])]),
      ],
      bold: [title, continued, ...sections.flatMap((s) => [s.heading, ...(s.table?.columns.map((c) => c.header) ?? [])])],
    },
    input.fontPath,
  );
  doc.setTitle(subtitle ? `${title} ${subtitle}` : title, { showInWindowTitleBar: true });
  if (serialLabel) doc.setSubject(serialLabel);
  doc.setAuthor(issuer);
  doc.setCreator('Shixun');
  doc.setProducer('Shixun');
  doc.setLanguage('zh-CN');

  const flow = new PageFlow(doc, ts, { left: continued, right: subtitle });
  drawTitle(flow, title);
  if (subtitle) {
    for (const line of wrapText(subtitle, CONTENT_WIDTH, (s) => ts.width(s, SIZE.body))) {
      ts.draw(flow.page, line, (A4.width - ts.width(line, SIZE.body)) / 2, baseline(flow.y, TEXT_LEADING, SIZE.body), SIZE.body);
      flow.y += TEXT_LEADING;
    }
    flow.y += 6;
  }
  if (serialLabel) drawNoteRight(flow, serialLabel);
  else flow.y += 10;
  flow.markTop();

  const measureText = (s: string) => ts.width(s, SIZE.table);
  const signature = signatureHeight('');
  sections.forEach((s, si) => {
    const blocks: Block[] = [];
    if (s.paragraphs.length > 0) {
      blocks.push({
        opening: () => Math.min(2, wrapText(s.paragraphs[0] ?? '', CONTENT_WIDTH, (t) => ts.width(t, SIZE.text), SIZE.text * 2).length) * TEXT_LEADING,
        draw: (keep) => {
          s.paragraphs.forEach((p, i) => {
            drawParagraph(flow, p, { size: SIZE.text, leading: TEXT_LEADING, keep: i === s.paragraphs.length - 1 ? keep : 0, justify: true });
          });
        },
      });
    }
    if (s.facts.length > 0) {
      const labelWidth = Math.min(Math.max(...s.facts.map(([k]) => ts.width(k, SIZE.table))) + 2 * CELL_PAD_X + 2, CONTENT_WIDTH / 4);
      const valueWidth = CONTENT_WIDTH / 2 - labelWidth;
      const grid = new Table(
        flow,
        [labelWidth, valueWidth, labelWidth, valueWidth].map((width) => ({ header: '', width, align: 'left' })),
        false,
      );
      const rows = factRows(s.facts, valueWidth, measureText);
      blocks.push({
        opening: () => grid.openingHeight(rows[0]),
        draw: (keep) => {
          grid.start(rows[0]);
          grid.addRows(rows, keep);
          grid.end();
        },
      });
    }
    const t = s.table;
    if (t) {
      const widths = resolveColumnWidths(t.columns.map((c) => c.width));
      const table = new Table(
        flow,
        t.columns.map((c, i) => ({ header: c.header, width: widths[i] ?? 0, align: c.align })),
      );
      const rows: Cell[][] = t.rows.length > 0 ? t.rows : [[{ text: t.emptyText, span: t.columns.length, align: 'center', color: MUTED }]];
      blocks.push({
        opening: () => table.openingHeight(rows[0]),
        draw: (keep) => {
          table.start(rows[0]);
          table.addRows(rows, keep);
          table.end();
        },
      });
    }

    // The heading stays with the start of its first block (and, for a bare last heading, with the signature).
    const last = si === sections.length - 1;
    const headingLines = s.heading ? wrapText(s.heading, CONTENT_WIDTH, (x) => ts.width(x, SIZE.heading, 'bold')) : [];
    const headingHeight = headingLines.length > 0 ? headingLines.length * HEADING_LEADING + 6 : 0;
    const space = flow.atTop() ? 0 : HEADING_SPACE;
    const opening = blocks[0]?.opening() ?? (last ? signature : 0);
    if (!flow.fits(space + Math.min(headingHeight + opening, flow.freshRoom)) && !flow.atTop()) flow.newPage();
    else flow.y += space;
    for (const line of headingLines) {
      ts.draw(flow.page, line, MARGIN.left, baseline(flow.y, HEADING_LEADING, SIZE.heading), SIZE.heading, 'bold');
      flow.y += HEADING_LEADING;
    }
    if (headingLines.length > 0) flow.y += 6;

    blocks.forEach((block, bi) => {
      if (bi > 0 && !flow.atTop()) flow.y += BLOCK_SPACE;
      block.draw(last && bi === blocks.length - 1 ? signature : 0);
    });
  });

  drawSignature(flow, issuer, issuedOn);
  flow.footers(serialLabel);
  return Buffer.from(await doc.save());
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chineseDate,
  cleanText,
  describePdfFont,
  formatHours,
  type LearningProof,
  PdfFontError,
  type ProofEntry,
  renderLearningProof,
  wrapText,
} from './pdf.js';

const PROJECTS = [
  '2024年浙江省中小学教师信息技术应用能力提升工程2.0整校推进示范培训项目（第三期）暨人工智能赋能课堂教学专题研修',
  '新课标背景下小学语文大单元教学设计与实施',
  '“双减”政策下作业设计能力提升研修班',
  '班主任工作能力提升（心理健康教育方向）',
  '乡村教师素质提升',
  'STEM与跨学科主题学习——项目化学习PBL的设计、实施与评价（面向义务教育阶段骨干教师的高级研修）',
];
const INSTITUTIONS = ['浙江省教师培训中心', '杭州师范大学继续教育学院', '西湖区教师进修学校', '浙江师范大学教师教育学院（浙江省中小学教师培训中心）'];

function entries(n: number): ProofEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const year = 2015 + (i % 10);
    const month = String((i % 12) + 1).padStart(2, '0');
    return {
      year,
      project: PROJECTS[i % PROJECTS.length] ?? '',
      institution: INSTITUTIONS[i % INSTITUTIONS.length] ?? '',
      startDate: `${year}-${month}-03`,
      endDate: i % 7 === 0 ? `${year}-${month}-03` : `${year}-${month}-14`,
      hours: [24, 12.5, 8, 36, 3][i % 5] ?? 0,
      category: ['集中培训', '网络研修', '校本研修'][i % 3] ?? '',
      result: i % 9 === 4 ? '不合格' : '合格',
    };
  });
}

function proof(over: Partial<LearningProof> = {}): LearningProof {
  const list = over.entries ?? entries(60);
  return {
    title: '学习证明',
    holder: { name: '张晓燕', gender: '女', idNumber: '330106198503150027', shixunNo: 'SX3301060012345', school: '杭州市西湖区求是实验小学' },
    entries: list,
    totalHours: list.reduce((s, e) => s + e.hours, 0),
    issuer: '浙江省教师培训管理平台',
    issuedOn: '2026-11-22',
    serial: 'XXZM-2026-000123',
    ...over,
  };
}

/** Names of the embedded font programs (FontFile2 = TrueType, FontFile3 = CFF). */
function embeddedFonts(doc: PDFDocument): { name: string; program: string }[] {
  const out: { name: string; program: string }[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const program = ['FontFile', 'FontFile2', 'FontFile3'].find((k) => obj.get(PDFName.of(k)));
    out.push({ name: String(obj.get(PDFName.of('FontName'))), program: program ?? 'none' });
  }
  return out;
}

const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'shixun-pdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Text without white space: pdftotext's spacing depends on glyph gaps, not on the spaces drawn. */
const flat = (s: string) => s.replace(/\s/g, '');

function pdfText(pdf: Buffer): string {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const res = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(res.status).toBe(0);
  return res.stdout;
}

describe('renderLearningProof', () => {
  it('renders 60 trainings with long names onto several A4 pages with an embedded CJK subset', async () => {
    const pdf = await renderLearningProof(proof());

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(1024 * 1024);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(2);
    for (const page of doc.getPages()) {
      expect(page.getWidth()).toBeCloseTo(595.28, 1);
      expect(page.getHeight()).toBeCloseTo(841.89, 1);
    }
    expect(doc.getTitle()).toBe('学习证明 张晓燕');
    const fonts = embeddedFonts(doc);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.program !== 'none')).toBe(true);

    if (hasPdftotext) {
      const text = pdfText(pdf);
      const pages = text.split('\f').filter((t) => t.trim());
      expect(pages.length).toBe(doc.getPageCount());
      expect(flat(pages[0] ?? '')).toContain('学习证明');
      expect(flat(pages[0] ?? '')).toContain('兹证明张晓燕（女，身份证号：330106198503150027，师训号：SX3301060012345）系杭州市西湖区求是实验小学教师');
      for (const [i, t] of pages.entries()) {
        expect(t).toContain('证明编号：XXZM-2026-000123');
        expect(flat(t)).toContain(`第${i + 1}页/共${pages.length}页`);
        expect(t).toContain('培训项目');
      }
      const last = pages[pages.length - 1] ?? '';
      expect(flat(last)).toContain('合计（共60项）');
      expect(last).toContain(formatHours(proof().totalHours));
      expect(last).toContain('浙江省教师培训管理平台');
      expect(last).toContain('2026年11月22日');
      expect(text).toContain('“双减”政策下作业设计'); // full-width quotes kept as given
      expect(text).toContain('乡村教师素质提升');
    }
  });

  it('fits a short proof on one page', async () => {
    const pdf = await renderLearningProof(proof({ entries: entries(3) }));
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(pdf.length).toBeLessThan(300 * 1024);
    if (hasPdftotext) expect(flat(pdfText(pdf))).toContain('第1页/共1页');
    const empty = await PDFDocument.load(await renderLearningProof(proof({ entries: [] })));
    expect(empty.getPageCount()).toBe(1);
  });

  it('splits a row taller than a page instead of overflowing it', async () => {
    const huge = { ...(entries(1)[0] as ProofEntry), project: '教师培训'.repeat(400) };
    const pdf = await renderLearningProof(proof({ entries: [huge, ...entries(2)] }));
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(3);
  });

  it('uses a font file given by the caller', async () => {
    const file = (await describePdfFont())?.file;
    expect(file).toBeTruthy();
    const pdf = await renderLearningProof(proof({ entries: entries(2), fontPath: file }));
    expect(embeddedFonts(await PDFDocument.load(pdf)).length).toBeGreaterThan(0);
    await expect(renderLearningProof(proof({ fontPath: path.join(tmp, 'no-such-font.ttf') }))).rejects.toThrow(PdfFontError);
  });

  it('prints with the font shipped in the npm package, and falls back per character', async () => {
    const pkgDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    const fontPath = path.join(pkgDir, '400Regular/NotoSansSC_400Regular.ttf');
    expect(existsSync(path.join(pkgDir, '700Bold/NotoSansSC_700Bold.ttf'))).toBe(true);
    const pdf = await renderLearningProof(proof({ entries: entries(2), fontPath }));
    const fonts = embeddedFonts(await PDFDocument.load(pdf));
    expect(fonts.some((f) => f.name.includes('NotoSansSC-Regular') && f.program === 'FontFile2')).toBe(true);
    // 𠮷 (U+20BB7, in names) is not in Noto Sans SC but is in the system's Noto Sans CJK.
    if ((await describePdfFont())?.source === 'system') {
      const mixed = await renderLearningProof(proof({ entries: entries(2), fontPath, holder: { ...proof().holder, name: '𠮷祥' } }));
      expect(embeddedFonts(await PDFDocument.load(mixed)).length).toBeGreaterThanOrEqual(2);
      if (hasPdftotext) expect(pdfText(mixed)).toContain('𠮷祥');
    }
  });

  it('refuses a character that no font can print, naming it', async () => {
    const err = await renderLearningProof(proof({ holder: { ...proof().holder, name: '张\u{10FFFD}' } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfFontError);
    expect(String(err)).toContain('U+10FFFD');
  });
});

describe('wrapText', () => {
  // One unit per CJK character, half a unit for anything narrower.
  const measure = (s: string) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 1 : 0.5), 0);

  it('breaks between CJK characters and never exceeds the width', () => {
    const lines = wrapText('新课标背景下小学语文大单元教学设计与实施', 6, measure);
    expect(lines.join('')).toBe('新课标背景下小学语文大单元教学设计与实施');
    for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(6);
  });

  it('keeps Latin words and numbers whole and punctuation off line starts', () => {
    const lines = wrapText('信息技术2.0整校推进，示范培训。（第三期）', 5, measure);
    expect(lines.some((l) => l.includes('2.0'))).toBe(true);
    for (const l of lines) {
      expect('，。）》”'.includes(l[0] ?? '')).toBe(false);
      expect('（《“'.includes(l[l.length - 1] ?? '')).toBe(false);
      expect(measure(l)).toBeLessThanOrEqual(5);
    }
  });

  it('honours explicit breaks and an indented first line', () => {
    expect(wrapText('2024-03-01\n至 2024-03-05', 20, measure)).toEqual(['2024-03-01', '至 2024-03-05']);
    expect(wrapText('一二三四五六', 4, measure, 2)).toEqual(['一二', '三四五六']);
  });

  it('drops what no font draws', () => {
    expect(cleanText('张\u200b三\ufe0f\t（女）\r\n')).toBe('张三 （女）  ');
  });

  it('formats dates and hours', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(formatHours(0.1 + 0.2)).toBe('0.3');
    expect(formatHours(12)).toBe('12');
  });
});

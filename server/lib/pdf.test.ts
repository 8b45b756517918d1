import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream, type PDFString } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chineseDate,
  cleanText,
  describePdfFont,
  formatHours,
  type LearningProof,
  PdfFontError,
  type ProofEntry,
  type ReportDocument,
  type ReportSection,
  renderLearningProof,
  renderReport,
  resolveColumnWidths,
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

/** One text object as drawn: baseline origin, font size and the text (decoded through the font's ToUnicode map). */
type Run = { x: number; y: number; size: number; text: string };

/** The text drawn on each page, run by run, read back from the content streams pdf-lib writes (no pdftotext needed). */
function pageRuns(doc: PDFDocument): Run[][] {
  const bytes = (stream: unknown) => Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString('latin1');
  return doc.getPages().map((page) => {
    const toUnicode = new Map<string, Map<string, string>>();
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    for (const [key, ref] of fonts?.entries() ?? []) {
      const cmap = new Map<string, string>();
      const font = doc.context.lookup(ref, PDFDict);
      for (const m of bytes(doc.context.lookup(font.get(PDFName.of('ToUnicode')))).matchAll(/<([0-9a-f]+)> <([0-9a-f]+)>/gi)) {
        const units = (m[2] ?? '').match(/.{4}/g) ?? [];
        cmap.set((m[1] ?? '').toLowerCase(), String.fromCharCode(...units.map((u) => Number.parseInt(u, 16))));
      }
      toUnicode.set(key.toString(), cmap);
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const runs: Run[] = [];
    let font = '';
    let size = 0;
    let x = 0;
    let y = 0;
    for (const stream of streams) {
      for (const m of bytes(stream).matchAll(/(\/\S+) ([\d.]+) Tf|1 0 0 1 (\S+) (\S+) Tm|<([0-9a-fA-F]*)> Tj/g)) {
        if (m[1]) {
          font = m[1];
          size = Number(m[2]);
        } else if (m[3]) {
          x = Number(m[3]);
          y = Number(m[4]);
        } else {
          const cmap = toUnicode.get(font);
          const text = ((m[5] ?? '').match(/.{4}/g) ?? []).map((g) => cmap?.get(g.toLowerCase()) ?? '\ufffd').join('');
          runs.push({ x, y, size, text });
        }
      }
    }
    return runs;
  });
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

  it('keeps the 破折号 whole and off the start of a line', () => {
    for (let width = 3; width <= 8; width++) {
      const lines = wrapText('STEM与跨学科主题学习——项目化学习', width, measure);
      expect(lines.join('')).toBe('STEM与跨学科主题学习——项目化学习');
      for (const l of lines) expect(l.startsWith('—')).toBe(false);
      expect(lines.some((l) => l.includes('——'))).toBe(true);
    }
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

describe('renderReport', () => {
  const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪';
  const GIVEN = ['晓燕', '建国', '丽华', '志强', '欣怡', '子涵', '浩然', '雨婷', '俊杰', '思远', '梦琪', '文博'];
  const SCHOOLS = [
    '杭州市西湖区求是实验小学',
    '宁波市鄞州区东湖小学（集团）教育集团东湖校区',
    '温州市第二实验小学',
    'Hangzhou International School（杭州国际学校）',
  ];
  /** Unique names: the row number keeps them apart. */
  const studentName = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}${i + 1}`;
  const COLUMNS: NonNullable<ReportSection['table']>['columns'] = [
    { header: '序号', width: 30, align: 'center' },
    { header: '姓名', width: 64, align: 'center' },
    { header: '学校', width: 'fill' },
    { header: '平时', width: 36, align: 'right' },
    { header: '作业', width: 36, align: 'right' },
    { header: '考核', width: 36, align: 'right' },
    { header: '总评', width: 40, align: 'right' },
    { header: '学时', width: 32, align: 'center' },
    { header: '结果', width: 44, align: 'center' },
  ];
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const [a, b, c] = [60 + ((i * 37) % 41), 55 + ((i * 53) % 46), 50 + ((i * 29) % 51)];
      const total = a * 0.3 + b * 0.3 + c * 0.4;
      const pass = total >= 60;
      return [
        String(i + 1),
        studentName(i),
        SCHOOLS[i % SCHOOLS.length] ?? '',
        String(a),
        String(b),
        String(c),
        total.toFixed(1),
        pass ? '24' : '0',
        pass ? '合格' : '不合格',
      ];
    });

  function report(over: Partial<ReportDocument> = {}): ReportDocument {
    return {
      title: '结课报告',
      subtitle: '2026年秋季小学语文骨干教师大单元教学设计高级研修班',
      serial: 'JKBG-2026-000045',
      issuer: '浙江省教师培训管理平台',
      issuedOn: '2026-11-22',
      sections: [
        {
          heading: '一、课程概况',
          paragraphs: ['本课程面向全省小学语文骨干教师，围绕新课标背景下的大单元教学设计展开，考核由平时成绩（30%）、作业成绩（30%）和结业考核（40%）组成。'],
          facts: [
            ['课程名称', '小学语文大单元教学设计与实施'],
            ['课程学时', '24'],
            ['培训机构', '浙江师范大学教师教育学院（浙江省中小学教师培训中心）'],
            ['报名人数', '300'],
            ['合格率', '96.0%'],
          ],
        },
        { heading: '二、学员名单', table: { columns: COLUMNS, rows: rows(300) } },
      ],
      ...over,
    };
  }

  it('continues a 300-row table over several pages, repeating the header, with the serial and page numbers on every page', async () => {
    const pdf = await renderReport(report());
    expect(pdf.length).toBeLessThan(1024 * 1024);
    const doc = await PDFDocument.load(pdf);
    const pageCount = doc.getPageCount();
    expect(pageCount).toBeGreaterThanOrEqual(6);
    const pages = pageRuns(doc);
    expect(pages.length).toBe(pageCount);

    const names = pages.flatMap((runs) => runs.filter((r) => /^\p{Script=Han}{3}\d+$/u.test(r.text)).map((r) => r.text));
    expect(names).toEqual(Array.from({ length: 300 }, (_, i) => studentName(i))); // every row once, in order

    for (const [i, runs] of pages.entries()) {
      const texts = runs.map((r) => r.text);
      expect(texts).toContain('编号：JKBG-2026-000045');
      expect(texts).toContain(`第 ${i + 1} 页 / 共 ${pageCount} 页`);
      // The header, above every row of the page.
      const header = runs.filter((r) => COLUMNS.some((c) => c.header === r.text));
      expect(header.map((r) => r.text)).toEqual(COLUMNS.map((c) => c.header));
      const headerY = Math.min(...header.map((r) => r.y));
      for (const r of runs.filter((r) => names.includes(r.text))) expect(r.y).toBeLessThan(headerY);
      if (i > 0) expect(runs[0]?.text).toBe('结课报告（续）');
      // Nothing but the footer below the bottom margin (66pt).
      for (const r of runs) if (r.y < 66) expect(r.size).toBe(9);
    }

    const first = pages[0]?.map((r) => r.text) ?? [];
    expect(first.slice(0, 4)).toEqual(['结', '课', '报', '告']);
    expect(first).toContain('一、课程概况');
    expect(first).toContain('培训机构');
    const last = pages[pageCount - 1]?.map((r) => r.text) ?? [];
    expect(last).toContain('浙江省教师培训管理平台');
    expect(last).toContain('2026年11月22日');

    if (hasPdftotext) {
      const text = pdfText(pdf);
      expect(text.split('\f').filter((t) => t.trim()).length).toBe(pageCount);
      expect(flat(text)).toContain('浙江师范大学教师教育学院（浙江省中小学教师培训中心）');
    }
  });

  it('letter-spaces a short title like the proof', async () => {
    const runs = pageRuns(await PDFDocument.load(await renderReport(report({ sections: [] }))))[0] ?? [];
    const title = runs.slice(0, 4);
    expect(title.map((r) => r.text).join('')).toBe('结课报告');
    for (const r of title) expect(r.size).toBe(22);
    // 22pt characters 11pt apart, centred on the page.
    for (let i = 1; i < 4; i++) expect((title[i]?.x ?? 0) - (title[i - 1]?.x ?? 0)).toBeCloseTo(33, 1);
    expect((title[0]?.x ?? 0) + ((title[3]?.x ?? 0) + 22 - (title[0]?.x ?? 0)) / 2).toBeCloseTo(595.28 / 2, 1);
  });

  it('wraps mixed Chinese and Latin text without breaking Latin words, in cells and paragraphs', async () => {
    const cell = '基于GeoGebra的初中数学探究式教学与Python编程实践（面向STEM教育的跨学科项目化学习PBL设计）';
    const paragraph =
      '本期研修邀请Dr. Elizabeth Montgomery-Fitzgerald（University of Cambridge Faculty of Education）讲授formative assessment与learning analytics，并结合ClassIn、Seewo EasiNote等平台开展课堂观察，学员完成了不少于3,000字的reflective journal。';
    const pdf = await renderReport(
      report({
        sections: [
          { heading: '说明', paragraphs: [paragraph] },
          {
            heading: '课程',
            table: {
              columns: [
                { header: '课程', width: 90 },
                { header: '备注', width: 'fill' },
              ],
              rows: [[cell, '无']],
            },
          },
        ],
      }),
    );
    const runs = pageRuns(await PDFDocument.load(pdf)).flat();
    const words = (s: string) => s.match(/[A-Za-z][A-Za-z0-9.,-]*[A-Za-z0-9]|[A-Za-z]/g) ?? [];
    const known = new Set([...words(cell), ...words(paragraph)]);

    // The narrow column: several lines, each a run left of x = 54 + 90.
    const cellLines = runs.filter((r) => r.size === 10 && r.x < 54 + 90 && r.text !== '课程');
    expect(cellLines.length).toBeGreaterThanOrEqual(5);
    expect(cellLines.map((r) => r.text).join('')).toBe(cell);
    for (const line of cellLines) {
      for (const w of words(line.text)) expect(known).toContain(w);
      expect('，。、；：？！）》」’”'.includes(line.text[0] ?? '')).toBe(false);
      expect('（《「‘“'.includes(line.text[line.text.length - 1] ?? '')).toBe(false);
    }
    // The justified paragraph is drawn unit by unit: every Latin run is one whole word.
    const body = runs.filter((r) => r.size === 11);
    expect(flat(body.map((r) => r.text).join(''))).toBe(flat(paragraph));
    for (const r of body) for (const w of words(r.text)) expect(known).toContain(w);
    const lines = new Map<number, Run[]>();
    for (const r of body) lines.set(Math.round(r.y), [...(lines.get(Math.round(r.y)) ?? []), r]);
    expect(lines.size).toBeGreaterThanOrEqual(3);

    if (hasPdftotext) {
      const text = pdfText(pdf);
      for (const w of ['GeoGebra', 'Python', 'Montgomery-Fitzgerald', 'Cambridge', 'analytics', 'EasiNote']) expect(text).toContain(w);
    }
  });

  it('prints emptyText for a table without rows, 无 when none is given', async () => {
    const pdf = await renderReport(
      report({
        sections: [
          {
            heading: '退课学员',
            table: {
              columns: [
                { header: '姓名', width: 80 },
                { header: '原因', width: 'fill' },
              ],
              rows: [],
              emptyText: '本期无退课学员',
            },
          },
          {
            heading: '补考学员',
            table: {
              columns: [
                { header: '姓名', width: 80 },
                { header: '成绩', width: 'fill' },
              ],
              rows: [],
            },
          },
        ],
      }),
    );
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const texts = pageRuns(doc)[0]?.map((r) => r.text) ?? [];
    expect(texts).toContain('本期无退课学员');
    expect(texts).toContain('无');
    expect(texts.filter((t) => t === '姓名').length).toBe(2);
  });

  it('sets the PDF metadata', async () => {
    const doc = await PDFDocument.load(await renderReport(report({ sections: [] })), { updateMetadata: false });
    expect(doc.getTitle()).toBe('结课报告 2026年秋季小学语文骨干教师大单元教学设计高级研修班');
    expect(doc.getSubject()).toBe('编号：JKBG-2026-000045');
    expect(doc.getAuthor()).toBe('浙江省教师培训管理平台');
    expect(doc.getCreator()).toBe('Shixun');
    expect(doc.getProducer()).toBe('Shixun');
    expect((doc.catalog.get(PDFName.of('Lang')) as PDFString | undefined)?.decodeText()).toBe('zh-CN');
    const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(String(prefs.get(PDFName.of('DisplayDocTitle')))).toBe('true');
  });

  it('prints without a serial or subtitle, and cuts a long subtitle short in the running head', async () => {
    const bare = pageRuns(await PDFDocument.load(await renderReport(report({ serial: undefined, subtitle: undefined })))).flat();
    expect(bare.some((r) => r.text.includes('编号'))).toBe(false);
    expect(bare.some((r) => r.text === '第 1 页 / 共 3 页' || /^第 1 页 \/ 共 \d+ 页$/.test(r.text))).toBe(true);

    const subtitle = '2026年浙江省中小学教师信息技术应用能力提升工程2.0整校推进示范培训项目（第三期）暨人工智能赋能课堂教学专题研修';
    const pages = pageRuns(await PDFDocument.load(await renderReport(report({ subtitle }))));
    const head = pages[1]?.find((r) => r.size === 9 && r.y > 700);
    expect(head?.text.endsWith('…')).toBe(true);
    expect(subtitle.startsWith(head?.text.slice(0, -1) ?? '-')).toBe(true);
  });

  it('splits a cell taller than a page and keeps everything inside the margins', async () => {
    const huge = '教师培训'.repeat(500);
    const pdf = await renderReport(
      report({ sections: [{ heading: '附录', table: { columns: [{ header: '内容', width: 'fill' }], rows: [[huge], ['短']] } }] }),
    );
    const pages = pageRuns(await PDFDocument.load(pdf));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(flat(pages.flatMap((runs) => runs.filter((r) => r.size === 10 && r.text !== '内容').map((r) => r.text)).join(''))).toBe(`${huge}短`);
    for (const r of pages.flat()) if (r.y < 66) expect(r.size).toBe(9);
  });

  it('refuses a row that does not match the columns, and impossible widths', async () => {
    const table = (rowsIn: string[][], width: number | 'fill' = 'fill') =>
      report({
        sections: [
          {
            heading: 'x',
            table: {
              columns: [
                { header: 'a', width: 40 },
                { header: 'b', width },
              ],
              rows: rowsIn,
            },
          },
        ],
      });
    await expect(renderReport(table([['1', '2', '3']]))).rejects.toThrow(RangeError);
    await expect(renderReport(table([['1']]))).rejects.toThrow(/row 1 .* 1 cells for 2 columns/);
    await expect(renderReport(table([['1', '2']], -5))).rejects.toThrow(RangeError);
  });
});

describe('resolveColumnWidths', () => {
  it('gives a fill column the rest, and scales columns that overflow', () => {
    expect(resolveColumnWidths([36, 'fill', 100], 500)).toEqual([36, 364, 100]);
    expect(resolveColumnWidths([100, 'fill', 'fill'], 500)).toEqual([100, 200, 200]);
    expect(resolveColumnWidths([100, 200], 500)).toEqual([100, 200]);
    const scaled = resolveColumnWidths([400, 'fill', 400], 500);
    expect(scaled.reduce((a, b) => a + b, 0)).toBeCloseTo(500);
    expect(scaled[1]).toBeCloseTo(40);
    expect(resolveColumnWidths([600, 400], 500)).toEqual([300, 200]);
  });
});

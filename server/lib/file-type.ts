import { XLSX_CONTENT_TYPE } from './excel.js';

/**
 * Document types recognised from their bytes, never from the file name (PRJ-2: the plan's type is
 * checked on the content). Office Open XML files are zips whose first entry names the kind; the
 * old binary Office formats share one container, so the name only decides between doc/xls/ppt.
 */
export type DocType = 'pdf' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'ppt' | 'pptx' | 'jpg' | 'png';

export const DOC_CONTENT_TYPES: Record<DocType, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: XLSX_CONTENT_TYPE,
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  jpg: 'image/jpeg',
  png: 'image/png',
};

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function extOf(name: string): string {
  return name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
}

export function sniffDocType(bytes: Buffer, name: string): DocType | null {
  if (bytes.length < 8) return null;
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.subarray(0, 8).equals(OLE)) {
    const ext = extOf(name);
    return ext === 'doc' || ext === 'xls' || ext === 'ppt' ? ext : null;
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // The central directory lists every part; the main part's folder tells the kind.
    const text = bytes.toString('latin1');
    if (!text.includes('[Content_Types].xml')) return null;
    if (text.includes('word/document')) return 'docx';
    if (text.includes('xl/workbook')) return 'xlsx';
    if (text.includes('ppt/presentation')) return 'pptx';
  }
  return null;
}

/** Reads a file name sent in a header (URL-encoded so Chinese names survive). */
export function headerFileName(raw: unknown, fallback: string): string {
  if (typeof raw !== 'string' || !raw) return fallback;
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // keep it as sent
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip
  return name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 120) || fallback;
}

/** Pixel size of a PNG (IHDR) or JPEG (first SOFn marker), read from the bytes; null for anything else. */
export function imageSize(bytes: Buffer): { type: 'png' | 'jpg'; width: number; height: number } | null {
  const type = sniffDocType(bytes, '');
  if (type === 'png' && bytes.length >= 24) return { type, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (type !== 'jpg') return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = bytes.readUInt16BE(i + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { type, height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return null;
}

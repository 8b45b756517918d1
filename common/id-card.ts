/** GB 11643-1999 citizen ID numbers: 17 digits + check character (0-9 or X). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** Upper-cases a trailing x and trims full-width/ordinary spaces. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/[\s\u3000]/g, '').toUpperCase();
}

export type IdCardInfo = { birthDate: string; gender: 'M' | 'F'; regionCode: string };

/** Parses a normalised ID number; returns null when it is not a valid one. */
export function parseIdNumber(id: string, today = new Date()): IdCardInfo | null {
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return null;
  if (!/^[1-9]\d/.test(id)) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || date.getTime() > today.getTime()) return null;
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'M' : 'F',
    regionCode: id.slice(0, 6),
  };
}

/** Builds a valid ID number (demo data and tests). */
export function makeIdNumber(regionCode: string, birth: string, sequence: number, gender: 'M' | 'F'): string {
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== (gender === 'M')) seq = (seq + 1) % 1000;
  const first17 = `${regionCode}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

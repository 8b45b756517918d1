/**
 * 师训号: a teacher's lifelong training number, 12 digits:
 *   PP YY SSSSSSS C
 *   PP       province prefix of the GB/T 2260 code (33 = Zhejiang)
 *   YY       last two digits of the year it was issued
 *   SSSSSSS  sequence number, unique in the province (database sequence)
 *   C        Luhn check digit, so a mistyped number is caught before any lookup
 * It never encodes the school, so a transfer keeps it unchanged.
 */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function makeShixunNo(provincePrefix: string, year: number, sequence: number): string {
  const body = `${provincePrefix}${String(year % 100).padStart(2, '0')}${String(sequence).padStart(7, '0')}`;
  return body + luhnDigit(body);
}

export function isShixunNo(s: string): boolean {
  return /^\d{12}$/.test(s) && luhnDigit(s.slice(0, 11)) === s[11];
}

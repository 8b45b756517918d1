import type { FieldMessageKey } from './i18n/errors.js';

const COMMON = new Set([
  'password',
  'password1',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwerty123',
  'qwer1234',
  'abc12345',
  'abcd1234',
  'admin123',
  'admin@123',
  'a1234567',
  'aa123456',
  'zhangsan',
  'woaini1314',
  'iloveyou',
  '1qaz2wsx',
  '1q2w3e4r',
  'qazwsx123',
  'asdf1234',
  'zxcv1234',
  'aa112233',
  'Aa123456',
  'Aa123456!',
  'Abc@1234',
  'Abc123456',
  'Admin@123',
  'P@ssw0rd',
  'Password1',
  'Password@1',
  'Qwer1234',
  'Zxcv1234',
]);

export type PasswordContext = { username?: string | null; mobile?: string | null; idNumber?: string | null };

/**
 * Strength rules (ACC-1, "no weak passwords"): at least 8 characters, three of four character
 * classes, not a well-known password, not containing the account's own identifiers.
 * Returns the first rule broken, or null.
 */
export function checkPasswordStrength(password: string, ctx: PasswordContext = {}): FieldMessageKey | null {
  if (password.length < 8) return 'pwLength';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return 'pwClasses';
  const lower = password.toLowerCase();
  if (COMMON.has(password) || COMMON.has(lower)) return 'pwCommon';
  const personal = [ctx.username, ctx.mobile, ctx.idNumber?.slice(-6), ctx.idNumber?.slice(6, 14)];
  for (const p of personal) {
    if (p && p.length >= 4 && lower.includes(p.toLowerCase())) return 'pwPersonal';
  }
  return null;
}

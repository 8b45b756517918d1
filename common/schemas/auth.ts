import { z } from 'zod';
import { ROLES } from '../roles.js';
import { zId, zLang, zMobile } from './common.js';

/** A six-digit SMS verification code. */
const zSmsCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/);

export const zLoginPasswordBody = z.strictObject({
  /** Username, 师训号, ID-card number or mobile. */
  account: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(128),
});
export const zLoginSmsBody = z.strictObject({
  mobile: zMobile,
  code: zSmsCode,
});
export const SMS_PURPOSES = ['login', 'reset', 'bind'] as const;
export const zSmsSendBody = z.strictObject({ mobile: zMobile, purpose: z.enum(SMS_PURPOSES) });
export const zSmsSendResult = z.object({ ok: z.literal(true), retryAfterSeconds: z.number().int() });
export const zChangePasswordBody = z.strictObject({
  oldPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export const zResetBySmsBody = z.strictObject({
  mobile: zMobile,
  code: zSmsCode,
  newPassword: z.string().min(1).max(128),
});
/** Rebinding needs the current password as well as a code to the new number (ACC-4). */
export const zBindMobileBody = z.strictObject({ mobile: zMobile, code: zSmsCode, password: z.string().min(1).max(128) });
export const zSwitchRoleBody = z.strictObject({ roleId: zId });
export const zReverifyBody = z.strictObject({
  code: zSmsCode,
});
export const zUpdateMeBody = z.strictObject({ language: zLang });

export const zRoleView = z.object({
  id: z.number().int(),
  role: z.enum(ROLES),
  /** Name of the unit the identity acts for (浙江省, 西湖区教育局, a school, an institution). */
  unitName: z.string(),
  regionCode: z.string().nullable(),
  schoolId: z.number().int().nullable(),
  institutionId: z.number().int().nullable(),
});
export type RoleView = z.infer<typeof zRoleView>;

export const zMe = z.object({
  account: z.object({
    id: z.number().int(),
    realName: z.string(),
    username: z.string().nullable(),
    shixunNo: z.string().nullable(),
    mobile: z.string().nullable(),
    idNumberMasked: z.string().nullable(),
    mustChangePassword: z.boolean(),
    language: zLang,
  }),
  roles: z.array(zRoleView),
  activeRoleId: z.number().int(),
  csrfToken: z.string(),
  /** ISO time until which sensitive operations need no new SMS code; null when not verified. */
  reverifiedUntil: z.string().nullable(),
  abilities: z.array(z.string()),
  smsDevOutbox: z.boolean(),
});
export type Me = z.infer<typeof zMe>;

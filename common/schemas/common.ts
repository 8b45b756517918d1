import { z } from 'zod';

export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const zMobile = z
  .string()
  .trim()
  .refine((v) => MOBILE_RE.test(v), { params: { key: 'mobile' } });
export const zText = (max = 100) => z.string().trim().min(1).max(max);
export const zId = z.coerce.number().int().positive();
export const zIdParams = z.strictObject({ id: zId });
export const zLang = z.enum(['zh-CN', 'en-US']);

/** The one pagination shape: `page` is 1-based. */
export const zPageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export function zPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const zOk = z.object({ ok: z.literal(true) });

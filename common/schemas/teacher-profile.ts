import { z } from 'zod';
import { TITLES } from '../teachers.js';
import { zText } from './common.js';

/**
 * TCH-9 extended profile (the national teacher information system's 教师信息 sections). Each
 * section is saved on its own; the required ones must be filled before the profile counts as
 * complete (CRS-1 asks for a complete profile before declaring a course).
 */
const zMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe('YYYY-MM');
const zDay = z.iso.date();
/** A period row: an end month, when given, is not before its start ('YYYY-MM' compares as text). */
const period = <T extends { from: string; to: string | null }>(row: T) => row.to === null || row.to >= row.from;
const periodError = { path: ['to'], params: { key: 'endBeforeStart' } };

export const DEGREES = ['doctor', 'master', 'bachelor', 'college', 'secondary', 'high_school'] as const;
export const QUALIFICATION_TYPES = ['kindergarten', 'primary', 'junior', 'senior', 'vocational', 'vocational_practice', 'higher'] as const;
export const EXCHANGE_KINDS = ['exchange', 'rotation', 'support', 'secondment'] as const;

export const PROFILE_SECTIONS = {
  education: z
    .array(
      z
        .strictObject({
          from: zMonth,
          to: zMonth.nullable(),
          school: zText(60),
          major: zText(40),
          degree: z.enum(DEGREES),
          fullTime: z.boolean(),
        })
        .refine(period, periodError),
    )
    .min(1)
    .max(10),
  work: z.array(z.strictObject({ from: zMonth, to: zMonth.nullable(), unit: zText(60), post: zText(30) }).refine(period, periodError)).max(20),
  titles: z.array(z.strictObject({ title: z.enum(TITLES), obtainedOn: zMonth, certificateNo: z.string().trim().max(40).optional() })).max(10),
  qualification: z.strictObject({
    type: z.enum(QUALIFICATION_TYPES),
    subject: zText(20),
    certificateNo: zText(40),
    issuedOn: zDay,
    issuer: zText(60),
  }),
  skills: z.array(z.strictObject({ name: zText(40), level: z.string().trim().max(20).optional(), obtainedOn: zMonth.optional() })).max(20),
  exchange: z.array(z.strictObject({ from: zMonth, to: zMonth.nullable(), unit: zText(60), kind: z.enum(EXCHANGE_KINDS) }).refine(period, periodError)).max(10),
  contact: z.strictObject({
    address: zText(100),
    postcode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    phone: z.string().trim().max(20).optional(),
    emergencyName: z.string().trim().max(20).optional(),
    emergencyPhone: z.string().trim().max(20).optional(),
  }),
} as const;

export type ProfileSection = keyof typeof PROFILE_SECTIONS;
export const PROFILE_SECTION_KEYS = Object.keys(PROFILE_SECTIONS) as ProfileSection[];
/** Marked 必填 on the page. */
export const REQUIRED_SECTIONS: readonly ProfileSection[] = ['education', 'qualification', 'contact'];

export type ProfileSections = { [K in ProfileSection]?: z.infer<(typeof PROFILE_SECTIONS)[K]> };

export const zSectionParams = z.strictObject({ section: z.enum(PROFILE_SECTION_KEYS as [ProfileSection, ...ProfileSection[]]) });

export const zExtendedProfile = z.object({
  sections: z.object(
    Object.fromEntries(PROFILE_SECTION_KEYS.map((k) => [k, PROFILE_SECTIONS[k].optional()])) as {
      [K in ProfileSection]: z.ZodOptional<(typeof PROFILE_SECTIONS)[K]>;
    },
  ),
  /** Training history is written by the platform from the credit-hour ledger, never typed. */
  training: z.array(z.object({ year: z.number().int(), name: z.string(), hours: z.number(), source: z.string() })),
  required: z.array(z.string()),
  missing: z.array(z.string()),
  complete: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type ExtendedProfile = z.infer<typeof zExtendedProfile>;

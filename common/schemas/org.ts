import { z } from 'zod';
import { ADMIN_ROLES, INSTITUTION_LEVELS, SCHOOL_STAGE_TYPES } from '../roles.js';
import { zId, zMobile, zPageQuery, zText } from './common.js';

const zRegionCode = z.string().regex(/^\d{6}$/);

export type RegionNode = { code: string; name: string; level: 'province' | 'city' | 'county'; schoolCount: number; children: RegionNode[] };
export const zRegionNode: z.ZodType<RegionNode> = z.lazy(() =>
  z
    .object({
      code: z.string(),
      name: z.string(),
      level: z.enum(['province', 'city', 'county']),
      schoolCount: z.number().int(),
      children: z.array(zRegionNode),
    })
    .meta({ id: 'RegionNode' }),
);

const schoolFields = {
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{4,20}$/),
  name: zText(60),
  stageType: z.enum(SCHOOL_STAGE_TYPES),
  sealName: zText(60),
  town: zText(40),
  nature: z.enum(['public', 'private']),
  principalName: zText(20),
  principalMobile: zMobile,
  countyCode: zRegionCode,
};
export const zSchoolCreate = z.strictObject(schoolFields);
export const zSchoolUpdate = z.strictObject(schoolFields).partial();
export type SchoolCreate = z.infer<typeof zSchoolCreate>;
export type SchoolUpdate = z.infer<typeof zSchoolUpdate>;

export const zSchoolListQuery = z.strictObject({
  ...zPageQuery,
  q: z.string().trim().max(60).optional(),
  cityCode: zRegionCode.optional(),
  countyCode: zRegionCode.optional(),
  stageType: z.enum(SCHOOL_STAGE_TYPES).optional(),
  nature: z.enum(['public', 'private']).optional(),
});

export const zSchool = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  stageType: z.enum(SCHOOL_STAGE_TYPES),
  sealName: z.string(),
  town: z.string(),
  nature: z.enum(['public', 'private']),
  principalName: z.string(),
  /** Masked (ACC-10). */
  principalMobile: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  abilities: z.object({ update: z.boolean(), move: z.boolean() }),
});
export type School = z.infer<typeof zSchool>;

export const zInstitutionCreate = z.strictObject({
  name: zText(60),
  level: z.enum(INSTITUTION_LEVELS),
  regionCode: zRegionCode,
  contactName: zText(20),
  contactMobile: zMobile,
  address: z.string().trim().max(120).default(''),
  regionCodes: z.array(zRegionCode).max(120).default([]),
});
export const zInstitutionUpdate = z
  .strictObject({
    name: zText(60),
    level: z.enum(INSTITUTION_LEVELS),
    regionCode: zRegionCode,
    contactName: zText(20),
    contactMobile: zMobile,
    address: z.string().trim().max(120),
    regionCodes: z.array(zRegionCode).max(120),
  })
  .partial();
export const zInstitutionListQuery = z.strictObject({ ...zPageQuery, q: z.string().trim().max(60).optional() });
export const zInstitution = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.enum(INSTITUTION_LEVELS),
  regionCode: z.string(),
  regionName: z.string(),
  contactName: z.string(),
  contactMobile: z.string(),
  address: z.string(),
  regionCodes: z.array(z.string()),
  abilities: z.object({ update: z.boolean(), authorise: z.boolean() }),
});
export type Institution = z.infer<typeof zInstitution>;

/** Unit admin accounts (ORG-4). */
const UNIT_FIELD_OF_ROLE = {
  province_admin: 'regionCode',
  bureau_admin: 'regionCode',
  institution_admin: 'institutionId',
  school_admin: 'schoolId',
  principal: 'schoolId',
} as const;
export const zAdminCreate = z
  .strictObject({
    realName: zText(20),
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/),
    mobile: zMobile,
    role: z.enum(ADMIN_ROLES),
    regionCode: zRegionCode.optional(),
    institutionId: zId.optional(),
    schoolId: zId.optional(),
  })
  .superRefine((v, ctx) => {
    // A unit field only belongs with its role; anything else would be silently ignored.
    const allowed = UNIT_FIELD_OF_ROLE[v.role];
    for (const field of ['regionCode', 'institutionId', 'schoolId'] as const) {
      if (v[field] !== undefined && field !== allowed) ctx.addIssue({ code: 'custom', path: [field], params: { key: 'unknownField' } });
    }
  });
export type AdminCreate = z.infer<typeof zAdminCreate>;
export const zAdminListQuery = z.strictObject({
  ...zPageQuery,
  q: z.string().trim().max(40).optional(),
  role: z.enum(ADMIN_ROLES).optional(),
});
export const zAccountListQuery = z.strictObject({ ...zPageQuery, q: z.string().trim().max(40).optional() });
export const zAdminAccount = z.object({
  id: z.number().int(),
  roleId: z.number().int(),
  realName: z.string(),
  username: z.string().nullable(),
  mobile: z.string().nullable(),
  role: z.enum(ADMIN_ROLES),
  unitName: z.string(),
  locked: z.boolean(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  abilities: z.object({ manage: z.boolean() }),
});
export type AdminAccount = z.infer<typeof zAdminAccount>;
export const zLockedAccount = z.object({
  id: z.number().int(),
  realName: z.string(),
  username: z.string().nullable(),
  shixunNo: z.string().nullable(),
  mobile: z.string().nullable(),
  unitName: z.string(),
  lockedAt: z.string(),
});
export const zOneTimePassword = z.object({ oneTimePassword: z.string() });
export const zPersonalData = z.object({ mobile: z.string().nullable(), idNumber: z.string().nullable() });

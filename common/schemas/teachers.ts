import { z } from 'zod';
import { TRANSFER_STATES } from '../machines.js';
import { POSTS, SUBJECTS, TEACHER_STAGES, TEACHER_STATUSES, TITLES } from '../teachers.js';
import { zId, zMobile, zPageQuery, zText } from './common.js';

/** An e-mail as 添加教师 and the import accept it. */
export const zEmail = z.email().max(80);

/** An ID number as typed: 18 characters per GB 11643; spaces and a lower-case x are tolerated. */
const zIdNumberInput = z.string().trim().min(15).max(24).describe('18-character ID number (GB 11643); spaces and a lower-case x are accepted');

/** The fields a school admin enters for a new teacher (TCH-1). */
export const zTeacherCreate = z.strictObject({
  name: zText(20),
  gender: z.enum(['M', 'F']),
  birthDate: z.iso.date(),
  idNumber: zIdNumberInput,
  mobile: zMobile,
  email: zEmail.optional(),
  stage: z.enum(TEACHER_STAGES),
  subjects: z.array(z.enum(SUBJECTS)).min(1).max(4),
  title: z.enum(TITLES),
  post: z.enum(POSTS),
  /** Required for bureaus; a school admin adds to its own school. */
  schoolId: zId.optional(),
  /** 在职 by default. */
  status: z.enum(TEACHER_STATUSES).optional(),
});
export type TeacherCreate = z.infer<typeof zTeacherCreate>;

export const zTeacherListQuery = z.strictObject({
  ...zPageQuery,
  /** Name (2+ characters), ID number or 师训号 (or their beginning). */
  q: z.string().trim().min(1).max(30).optional(),
  schoolId: zId.optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  stage: z.enum(TEACHER_STAGES).optional(),
  subject: z.enum(SUBJECTS).optional(),
  title: z.enum(TITLES).optional(),
  status: z.enum(TEACHER_STATUSES).optional(),
  verified: z.enum(['true', 'false']).optional(),
});
export type TeacherListQuery = z.infer<typeof zTeacherListQuery>;

export const zTeacher = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  name: z.string(),
  shixunNo: z.string(),
  /** Masked (ACC-10). */
  idNumber: z.string(),
  mobile: z.string().nullable(),
  gender: z.enum(['M', 'F']),
  birthDate: z.string(),
  schoolId: z.number().int().nullable(),
  schoolName: z.string().nullable(),
  countyName: z.string().nullable(),
  stage: z.enum(TEACHER_STAGES).nullable(),
  subjects: z.array(z.enum(SUBJECTS)),
  title: z.enum(TITLES).nullable(),
  post: z.enum(POSTS).nullable(),
  email: z.string().nullable(),
  status: z.enum(TEACHER_STATUSES),
  verified: z.boolean(),
  isPrincipal: z.boolean(),
  isSchoolAdmin: z.boolean(),
  abilities: z.object({ manage: z.boolean() }),
});
export type Teacher = z.infer<typeof zTeacher>;

export const zTeacherCreated = z.object({
  teacher: zTeacher,
  /** How the new teacher logs in the first time (the password itself is never stored). */
  initialPasswordRule: z.literal('last6OfIdNumber'),
});

export const zArchiveBody = z.strictObject({ status: z.enum(TEACHER_STATUSES) });

/** TCH-3: what a teacher changes directly (non-key fields). */
export const zMyProfileUpdate = z
  .strictObject({
    subjects: z.array(z.enum(SUBJECTS)).min(1).max(4),
    email: z.email().max(80).nullable(),
    title: z.enum(TITLES),
    post: z.enum(POSTS),
  })
  .partial();

/** TCH-3: key fields go to the school for review. */
export const zKeyChangeBody = z.strictObject({ name: zText(20), idNumber: zIdNumberInput, stage: z.enum(TEACHER_STAGES) }).partial();

export const PROFILE_REVIEW_ACTIONS = ['approve', 'reject', 'return'] as const;
export const zReviewBody = z.strictObject({ action: z.enum(PROFILE_REVIEW_ACTIONS), reason: z.string().trim().max(200).optional() });
export const zReopenBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });
export const zChangeQuery = z.strictObject({ ...zPageQuery, state: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']).optional() });

export const zHistoryStep = z.object({
  fromState: z.string().nullable(),
  toState: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

export const zProfileChange = z.object({
  id: z.number().int(),
  teacherId: z.number().int(),
  teacherName: z.string(),
  shixunNo: z.string(),
  state: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']),
  /** Requested values; an ID number is shown masked. */
  changes: z.object({ name: z.string().optional(), idNumber: z.string().optional(), stage: z.enum(TEACHER_STAGES).optional() }),
  createdAt: z.string(),
  history: z.array(zHistoryStep),
  /** The actions the current identity may take now. */
  actions: z.array(z.string()),
});
export type ProfileChange = z.infer<typeof zProfileChange>;

export const zMyProfile = z.object({ teacher: zTeacher, requests: z.array(zProfileChange) });

// TCH-5 transfers (教师调动) and the free pool (自由人).

export const zShixunNo = z
  .string()
  .trim()
  .regex(/^\d{12}$/)
  .describe('12-digit 师训号');

export const zTransferLookupQuery = z.strictObject({ shixunNo: zShixunNo });

/** What the receiving school confirms before applying (确认各项信息后提交调动申请单). */
export const zTransferPreview = z.object({
  teacherId: z.number().int(),
  name: z.string(),
  shixunNo: z.string(),
  idNumber: z.string(),
  gender: z.enum(['M', 'F']),
  schoolName: z.string().nullable(),
  countyName: z.string().nullable(),
  status: z.enum(TEACHER_STATUSES),
  /** Who would approve: 区县 / 市 / 省. */
  approverLevel: z.enum(['county', 'city', 'province']).nullable(),
  approverName: z.string().nullable(),
  /** Error codes that would refuse the application now (empty: it may be submitted). */
  blockers: z.array(z.string()),
});

export const zTransferCreate = z.strictObject({ shixunNo: zShixunNo, note: z.string().trim().max(200).optional() });

export const zTransferListQuery = z.strictObject({
  ...zPageQuery,
  state: z.enum(TRANSFER_STATES).optional(),
  /** `approve`: applications waiting for me; `applied`: my school's applications; `out`: teachers leaving my school. */
  box: z.enum(['approve', 'applied', 'out']).optional(),
});

const zSchoolRef = z.object({ id: z.number().int(), name: z.string(), countyName: z.string().nullable(), cityName: z.string().nullable() });

export const zTransfer = z.object({
  id: z.number().int(),
  teacherId: z.number().int(),
  teacherName: z.string(),
  shixunNo: z.string(),
  idNumber: z.string(),
  fromSchool: zSchoolRef,
  toSchool: zSchoolRef,
  approverLevel: z.enum(['county', 'city', 'province']),
  approverName: z.string(),
  state: z.enum(TRANSFER_STATES),
  note: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(zHistoryStep),
  actions: z.array(z.enum(['approve', 'reject', 'withdraw'])),
});
export type Transfer = z.infer<typeof zTransfer>;

export const zTransferReview = z.strictObject({ action: z.enum(['approve', 'reject']), reason: z.string().trim().max(200).optional() });

export const zPoolQuery = z.strictObject({ ...zPageQuery, q: z.string().trim().min(2).max(30).optional() });
export const zTakeBody = z.strictObject({ schoolId: zId.optional() });

// TCH-2 batch import (批量导入).

export const IMPORT_MODES = ['all', 'valid'] as const;
export const zImportQuery = z.strictObject({
  /** `all`: commit only when every row is valid (default); `valid`: commit the valid rows. */
  mode: z.enum(IMPORT_MODES).default('all'),
  fileName: z.string().trim().min(1).max(200).default('teachers.xlsx'),
  /** Bureaus import into a school they name; a school admin into their own. */
  schoolId: zId.optional(),
});

export const zImportIssue = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export const zImportResult = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mode: z.enum(IMPORT_MODES),
  /** `committed`: the rows counted in `created` were written; `rejected`: nothing was written. */
  state: z.enum(['committed', 'rejected']),
  schoolName: z.string(),
  totalRows: z.number().int(),
  created: z.number().int(),
  existing: z.number().int(),
  rejected: z.number().int(),
  ignoredColumns: z.array(z.string()),
  /** The first issues, in the reader's language; the full list is in the rejected-rows workbook. */
  issues: z.array(zImportIssue),
  createdAt: z.string(),
  uploadedBy: z.string(),
});
export type ImportResult = z.infer<typeof zImportResult>;

// TCH-8 statistics and export.

export const STAT_DIMENSIONS = ['region', 'school', 'stage', 'subject', 'title', 'status', 'gender', 'age'] as const;
export const zTeacherFilterQuery = zTeacherListQuery.omit({ page: true, pageSize: true });
export const zTeacherStatsQuery = zTeacherFilterQuery.extend({ by: z.enum(STAT_DIMENSIONS) });
export const zTeacherStats = z.object({
  by: z.enum(STAT_DIMENSIONS),
  /** Teachers matching the filters (a teacher with two subjects counts once here, once per subject below). */
  total: z.number().int(),
  groups: z.array(
    z.object({
      /** A region code, school id, vocabulary code, or an age band like `30-39`; `unset` when not filled in (a title of `none` is 未评职称). */
      key: z.string(),
      /** Region and school names; vocabulary keys are labelled by the client. */
      label: z.string().nullable(),
      count: z.number().int(),
    }),
  ),
});
export type TeacherStats = z.infer<typeof zTeacherStats>;

import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import type { ProfileChangeState, TransferState } from '../../../common/machines.js';
import type { ProfileSections } from '../../../common/schemas/teacher-profile.js';
import type { Post, Subject, TeacherStage, TeacherStatus, Title } from '../../../common/teachers.js';
import { accounts } from './auth.js';
import { schools } from './org.js';

/**
 * The teacher record (TCH). Name, ID number, 师训号 and mobile live on the account (they are login
 * identifiers); everything else about the teacher lives here.
 */
export const teachers = pgTable(
  'teachers',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .unique()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Null while the teacher is in the free pool (自由人) between schools. */
    schoolId: integer('school_id').references(() => schools.id),
    gender: varchar('gender', { length: 1 }).$type<'M' | 'F'>().notNull(),
    birthDate: varchar('birth_date', { length: 10 }).notNull(),
    status: varchar('status', { length: 12 }).$type<TeacherStatus>().notNull().default('in_service'),
    stage: varchar('stage', { length: 16 }).$type<TeacherStage>(),
    subjects: text('subjects').array().$type<Subject[]>().notNull().default(sql`'{}'::text[]`),
    title: varchar('title', { length: 20 }).$type<Title>(),
    post: varchar('post', { length: 20 }).$type<Post>(),
    email: text('email'),
    /** 认证通过: the school admin confirmed the identity; key fields then change only by review. */
    verified: boolean('verified').notNull().default(false),
    /** 特殊用户 (FEE-3): cannot be transferred until the teacher has it removed in person. */
    specialUser: boolean('special_user').notNull().default(false),
    /** Past selections not paid for (FEE); any blocks a transfer until the record is cleared. */
    unpaidSelections: integer('unpaid_selections').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('teachers_school_idx').on(t.schoolId, t.id), index('teachers_status_idx').on(t.status)],
);

/** Key fields a teacher asked to change (TCH-3), reviewed by the school (TCH-4). */
export type KeyFieldChanges = { name?: string; idNumber?: string; stage?: TeacherStage };

export const profileChanges = pgTable(
  'profile_changes',
  {
    id: serial('id').primaryKey(),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => teachers.id, { onDelete: 'cascade' }),
    /** The reviewing school: the teacher's school when the request was made. */
    schoolId: integer('school_id').references(() => schools.id),
    state: varchar('state', { length: 16 }).$type<ProfileChangeState>().notNull(),
    changes: jsonb('changes').$type<KeyFieldChanges>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('profile_changes_school_state_idx').on(t.schoolId, t.state), index('profile_changes_teacher_idx').on(t.teacherId)],
);

/** Who approves a transfer (TCH-5): the lowest bureau above both schools. */
export type TransferLevel = 'county' | 'city' | 'province';

/** TCH-5 教师调动: the receiving school applies with the teacher's 师训号; a bureau approves. */
export const teacherTransfers = pgTable(
  'teacher_transfers',
  {
    id: serial('id').primaryKey(),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => teachers.id, { onDelete: 'cascade' }),
    fromSchoolId: integer('from_school_id')
      .notNull()
      .references(() => schools.id),
    toSchoolId: integer('to_school_id')
      .notNull()
      .references(() => schools.id),
    approverLevel: varchar('approver_level', { length: 8 }).$type<TransferLevel>().notNull(),
    /** The approving bureau's region: the shared county, the shared city, or the province. */
    approverRegion: varchar('approver_region', { length: 6 }).notNull(),
    state: varchar('state', { length: 16 }).$type<TransferState>().notNull(),
    note: text('note'),
    appliedBy: integer('applied_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open application per teacher, enforced by the database under concurrency.
    uniqueIndex('teacher_transfers_one_pending').on(t.teacherId).where(sql`state = 'pending'`),
    index('teacher_transfers_approver_idx').on(t.approverRegion, t.state),
    index('teacher_transfers_to_idx').on(t.toSchoolId),
    index('teacher_transfers_from_idx').on(t.fromSchoolId),
  ],
);

/** A rejected row of an import: where it was, what it held, and why it was refused. */
export type ImportRejectedRow = {
  row: number;
  values: Record<string, string>;
  issues: { column: string; reason: string; params?: Record<string, string | number> }[];
};

/** TCH-2: one upload of the teacher import template and what became of it. */
export const teacherImports = pgTable(
  'teacher_imports',
  {
    id: serial('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    fileName: text('file_name').notNull(),
    fileSha256: varchar('file_sha256', { length: 64 }).notNull(),
    /** `all`: nothing is written unless every row is valid; `valid`: the valid rows are written. */
    mode: varchar('mode', { length: 8 }).$type<'all' | 'valid'>().notNull(),
    state: varchar('state', { length: 12 }).$type<'committed' | 'rejected'>().notNull(),
    totalRows: integer('total_rows').notNull(),
    created: integer('created').notNull(),
    /** Rows whose teacher is already in this school (a re-import): left as they are. */
    existing: integer('existing').notNull(),
    rejected: integer('rejected').notNull(),
    ignoredColumns: text('ignored_columns').array().notNull().default(sql`'{}'::text[]`),
    rejectedRows: jsonb('rejected_rows').$type<ImportRejectedRow[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('teacher_imports_school_idx').on(t.schoolId, t.id)],
);

/** TCH-9: the extended profile sections a teacher fills in (see common/schemas/teacher-profile.ts). */
export const teacherProfiles = pgTable('teacher_profiles', {
  teacherId: integer('teacher_id')
    .primaryKey()
    .references(() => teachers.id, { onDelete: 'cascade' }),
  sections: jsonb('sections').$type<ProfileSections>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import type { ProfileChangeState } from '../../../common/machines.js';
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

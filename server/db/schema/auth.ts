import { boolean, index, integer, pgSequence, pgTable, serial, smallint, text, timestamp, unique, varchar } from 'drizzle-orm/pg-core';
import type { Role } from '../../../common/roles.js';
import { institutions, regions, schools } from './org.js';

/** Sequence behind the 师训号 (see docs/architecture.md, "师训号 format"). */
export const shixunNoSeq = pgSequence('shixun_no_seq', { startWith: 1 });

export const accounts = pgTable(
  'accounts',
  {
    id: serial('id').primaryKey(),
    username: varchar('username', { length: 32 }).unique(),
    shixunNo: varchar('shixun_no', { length: 12 }).unique(),
    idNumber: varchar('id_number', { length: 18 }).unique(),
    mobile: varchar('mobile', { length: 11 }).unique(),
    realName: text('real_name').notNull(),
    /** Null means the initial password is the last six characters of the ID number (ACC-1). */
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedLogins: smallint('failed_logins').notNull().default(0),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    language: varchar('language', { length: 5 }).$type<'zh-CN' | 'en-US'>().notNull().default('zh-CN'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('accounts_locked_idx').on(t.lockedAt)],
);

/** One row per identity an account may act as; the unit columns give its scope. */
export const accountRoles = pgTable(
  'account_roles',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 24 }).$type<Role>().notNull(),
    regionCode: varchar('region_code', { length: 6 }).references(() => regions.code),
    institutionId: integer('institution_id').references(() => institutions.id),
    schoolId: integer('school_id').references(() => schools.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('account_roles_unique').on(t.accountId, t.role, t.regionCode, t.institutionId, t.schoolId).nullsNotDistinct(),
    index('account_roles_account_idx').on(t.accountId),
    index('account_roles_school_idx').on(t.schoolId),
    index('account_roles_institution_idx').on(t.institutionId),
    index('account_roles_region_idx').on(t.regionCode),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked table does not leak live sessions. */
    id: varchar('id', { length: 64 }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    roleId: integer('role_id')
      .notNull()
      .references(() => accountRoles.id, { onDelete: 'cascade' }),
    csrfToken: varchar('csrf_token', { length: 64 }).notNull(),
    reverifiedUntil: timestamp('reverified_until', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const smsCodes = pgTable(
  'sms_codes',
  {
    id: serial('id').primaryKey(),
    mobile: varchar('mobile', { length: 11 }).notNull(),
    purpose: varchar('purpose', { length: 16 }).$type<'login' | 'reset' | 'bind' | 'reverify'>().notNull(),
    codeHash: varchar('code_hash', { length: 64 }).notNull(),
    ip: text('ip'),
    attempts: smallint('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('sms_codes_mobile_idx').on(t.mobile, t.createdAt), index('sms_codes_ip_idx').on(t.ip, t.createdAt)],
);

/** What the development SMS gateway "sent"; read by the outbox page and by tests. */
export const smsOutbox = pgTable('sms_outbox', {
  id: serial('id').primaryKey(),
  mobile: varchar('mobile', { length: 11 }).notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

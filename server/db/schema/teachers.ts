import { index, integer, pgTable, serial, timestamp, varchar } from 'drizzle-orm/pg-core';
import { accounts } from './auth.js';
import { schools } from './org.js';

/** Minimal teacher record; the teachers module extends it (TCH). */
export const teachers = pgTable(
  'teachers',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .unique()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id').references(() => schools.id),
    gender: varchar('gender', { length: 1 }).$type<'M' | 'F'>().notNull(),
    birthDate: varchar('birth_date', { length: 10 }).notNull(),
    status: varchar('status', { length: 12 }).$type<'active' | 'left' | 'retired'>().notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('teachers_school_idx').on(t.schoolId)],
);

import { bigserial, index, integer, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/**
 * Every state change of every reviewed thing (profile changes now; projects, enrolments,
 * lessons, declarations, transfers later): who, when, from what to what, and why.
 */
export const reviewHistory = pgTable(
  'review_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    machine: varchar('machine', { length: 32 }).notNull(),
    subjectId: integer('subject_id').notNull(),
    fromState: varchar('from_state', { length: 24 }),
    toState: varchar('to_state', { length: 24 }).notNull(),
    action: varchar('action', { length: 24 }).notNull(),
    actorAccountId: integer('actor_account_id'),
    actorName: text('actor_name'),
    actorRole: varchar('actor_role', { length: 24 }),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_history_subject_idx').on(t.machine, t.subjectId, t.id)],
);

import { bigserial, index, integer, jsonb, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAccountId: integer('actor_account_id'),
    actorName: text('actor_name'),
    actorRole: varchar('actor_role', { length: 24 }),
    action: varchar('action', { length: 48 }).notNull(),
    targetType: varchar('target_type', { length: 24 }),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** The unit the event belongs to: decides which admins see it. */
    cityCode: varchar('city_code', { length: 6 }),
    countyCode: varchar('county_code', { length: 6 }),
    schoolId: integer('school_id'),
    institutionId: integer('institution_id'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_city_idx').on(t.cityCode, t.at),
    index('audit_county_idx').on(t.countyCode, t.at),
    index('audit_school_idx').on(t.schoolId, t.at),
    index('audit_institution_idx').on(t.institutionId, t.at),
    index('audit_actor_idx').on(t.actorAccountId, t.at),
  ],
);

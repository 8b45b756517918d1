import { index, integer, pgTable, primaryKey, serial, smallint, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/** GB/T 2260 administrative divisions: province → city → county. Reference data loaded at start. */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 6 }).primaryKey(),
    name: text('name').notNull(),
    level: varchar('level', { length: 8 }).$type<'province' | 'city' | 'county'>().notNull(),
    parentCode: varchar('parent_code', { length: 6 }),
    cityCode: varchar('city_code', { length: 6 }),
    sort: smallint('sort').notNull().default(0),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

export const schools = pgTable(
  'schools',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 20 }).notNull().unique(),
    name: text('name').notNull(),
    stageType: varchar('stage_type', { length: 24 }).notNull(),
    sealName: text('seal_name').notNull(),
    town: text('town').notNull(),
    nature: varchar('nature', { length: 8 }).$type<'public' | 'private'>().notNull(),
    principalName: text('principal_name').notNull(),
    principalMobile: varchar('principal_mobile', { length: 11 }).notNull(),
    cityCode: varchar('city_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('schools_county_idx').on(t.countyCode, t.id), index('schools_city_idx').on(t.cityCode, t.id), index('schools_name_idx').on(t.name)],
);

export const institutions = pgTable(
  'institutions',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    level: varchar('level', { length: 8 }).$type<'province' | 'city' | 'county' | 'school'>().notNull(),
    /** The region the institution belongs to (decides which bureau sees it). */
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    cityCode: varchar('city_code', { length: 6 }).references(() => regions.code),
    contactName: text('contact_name').notNull(),
    contactMobile: varchar('contact_mobile', { length: 11 }).notNull(),
    address: text('address').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('institutions_region_idx').on(t.regionCode), index('institutions_city_idx').on(t.cityCode)],
);

/** 授权培训地区: regions an institution may target with its projects, set by the province. */
export const institutionRegions = pgTable(
  'institution_regions',
  {
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.regionCode] })],
);

import { and, asc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { maskMobile } from '../../../common/mask.js';
import type {
  Institution,
  RegionNode,
  School,
  SchoolCreate,
  SchoolUpdate,
  zInstitutionCreate,
  zInstitutionListQuery,
  zInstitutionUpdate,
  zSchoolListQuery,
} from '../../../common/schemas/org.js';
import type { Db, Tx } from '../../db/client.js';
import { institutionRegions, institutions, regions, schools } from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import { queryRows } from '../../lib/sql.js';
import {
  canAuthoriseInstitution,
  canCreateInstitution,
  canCreateSchoolIn,
  canMoveSchool,
  canUpdateInstitution,
  canUpdateSchool,
  institutionScopeWhere,
  schoolScopeWhere,
} from './policy.js';
import { findRegion, PROVINCE, REGIONS } from './regions.js';
import type { Actor, Scope } from './scope.js';
import { regionInScope } from './scope.js';

/** Writes the reference region rows (idempotent; run at start). */
export async function syncRegions(db: Tx): Promise<void> {
  await db
    .insert(regions)
    .values(REGIONS.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, cityCode: r.cityCode, sort: r.sort })))
    .onConflictDoUpdate({ target: regions.code, set: { name: sql`excluded.name`, sort: sql`excluded.sort` } });
}

/** Display names of the units behind identities (a school, an institution, a bureau). */
export async function findUnitNames(db: Tx, refs: { schoolIds: number[]; institutionIds: number[] }) {
  const [s, i] = await Promise.all([
    refs.schoolIds.length ? db.select({ id: schools.id, name: schools.name }).from(schools).where(inArray(schools.id, refs.schoolIds)) : [],
    refs.institutionIds.length
      ? db.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, refs.institutionIds))
      : [],
  ]);
  return { schools: new Map(s.map((r) => [r.id, r.name])), institutions: new Map(i.map((r) => [r.id, r.name])) };
}

export function bureauName(regionCode: string | null): string {
  const region = findRegion(regionCode);
  if (!region) return '';
  return region.level === 'province' ? `${region.name}教育厅` : `${region.name}教育局`;
}

/** The unit columns an audit entry of a school carries. */
export function schoolAuditUnit(s: { id: number; cityCode: string; countyCode: string }) {
  return { schoolId: s.id, cityCode: s.cityCode, countyCode: s.countyCode };
}

// ---------------------------------------------------------------- regions

/** The region tree pruned to the identity's scope, with the number of schools in each region. */
export async function findRegionTree(db: Db, actor: Actor): Promise<RegionNode> {
  const where = schoolScopeWhere(actor.scope);
  const counts = await db.select({ countyCode: schools.countyCode, n: sql<number>`count(*)::int` }).from(schools).where(where).groupBy(schools.countyCode);
  const byCounty = new Map(counts.map((c) => [c.countyCode, c.n]));
  const visible = (code: string) => {
    const s = actor.scope;
    if (s.kind === 'city' || s.kind === 'county') return regionInScope(s, code);
    if (s.kind === 'school') return byCounty.has(code);
    return true;
  };
  const root: RegionNode = { code: PROVINCE.code, name: PROVINCE.name, level: 'province', schoolCount: 0, children: [] };
  for (const city of REGIONS.filter((r) => r.level === 'city')) {
    const counties = REGIONS.filter((r) => r.parentCode === city.code && visible(r.code)).map((c) => ({
      code: c.code,
      name: c.name,
      level: 'county' as const,
      schoolCount: byCounty.get(c.code) ?? 0,
      children: [],
    }));
    if (counties.length === 0) continue;
    const schoolCount = counties.reduce((a, c) => a + c.schoolCount, 0);
    root.children.push({ code: city.code, name: city.name, level: 'city', schoolCount, children: counties });
    root.schoolCount += schoolCount;
  }
  return root;
}

// ---------------------------------------------------------------- schools

const schoolColumns = {
  id: schools.id,
  code: schools.code,
  name: schools.name,
  stageType: schools.stageType,
  sealName: schools.sealName,
  town: schools.town,
  nature: schools.nature,
  principalName: schools.principalName,
  principalMobile: schools.principalMobile,
  cityCode: schools.cityCode,
  countyCode: schools.countyCode,
};
type SchoolRow = { [K in keyof typeof schoolColumns]: (typeof schoolColumns)[K]['_']['data'] };

function presentSchool(actor: Actor, r: SchoolRow): School {
  return {
    ...r,
    stageType: r.stageType as School['stageType'],
    principalMobile: maskMobile(r.principalMobile) ?? '',
    cityName: findRegion(r.cityCode)?.name ?? '',
    countyName: findRegion(r.countyCode)?.name ?? '',
    abilities: { update: canUpdateSchool(actor, r), move: canMoveSchool(actor, r) },
  };
}

/**
 * The school list is the busiest admin query: one prepared statement per scope kind, run through
 * the driver directly (no query building, no planning per request); optional filters are
 * `$n is null or …`. Columns come back in the order of SCHOOL_LIST_COLUMNS.
 */
const SCHOOL_LIST_COLUMNS = 'id, code, name, stage_type, seal_name, town, nature, principal_name, principal_mobile, city_code, county_code';
const SCHOOL_SCOPE_SQL = { province: '$1::text is null', city: 'city_code = $1', county: 'county_code = $1', school: 'id = $1::int' } as const;
function schoolListSql(kind: keyof typeof SCHOOL_SCOPE_SQL) {
  return `select ${SCHOOL_LIST_COLUMNS}, count(*) over () from schools
    where ${SCHOOL_SCOPE_SQL[kind]}
      and ($2::text is null or city_code = $2) and ($3::text is null or county_code = $3)
      and ($4::text is null or stage_type = $4) and ($5::text is null or nature = $5)
      and ($6::text is null or name ilike $7 or code = $6)
    order by county_code, id limit $8 offset $9`;
}

export async function listSchools(db: Db, actor: Actor, q: z.infer<typeof zSchoolListQuery>) {
  const s = actor.scope;
  if (s.kind === 'self' || s.kind === 'institution') return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { limit, offset } = pageOffset(q);
  const scope = s.kind === 'city' ? s.cityCode : s.kind === 'county' ? s.countyCode : s.kind === 'school' ? s.schoolId : null;
  const params = [scope, q.cityCode ?? null, q.countyCode ?? null, q.stageType ?? null, q.nature ?? null, q.q ?? null, q.q ? `%${escapeLike(q.q)}%` : null];
  const run = (lim: number, off: number) => queryRows(db, `school_list_${s.kind}`, schoolListSql(s.kind), [...params, lim, off]);
  const rows = await run(limit, offset);
  // Past the last page: ask for the first row only, to report the real total.
  const totalRow = rows[0] ?? (offset > 0 ? (await run(1, 0))[0] : undefined);
  const items = rows.map((r) => {
    const [id, code, name, stageType, sealName, town, nature, principalName, principalMobile, cityCode, countyCode] = r as [
      number,
      string,
      string,
      string,
      string,
      string,
      'public' | 'private',
      string,
      string,
      string,
      string,
    ];
    return presentSchool(actor, { id, code, name, stageType, sealName, town, nature, principalName, principalMobile, cityCode, countyCode });
  });
  return { items, total: totalRow ? Number(totalRow[11]) : 0, page: q.page, pageSize: q.pageSize };
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function findSchoolInScope(db: Tx, scope: Scope, id: number): Promise<SchoolRow> {
  const [row] = await db
    .select(schoolColumns)
    .from(schools)
    .where(and(eq(schools.id, id), schoolScopeWhere(scope)));
  if (!row) throw notFound('school');
  return row;
}

export async function getSchool(db: Db, actor: Actor, id: number): Promise<School> {
  return presentSchool(actor, await findSchoolInScope(db, actor.scope, id));
}

function countyOrFail(countyCode: string) {
  const county = findRegion(countyCode);
  if (!county) throw AppError.fields({ field: 'countyCode', key: 'invalid' });
  if (county.level !== 'county') throw AppError.fields({ field: 'countyCode', key: 'notCounty' });
  return county;
}

async function assertSchoolCodeFree(db: Tx, code: string, exceptId?: number) {
  const [dup] = await db.select({ id: schools.id }).from(schools).where(eq(schools.code, code));
  if (dup && dup.id !== exceptId) throw AppError.fields({ field: 'code', key: 'taken' });
}

export async function createSchool(db: Db, actor: Actor, input: SchoolCreate, meta: RequestMeta): Promise<School> {
  const county = countyOrFail(input.countyCode);
  if (!canCreateSchoolIn(actor, county.code)) {
    throw new AppError('OUT_OF_SCOPE', {}, [{ field: 'countyCode', key: 'outOfScope' }]);
  }
  return db.transaction(async (tx) => {
    await assertSchoolCodeFree(tx, input.code);
    const [row] = await tx
      .insert(schools)
      .values({ ...input, cityCode: county.cityCode as string })
      .returning(schoolColumns);
    if (!row) throw new AppError('INTERNAL');
    await writeAudit(tx, {
      action: 'school.created',
      actor: actorRef(actor),
      target: { type: 'school', id: row.id, label: row.name },
      detail: { code: row.code, countyCode: row.countyCode },
      unit: schoolAuditUnit(row),
      ...meta,
    });
    return presentSchool(actor, row);
  });
}

export async function updateSchool(db: Db, actor: Actor, id: number, input: SchoolUpdate, meta: RequestMeta): Promise<School> {
  return db.transaction(async (tx) => {
    const before = await findSchoolInScope(tx, actor.scope, id);
    if (!canUpdateSchool(actor, before)) throw new AppError('FORBIDDEN');
    const set: Partial<typeof schools.$inferInsert> = { ...input };
    const moving = (input.code !== undefined && input.code !== before.code) || (input.countyCode !== undefined && input.countyCode !== before.countyCode);
    if (moving) {
      if (!canMoveSchool(actor, before)) {
        throw new AppError('FORBIDDEN', {}, [{ field: input.countyCode !== undefined ? 'countyCode' : 'code', key: 'outOfScope' }]);
      }
      if (input.countyCode !== undefined) {
        const county = countyOrFail(input.countyCode);
        if (!regionInScope(actor.scope, county.code)) throw new AppError('OUT_OF_SCOPE', {}, [{ field: 'countyCode', key: 'outOfScope' }]);
        set.cityCode = county.cityCode as string;
      }
      if (input.code !== undefined) await assertSchoolCodeFree(tx, input.code, id);
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, v] of Object.entries(input)) {
      const old = before[k as keyof SchoolRow];
      if (v !== old) changes[k] = k === 'principalMobile' ? { from: maskMobile(String(old)), to: maskMobile(String(v)) } : { from: old, to: v };
    }
    const [row] = await tx
      .update(schools)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(schools.id, id))
      .returning(schoolColumns);
    if (!row) throw notFound('school');
    if (Object.keys(changes).length > 0) {
      await writeAudit(tx, {
        action: 'school.updated',
        actor: actorRef(actor),
        target: { type: 'school', id: row.id, label: row.name },
        detail: { changes },
        unit: schoolAuditUnit(row),
        ...meta,
      });
    }
    return presentSchool(actor, row);
  });
}

/** Keeps the school's principal name and mobile in step with the authorised principal (TCH-7). */
export async function setSchoolPrincipal(tx: Tx, schoolId: number, name: string, mobile: string | null) {
  await tx
    .update(schools)
    .set({ principalName: name, ...(mobile ? { principalMobile: mobile } : {}), updatedAt: sql`now()` })
    .where(eq(schools.id, schoolId));
}

export function actorRef(actor: Actor) {
  return { accountId: actor.accountId, name: actor.realName, role: actor.role.role };
}

/** The unit an identity acts for, as audit columns (used for events with no other subject). */
export async function actorAuditUnit(db: Tx, r: { schoolId: number | null; institutionId: number | null; regionCode: string | null }) {
  if (r.schoolId) {
    const [s] = await db.select({ id: schools.id, cityCode: schools.cityCode, countyCode: schools.countyCode }).from(schools).where(eq(schools.id, r.schoolId));
    return s ? schoolAuditUnit(s) : { schoolId: r.schoolId };
  }
  if (r.institutionId) return { institutionId: r.institutionId };
  const region = findRegion(r.regionCode);
  if (region?.level === 'city') return { cityCode: region.code };
  if (region?.level === 'county') return { cityCode: region.cityCode, countyCode: region.code };
  return {};
}

// ---------------------------------------------------------------- institutions

type InstitutionRow = typeof institutions.$inferSelect;

async function presentInstitutions(db: Tx, actor: Actor, rows: InstitutionRow[]): Promise<Institution[]> {
  const ids = rows.map((r) => r.id);
  const auth = ids.length
    ? await db.select().from(institutionRegions).where(inArray(institutionRegions.institutionId, ids)).orderBy(asc(institutionRegions.regionCode))
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    level: r.level,
    regionCode: r.regionCode,
    regionName: findRegion(r.regionCode)?.name ?? '',
    contactName: r.contactName,
    contactMobile: maskMobile(r.contactMobile) ?? '',
    address: r.address,
    regionCodes: auth.filter((a) => a.institutionId === r.id).map((a) => a.regionCode),
    abilities: { update: canUpdateInstitution(actor, r.id), authorise: canAuthoriseInstitution(actor) },
  }));
}

export async function listInstitutions(db: Db, actor: Actor, q: z.infer<typeof zInstitutionListQuery>) {
  const conds = [institutionScopeWhere(actor.scope)];
  if (q.q) conds.push(ilike(institutions.name, `%${escapeLike(q.q)}%`));
  const { limit, offset } = pageOffset(q);
  const rows = await db
    .select({ i: institutions, total: sql<number>`count(*) over ()` })
    .from(institutions)
    .where(and(...conds))
    .orderBy(asc(institutions.id))
    .limit(limit)
    .offset(offset);
  const items = await presentInstitutions(
    db,
    actor,
    rows.map((r) => r.i),
  );
  return { ...toPage(rows, q, () => null), items };
}

async function findInstitutionInScope(db: Tx, scope: Scope, id: number) {
  const [row] = await db
    .select()
    .from(institutions)
    .where(and(eq(institutions.id, id), institutionScopeWhere(scope)));
  if (!row) throw notFound('institution');
  return row;
}

export async function getInstitution(db: Db, actor: Actor, id: number): Promise<Institution> {
  const row = await findInstitutionInScope(db, actor.scope, id);
  const [out] = await presentInstitutions(db, actor, [row]);
  return out as Institution;
}

/** Where an institution of each level is based: the province, a city, or a county (county and school level). */
const HOME_LEVEL = { province: 'province', city: 'city', county: 'county', school: 'county' } as const;

function checkRegions(regionCode: string | undefined, regionCodes: string[] | undefined, level?: keyof typeof HOME_LEVEL) {
  const home = findRegion(regionCode);
  if (regionCode !== undefined && !home) throw AppError.fields({ field: 'regionCode', key: 'invalid' });
  if (home && level && home.level !== HOME_LEVEL[level]) throw AppError.fields({ field: 'regionCode', key: 'levelMismatch' });
  if (regionCodes?.some((c) => !findRegion(c))) throw AppError.fields({ field: 'regionCodes', key: 'invalid' });
}

function institutionAuditUnit(r: { id: number }) {
  return { institutionId: r.id };
}

async function setAuthorisedRegions(tx: Tx, institutionId: number, codes: string[]) {
  await tx.delete(institutionRegions).where(eq(institutionRegions.institutionId, institutionId));
  const unique = [...new Set(codes)];
  if (unique.length) await tx.insert(institutionRegions).values(unique.map((regionCode) => ({ institutionId, regionCode })));
}

export async function createInstitution(db: Db, actor: Actor, input: z.infer<typeof zInstitutionCreate>, meta: RequestMeta) {
  if (!canCreateInstitution(actor)) throw new AppError('FORBIDDEN');
  checkRegions(input.regionCode, input.regionCodes, input.level);
  return db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, input.name));
    if (dup) throw AppError.fields({ field: 'name', key: 'taken' });
    const region = findRegion(input.regionCode);
    const [row] = await tx
      .insert(institutions)
      .values({
        name: input.name,
        level: input.level,
        regionCode: input.regionCode,
        cityCode: region?.cityCode ?? null,
        contactName: input.contactName,
        contactMobile: input.contactMobile,
        address: input.address,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await setAuthorisedRegions(tx, row.id, input.regionCodes);
    await writeAudit(tx, {
      action: 'institution.created',
      actor: actorRef(actor),
      target: { type: 'institution', id: row.id, label: row.name },
      detail: { regionCodes: input.regionCodes },
      unit: institutionAuditUnit(row),
      ...meta,
    });
    const [out] = await presentInstitutions(tx, actor, [row]);
    return out as Institution;
  });
}

export async function updateInstitution(db: Db, actor: Actor, id: number, input: z.infer<typeof zInstitutionUpdate>, meta: RequestMeta) {
  return db.transaction(async (tx) => {
    const before = await findInstitutionInScope(tx, actor.scope, id);
    checkRegions(input.regionCode ?? before.regionCode, input.regionCodes, input.level ?? before.level);
    if (!canUpdateInstitution(actor, id)) throw new AppError('FORBIDDEN');
    const restricted = (['level', 'regionCode', 'regionCodes'] as const).filter((k) => input[k] !== undefined);
    if (restricted.length && !canAuthoriseInstitution(actor)) {
      throw new AppError(
        'FORBIDDEN',
        {},
        restricted.map((field) => ({ field, key: 'outOfScope' as const })),
      );
    }
    if (input.name !== undefined && input.name !== before.name) {
      const [dup] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, input.name));
      if (dup) throw AppError.fields({ field: 'name', key: 'taken' });
    }
    const { regionCodes, ...fields } = input;
    const region = input.regionCode ? findRegion(input.regionCode) : undefined;
    const [row] = await tx
      .update(institutions)
      .set({ ...fields, ...(region ? { cityCode: region.cityCode } : {}), updatedAt: sql`now()` })
      .where(eq(institutions.id, id))
      .returning();
    if (!row) throw notFound('institution');
    if (regionCodes) await setAuthorisedRegions(tx, id, regionCodes);
    await writeAudit(tx, {
      action: 'institution.updated',
      actor: actorRef(actor),
      target: { type: 'institution', id, label: row.name },
      detail: { fields: Object.keys(input) },
      unit: institutionAuditUnit(row),
      ...meta,
    });
    const [out] = await presentInstitutions(tx, actor, [row]);
    return out as Institution;
  });
}

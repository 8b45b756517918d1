import { and, asc, count, desc, eq, ilike, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { maskMobile } from '../../../common/mask.js';
import { ADMIN_ROLES, type AdminRole } from '../../../common/roles.js';
import type { AdminAccount, AdminCreate, zAccountListQuery, zAdminListQuery } from '../../../common/schemas/org.js';
import type { Db, Tx } from '../../db/client.js';
import { accountRoles, accounts, institutions, regions, schools } from '../../db/schema.js';
import { type AuditUnit, type RequestMeta, writeAudit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import { generateOneTimePassword, hashPassword } from '../../lib/password.js';
import { assertReverified } from '../auth/service.js';
import type { SessionStore } from '../auth/session.js';
import { institutionHomeWhere, schoolScopeWhere } from '../org/policy.js';
import { findRegion, PROVINCE } from '../org/regions.js';
import type { Actor } from '../org/scope.js';
import { actorRef, bureauName, escapeLike } from '../org/service.js';
import { accountInScope, canCreateAdminRole, roleUnitInScope } from './policy.js';

export type AccountsDeps = { db: Db; clock: Clock; sessions: SessionStore };

function unitNameOf(r: { role: string; schoolName: string | null; institutionName: string | null; regionCode: string | null }) {
  return r.schoolName ?? r.institutionName ?? bureauName(r.regionCode);
}

function auditUnitOf(r: {
  regionCode: string | null;
  schoolId: number | null;
  institutionId: number | null;
  schoolCity: string | null;
  schoolCounty: string | null;
}): AuditUnit {
  if (r.schoolId) return { schoolId: r.schoolId, cityCode: r.schoolCity, countyCode: r.schoolCounty };
  if (r.institutionId) return { institutionId: r.institutionId };
  const region = findRegion(r.regionCode);
  if (region?.level === 'city') return { cityCode: region.code };
  if (region?.level === 'county') return { cityCode: region.cityCode, countyCode: region.code };
  return {};
}

const adminColumns = {
  id: accounts.id,
  roleId: accountRoles.id,
  realName: accounts.realName,
  username: accounts.username,
  mobile: accounts.mobile,
  role: accountRoles.role,
  regionCode: accountRoles.regionCode,
  schoolId: accountRoles.schoolId,
  institutionId: accountRoles.institutionId,
  schoolName: schools.name,
  schoolCity: schools.cityCode,
  schoolCounty: schools.countyCode,
  institutionName: institutions.name,
  lockedAt: accounts.lockedAt,
  disabledAt: accounts.disabledAt,
  mustChangePassword: accounts.mustChangePassword,
  lastLoginAt: accounts.lastLoginAt,
};

type AdminRow = Awaited<ReturnType<ReturnType<typeof adminQuery>['execute']>>[number];

function presentAdmin(actor: Actor, r: AdminRow): AdminAccount {
  return {
    id: r.id,
    roleId: r.roleId,
    realName: r.realName,
    username: r.username,
    mobile: maskMobile(r.mobile),
    role: r.role as AdminRole,
    unitName: unitNameOf(r),
    locked: !!r.lockedAt,
    disabled: !!r.disabledAt,
    mustChangePassword: r.mustChangePassword,
    lastLoginAt: r.lastLoginAt ? new Date(r.lastLoginAt).toISOString() : null,
    abilities: { manage: r.id !== actor.accountId },
  };
}

function adminQuery(db: Tx) {
  return db
    .select({ ...adminColumns, total: sql<number>`count(*) over ()` })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .leftJoin(schools, eq(schools.id, accountRoles.schoolId))
    .leftJoin(institutions, eq(institutions.id, accountRoles.institutionId))
    .leftJoin(regions, eq(regions.code, accountRoles.regionCode));
}

/** ORG-4: admins of the units inside my scope. */
export async function listAdmins(db: Db, actor: Actor, q: z.infer<typeof zAdminListQuery>) {
  const conds = [inArray(accountRoles.role, q.role ? [q.role] : [...ADMIN_ROLES]), roleUnitInScope(actor.scope)];
  if (q.q) conds.push(or(ilike(accounts.realName, `%${escapeLike(q.q)}%`), ilike(accounts.username, `%${escapeLike(q.q)}%`)) as never);
  const { limit, offset } = pageOffset(q);
  const rows = await adminQuery(db)
    .where(and(...conds))
    .orderBy(asc(accountRoles.role), asc(accountRoles.id))
    .limit(limit)
    .offset(offset);
  return toPage(rows, q, (r) => presentAdmin(actor, r));
}

/** Resolves the unit of a new admin, defaulting to the creator's own unit, and checks scope in SQL. */
async function resolveUnit(db: Tx, actor: Actor, input: AdminCreate) {
  const own = actor.role;
  const unit = {
    role: input.role,
    regionCode: input.role === 'province_admin' ? (own.regionCode ?? '330000') : input.role === 'bureau_admin' ? (input.regionCode ?? own.regionCode) : null,
    institutionId: input.role === 'institution_admin' ? (input.institutionId ?? own.institutionId) : null,
    schoolId: input.role === 'school_admin' ? (input.schoolId ?? own.schoolId) : null,
  };
  if (input.role === 'principal') throw AppError.fields({ field: 'role', key: 'invalid' });
  if (input.role === 'province_admin' && input.regionCode && input.regionCode !== PROVINCE.code) throw AppError.fields({ field: 'regionCode', key: 'invalid' });
  if (input.role === 'bureau_admin' && !unit.regionCode) throw AppError.fields({ field: 'regionCode', key: 'required' });
  if (input.role === 'institution_admin') {
    if (!unit.institutionId) throw AppError.fields({ field: 'institutionId', key: 'required' });
    const [i] = await db
      .select({ id: institutions.id })
      .from(institutions)
      .where(and(eq(institutions.id, unit.institutionId), institutionHomeWhere(actor.scope)));
    if (!i) throw new AppError('OUT_OF_SCOPE', {}, [{ field: 'institutionId', key: 'outOfScope' }]);
  }
  if (input.role === 'school_admin') {
    if (!unit.schoolId) throw AppError.fields({ field: 'schoolId', key: 'required' });
    const [s] = await db
      .select({ id: schools.id })
      .from(schools)
      .where(and(eq(schools.id, unit.schoolId), schoolScopeWhere(actor.scope)));
    if (!s) throw new AppError('OUT_OF_SCOPE', {}, [{ field: 'schoolId', key: 'outOfScope' }]);
  }
  if (!canCreateAdminRole(actor, unit)) {
    const field = input.role === 'bureau_admin' ? 'regionCode' : 'role';
    throw new AppError('OUT_OF_SCOPE', {}, [{ field, key: 'outOfScope' }]);
  }
  return unit;
}

/** ORG-4: a unit admin creates a real-name admin with a bound mobile and a one-time password. */
export async function createAdmin(deps: AccountsDeps, actor: Actor, input: AdminCreate, meta: RequestMeta) {
  const oneTimePassword = generateOneTimePassword();
  const hash = await hashPassword(oneTimePassword);
  return deps.db.transaction(async (tx) => {
    const unit = await resolveUnit(tx, actor, input);
    const taken = await tx
      .select({ username: accounts.username, mobile: accounts.mobile })
      .from(accounts)
      .where(or(eq(accounts.username, input.username), eq(accounts.mobile, input.mobile)));
    if (taken.some((t) => t.username === input.username)) throw AppError.fields({ field: 'username', key: 'taken' });
    if (taken.some((t) => t.mobile === input.mobile)) throw AppError.fields({ field: 'mobile', key: 'taken' });
    const [account] = await tx
      .insert(accounts)
      .values({ username: input.username, mobile: input.mobile, realName: input.realName, passwordHash: hash, mustChangePassword: true })
      .returning({ id: accounts.id });
    if (!account) throw new AppError('INTERNAL');
    const [role] = await tx
      .insert(accountRoles)
      .values({ accountId: account.id, role: unit.role as AdminRole, regionCode: unit.regionCode, institutionId: unit.institutionId, schoolId: unit.schoolId })
      .returning({ id: accountRoles.id });
    const [row] = await adminQuery(tx).where(eq(accountRoles.id, role?.id ?? 0));
    if (!row) throw new AppError('INTERNAL');
    await writeAudit(tx, {
      action: 'account.created',
      actor: actorRef(actor),
      target: { type: 'account', id: account.id, label: input.realName },
      detail: { role: unit.role, unit: unitNameOf(row) },
      unit: auditUnitOf(row),
      ...meta,
    });
    return { account: presentAdmin(actor, row), oneTimePassword };
  });
}

/** The target account if one of its identities is inside my scope; audits go to that unit. */
async function findManagedAccount(db: Tx, actor: Actor, accountId: number) {
  const rows = await adminQuery(db)
    .where(and(eq(accounts.id, accountId), roleUnitInScope(actor.scope)))
    .orderBy(asc(accountRoles.id))
    .limit(1);
  const row = rows[0];
  if (!row) throw notFound('account');
  // Every identity of the account must lie inside my scope: holding one identity in my school does
  // not put a province admin under me.
  const [outside] = await db
    .select({ n: count() })
    .from(accountRoles)
    .leftJoin(schools, eq(schools.id, accountRoles.schoolId))
    .leftJoin(institutions, eq(institutions.id, accountRoles.institutionId))
    .leftJoin(regions, eq(regions.code, accountRoles.regionCode))
    .where(and(eq(accountRoles.accountId, accountId), sql`not coalesce(${roleUnitInScope(actor.scope)}, false)`));
  if ((outside?.n ?? 0) > 0) throw new AppError('FORBIDDEN');
  return row;
}

async function manage(
  deps: AccountsDeps,
  actor: Actor,
  accountId: number,
  action: 'account.unlocked' | 'account.password_reset' | 'account.disabled' | 'account.enabled',
  meta: RequestMeta,
  change: (tx: Tx) => Promise<void>,
) {
  await deps.db.transaction(async (tx) => {
    const row = await findManagedAccount(tx, actor, accountId);
    if (accountId === actor.accountId && action !== 'account.unlocked') throw new AppError('FORBIDDEN');
    await change(tx);
    await writeAudit(tx, { action, actor: actorRef(actor), target: { type: 'account', id: accountId, label: row.realName }, unit: auditUnitOf(row), ...meta });
  });
  deps.sessions.forgetAccount(accountId);
}

/** ACC-2: an admin in scope lifts a lockout. */
export async function unlockAccount(deps: AccountsDeps, actor: Actor, accountId: number, meta: RequestMeta) {
  await manage(deps, actor, accountId, 'account.unlocked', meta, async (tx) => {
    await tx.update(accounts).set({ lockedAt: null, failedLogins: 0 }).where(eq(accounts.id, accountId));
  });
}

/** ACC-3: reset to a one-time password that must be changed at next login; ends the account's sessions. */
export async function resetAccountPassword(deps: AccountsDeps, actor: Actor, accountId: number, meta: RequestMeta) {
  const oneTimePassword = generateOneTimePassword();
  const hash = await hashPassword(oneTimePassword);
  await manage(deps, actor, accountId, 'account.password_reset', meta, async (tx) => {
    await tx.update(accounts).set({ passwordHash: hash, mustChangePassword: true, lockedAt: null, failedLogins: 0 }).where(eq(accounts.id, accountId));
    await deps.sessions.destroyAllOf(tx, accountId);
  });
  return { oneTimePassword };
}

export async function setAccountDisabled(deps: AccountsDeps, actor: Actor, accountId: number, disabled: boolean, meta: RequestMeta) {
  await manage(deps, actor, accountId, disabled ? 'account.disabled' : 'account.enabled', meta, async (tx) => {
    await tx
      .update(accounts)
      .set({ disabledAt: disabled ? deps.clock.now() : null })
      .where(eq(accounts.id, accountId));
    if (disabled) await deps.sessions.destroyAllOf(tx, accountId);
  });
}

/** ACC-2: locked accounts (teachers and admins) inside my scope. */
export async function listLockedAccounts(db: Db, actor: Actor, q: z.infer<typeof zAccountListQuery>) {
  const conds = [isNotNull(accounts.lockedAt), accountInScope(actor.scope, accounts.id)];
  if (q.q) conds.push(or(ilike(accounts.realName, `%${escapeLike(q.q)}%`), eq(accounts.username, q.q), eq(accounts.shixunNo, q.q)) as never);
  const { limit, offset } = pageOffset(q);
  const rows = await db
    .select({
      id: accounts.id,
      realName: accounts.realName,
      username: accounts.username,
      shixunNo: accounts.shixunNo,
      mobile: accounts.mobile,
      lockedAt: accounts.lockedAt,
      total: sql<number>`count(*) over ()`,
      unitName: sql<string>`(select coalesce(s.name, i.name, '') from ${accountRoles} ar left join ${schools} s on s.id = ar.school_id left join ${institutions} i on i.id = ar.institution_id where ar.account_id = "accounts"."id" order by ar.id limit 1)`,
    })
    .from(accounts)
    .where(and(...conds))
    .orderBy(desc(accounts.lockedAt))
    .limit(limit)
    .offset(offset);
  return toPage(rows, q, (r) => ({
    id: r.id,
    realName: r.realName,
    username: r.username,
    shixunNo: r.shixunNo,
    mobile: maskMobile(r.mobile),
    unitName: r.unitName ?? '',
    lockedAt: new Date(r.lockedAt as Date).toISOString(),
  }));
}

/** ACC-5/ACC-10: unmasked mobile and ID number, after SMS re-verification; every view is audited. */
export async function viewPersonalData(deps: AccountsDeps, actor: Actor, accountId: number, meta: RequestMeta) {
  assertReverified(actor, deps.clock);
  return deps.db.transaction(async (tx) => {
    const row = await findManagedAccount(tx, actor, accountId);
    const [a] = await tx.select({ mobile: accounts.mobile, idNumber: accounts.idNumber }).from(accounts).where(eq(accounts.id, accountId));
    await writeAudit(tx, {
      action: 'account.pii_viewed',
      actor: actorRef(actor),
      target: { type: 'account', id: accountId, label: row.realName },
      detail: { fields: ['mobile', 'idNumber'] },
      unit: auditUnitOf(row),
      ...meta,
    });
    return { mobile: a?.mobile ?? null, idNumber: a?.idNumber ?? null };
  });
}

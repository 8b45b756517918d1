import { and, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import { ROLE_ABILITIES } from '../../../common/abilities.js';
import type { Lang } from '../../../common/i18n/errors.js';
import { maskIdNumber, maskMobile } from '../../../common/mask.js';
import { checkPasswordStrength } from '../../../common/password-policy.js';
import { isAdminRole, type Role } from '../../../common/roles.js';
import type { Me, RoleView } from '../../../common/schemas/auth.js';
import type { Db } from '../../db/client.js';
import { accountRoles, accounts } from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashPassword, safeEqual, verifyPassword } from '../../lib/password.js';
import type { Actor } from '../org/scope.js';
import { actorAuditUnit, actorRef, bureauName, findUnitNames } from '../org/service.js';
import { hashToken, type SessionStore } from './session.js';
import type { SmsCodes } from './sms-codes.js';

export const MAX_FAILED_LOGINS = 10;
export const REVERIFY_MS = 30 * 60_000;

export type AuthDeps = { db: Db; clock: Clock; sessions: SessionStore; smsCodes: SmsCodes; smsDevOutbox: boolean };

/** The identity chosen at login: the most administrative one the account holds. */
const ROLE_PRIORITY: Role[] = [
  'province_admin',
  'bureau_admin',
  'institution_admin',
  'school_admin',
  'principal',
  'reviewer',
  'instructor',
  'tutor',
  'teacher',
  'student',
];

type AccountRow = typeof accounts.$inferSelect;

// A real hash of a random password, so an unknown account costs the same time as a wrong password.
const dummyHash = hashPassword(`dummy-${Math.random()}`);

/** Accepts a username, 师训号, ID-card number (trailing x tolerated) or mobile. */
async function findAccountByIdentifier(db: Db, raw: string): Promise<AccountRow | undefined> {
  const id = raw.trim();
  const upper = id.toUpperCase();
  const rows = await db
    .select()
    .from(accounts)
    .where(or(eq(accounts.username, id), eq(accounts.shixunNo, id), eq(accounts.idNumber, upper), eq(accounts.mobile, id)))
    .limit(2);
  return rows[0];
}

function whomToAsk(hasAdminRole: boolean) {
  return hasAdminRole
    ? { 'zh-CN': '上级管理员', 'en-US': 'your supervising administrator' }
    : { 'zh-CN': '本校学校管理员', 'en-US': "your school's administrator" };
}

async function rolesOf(db: Db, accountId: number) {
  return db.select().from(accountRoles).where(eq(accountRoles.accountId, accountId));
}

async function refuseUnusable(db: Db, account: Pick<AccountRow, 'id' | 'disabledAt'>): Promise<never> {
  const roles = await rolesOf(db, account.id);
  const whom = whomToAsk(roles.some((r) => isAdminRole(r.role)));
  throw new AppError(account.disabledAt ? 'ACCOUNT_DISABLED' : 'ACCOUNT_LOCKED', { whom });
}

async function checkUsable(db: Db, account: AccountRow) {
  if (account.lockedAt || account.disabledAt) await refuseUnusable(db, account);
}

/** The unit columns of an account's first identity, for audit entries with no actor. */
async function accountAuditUnit(db: Db, accountId: number) {
  const [role] = await db.select().from(accountRoles).where(eq(accountRoles.accountId, accountId)).orderBy(accountRoles.id).limit(1);
  return role ? actorAuditUnit(db, role) : {};
}

/**
 * ACC-2: checks a password against the account with the lockout counted atomically. Each check
 * first takes one of the ten attempts in a conditional update, so parallel guesses cannot exceed
 * the limit; the tenth failure locks the account (and ends its sessions). Used by login, password
 * change and mobile rebinding, so a stolen session cannot guess the password freely either.
 */
async function verifyAccountPassword(deps: AuthDeps, account: AccountRow, password: string, meta: RequestMeta, via: string) {
  const [taken] = await deps.db
    .update(accounts)
    .set({ failedLogins: sql`${accounts.failedLogins} + 1` })
    .where(and(eq(accounts.id, account.id), isNull(accounts.lockedAt), isNull(accounts.disabledAt), lt(accounts.failedLogins, MAX_FAILED_LOGINS)))
    .returning({ id: accounts.id });
  if (!taken) {
    await lockIfExhausted(deps, account, meta);
    await refuseUnusable(deps.db, account);
  }
  const ok = account.passwordHash
    ? await verifyPassword(password, account.passwordHash)
    : // No hash yet: the initial password is the last six characters of the ID number (ACC-1).
      !!account.idNumber && safeEqual(password.toUpperCase(), account.idNumber.slice(-6));
  if (ok) {
    await deps.db.update(accounts).set({ failedLogins: 0 }).where(eq(accounts.id, account.id));
    return;
  }
  const unit = await accountAuditUnit(deps.db, account.id);
  await writeAudit(deps.db, {
    action: 'auth.login_failed',
    target: { type: 'account', id: account.id, label: account.realName },
    detail: { via },
    unit,
    ...meta,
  });
  if (await lockIfExhausted(deps, account, meta)) await refuseUnusable(deps.db, account);
  throw via === 'login'
    ? new AppError('INVALID_CREDENTIALS')
    : new AppError('WRONG_PASSWORD', {}, [{ field: via === 'bind' ? 'password' : 'oldPassword', key: 'incorrect' }]);
}

/** Locks an account whose attempts are used up; true when this call locked it. */
async function lockIfExhausted(deps: AuthDeps, account: AccountRow, meta: RequestMeta): Promise<boolean> {
  const locked = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(accounts)
      .set({ lockedAt: deps.clock.now() })
      .where(and(eq(accounts.id, account.id), isNull(accounts.lockedAt), gte(accounts.failedLogins, MAX_FAILED_LOGINS)))
      .returning({ id: accounts.id });
    if (rows.length === 0) return false;
    await deps.sessions.destroyAllOf(tx, account.id);
    return true;
  });
  if (locked) {
    const unit = await accountAuditUnit(deps.db, account.id);
    await writeAudit(deps.db, { action: 'auth.locked', target: { type: 'account', id: account.id, label: account.realName }, unit, ...meta });
  }
  return locked;
}

async function startSession(deps: AuthDeps, account: AccountRow, meta: RequestMeta, previousToken: string | undefined, via: 'password' | 'sms') {
  const roles = await rolesOf(deps.db, account.id);
  const role = [...roles].sort((a, b) => ROLE_PRIORITY.indexOf(a.role) - ROLE_PRIORITY.indexOf(b.role))[0];
  if (!role) throw new AppError('FORBIDDEN');
  const session = await deps.db.transaction(async (tx) => {
    // ACC-7: one browser holds one account; a new login ends whatever session the cookie had.
    if (previousToken) {
      await deps.sessions.destroy(tx, hashToken(previousToken));
    }
    const usable = await tx
      .update(accounts)
      .set({ lastLoginAt: deps.clock.now() })
      .where(and(eq(accounts.id, account.id), isNull(accounts.lockedAt), isNull(accounts.disabledAt)))
      .returning({ id: accounts.id });
    if (usable.length === 0) return null;
    const created = await deps.sessions.create(tx, { accountId: account.id, roleId: role.id, ...meta });
    return created;
  });
  // Locked or disabled between the password check and now: no session.
  if (!session) return refuseUnusable(deps.db, account);
  const actor = await deps.sessions.resolve(session.token);
  if (!actor) throw new AppError('INTERNAL');
  await writeAudit(deps.db, {
    action: 'auth.login',
    actor: actorRef(actor),
    target: { type: 'account', id: account.id, label: account.realName },
    detail: { via },
    unit: await actorAuditUnit(deps.db, actor.role),
    ...meta,
  });
  return { token: session.token, actor };
}

/** What was typed as the account of a failed login, kept recognisable but not readable (ACC-10). */
function maskTyped(typed: string): string {
  const t = typed.trim().slice(0, 32);
  return t.length <= 4 ? '*'.repeat(t.length) : `${t.slice(0, 2)}${'*'.repeat(t.length - 4)}${t.slice(-2)}`;
}

/** ACC-1/ACC-2: password login with lockout after 10 consecutive failures. */
export async function loginWithPassword(deps: AuthDeps, input: { account: string; password: string }, meta: RequestMeta, previousToken?: string) {
  const account = await findAccountByIdentifier(deps.db, input.account);
  if (!account) {
    await verifyPassword(input.password, await dummyHash);
    await writeAudit(deps.db, { action: 'auth.login_failed', detail: { account: maskTyped(input.account), reason: 'unknown' }, ...meta });
    throw new AppError('INVALID_CREDENTIALS');
  }
  await checkUsable(deps.db, account);
  await verifyAccountPassword(deps, account, input.password, meta, 'login');
  return startSession(deps, account, meta, previousToken, 'password');
}

/** ACC-1: login by a code sent to the bound mobile. */
export async function loginWithSms(deps: AuthDeps, input: { mobile: string; code: string }, meta: RequestMeta, previousToken?: string) {
  await deps.smsCodes.consume(input.mobile, 'login', input.code);
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.mobile, input.mobile));
  if (!account) throw new AppError('SMS_CODE_INVALID');
  await checkUsable(deps.db, account);
  return startSession(deps, account, meta, previousToken, 'sms');
}

/**
 * Sends a code. For login and reset an unknown mobile gets the same answer but no message, so the
 * endpoint does not tell who has an account.
 */
export async function sendSmsCode(deps: AuthDeps, input: { mobile: string; purpose: 'login' | 'reset' | 'bind' }, meta: RequestMeta, actor: Actor | null) {
  const [owner] = await deps.db.select({ id: accounts.id, disabledAt: accounts.disabledAt }).from(accounts).where(eq(accounts.mobile, input.mobile));
  if (input.purpose === 'bind') {
    if (!actor) throw new AppError('UNAUTHENTICATED');
    if (owner && owner.id !== actor.accountId) throw AppError.fields({ field: 'mobile', key: 'taken' });
    return deps.smsCodes.issue(input.mobile, input.purpose, meta.ip);
  }
  return deps.smsCodes.issue(input.mobile, input.purpose, meta.ip, { deliver: !!owner && !owner.disabledAt });
}

export async function logout(deps: AuthDeps, actor: Actor, meta: RequestMeta) {
  await deps.db.transaction(async (tx) => {
    await deps.sessions.destroy(tx, actor.sessionId);
    await writeAudit(tx, { action: 'auth.logout', actor: actorRef(actor), unit: await actorAuditUnit(tx, actor.role), ...meta });
  });
}

function assertStrong(password: string, account: { username: string | null; mobile: string | null; idNumber: string | null }, field = 'newPassword') {
  const broken = checkPasswordStrength(password, account);
  if (broken) throw new AppError('WEAK_PASSWORD', {}, [{ field, key: broken }]);
}

/** ACC-1: change the password (forced after first login and after an admin reset). */
export async function changePassword(deps: AuthDeps, actor: Actor, input: { oldPassword: string; newPassword: string }, meta: RequestMeta) {
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!account) throw new AppError('UNAUTHENTICATED');
  await verifyAccountPassword(deps, account, input.oldPassword, meta, 'password_change');
  assertStrong(input.newPassword, account);
  if (input.newPassword === input.oldPassword) throw new AppError('WEAK_PASSWORD', {}, [{ field: 'newPassword', key: 'pwSame' }]);
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash: hash, mustChangePassword: false, updatedAt: deps.clock.now() }).where(eq(accounts.id, account.id));
    // Other browsers signed in with the old password are signed out.
    await deps.sessions.destroyAllOf(tx, account.id, actor.sessionId);
    await writeAudit(tx, {
      action: 'auth.password_changed',
      actor: actorRef(actor),
      target: { type: 'account', id: account.id, label: account.realName },
      unit: await actorAuditUnit(tx, actor.role),
      ...meta,
    });
  });
  deps.sessions.forgetAccount(account.id);
}

/** ACC-3: reset one's own password with a code sent to the bound mobile; also lifts a lockout. */
export async function resetPasswordBySms(deps: AuthDeps, input: { mobile: string; code: string; newPassword: string }, meta: RequestMeta) {
  // Only the general rules before the code is checked: the personal ones would tell a stranger
  // whether a guess matches the holder's ID number or mobile.
  assertStrong(input.newPassword, { username: null, mobile: null, idNumber: null });
  await deps.smsCodes.consume(input.mobile, 'reset', input.code);
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.mobile, input.mobile));
  if (!account || account.disabledAt) throw new AppError('SMS_CODE_INVALID');
  assertStrong(input.newPassword, account);
  const hash = await hashPassword(input.newPassword);
  const unit = await accountAuditUnit(deps.db, account.id);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash: hash, mustChangePassword: false, failedLogins: 0, lockedAt: null, updatedAt: deps.clock.now() })
      .where(eq(accounts.id, account.id));
    await deps.sessions.destroyAllOf(tx, account.id);
    await writeAudit(tx, {
      action: 'auth.password_reset_sms',
      target: { type: 'account', id: account.id, label: account.realName },
      unit,
      ...meta,
    });
  });
}

/** ACC-4: bind or rebind the mobile of record after proving the new number with a code. */
export async function bindMobile(deps: AuthDeps, actor: Actor, input: { mobile: string; code: string; password: string }, meta: RequestMeta) {
  // The current password too: a session alone must not be enough to move the account of record.
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!account) throw new AppError('UNAUTHENTICATED');
  await verifyAccountPassword(deps, account, input.password, meta, 'bind');
  await deps.smsCodes.consume(input.mobile, 'bind', input.code);
  await deps.db.transaction(async (tx) => {
    const [owner] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.mobile, input.mobile));
    if (owner && owner.id !== actor.accountId) throw AppError.fields({ field: 'mobile', key: 'taken' });
    await tx.update(accounts).set({ mobile: input.mobile, updatedAt: deps.clock.now() }).where(eq(accounts.id, actor.accountId));
    await writeAudit(tx, {
      action: 'auth.mobile_bound',
      actor: actorRef(actor),
      target: { type: 'account', id: actor.accountId, label: actor.realName },
      detail: { mobile: maskMobile(input.mobile) },
      unit: await actorAuditUnit(tx, actor.role),
      ...meta,
    });
  });
  deps.sessions.forgetAccount(actor.accountId);
}

/** ACC-6: switch the active identity without logging out. */
export async function switchRole(deps: AuthDeps, actor: Actor, roleId: number, meta: RequestMeta) {
  const [role] = await deps.db
    .select()
    .from(accountRoles)
    .where(and(eq(accountRoles.id, roleId), eq(accountRoles.accountId, actor.accountId)));
  if (!role) throw new AppError('ROLE_NOT_HELD', {}, [{ field: 'roleId', key: 'invalid' }]);
  await deps.db.transaction(async (tx) => {
    await deps.sessions.update(tx, actor.sessionId, { roleId });
    await writeAudit(tx, {
      action: 'auth.identity_switched',
      actor: actorRef(actor),
      detail: { from: actor.role.role, to: role.role },
      unit: await actorAuditUnit(tx, actor.role),
      ...meta,
    });
  });
}

/** ACC-5: send a code to the bound mobile for re-verification. */
export async function sendReverifyCode(deps: AuthDeps, actor: Actor, meta: RequestMeta) {
  if (!actor.mobile) throw new AppError('MOBILE_NOT_BOUND');
  return deps.smsCodes.issue(actor.mobile, 'reverify', meta.ip);
}

/** ACC-5: a correct code opens a 30-minute window for sensitive operations in this session. */
export async function reverify(deps: AuthDeps, actor: Actor, code: string, meta: RequestMeta) {
  if (!actor.mobile) throw new AppError('MOBILE_NOT_BOUND');
  await deps.smsCodes.consume(actor.mobile, 'reverify', code);
  await deps.db.transaction(async (tx) => {
    await deps.sessions.update(tx, actor.sessionId, { reverifiedUntil: new Date(deps.clock.now().getTime() + REVERIFY_MS) });
    await writeAudit(tx, { action: 'auth.reverified', actor: actorRef(actor), unit: await actorAuditUnit(tx, actor.role), ...meta });
  });
}

/** Refuses a sensitive operation unless the session re-verified within 30 minutes (ACC-5). */
export function assertReverified(actor: Actor, clock: Clock) {
  if (!actor.reverifiedUntil || new Date(actor.reverifiedUntil) <= clock.now()) throw new AppError('REVERIFY_REQUIRED');
}

export async function setLanguage(deps: AuthDeps, actor: Actor, language: Lang) {
  await deps.db.update(accounts).set({ language }).where(eq(accounts.id, actor.accountId));
  deps.sessions.forgetAccount(actor.accountId);
}

/** The account's identities with the names of their units. */
export async function findRoleViews(db: Db, accountId: number): Promise<RoleView[]> {
  const roles = await rolesOf(db, accountId);
  const names = await findUnitNames(db, {
    schoolIds: roles.flatMap((r) => (r.schoolId ? [r.schoolId] : [])),
    institutionIds: roles.flatMap((r) => (r.institutionId ? [r.institutionId] : [])),
  });
  return roles
    .sort((a, b) => ROLE_PRIORITY.indexOf(a.role) - ROLE_PRIORITY.indexOf(b.role) || a.id - b.id)
    .map((r) => ({
      id: r.id,
      role: r.role,
      unitName: (r.schoolId && names.schools.get(r.schoolId)) || (r.institutionId && names.institutions.get(r.institutionId)) || bureauName(r.regionCode),
      regionCode: r.regionCode,
      schoolId: r.schoolId,
      institutionId: r.institutionId,
    }));
}

export function presentMe(actor: Actor, roles: RoleView[], deps: Pick<AuthDeps, 'smsDevOutbox' | 'clock'>): Me {
  const reverified = actor.reverifiedUntil && new Date(actor.reverifiedUntil) > deps.clock.now() ? new Date(actor.reverifiedUntil).toISOString() : null;
  return {
    account: {
      id: actor.accountId,
      realName: actor.realName,
      username: actor.username,
      shixunNo: actor.shixunNo,
      mobile: actor.mobile,
      idNumberMasked: maskIdNumber(actor.idNumber),
      mustChangePassword: actor.mustChangePassword,
      language: actor.language,
    },
    roles,
    activeRoleId: actor.role.id,
    csrfToken: actor.csrfToken,
    reverifiedUntil: reverified,
    abilities: [...ROLE_ABILITIES[actor.role.role]],
    smsDevOutbox: deps.smsDevOutbox,
  };
}

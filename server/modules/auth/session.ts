import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { accountRoles, accounts, sessions } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { type Actor, scopeOf } from '../org/scope.js';

export const SESSION_COOKIE = 'sx_sid';
/** How long an instance trusts its cached copy of a session; revocations elsewhere show within this. */
const CACHE_MS = 5_000;
/** last_seen/expiry are written at most this often per session, keeping reads read-only. */
const TOUCH_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

type Cached = { actor: Actor; fetchedAt: number; expiresAt: number; lastSeenAt: number; memo?: Map<string, unknown> };

/**
 * Server-side sessions in the database, with a short per-instance cache so the "who am I" hot
 * path costs no query most of the time. Changes made through this store drop the cache at once.
 */
export function createSessionStore(db: Db, clock: Clock, ttlMs: number) {
  const cache = new Map<string, Cached>();
  const lookup = db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      reverifiedUntil: sessions.reverifiedUntil,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      accountId: accounts.id,
      realName: accounts.realName,
      username: accounts.username,
      mobile: accounts.mobile,
      idNumber: accounts.idNumber,
      language: accounts.language,
      shixunNo: accounts.shixunNo,
      mustChangePassword: accounts.mustChangePassword,
      roleId: accountRoles.id,
      role: accountRoles.role,
      regionCode: accountRoles.regionCode,
      institutionId: accountRoles.institutionId,
      schoolId: accountRoles.schoolId,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(accountRoles, eq(accountRoles.id, sessions.roleId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now')), isNull(accounts.disabledAt)))
    .prepare('session_lookup');

  async function load(id: string): Promise<Cached | null> {
    const now = clock.now();
    const [row] = await lookup.execute({ id, now: now.toISOString() });
    if (!row) return null;
    const role = {
      id: row.roleId,
      role: row.role,
      regionCode: row.regionCode,
      institutionId: row.institutionId,
      schoolId: row.schoolId,
    };
    const actor: Actor = {
      sessionId: row.sessionId,
      accountId: row.accountId,
      realName: row.realName,
      username: row.username,
      shixunNo: row.shixunNo,
      mobile: row.mobile,
      idNumber: row.idNumber,
      language: row.language,
      mustChangePassword: row.mustChangePassword,
      csrfToken: row.csrfToken,
      reverifiedUntil: row.reverifiedUntil,
      role,
      scope: scopeOf(role),
    };
    return { actor, fetchedAt: now.getTime(), expiresAt: new Date(row.expiresAt).getTime(), lastSeenAt: new Date(row.lastSeenAt).getTime() };
  }

  return {
    /** The actor behind a cookie token, or null for an unknown, expired or disabled session. */
    async resolve(token: string): Promise<Actor | null> {
      const id = hashToken(token);
      const now = clock.now().getTime();
      let entry = cache.get(id);
      if (!entry || now - entry.fetchedAt > CACHE_MS || now >= entry.expiresAt) {
        const loaded = await load(id);
        if (!loaded) {
          cache.delete(id);
          return null;
        }
        entry = loaded;
        if (cache.size > 50_000) cache.clear();
        cache.set(id, entry);
      }
      if (now - entry.lastSeenAt > TOUCH_MS) {
        entry.lastSeenAt = now;
        entry.expiresAt = now + ttlMs;
        await db
          .update(sessions)
          .set({ lastSeenAt: new Date(now), expiresAt: new Date(now + ttlMs) })
          .where(eq(sessions.id, id));
      }
      return entry.actor;
    },

    async create(tx: Tx, v: { accountId: number; roleId: number; ip: string | null; userAgent: string | null }) {
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      await tx.insert(sessions).values({
        id: hashToken(token),
        accountId: v.accountId,
        roleId: v.roleId,
        csrfToken: randomBytes(24).toString('base64url'),
        ip: v.ip,
        userAgent: v.userAgent?.slice(0, 300) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + ttlMs),
      });
      return { token, id: hashToken(token) };
    },

    async destroy(tx: Tx, sessionId: string) {
      cache.delete(sessionId);
      await tx.delete(sessions).where(eq(sessions.id, sessionId));
    },

    async destroyAllOf(tx: Tx, accountId: number, exceptSessionId?: string) {
      for (const [id, e] of cache) if (e.actor.accountId === accountId && id !== exceptSessionId) cache.delete(id);
      const cond = exceptSessionId ? and(eq(sessions.accountId, accountId), sql`${sessions.id} <> ${exceptSessionId}`) : eq(sessions.accountId, accountId);
      await tx.delete(sessions).where(cond);
    },

    async update(tx: Tx, sessionId: string, set: { roleId?: number; reverifiedUntil?: Date }) {
      cache.delete(sessionId);
      await tx.update(sessions).set(set).where(eq(sessions.id, sessionId));
    },

    /** Caches a value derived from the session for as long as the session itself is cached. */
    async memo<T>(sessionId: string, key: string, compute: () => Promise<T>): Promise<T> {
      const entry = cache.get(sessionId);
      if (entry?.memo?.has(key)) return entry.memo.get(key) as T;
      const value = await compute();
      if (entry) {
        entry.memo ??= new Map();
        entry.memo.set(key, value);
      }
      return value;
    },

    /** Drops cached copies after a change to the account behind them (password, language, mobile). */
    forgetAccount(accountId: number) {
      for (const [id, e] of cache) if (e.actor.accountId === accountId) cache.delete(id);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

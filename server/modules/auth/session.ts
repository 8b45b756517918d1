import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Lang } from '../../../common/i18n/errors.js';
import type { Role } from '../../../common/roles.js';
import type { Db, Tx } from '../../db/client.js';
import { sessions } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { type Actor, scopeOf } from '../org/scope.js';

export const SESSION_COOKIE = 'sx_sid';
/**
 * How long an instance trusts its copy of a session: a logout, role change or disabled account
 * made on ANOTHER instance (or by a statement that bypasses this store) shows here within this.
 */
const CACHE_MS = 5_000;
/** From this age on, a use of a cached session starts a background refresh of every session in use. */
const REFRESH_AFTER_MS = 4_000;
/** Sessions used within this long are refreshed together, so frequent callers never wait for a lookup. */
const HOT_MS = 60_000;
/** Cached sessions unused for this long are dropped. */
const IDLE_MS = 10 * 60_000;
/** Remembered token hashes (about 200 bytes each). */
const HASHES_MAX = 100_000;
/** last_seen/expiry are written at most this often per session, keeping reads read-only. */
const TOUCH_MS = 60_000;
/** Sessions per lookup statement. */
const BATCH = 5_000;
/**
 * After a change made through this store (logout, role switch, password), what a lookup that
 * started around then read is served to its waiting request but not cached: the change's own
 * transaction may not have committed when the lookup read the row. Real (not business) time.
 */
const SUSPECT_MS = 2_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

type Cached = {
  actor: Actor;
  /** Business-clock time the row was read. */
  fetchedAt: number;
  expiresAt: number;
  /** last_seen_at as stored. */
  lastSeenAt: number;
  usedAt: number;
  memo?: Map<string, unknown>;
};

type Row = {
  id: string;
  csrf_token: string;
  reverified_until: Date | string | null;
  expires_at: Date | string;
  last_seen_at: Date | string;
  account_id: number;
  real_name: string;
  username: string | null;
  mobile: string | null;
  id_number: string | null;
  language: Lang;
  shixun_no: string | null;
  must_change_password: boolean;
  role_id: number;
  role: Role;
  region_code: string | null;
  institution_id: number | null;
  school_id: number | null;
};

const ms = (d: Date | string) => (d instanceof Date ? d.getTime() : new Date(d).getTime());

/**
 * Server-side sessions in the database, with a per-instance cache so the "who am I" hot path costs
 * no query. Every session in use is re-read at most every few seconds, all of them together in
 * ONE statement (which also slides the expiry of those due), started in the background while the
 * cached copies are still fresh: a client calling every 15 s (video progress) costs a fraction of
 * a statement per minute instead of one lookup per call. Changes made through this store drop
 * the cached copy at once; see docs/video-progress.md for the numbers and the cross-instance delay.
 */
export function createSessionStore(db: Db, clock: Clock, ttlMs: number) {
  const cache = new Map<string, Cached>();
  /**
   * Cookie token → its hash (the session id): SHA-256 on every request was a twentieth of a video
   * progress report's time. Bounded by starting afresh; a forgotten pair is just hashed again.
   */
  const hashes = new Map<string, string>();
  function hashOf(token: string): string {
    let id = hashes.get(token);
    if (id === undefined) {
      if (hashes.size >= HASHES_MAX) hashes.clear();
      id = hashToken(token);
      hashes.set(token, id);
    }
    return id;
  }
  /** Ids a caller is waiting for, with their waiters, for the next lookup. */
  let waiting = new Map<string, { resolve: (entry: Cached | null) => void; reject: (err: unknown) => void }[]>();
  let hotWanted = false;
  let running: Promise<void> | null = null;
  /** The ids of the lookup in flight, and its end: a request for one of them waits for it instead of asking again. */
  let inFlight: { ids: Set<string>; done: Promise<void> } | null = null;
  /** `s:<session>` / `a:<account>` → real time of the last change made through this store. */
  const suspects = new Map<string, number>();

  function suspect(key: string) {
    suspects.set(key, Date.now());
  }

  function isSuspect(e: Cached, since: number): boolean {
    return (suspects.get(`s:${e.actor.sessionId}`) ?? 0) >= since || (suspects.get(`a:${e.actor.accountId}`) ?? 0) >= since;
  }

  function entryOf(r: Row, fetchedAt: number, touched: boolean): Cached {
    const role = { id: r.role_id, role: r.role, regionCode: r.region_code, institutionId: r.institution_id, schoolId: r.school_id };
    const actor: Actor = {
      sessionId: r.id,
      accountId: r.account_id,
      realName: r.real_name,
      username: r.username,
      shixunNo: r.shixun_no,
      mobile: r.mobile,
      idNumber: r.id_number,
      language: r.language,
      mustChangePassword: r.must_change_password,
      csrfToken: r.csrf_token,
      reverifiedUntil: r.reverified_until === null ? null : new Date(r.reverified_until),
      role,
      scope: scopeOf(role),
    };
    return {
      actor,
      fetchedAt,
      expiresAt: touched ? fetchedAt + ttlMs : ms(r.expires_at),
      lastSeenAt: touched ? fetchedAt : ms(r.last_seen_at),
      usedAt: fetchedAt,
    };
  }

  /**
   * One statement: reads `ids` and slides the expiry of those not seen for TOUCH_MS (all of them
   * are in use: asked for now, or used within HOT_MS). The read sees the rows before the slide.
   */
  async function lookup(ids: string[], now: number): Promise<Row[]> {
    const at = new Date(now).toISOString();
    const result = await db.execute(sql`
      with touched as (
        update sessions set last_seen_at = ${at}, expires_at = ${new Date(now + ttlMs).toISOString()}
        where id = any(${sql.param(ids)}::text[]) and last_seen_at < ${new Date(now - TOUCH_MS).toISOString()} and expires_at > ${at}
        returning id)
      select s.id, s.csrf_token, s.reverified_until, s.expires_at, s.last_seen_at,
        a.id as account_id, a.real_name, a.username, a.mobile, a.id_number, a.language, a.shixun_no, a.must_change_password,
        r.id as role_id, r.role, r.region_code, r.institution_id, r.school_id
      from sessions s
      join accounts a on a.id = s.account_id
      join account_roles r on r.id = s.role_id
      where s.id = any(${sql.param(ids)}::text[]) and s.expires_at > ${at} and a.disabled_at is null`);
    return result.rows as Row[];
  }

  /** Looks up the waiting ids together with every session in use that is getting old, until nobody waits. */
  async function run() {
    while (waiting.size > 0 || hotWanted) {
      const asked = waiting;
      waiting = new Map();
      hotWanted = false;
      const now = clock.now().getTime();
      const startedAt = Date.now();
      for (const [k, t] of suspects) if (t < startedAt - SUSPECT_MS) suspects.delete(k);
      const ids = new Set(asked.keys());
      for (const [id, e] of cache) {
        if (now - e.usedAt > IDLE_MS) cache.delete(id);
        else if (now - e.usedAt <= HOT_MS && now - e.fetchedAt >= REFRESH_AFTER_MS / 2) ids.add(id);
      }
      if (ids.size === 0) continue;
      const list = [...ids];
      const found = new Map<string, Cached>();
      let landed = () => {};
      inFlight = { ids, done: new Promise<void>((resolve) => (landed = resolve)) };
      try {
        for (let i = 0; i < list.length; i += BATCH) {
          for (const r of await lookup(list.slice(i, i + BATCH), now)) found.set(r.id, entryOf(r, now, ms(r.last_seen_at) < now - TOUCH_MS));
        }
      } catch (err) {
        inFlight = null;
        landed();
        // The waiters see the failure; cached copies are served until they are too old.
        for (const w of asked.values()) for (const fn of w) fn.reject(err);
        continue;
      }
      for (const id of list) {
        const fresh = found.get(id);
        const old = cache.get(id);
        if (!fresh || isSuspect(fresh, startedAt - SUSPECT_MS)) {
          cache.delete(id);
          continue;
        }
        // A refresh is not a use: sessions nobody uses stop being refreshed after HOT_MS.
        fresh.usedAt = old ? old.usedAt : now;
        if (!old && cache.size >= 50_000) cache.clear();
        cache.set(id, fresh);
      }
      inFlight = null;
      landed();
      for (const [id, w] of asked) for (const fn of w) fn.resolve(found.get(id) ?? null);
    }
  }

  function start() {
    if (running) return;
    running = run().finally(() => {
      running = null;
      if (waiting.size > 0) start();
    });
  }

  function fetchOne(id: string): Promise<Cached | null> {
    return new Promise((resolve, reject) => {
      const list = waiting.get(id) ?? [];
      list.push({ resolve, reject });
      waiting.set(id, list);
      // Requests arriving in the same turn of the event loop share one statement.
      setImmediate(start);
    });
  }

  /**
   * The actor behind a cookie token when a fresh copy is cached (the hot path, without a promise);
   * undefined when `resolve` has to ask the database.
   */
  function cached(token: string): Actor | undefined {
    const entry = cache.get(hashOf(token));
    const now = clock.now().getTime();
    if (!entry || now >= entry.expiresAt || now - entry.fetchedAt > CACHE_MS) return undefined;
    entry.usedAt = now;
    if (now - entry.fetchedAt > REFRESH_AFTER_MS && !hotWanted) {
      hotWanted = true;
      setImmediate(start);
    }
    return entry.actor;
  }

  return {
    cached,

    /** The actor behind a cookie token, or null for an unknown, expired or disabled session. */
    async resolve(token: string): Promise<Actor | null> {
      const hit = cached(token);
      if (hit) return hit;
      const id = hashOf(token);
      const now = clock.now().getTime();
      let entry: Cached | undefined;
      if (inFlight?.ids.has(id)) {
        // Its refresh is on the way: wait for that rather than asking again.
        await inFlight.done;
        entry = cache.get(id);
        if (entry && now < entry.expiresAt && now - entry.fetchedAt <= CACHE_MS) {
          entry.usedAt = now;
          return entry.actor;
        }
      }
      entry = (await fetchOne(id)) ?? undefined;
      if (!entry) return null;
      entry.usedAt = now;
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
      suspect(`s:${sessionId}`);
      await tx.delete(sessions).where(eq(sessions.id, sessionId));
    },

    async destroyAllOf(tx: Tx, accountId: number, exceptSessionId?: string) {
      for (const [id, e] of cache) if (e.actor.accountId === accountId && id !== exceptSessionId) cache.delete(id);
      suspect(`a:${accountId}`);
      const cond = exceptSessionId ? and(eq(sessions.accountId, accountId), sql`${sessions.id} <> ${exceptSessionId}`) : eq(sessions.accountId, accountId);
      await tx.delete(sessions).where(cond);
    },

    async update(tx: Tx, sessionId: string, set: { roleId?: number; reverifiedUntil?: Date }) {
      cache.delete(sessionId);
      suspect(`s:${sessionId}`);
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
      suspect(`a:${accountId}`);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

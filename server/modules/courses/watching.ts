import type { FastifyBaseLogger } from 'fastify';
import { isWholeVideo, MAX_SPEED } from '../../../common/courses.js';
import type { CourseState, LessonState } from '../../../common/machines.js';
import { type ProgressReport, REPORT_INTERVAL_S, type VideoProgress } from '../../../common/schemas/watching.js';
import { shanghaiDate } from '../../../common/training.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { queryRows } from '../../lib/sql.js';
import type { Actor } from '../org/scope.js';
import { isCourseReviewer, isLessonOpen, isListed } from './policy.js';

/**
 * Video watching progress, kept in memory and written in batches (DESIGN "Data that must stay
 * right under load", "Speed"; rules and client contract in docs/video-progress.md).
 *
 * A viewer reports the set of segments it has watched. Per (account, video) the instance holds the
 * counted set, loaded from the database once; a report adds its new segments (bitwise OR) when the
 * time played since allows them, and is answered at once. Every second the changed states go to
 * the database in ONE upsert that ORs the bits there too, so a repeat, a reordered report or
 * another instance can never take a segment away.
 */

/** Segments played at up to MAX_SPEED: seconds of arrival jitter the cap forgives (× rate). */
const JITTER_S = 2;
/** A report this long after the previous one starts a new viewing session: the gap counts nothing. */
const SESSION_GAP_MS = 120_000;
/** A playing report holds the account's watching time this long: another video's reports count nothing meanwhile. */
const HOLD_MS = (REPORT_INTERVAL_S + 5) * 1000;
const FLUSH_MS = 1000;
/** Lesson and course facts of a video are re-read (in the background, all videos at once) after this. */
const FACTS_TTL_MS = 60_000;
/** …and no longer served at all after this (a refresh failed or nobody asked). */
const FACTS_MAX_MS = 10 * 60_000;
/** A trial (试看) visitor's "not enrolled" is re-checked after this, so enrolling mid-video starts the record. */
const ENROLMENT_RECHECK_MS = 60_000;
/** A refused report re-reads the stored row at most this often (another instance may have counted those segments). */
const RELOAD_AFTER_MS = 10_000;
/** Unchanged states and facts unused this long leave memory. */
const IDLE_MS = 10 * 60_000;

type Facts = {
  videoId: number;
  courseId: number;
  /** Ready and still the lesson's current video. */
  playable: boolean;
  lesson: { state: LessonState; lessonDate: string; trial: boolean };
  course: { state: CourseState; instructorAccountId: number };
  segmentSeconds: number[];
  durationS: number;
  /** Seconds a report may add beyond the time played: one (the longest) segment, plus jitter. */
  slackS: number;
  fetchedAt: number;
  usedAt: number;
};

/** One viewer of one video, as this instance knows them. */
type Viewer = {
  accountId: number;
  videoId: number;
  courseId: number;
  enrolled: boolean;
  checkedAt: number;
  usedAt: number;
  /** Counted segments (1 = watched). */
  bits: Uint8Array;
  watchedS: number;
  whole: boolean;
  positionS: number;
  dirty: boolean;
  /** Business time of the last change (→ updated_at; also a baseline after a restart). */
  changedAt: number;
  loadedAt: number;
  /** The previous report: when, and whether it said playing && visible, at what rate. */
  lastAt: number | null;
  lastCounting: boolean;
  lastRate: number;
  /** Seconds played (× rate) not yet matched by counted segments; ≤ 0 after a counted report. */
  credit: number;
  view: string | null;
  seq: number;
};

export type WrittenPair = { courseId: number; accountId: number };

type Decision = { kind: 'watch' } | { kind: 'record'; viewer: Viewer };

const FACTS_SQL = `select v.id, l.course_id, (v.state = 'ready' and l.video_id = v.id) as playable, l.state, l.lesson_date::text,
  l.trial, c.state, c.instructor_account_id, v.segment_seconds, v.duration_s
  from lesson_videos v join lessons l on l.id = v.lesson_id join courses c on c.id = l.course_id
  where v.id = any($1::int[])`;

const VIEWERS_SQL = `select x.a, x.v,
  exists(select 1 from course_students cs where cs.course_id = x.c and cs.account_id = x.a) as enrolled,
  p.segments::text, p.whole, p.position_s, p.updated_at
  from unnest($1::int[], $2::int[], $3::int[]) as x(a, v, c)
  left join lesson_progress p on p.account_id = x.a and p.video_id = x.v`;

const ROW_SQL = 'select segments::text, whole from lesson_progress where account_id = $1 and video_id = $2';

// bit varying `|` needs equal lengths; a video's segment count never changes, the guard is for rows written otherwise.
const FLUSH_SQL = `insert into lesson_progress as p (account_id, video_id, course_id, segments, watched_s, whole, position_s, updated_at)
  select x.a, x.v, x.c, x.s, x.w, x.wh, x.pos, x.t
  from unnest($1::int[], $2::int[], $3::int[], $4::varbit[], $5::real[], $6::bool[], $7::real[], $8::timestamptz[]) as x(a, v, c, s, w, wh, pos, t)
  join lesson_videos lv on lv.id = x.v
  on conflict (account_id, video_id) do update set
    segments = case when bit_length(p.segments) = bit_length(excluded.segments) then p.segments | excluded.segments else excluded.segments end,
    watched_s = greatest(p.watched_s, excluded.watched_s),
    whole = p.whole or excluded.whole,
    position_s = case when excluded.updated_at >= p.updated_at then excluded.position_s else p.position_s end,
    updated_at = greatest(p.updated_at, excluded.updated_at)
  returning account_id, video_id, segments::text`;

const keyOf = (accountId: number, videoId: number) => `${accountId}:${videoId}`;
const bitsText = (bits: Uint8Array) => {
  let s = '';
  for (const b of bits) s += b ? '1' : '0';
  return s;
};
const msOf = (d: unknown) => (d instanceof Date ? d.getTime() : new Date(String(d)).getTime());

/**
 * Collects the keys asked for during one turn of the event loop and loads them with one call;
 * one load runs at a time, the next takes everything asked meanwhile.
 */
function batched<K, V>(load: (keys: K[]) => Promise<Map<K, V>>) {
  let waiting = new Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  let running = false;
  async function run() {
    running = true;
    try {
      while (waiting.size > 0) {
        const asked = waiting;
        waiting = new Map();
        try {
          const found = await load([...asked.keys()]);
          for (const [k, list] of asked) for (const w of list) w.resolve(found.get(k));
        } catch (err) {
          for (const list of asked.values()) for (const w of list) w.reject(err);
        }
      }
    } finally {
      running = false;
    }
  }
  return (key: K): Promise<V | undefined> =>
    new Promise((resolve, reject) => {
      const list = waiting.get(key) ?? [];
      list.push({ resolve, reject });
      waiting.set(key, list);
      if (!running) setImmediate(() => void (running ? undefined : run()));
    });
}

/**
 * The per-instance progress buffer: rules, memory and batched writes. `onWritten` is called after a
 * flush with the (course, account) pairs whose progress it wrote (the scoring module
 * settles credits there: progress can reach 50 % without a video becoming whole).
 */
export function createProgressBuffer(db: Db, clock: Clock, log?: FastifyBaseLogger, opts: { onWritten?: (pairs: WrittenPair[]) => Promise<unknown> } = {}) {
  const facts = new Map<number, Facts>();
  const viewers = new Map<string, Viewer>();
  /** Per account: the video whose last report said playing && visible, and when. */
  const holders = new Map<number, { videoId: number; at: number }>();
  let factsRefreshing = false;
  let closed = false;
  let today = { value: '', until: 0 };

  /** Today in Asia/Shanghai, computed once a day rather than per report. */
  function todayAt(now: number): string {
    if (now >= today.until || now < today.until - 86_400_000) {
      const value = shanghaiDate(new Date(now));
      today = { value, until: Date.parse(`${value}T00:00:00+08:00`) + 86_400_000 };
    }
    return today.value;
  }

  async function readFacts(ids: number[]): Promise<Map<number, Facts>> {
    const now = clock.now().getTime();
    const rows = await queryRows(db, 'watch_video_facts', FACTS_SQL, [ids]);
    const out = new Map<number, Facts>();
    for (const r of rows) {
      const [id, courseId, playable, lessonState, lessonDate, trial, courseState, instructor, seconds, duration] = r as [
        number,
        number,
        boolean,
        LessonState,
        string,
        boolean,
        CourseState,
        number,
        number[] | null,
        number | null,
      ];
      const segmentSeconds = Array.isArray(seconds) ? seconds.map(Number) : [];
      out.set(id, {
        videoId: id,
        courseId,
        playable: playable && segmentSeconds.length > 0,
        lesson: { state: lessonState, lessonDate, trial },
        course: { state: courseState, instructorAccountId: instructor },
        segmentSeconds,
        durationS: duration ?? segmentSeconds.reduce((a, b) => a + b, 0),
        slackS: Math.max(0, ...segmentSeconds) + JITTER_S * MAX_SPEED,
        fetchedAt: now,
        usedAt: facts.get(id)?.usedAt ?? now,
      });
    }
    for (const id of ids) {
      const f = out.get(id);
      if (f) facts.set(id, f);
      else facts.delete(id);
    }
    return out;
  }
  const loadFacts = batched(readFacts);

  /** The facts of a video, refreshed in the background for every video in use once they are a minute old. */
  async function factsOf(videoId: number, now: number): Promise<Facts> {
    let f = facts.get(videoId);
    if (!f || now - f.fetchedAt > FACTS_MAX_MS) f = await loadFacts(videoId);
    else if (now - f.fetchedAt > FACTS_TTL_MS && !factsRefreshing) {
      factsRefreshing = true;
      const ids = [...facts.values()].filter((x) => now - x.usedAt <= IDLE_MS).map((x) => x.videoId);
      readFacts(ids)
        .catch((err) => log?.warn({ err }, 'video facts refresh failed'))
        .finally(() => {
          factsRefreshing = false;
        });
    }
    if (!f?.playable) throw notFound('video');
    f.usedAt = now;
    return f;
  }

  const loadViewers = batched(async (keys: string[]): Promise<Map<string, Viewer>> => {
    const now = clock.now().getTime();
    const pairs = keys.map((k) => {
      const [a, v, c] = k.split(':').map(Number) as [number, number, number];
      return { a, v, c };
    });
    const rows = await queryRows(db, 'watch_viewers', VIEWERS_SQL, [pairs.map((p) => p.a), pairs.map((p) => p.v), pairs.map((p) => p.c)]);
    const out = new Map<string, Viewer>();
    for (const r of rows) {
      const [accountId, videoId, enrolled, segments, whole, positionS, updatedAt] = r as [
        number,
        number,
        boolean,
        string | null,
        boolean | null,
        number | null,
        unknown,
      ];
      const f = facts.get(videoId);
      const pair = pairs.find((p) => p.a === accountId && p.v === videoId);
      if (!f || !pair) continue;
      const n = f.segmentSeconds.length;
      const bits = new Uint8Array(n);
      if (segments && segments.length === n) for (let i = 0; i < n; i++) bits[i] = segments.charCodeAt(i) === 49 ? 1 : 0;
      const changedAt = updatedAt ? msOf(updatedAt) : 0;
      const v: Viewer = {
        accountId,
        videoId,
        courseId: pair.c,
        enrolled,
        checkedAt: now,
        usedAt: now,
        bits,
        watchedS: 0,
        whole: false,
        positionS: positionS ?? 0,
        dirty: false,
        changedAt,
        loadedAt: now,
        // A row written in the last moments (before a restart, or by another instance) is the
        // baseline of a viewing session still going on.
        lastAt: updatedAt && now - changedAt <= SESSION_GAP_MS && now >= changedAt ? changedAt : null,
        lastCounting: true,
        lastRate: 0,
        credit: 0,
        view: null,
        seq: -1,
      };
      recount(v, f);
      if (whole && !v.whole) v.whole = true;
      out.set(`${accountId}:${videoId}:${pair.c}`, v);
    }
    return out;
  });

  function recount(v: Viewer, f: Facts) {
    let watched = 0;
    for (let i = 0; i < v.bits.length; i++) if (v.bits[i]) watched += f.segmentSeconds[i] ?? 0;
    v.watchedS = Math.round(watched * 1000) / 1000;
    v.whole = v.whole || isWholeVideo((i) => v.bits[i] === 1, f.segmentSeconds);
  }

  /** A viewer's enrolment and stored progress, from memory or loaded once. */
  async function viewerOf(actor: Actor, f: Facts, recheck: boolean, now: number): Promise<Viewer> {
    const key = keyOf(actor.accountId, f.videoId);
    const known = viewers.get(key);
    if (known && known.courseId === f.courseId && (known.enrolled || !recheck)) {
      known.usedAt = now;
      return known;
    }
    const loaded = await loadViewers(`${actor.accountId}:${f.videoId}:${f.courseId}`);
    if (!loaded) throw notFound('video');
    // Another request may have loaded it meanwhile: keep the one in memory (it may hold gains).
    const again = viewers.get(key);
    if (again && again.courseId === f.courseId) {
      again.enrolled = loaded.enrolled;
      again.checkedAt = loaded.checkedAt;
      again.usedAt = now;
      return again;
    }
    viewers.set(key, loaded);
    return loaded;
  }

  /** CRS-4 (as `canWatch` of lessons.ts): students from the lesson's date, anyone for a 试看 lesson of a listed course. */
  function watchable(party: 'student' | 'visitor', f: Facts, today: string): boolean {
    return isLessonOpen(f.lesson, today) && isListed(f.course) && (f.lesson.trial || party === 'student');
  }

  /** Who the actor is to this video: a recorded student, a viewer whose watching is not stored, or refused. */
  async function decide(actor: Actor, f: Facts, now: number): Promise<Decision> {
    const today = todayAt(now);
    if (f.course.instructorAccountId === actor.accountId || isCourseReviewer(actor)) return { kind: 'watch' };
    // Unlisted courses do not exist for students and visitors (as everywhere in the course module).
    if (!isListed(f.course)) throw notFound('course');
    let viewer = await viewerOf(actor, f, false, now);
    if (!viewer.enrolled) {
      const stale = now - viewer.checkedAt > ENROLMENT_RECHECK_MS;
      // Refusing, or a trial visitor known for a while: check again (they may have enrolled since).
      if (stale || !watchable('visitor', f, today)) viewer = await viewerOf(actor, f, true, now);
    }
    const party = viewer.enrolled ? 'student' : 'visitor';
    if (!watchable(party, f, today)) {
      throw new AppError(party === 'visitor' && !f.lesson.trial ? 'NOT_ENROLLED' : 'LESSON_NOT_OPEN', { date: f.lesson.lessonDate });
    }
    // A 试看 visitor watches unrecorded; a completed course is read-only (CRS-13).
    if (party === 'visitor' || f.course.state !== 'published') return { kind: 'watch' };
    return { kind: 'record', viewer };
  }

  type Outcome = {
    stale: boolean;
    fresh: number[];
    gain: number;
    counted: boolean;
    blocked: boolean;
    credit: number;
    refusal: 'PROGRESS_TOO_FAST' | 'ANOTHER_VIDEO_PLAYING' | null;
  };

  /** What a report would do, without doing it. */
  function evaluate(v: Viewer, f: Facts, r: ProgressReport, now: number): Outcome {
    const none: Outcome = { stale: true, fresh: [], gain: 0, counted: false, blocked: false, credit: v.credit, refusal: null };
    if (v.view === r.view && r.seq <= v.seq) return none;
    const gap = v.lastAt === null ? Number.POSITIVE_INFINITY : now - v.lastAt;
    // The time since the previous report counts when that report said playing and visible.
    const counted = v.lastCounting && gap >= 0 && gap <= SESSION_GAP_MS;
    const holder = holders.get(v.accountId);
    const blocked = counted && holder !== undefined && holder.videoId !== v.videoId && now - holder.at < HOLD_MS;
    let credit = gap > SESSION_GAP_MS ? 0 : v.credit;
    if (counted && !blocked) credit += (gap / 1000) * Math.min(Math.max(v.lastRate, r.rate), MAX_SPEED);
    const fresh: number[] = [];
    let gain = 0;
    for (let i = 0; i < v.bits.length; i++) {
      if (r.segments.charCodeAt(i) === 49 && v.bits[i] === 0) {
        fresh.push(i);
        gain += f.segmentSeconds[i] ?? 0;
      }
    }
    let refusal: Outcome['refusal'] = null;
    if (gain > 0 && blocked) refusal = 'ANOTHER_VIDEO_PLAYING';
    else if (gain > credit + f.slackS) refusal = 'PROGRESS_TOO_FAST';
    return { stale: false, fresh, gain, counted, blocked, credit, refusal };
  }

  /** Applies an evaluated report: counts its segments unless refused; position and player state always. */
  function commit(v: Viewer, f: Facts, r: ProgressReport, now: number, o: Outcome) {
    v.view = r.view;
    v.seq = r.seq;
    v.usedAt = now;
    if (o.refusal) v.credit = o.credit;
    else {
      for (const i of o.fresh) v.bits[i] = 1;
      if (o.gain > 0) {
        recount(v, f);
        v.dirty = true;
        v.changedAt = now;
      }
      // Only time played since the last counted report may pay for segments: no saving up.
      v.credit = Math.min(0, o.credit - o.gain);
    }
    if (v.positionS !== r.positionS) {
      v.positionS = r.positionS;
      v.dirty = true;
      v.changedAt = now;
    }
    v.lastAt = now;
    v.lastCounting = r.playing && r.visible;
    v.lastRate = r.rate;
    const holder = holders.get(v.accountId);
    if (v.lastCounting) {
      if (!holder || holder.videoId === v.videoId || now - holder.at >= HOLD_MS) holders.set(v.accountId, { videoId: v.videoId, at: now });
    } else if (holder?.videoId === v.videoId) holders.delete(v.accountId);
  }

  /** Merges the stored row into memory (segments another instance counted). */
  async function reload(v: Viewer, f: Facts) {
    v.loadedAt = clock.now().getTime();
    const [row] = await queryRows(db, 'watch_progress_row', ROW_SQL, [v.accountId, v.videoId]);
    if (!row) return;
    const [segments] = row as [string];
    mergeStored(v, f, segments);
  }

  function mergeStored(v: Viewer, f: Facts, segments: string) {
    if (segments.length !== v.bits.length) return;
    let added = false;
    for (let i = 0; i < v.bits.length; i++) {
      if (segments.charCodeAt(i) === 49 && v.bits[i] === 0) {
        v.bits[i] = 1;
        added = true;
      }
    }
    const wasWhole = v.whole;
    if (added) recount(v, f);
    // watched_s and whole in the row follow the merged set on the next flush.
    if (added || (v.whole && !wasWhole)) v.dirty = true;
  }

  // ------------------------------------------------------------------------------------------
  // flush

  let chain: Promise<void> = Promise.resolve();
  let failures = 0;

  async function writeBatch(list: Viewer[]) {
    const snap = list.map((v) => ({ v, bits: bitsText(v.bits) }));
    const rows = await queryRows(db, 'watch_progress_flush', FLUSH_SQL, [
      list.map((v) => v.accountId),
      list.map((v) => v.videoId),
      list.map((v) => v.courseId),
      snap.map((s) => s.bits),
      list.map((v) => v.watchedS),
      list.map((v) => v.whole),
      list.map((v) => v.positionS),
      list.map((v) => new Date(v.changedAt || clock.now().getTime()).toISOString()),
    ]);
    const sent = new Map(snap.map((s) => [keyOf(s.v.accountId, s.v.videoId), s]));
    const written: WrittenPair[] = [];
    for (const r of rows) {
      const [accountId, videoId, segments] = r as [number, number, string];
      const s = sent.get(keyOf(accountId, videoId));
      if (!s) continue;
      const f = facts.get(videoId);
      if (f && segments !== s.bits) mergeStored(s.v, f, segments);
      written.push({ courseId: s.v.courseId, accountId });
    }
    return written;
  }

  async function flushOnce() {
    const list = [...viewers.values()].filter((v) => v.dirty);
    const now = clock.now().getTime();
    if (list.length > 0) {
      for (const v of list) v.dirty = false;
      let written: WrittenPair[] = [];
      try {
        written = await writeBatch(list);
        failures = 0;
      } catch (err) {
        failures++;
        log?.error({ err, rows: list.length }, 'progress flush failed');
        if (failures < 2) {
          for (const v of list) v.dirty = true;
          throw err;
        }
        // Twice in a row: one row may be the cause (its account or video gone); write one by one.
        for (const v of list) {
          try {
            written.push(...(await writeBatch([v])));
          } catch (e) {
            log?.error({ err: e, accountId: v.accountId, videoId: v.videoId }, 'progress row dropped');
          }
        }
        failures = 0;
      }
      if (written.length > 0 && opts.onWritten) {
        try {
          await opts.onWritten(written);
        } catch (err) {
          log?.error({ err }, 'onWritten hook failed');
        }
      }
    }
    // Forget what nobody uses.
    for (const [k, v] of viewers) if (!v.dirty && now - v.usedAt > IDLE_MS) viewers.delete(k);
    for (const [id, f] of facts) if (now - f.usedAt > IDLE_MS) facts.delete(id);
    for (const [a, h] of holders) if (now - h.at >= HOLD_MS) holders.delete(a);
  }

  /** Writes every acknowledged change now (one statement); resolves when it is in the database. */
  function flush(): Promise<void> {
    const next = chain.then(flushOnce);
    chain = next.catch(() => {});
    return next;
  }

  const timer = setInterval(() => {
    flush().catch(() => {});
  }, FLUSH_MS);
  timer.unref();

  return {
    /** Set by the app (the scoring module): called after a flush with the pairs whose progress it wrote. */
    get onWritten() {
      return opts.onWritten;
    },
    set onWritten(fn: ((pairs: WrittenPair[]) => Promise<unknown>) | undefined) {
      opts.onWritten = fn;
    },

    /** POST /videos/:id/progress: counts what time allows; throws the refusal after saving the rest. */
    async report(actor: Actor, videoId: number, r: ProgressReport): Promise<void> {
      if (closed) throw new AppError('INTERNAL');
      let now = clock.now().getTime();
      const f = await factsOf(videoId, now);
      if (r.segments.length !== f.segmentSeconds.length) throw AppError.fields({ field: 'segments', key: 'invalid' });
      const d = await decide(actor, f, now);
      if (d.kind === 'watch') return;
      const v = d.viewer;
      let o = evaluate(v, f, r, now);
      if (o.stale) return;
      if (o.refusal === 'PROGRESS_TOO_FAST' && now - v.loadedAt > RELOAD_AFTER_MS) {
        await reload(v, f);
        now = clock.now().getTime();
        o = evaluate(v, f, r, now);
        if (o.stale) return;
      }
      commit(v, f, r, now, o);
      if (o.refusal) throw new AppError(o.refusal);
    },

    /** GET /videos/:id/progress: what to resume from. */
    async get(actor: Actor, videoId: number): Promise<VideoProgress> {
      const now = clock.now().getTime();
      const f = await factsOf(videoId, now);
      const d = await decide(actor, f, now);
      const n = f.segmentSeconds.length;
      const base = { videoId, segmentSeconds: f.segmentSeconds, durationS: f.durationS, reportIntervalS: REPORT_INTERVAL_S };
      if (d.kind === 'watch') return { ...base, recorded: false, segments: '0'.repeat(n), positionS: 0, watchedS: 0, whole: false };
      const v = d.viewer;
      return { ...base, recorded: true, segments: bitsText(v.bits), positionS: v.positionS, watchedS: v.watchedS, whole: v.whole };
    },

    flush,

    /** Stops the timer and writes what is left (app close: acknowledged progress is never lost). */
    async close() {
      closed = true;
      clearInterval(timer);
      // A failure is retried once, then row by row (flushOnce), so one bad row cannot hold the rest back.
      await flush().catch(() => flush());
    },

    /** Counts for tests and the benchmark. */
    stats() {
      return { viewers: viewers.size, dirty: [...viewers.values()].filter((v) => v.dirty).length, videos: facts.size };
    },
  };
}

export type ProgressBuffer = ReturnType<typeof createProgressBuffer>;

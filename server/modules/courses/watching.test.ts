import { randomBytes } from 'node:crypto';
import { and, eq, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_INTERVAL_S } from '../../../common/schemas/watching.js';
import {
  accountRoles,
  accounts,
  courseReviews,
  courseStudents,
  exercises,
  homework,
  ledgerEntries,
  lessonProgress,
  sessions,
  topics,
} from '../../db/schema.js';
import { type CourseFixture, publishedCourse } from '../../test/courses.js';
import { Client, createTestApp, type TestCtx } from '../../test/helpers.js';
import { at, type Learner, schoolIdOf, teachersOf } from '../../test/training.js';
import { hashToken } from '../auth/session.js';

const YEAR_MS = 365 * 86_400_000;
const S = 1000;
let t: TestCtx;
/** Teachers of the demo school with a session each; every test enrols the ones it needs, never the same twice. */
let pool: Learner[];
let next = 0;
/** The default fixture: 12 published lessons of today, videos of segments [6 × 9, 4] (58 s). */
let fx: CourseFixture;

beforeAll(async () => {
  t = await createTestApp({ sessionTtlMs: YEAR_MS });
  pool = await teachersOf(t, await schoolIdOf(t, 'school'), 20);
  fx = await publishedCourse(t);
});
afterAll(() => t.close());

async function student(course: CourseFixture = fx): Promise<Learner> {
  const l = at(pool, next++);
  await t.db.insert(courseStudents).values({ courseId: course.courseId, accountId: l.accountId, teacherId: l.id, kind: 'internet' });
  return l;
}

/** A player as the contract in common/schemas/watching.ts describes it. */
class Player {
  view = randomBytes(9).toString('base64url');
  seq = 0;
  set: string[];
  constructor(
    readonly client: Client,
    readonly videoId: number,
    readonly segmentSeconds: readonly number[],
  ) {
    this.set = segmentSeconds.map(() => '0');
  }
  /** Marks every segment that ends at or before `position` (played through at normal playback). */
  playedTo(position: number, from = 0) {
    let end = 0;
    this.segmentSeconds.forEach((s, i) => {
      const start = end;
      end += s;
      if (start >= from && end <= position + 1e-9) this.set[i] = '1';
    });
    return this;
  }
  mark(...indexes: number[]) {
    for (const i of indexes) this.set[i < 0 ? this.set.length + i : i] = '1';
    return this;
  }
  body(over: Record<string, unknown> = {}) {
    return { view: this.view, seq: this.seq++, segments: this.set.join(''), positionS: 0, rate: 1, playing: true, visible: true, ...over };
  }
  report(over: Record<string, unknown> = {}) {
    return this.client.post(`/api/videos/${this.videoId}/progress`, this.body(over));
  }
  resume() {
    return this.client.get(`/api/videos/${this.videoId}/progress`);
  }
}

const player = (l: Learner | Client, video = 0, course: CourseFixture = fx) =>
  new Player('client' in l ? l.client : l, at(course.videoIds, video), course.segmentSeconds);

async function stored(accountId: number, videoId: number) {
  await t.app.deps.progress.flush();
  const [row] = await t.db
    .select()
    .from(lessonProgress)
    .where(and(eq(lessonProgress.accountId, accountId), eq(lessonProgress.videoId, videoId)));
  return row;
}

function expectStatus(res: { statusCode: number; body: string; json: () => { code?: string } }, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  if (code) expect(res.json().code).toBe(code);
}

describe('reports and resume', () => {
  it('stores an enrolled student’s watched segments after a flush, and resumes from them', async () => {
    const s = await student();
    const p = player(s);
    const fresh = (await p.resume()).json();
    expect(fresh).toMatchObject({ recorded: true, segments: '0000000000', positionS: 0, watchedS: 0, whole: false, reportIntervalS: REPORT_INTERVAL_S });
    expect(fresh.segmentSeconds).toEqual(fx.segmentSeconds);
    expectStatus(await p.report(), 204);
    t.clock.advance(15 * S);
    expectStatus(await p.playedTo(15).report({ positionS: 15 }), 204);
    const row = await stored(s.accountId, p.videoId);
    expect(row).toMatchObject({ courseId: fx.courseId, segments: '1100000000', watchedS: 12, whole: false, positionS: 15 });
    expect((await p.resume()).json()).toMatchObject({ segments: '1100000000', positionS: 15, watchedS: 12 });
  });

  it('a repeated report changes nothing (the same request again, or the same set later)', async () => {
    const s = await student();
    const p = player(s);
    await p.report();
    t.clock.advance(15 * S);
    const body = p.playedTo(15).body({ positionS: 15 });
    expectStatus(await s.client.post(`/api/videos/${p.videoId}/progress`, body), 204);
    const before = await stored(s.accountId, p.videoId);
    expectStatus(await s.client.post(`/api/videos/${p.videoId}/progress`, body), 204);
    t.clock.advance(15 * S);
    expectStatus(await p.report({ positionS: 15, playing: false }), 204);
    expect(await stored(s.accountId, p.videoId)).toEqual(before);
  });

  it('reordered reports change nothing: an older set arriving after a newer one takes nothing away', async () => {
    const s = await student();
    const p = player(s);
    await p.report();
    t.clock.advance(15 * S);
    const older = p.playedTo(15).body({ positionS: 15 });
    t.clock.advance(15 * S);
    const newer = p.playedTo(30).body({ positionS: 30 });
    expectStatus(await s.client.post(`/api/videos/${p.videoId}/progress`, newer), 204);
    expectStatus(await s.client.post(`/api/videos/${p.videoId}/progress`, older), 204);
    expect(await stored(s.accountId, p.videoId)).toMatchObject({ segments: '1111100000', watchedS: 30, positionS: 30 });
    // A second tab (another view) with an older set: the set stays, it is OR-merged.
    const other = player(s);
    other.playedTo(12);
    expectStatus(await other.report({ positionS: 12, playing: false }), 204);
    expect((await stored(s.accountId, p.videoId))?.segments).toBe('1111100000');
  });
});

describe('the cap: time played × speed', () => {
  it('a report that grows faster than elapsed × rate gains nothing; the next ones carry it once time allows', async () => {
    const s = await student();
    const p = player(s);
    await p.report();
    t.clock.advance(15 * S);
    // 30 s of video after 15 s at 1×: over the cap (15 s + one segment + jitter).
    const fast = await p.playedTo(30).report({ positionS: 30 });
    expectStatus(fast, 409, 'PROGRESS_TOO_FAST');
    expect(fast.json().message).toContain('过快');
    expect((await stored(s.accountId, p.videoId))?.segments).toBe('0000000000');
    // The player keeps its set; 15 s later the time played covers it.
    t.clock.advance(15 * S);
    expectStatus(await p.report({ positionS: 30 }), 204);
    expect((await stored(s.accountId, p.videoId))?.segments).toBe('1111100000');
  });

  it('a legit 2× viewer reporting every 15 s (with jitter) gets every segment and the whole video', async () => {
    const long = await publishedCourse(t, { lessons: 1, segmentSeconds: Array.from({ length: 40 }, (_, i) => (i === 39 ? 3 : 6)) });
    const s = await student(long);
    const p = player(s, 0, long);
    const duration = long.segmentSeconds.reduce((a, b) => a + b, 0);
    await p.report({ rate: 2 });
    // The player's own clock vs when the server receives each report: ±1.5 s of jitter.
    const jitter = [0.8, -1.2, 1.5, -0.5, 0, -1.5, 1.1, 0.3, -0.9, 1.4, -1.4, 0.6, 0, 0];
    let played = 0;
    let serverAt = 0;
    for (let k = 0; played < duration / 2; k++) {
      played = Math.min(duration / 2, played + REPORT_INTERVAL_S);
      const arrival = played + (jitter[k] ?? 0);
      t.clock.advance((arrival - serverAt) * S);
      serverAt = arrival;
      const ended = played >= duration / 2;
      expectStatus(await p.playedTo(played * 2).report({ rate: 2, positionS: played * 2, playing: !ended }), 204);
    }
    expect(await stored(s.accountId, p.videoId)).toMatchObject({ segments: '1'.repeat(40), whole: true, watchedS: duration });
  });

  it('nothing for a paused or hidden player; the report sent when pausing still counts the time that was playing', async () => {
    const s = await student();
    const p = player(s);
    await p.report({ playing: false });
    t.clock.advance(60 * S);
    expectStatus(await p.playedTo(30).report({ positionS: 30, playing: false }), 409, 'PROGRESS_TOO_FAST');
    // Hidden: playing, but the page is not visible.
    const hidden = player(await student());
    await hidden.report({ visible: false });
    t.clock.advance(60 * S);
    expectStatus(await hidden.playedTo(30).report({ positionS: 30, visible: false }), 409, 'PROGRESS_TOO_FAST');
    expect((await stored(at(pool, next - 1).accountId, hidden.videoId))?.segments).toBe('0000000000');
    // Position is still saved while paused.
    expect((await stored(s.accountId, p.videoId))?.positionS).toBe(30);

    // Playing for 15 s, then the pause report carries the 15 s played; a minute paused adds nothing.
    const q = player(await student());
    await q.report();
    t.clock.advance(15 * S);
    expectStatus(await q.playedTo(15).report({ positionS: 15, playing: false }), 204);
    t.clock.advance(60 * S);
    expectStatus(await q.playedTo(45).report({ positionS: 45, playing: false }), 409, 'PROGRESS_TOO_FAST');
    // Resumed: time counts again from the report that said so.
    expectStatus(await q.report({ positionS: 45 }), 409, 'PROGRESS_TOO_FAST');
    t.clock.advance(30 * S);
    expectStatus(await q.report({ positionS: 45 }), 204);
    expect((await stored(at(pool, next - 1).accountId, q.videoId))?.segments).toBe('1111111000');
  });

  it('seeking to the end is not “whole”: the last segments after little time count, the rest waits for time', async () => {
    const s = await student();
    const p = player(s);
    await p.report();
    t.clock.advance(3 * S);
    expectStatus(await p.mark(-1, -2).report({ positionS: 58 }), 204);
    expect(await stored(s.accountId, p.videoId)).toMatchObject({ segments: '0000000011', whole: false, watchedS: 10 });
    t.clock.advance(2 * S);
    expectStatus(await p.playedTo(58).report({ positionS: 58, playing: false }), 409, 'PROGRESS_TOO_FAST');
    expect((await stored(s.accountId, p.videoId))?.whole).toBe(false);
  });

  it('counts one video at a time per account: a second video playing meanwhile gains nothing', async () => {
    const s = await student();
    const a = player(s, 1);
    const b = player(s, 2);
    await a.report();
    t.clock.advance(1 * S);
    await b.report();
    t.clock.advance(14 * S);
    expectStatus(await a.playedTo(12).report({ positionS: 15 }), 204);
    t.clock.advance(1 * S);
    expectStatus(await b.playedTo(12).report({ positionS: 16 }), 409, 'ANOTHER_VIDEO_PLAYING');
    t.clock.advance(14 * S);
    expectStatus(await a.playedTo(30).report({ positionS: 30 }), 204);
    t.clock.advance(1 * S);
    const again = await b.playedTo(30).report({ positionS: 31 });
    expectStatus(again, 409, 'ANOTHER_VIDEO_PLAYING');
    expect(again.json().message).toContain('同一时间只计一个视频');
    // Video A paused: B's next interval counts. Its player reloaded its set after the refusal (contract).
    t.clock.advance(4 * S);
    expectStatus(await a.report({ positionS: 34, playing: false }), 204);
    b.set = (await b.resume()).json().segments.split('');
    expect(b.set.join('')).toBe('0000000000');
    t.clock.advance(11 * S);
    expectStatus(await b.playedTo(12).report({ positionS: 12 }), 204);
    expect((await stored(s.accountId, a.videoId))?.segments).toBe('1111100000');
    expect((await stored(s.accountId, b.videoId))?.segments).toBe('1100000000');
  });
});

describe('whole video', () => {
  it('is every segment: missing the 4 s last segment is not whole, watching it makes it whole', async () => {
    const s = await student();
    const p = player(s);
    await p.report();
    t.clock.advance(55 * S);
    expectStatus(await p.playedTo(54).report({ positionS: 54 }), 204);
    expect(await stored(s.accountId, p.videoId)).toMatchObject({ segments: '1111111110', whole: false, watchedS: 54 });
    t.clock.advance(5 * S);
    expectStatus(await p.playedTo(58).report({ positionS: 58, playing: false }), 204);
    expect(await stored(s.accountId, p.videoId)).toMatchObject({ segments: '1111111111', whole: true, watchedS: 58 });
    expect((await p.resume()).json()).toMatchObject({ whole: true, watchedS: 58 });
  });

  it('tolerates a missing last segment shorter than TAIL_TOLERANCE_S (2 s)', async () => {
    const short = await publishedCourse(t, { lessons: 1, segmentSeconds: [6, 6, 6, 1.5] });
    const s = await student(short);
    const p = player(s, 0, short);
    await p.report();
    t.clock.advance(18 * S);
    expectStatus(await p.playedTo(18).report({ positionS: 18, playing: false }), 204);
    expect(await stored(s.accountId, p.videoId)).toMatchObject({ segments: '1110', whole: true, watchedS: 18 });
  });

  it('settles the system credit after the flush (CRS-11): the video that makes 60 points, and a part of one that makes 50 %', async () => {
    const course = await publishedCourse(t);
    const duration = course.segmentSeconds.reduce((x, y) => x + y, 0);
    const all = '1'.repeat(course.segmentSeconds.length);
    const watched = (accountId: number, video: number, share = 1) => ({
      accountId,
      videoId: at(course.videoIds, video),
      courseId: course.courseId,
      segments: share >= 1 ? all : all.replace(/1/g, '0'),
      watchedS: duration * share,
      whole: share >= 1,
    });
    const approve = (accountId: number) =>
      t.db.insert(courseReviews).values({ courseId: course.courseId, accountId, text: '课'.repeat(100), state: 'approved' });
    const credited = async (accountId: number) => {
      const [row] = await t.db
        .select({ creditAt: courseStudents.creditAt })
        .from(courseStudents)
        .where(and(eq(courseStudents.courseId, course.courseId), eq(courseStudents.accountId, accountId)));
      const entries = await t.db
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.source, 'course'), eq(ledgerEntries.sourceId, course.courseId)));
      return { credited: row?.creditAt != null, entries: entries.length };
    };

    // (1) 7 whole videos (35) + 4 answered topics (20) = 55 points, 7/12 progress: the 8th whole video makes 60.
    const a = await student(course);
    await t.db.insert(lessonProgress).values([0, 1, 2, 3, 4, 5, 6].map((i) => watched(a.accountId, i)));
    await t.db.insert(topics).values(
      [0, 1, 2, 3].map((i) => ({
        lessonId: at(course.lessonIds, i),
        courseId: course.courseId,
        accountId: a.accountId,
        text: '话题',
        answeredAt: t.clock.now(),
      })),
    );
    await approve(a.accountId);
    const pa = player(a, 7, course);
    await pa.report();
    t.clock.advance(40 * S);
    await pa.playedTo(36).report({ positionS: 36 });
    await t.app.deps.progress.flush();
    expect(await credited(a.accountId)).toEqual({ credited: false, entries: 0 });
    t.clock.advance(25 * S);
    expectStatus(await pa.playedTo(58).report({ positionS: 58, playing: false }), 204);
    await t.app.deps.progress.flush();
    expect(await credited(a.accountId)).toEqual({ credited: true, entries: 1 });

    // (2) 2 excellent exercises (40) + 5 whole videos (25) = 65 points, progress (5 + 0.5) / 12: a part of a
    // video (36 of 58 s, not whole) brings it over 50 %.
    const b = await student(course);
    await t.db.insert(lessonProgress).values([...[0, 1, 2, 3, 4].map((i) => watched(b.accountId, i)), watched(b.accountId, 5, 0.5)]);
    const ex = await t.db
      .insert(exercises)
      .values(
        [0, 1].map((i) => ({
          lessonId: at(course.lessonIds, i),
          title: `练习 ${i + 1}`,
          content: '练习',
          deadline: new Date(t.clock.now().getTime() + YEAR_MS),
        })),
      )
      .returning({ id: exercises.id });
    await t.db.insert(homework).values(ex.map((e) => ({ exerciseId: e.id, accountId: b.accountId, text: '作业', mark: 'excellent' as const })));
    await approve(b.accountId);
    const pb = player(b, 6, course);
    await pb.report();
    t.clock.advance(40 * S);
    expectStatus(await pb.playedTo(36).report({ positionS: 36, playing: false }), 204);
    await t.app.deps.progress.flush();
    expect(await credited(b.accountId)).toEqual({ credited: true, entries: 2 });

    // Watching on after the credit writes no second entry.
    t.clock.advance(5 * S);
    await pb.report({ positionS: 3 });
    await t.app.deps.progress.flush();
    expect(await credited(b.accountId)).toEqual({ credited: true, entries: 2 });
  });
});

describe('who may report', () => {
  it('refuses a student not enrolled (NOT_ENROLLED) and checks the segment count', async () => {
    const outsider = at(pool, next++);
    const p = player(outsider);
    expectStatus(await p.report(), 403, 'NOT_ENROLLED');
    expectStatus(await p.resume(), 403, 'NOT_ENROLLED');
    // Enrolled now: counted at once.
    await t.db.insert(courseStudents).values({ courseId: fx.courseId, accountId: outsider.accountId, teacherId: outsider.id, kind: 'learner' });
    expectStatus(await p.report(), 204);
    const wrong = await outsider.client.post(`/api/videos/${p.videoId}/progress`, { ...p.body(), segments: '0101' });
    expectStatus(wrong, 400, 'VALIDATION_FAILED');
    expect(wrong.json().fields).toHaveProperty('segments');
    expectStatus(await outsider.client.post('/api/videos/99999999/progress', p.body()), 404, 'NOT_FOUND');
    const extra = await outsider.client.post(`/api/videos/${p.videoId}/progress`, { ...p.body(), watchedS: 58 });
    expectStatus(extra, 400, 'VALIDATION_FAILED');
    expect(extra.json().fields).toHaveProperty('watchedS');
    const badView = await outsider.client.post(`/api/videos/${p.videoId}/progress`, { ...p.body(), view: 'x', rate: 'fast' });
    expect(Object.keys(badView.json().fields).sort()).toEqual(['rate', 'view']);
    // The route parses JSON with plain JSON.parse: broken JSON is BAD_JSON, and an own "__proto__"
    // key is an unknown key, refused, never a prototype.
    const url = `/api/videos/${p.videoId}/progress`;
    expectStatus(await outsider.client.post(url, '{"view": '), 400, 'BAD_JSON');
    expectStatus(await outsider.client.post(url, ''), 400, 'BAD_JSON');
    const poisoned = await outsider.client.post(url, JSON.stringify(p.body()).replace('{', '{"__proto__":{"playing":true},'));
    expectStatus(poisoned, 400, 'VALIDATION_FAILED');
    expect(Object.keys(poisoned.json().fields)).toEqual(['__proto__']);
  });

  it('refuses a lesson before its date (LESSON_NOT_OPEN)', async () => {
    const later = await publishedCourse(t, { lessons: 1, lessonDayOffset: 1 });
    const s = await student(later);
    const p = player(s, 0, later);
    const res = await p.report();
    expectStatus(res, 403, 'LESSON_NOT_OPEN');
    expectStatus(await p.resume(), 403, 'LESSON_NOT_OPEN');
  });

  it('a 试看 lesson: anyone logged in watches, nothing is stored unless enrolled; the instructor and reviewers watch unrecorded', async () => {
    const trial = await publishedCourse(t, { lessons: 2, trialFirst: true });
    const visitor = at(pool, next++);
    const p = player(visitor, 0, trial);
    expect((await p.resume()).json()).toMatchObject({ recorded: false, segments: '0000000000' });
    await p.report();
    t.clock.advance(15 * S);
    expectStatus(await p.playedTo(12).report({ positionS: 12 }), 204);
    expect(await stored(visitor.accountId, p.videoId)).toBeUndefined();
    // Not a trial lesson: enrol first.
    expectStatus(await player(visitor, 1, trial).report(), 403, 'NOT_ENROLLED');

    const instructor = player(trial.instructor, 1, trial);
    expect((await instructor.resume()).json().recorded).toBe(false);
    expectStatus(await instructor.playedTo(58).report(), 204);
    expect(await stored(trial.instructorAccountId, instructor.videoId)).toBeUndefined();
    const reviewer = player(await t.login('shenhe'), 1, trial);
    expectStatus(await reviewer.playedTo(58).report(), 204);
  });
});

describe('buffer, shutdown and cost', () => {
  it('a graceful close writes every acknowledged report', async () => {
    const other = await createTestApp({ sessionTtlMs: YEAR_MS });
    let appOpen = true;
    try {
      const course = await publishedCourse(other, { lessons: 1 });
      const [l] = await teachersOf(other, await schoolIdOf(other, 'school'), 1);
      await other.db.insert(courseStudents).values({ courseId: course.courseId, accountId: l.accountId, teacherId: l.id, kind: 'learner' });
      const p = player(l, 0, course);
      await p.report();
      other.clock.advance(15 * S);
      expectStatus(await p.playedTo(15).report({ positionS: 15 }), 204);
      await other.app.close();
      appOpen = false;
      const [row] = await other.db.select().from(lessonProgress).where(eq(lessonProgress.accountId, l.accountId));
      expect(row).toMatchObject({ segments: '1100000000', watchedS: 12, positionS: 15 });
    } finally {
      if (appOpen) await other.app.close();
      await other.database.close();
    }
  });

  it('a logout ends the session at once on this instance; a session deleted elsewhere stops within 5 s', async () => {
    const s = await student();
    const p = player(s, 4);
    expectStatus(await p.report(), 204);
    const replay = new Client(t.app);
    replay.cookie = s.client.cookie;
    replay.csrf = s.client.csrf;
    const again = new Player(replay, p.videoId, fx.segmentSeconds);
    expectStatus(await again.report(), 204);
    expectStatus(await s.client.post('/api/auth/logout'), 200);
    expectStatus(await again.report(), 401);

    // Another instance's logout: the row goes; this instance trusts its copy for at most 5 s.
    const other = player(await student(), 4);
    expectStatus(await other.report(), 204);
    await t.db.delete(sessions).where(eq(sessions.accountId, at(pool, next - 1).accountId));
    t.clock.advance(6 * S);
    expectStatus(await other.report(), 401);
  });

  it('at steady state a report costs below 0.1 database statements besides the flush (sessions and access come from memory)', async () => {
    // 60 viewers with real sessions, each reporting every 15 s, spread evenly over the interval.
    const course = await publishedCourse(t, { lessons: 12, segmentSeconds: Array.from({ length: 100 }, () => 6) });
    const rows = await t.db
      .select({ accountId: accounts.id, roleId: accountRoles.id })
      .from(accounts)
      .innerJoin(accountRoles, and(eq(accountRoles.accountId, accounts.id), eq(accountRoles.role, 'teacher')))
      // Accounts no other test here uses (one video at a time per account would mix them up).
      .where(notInArray(accounts.id, [...pool.map((l) => l.accountId), fx.instructorAccountId]))
      .orderBy(accounts.id)
      .limit(60);
    expect(rows).toHaveLength(60);
    const players: Player[] = [];
    for (const [i, r] of rows.entries()) {
      await t.db.update(accounts).set({ mustChangePassword: false }).where(eq(accounts.id, r.accountId));
      await t.db.insert(courseStudents).values({ courseId: course.courseId, accountId: r.accountId }).onConflictDoNothing();
      const created = await t.app.deps.sessions.create(t.db, { accountId: r.accountId, roleId: r.roleId, ip: null, userAgent: null });
      const [row] = await t.db
        .select({ csrf: sessions.csrfToken })
        .from(sessions)
        .where(eq(sessions.id, hashToken(created.token)));
      const c = new Client(t.app);
      c.cookie = `sx_sid=${created.token}`;
      c.csrf = row?.csrf ?? '';
      players.push(new Player(c, at(course.videoIds, i % 12), course.segmentSeconds));
    }
    const counted = countStatements();
    const step = (REPORT_INTERVAL_S * S) / players.length;
    let reports = 0;
    for (let round = 0; round < 10; round++) {
      if (round === 2) counted.reset();
      for (const p of players) {
        t.clock.advance(step);
        const res = await p.playedTo(round * REPORT_INTERVAL_S).report({ positionS: round * REPORT_INTERVAL_S });
        expectStatus(res, 204);
        if (round >= 2) reports++;
      }
    }
    const { other } = counted.stop();
    if (process.env.DEBUG_STATEMENTS) console.log({ other, reports });
    // Flushes (one upsert a second of real time, whatever the load) are not counted: everything else
    // is what reports cost. Sessions are re-read together about every 4 s, video facts every minute.
    expect(other / reports).toBeLessThan(0.1);
  });
});

/** Counts statements sent to the database (PGlite's query, or the pg pool's). */
function countStatements() {
  const target = (t.database.pglite ?? t.database.pool) as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const original = target.query;
  let other = 0;
  let flushes = 0;
  target.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string })?.text ?? '');
    // The transcoding job runner polls on its own timer; it is not what reports cost.
    if (text.includes('"jobs"')) return original.apply(this, args);
    if (text.includes('insert into lesson_progress')) flushes++;
    else {
      other++;
      if (process.env.DEBUG_STATEMENTS) console.log(text.replace(/\s+/g, ' ').slice(0, 90));
    }
    return original.apply(this, args);
  };
  return {
    reset() {
      if (process.env.DEBUG_STATEMENTS) console.log('RESET');
      other = 0;
      flushes = 0;
    },
    stop() {
      target.query = original;
      return { other, flushes };
    },
  };
}

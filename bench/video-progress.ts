// npm run bench:video — issue 5: video watching progress on PostgreSQL with the province data.
// 2,000 enrolled students, each with a real session (a row in `sessions`, the cookie and CSRF token
// the app would have set), watch videos of one published course and report their watched-segment
// sets as the player does:
//   (a) paced: every viewer reports every 15 s, as in real use, to count database statements
//       per report (sessions, access, loads, flushes) at the real cadence;
//   (b) throughput: as fast as 32 connections go, for accepted reports/s and p99 against C
//       (a bare Fastify hello-world measured in the same run, before and after).
// Each viewer's set grows with real time at 1.9× (reported rate 2), so the server's cap accepts it.
// Then repeated and reordered reports are sent, the app gets SIGTERM (graceful close), and every
// row is compared with what was acknowledged.
//
// The app runs in a child process (this file with VIDEO_BENCH_ROLE=server) that counts every
// statement its pg clients send, by kind, and serves the counts on PORT+1.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { addDays, shanghaiDate } from '../common/training.js';
import { pct, startProcess, stopProcess } from './lib.js';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 2000);
const SEGMENTS = 150; // 15 minutes of 6 s segments
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POOL = Number(process.env.BENCH_POOL ?? 6);
const PACED_S = Number(process.env.BENCH_PACED_SECONDS ?? 45);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const INTERVAL_S = 15;
const SPEED = 1.9;
const PORT = 3922;
const MARK = '基准视频进度课程';

// ---------------------------------------------------------------------------------------------
// the app, in the child process

if (process.env.VIDEO_BENCH_ROLE === 'server') {
  const counts: Record<string, number> = { session: 0, access: 0, facts: 0, flush: 0, settle: 0, reload: 0, jobs: 0, other: 0 };
  /** Per kind, the longest statement (ms, from the call to its result, rows parsed). */
  const slowest: Record<string, number> = {};
  let gcMax = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMax = Math.max(gcMax, e.duration);
  }).observe({ entryTypes: ['gc'] });
  const kindOf = (text: string) =>
    text.includes('with touched')
      ? 'session'
      : text.includes('as x(a, v, c)')
        ? 'access'
        : text.includes('from lesson_videos v join lessons')
          ? 'facts'
          : text.includes('insert into lesson_progress')
            ? 'flush'
            : text.includes('from lesson_progress where account_id')
              ? 'reload'
              : text.includes('"jobs"')
                ? 'jobs'
                : text.includes('"course_students"')
                  ? 'settle'
                  : 'other';
  // Pool.query checks out a client and calls its query: counting there sees every statement once.
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string })?.text ?? '');
    const kind = kindOf(text);
    counts[kind] = (counts[kind] ?? 0) + 1;
    const started = performance.now();
    const took = () => {
      slowest[kind] = Math.max(slowest[kind] ?? 0, performance.now() - started);
    };
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...res: unknown[]) => {
        took();
        return callback(...res);
      };
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) void result.then(took, () => {});
    return result;
  };
  const { loadConfig } = await import('../server/config.js');
  const { openDatabase } = await import('../server/db/client.js');
  const { buildApp } = await import('../server/app.js');
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, poolSize: config.dbPoolSize });
  const app = await buildApp({ config, database, webDir: '/nonexistent' });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  http
    .createServer((req, res) => {
      const body = { ...counts, loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6, gcMaxMs: gcMax, slowest };
      if (req.url === '/reset-loop') {
        loop.reset();
        gcMax = 0;
        for (const k of Object.keys(slowest)) delete slowest[k];
      }
      res.end(JSON.stringify(body));
    })
    .listen(config.port + 1, '127.0.0.1');
  process.on('SIGTERM', async () => {
    await app.close();
    await database.close();
    console.log(`closed ${JSON.stringify(counts)}`);
    process.exit(0);
  });
  await app.listen({ host: '127.0.0.1', port: config.port });
  console.log('running at', config.port);
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------
// the harness

type Viewer = {
  accountId: number;
  videoId: number;
  cookie: string;
  csrf: string;
  view: string;
  seq: number;
  startedAt: number | null;
  /** Union of the sets the app acknowledged (204). */
  acked: number;
  /** The largest set sent, and the last body sent: autocannon drops the answers still in flight when it stops. */
  sent: number;
  lastSent: Body | null;
  lastAcked: Body | null;
  earlierAcked: Body | null;
};
type Body = { view: string; seq: number; segments: string; positionS: number; rate: number; playing: boolean; visible: boolean };

async function main() {
  const { openDatabase } = await import('../server/db/client.js');
  const { hashToken } = await import('../server/modules/auth/session.js');
  const { provinceDatabase } = await import('./province-db.js');

  const { url: dbUrl } = await provinceDatabase();
  const database = await openDatabase({ url: dbUrl, poolSize: 4 });
  const db = database.db;
  const rows = <T>(r: { rows: unknown[] }) => r.rows as T[];
  const today = shanghaiDate(new Date());

  async function cleanup() {
    await db.execute(sql`delete from courses where name = ${MARK}`);
    await db.execute(sql`delete from sessions where user_agent = 'bench:video'`);
  }
  await cleanup();

  // One published course of 12 lessons (opened yesterday), each with a ready 15-minute video.
  const people = rows<{ account_id: number; role_id: number; teacher_id: number }>(
    await db.execute(sql`
      select t.account_id, r.id as role_id, t.id as teacher_id from teachers t
      join account_roles r on r.account_id = t.account_id and r.role = 'teacher'
      join accounts a on a.id = t.account_id and a.disabled_at is null
      where t.status = 'in_service' order by t.id desc limit ${VIEWERS + 1}`),
  );
  if (people.length < VIEWERS + 1) throw new Error(`need ${VIEWERS + 1} teachers, found ${people.length}`);
  const instructor = people.pop() as (typeof people)[number];
  await db.execute(sql`update accounts set must_change_password = false where id = any(${sql.param(people.map((p) => p.account_id))}::int[])`);
  const [course] = rows<{ id: number }>(
    await db.execute(sql`
      insert into courses (instructor_account_id, instructor_teacher_id, name, stage, grades, subject, difficulty, summary, cover_key, internet_places, state, published_at)
      values (${instructor.account_id}, ${instructor.teacher_id}, ${MARK}, 'primary', '[3]', 'math', 'basic', '基准', 'covers/bench.png', 100, 'published', now())
      returning id`),
  );
  if (!course) throw new Error('no course');
  const [chapter] = rows<{ id: number }>(
    await db.execute(sql`insert into course_chapters (course_id, title, position) values (${course.id}, '第一章', 1) returning id`),
  );
  const seconds = JSON.stringify(Array.from({ length: SEGMENTS }, () => 6));
  const videoIds: number[] = [];
  for (let i = 0; i < 12; i++) {
    const [lesson] = rows<{ id: number }>(
      await db.execute(sql`
        insert into lessons (course_id, chapter_id, title, lesson_date, position, state)
        values (${course.id}, ${chapter?.id}, ${`第 ${i + 1} 课时`}, ${addDays(today, -1)}, ${i + 1}, 'published') returning id`),
    );
    const [video] = rows<{ id: number }>(
      await db.execute(sql`
        insert into lesson_videos (lesson_id, file_name, size, state, progress, duration_s, segment_seconds, ready_at)
        values (${lesson?.id}, 'bench.mp4', 1000, 'ready', 100, ${SEGMENTS * 6}, ${seconds}::jsonb, now()) returning id`),
    );
    await db.execute(sql`update lessons set video_id = ${video?.id} where id = ${lesson?.id}`);
    videoIds.push(video?.id as number);
  }
  await db.execute(sql`
    insert into course_students (course_id, account_id, teacher_id, kind)
    select ${course.id}, a, t, 'learner' from unnest(${sql.param(people.map((p) => p.account_id))}::int[], ${sql.param(people.map((p) => p.teacher_id))}::int[]) as x(a, t)`);
  // Real sessions, as login would have made them.
  const viewers: Viewer[] = [];
  const values = [];
  for (const [i, p] of people.entries()) {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    viewers.push({
      accountId: p.account_id,
      videoId: videoIds[i % videoIds.length] as number,
      cookie: `sx_sid=${token}`,
      csrf,
      view: randomBytes(12).toString('base64url'),
      seq: 0,
      startedAt: null,
      acked: 0,
      sent: 0,
      lastSent: null,
      lastAcked: null,
      earlierAcked: null,
    });
    values.push(sql`(${hashToken(token)}, ${p.account_id}, ${p.role_id}, ${csrf}, 'bench:video', now(), now(), now() + interval '1 day')`);
  }
  for (let i = 0; i < values.length; i += 1000) {
    await db.execute(
      sql`insert into sessions (id, account_id, role_id, csrf_token, user_agent, created_at, last_seen_at, expires_at) values ${sql.join(values.slice(i, i + 1000), sql`, `)}`,
    );
  }
  await db.execute(sql`analyze sessions`);

  // The report a viewer's player would send now: every segment played through at SPEED since it started.
  function bodyOf(v: Viewer, now: number): Body {
    v.startedAt ??= now;
    const played = ((now - v.startedAt) / 1000) * SPEED;
    const k = Math.min(SEGMENTS, Math.floor(played / 6));
    return {
      view: v.view,
      seq: ++v.seq,
      segments: '1'.repeat(k) + '0'.repeat(SEGMENTS - k),
      positionS: Math.round(played * 10) / 10,
      rate: 2,
      playing: true,
      visible: true,
    };
  }
  const countOf = (b: Body) => (b.segments.indexOf('0') === -1 ? SEGMENTS : b.segments.indexOf('0'));

  type Run = { seconds: number; answered: number; accepted: number; refused: Record<string, number>; p50: number; p97_5: number; p99: number; rps: number };
  function record(v: Viewer, body: Body, status: number, resBody: string, refused: Record<string, number>): boolean {
    if (status === 204) {
      v.acked = Math.max(v.acked, countOf(body));
      if (v.lastAcked && (!v.earlierAcked || v.lastAcked.seq - v.earlierAcked.seq > 3)) v.earlierAcked = v.lastAcked;
      if (!v.lastAcked || body.seq > v.lastAcked.seq) v.lastAcked = body;
      return true;
    }
    const code = `${status} ${(resBody.match(/"code":"(\w+)"/) ?? [])[1] ?? ''}`;
    refused[code] = (refused[code] ?? 0) + 1;
    return false;
  }
  function nextReport(v: Viewer) {
    const body = bodyOf(v, Date.now());
    v.sent = Math.max(v.sent, countOf(body));
    v.lastSent = body;
    return body;
  }
  const headersOf = (v: Viewer) => ({ 'content-type': 'application/json', cookie: v.cookie, 'x-csrf-token': v.csrf });

  /** Throughput: autocannon, as fast as the connections go, viewers in turn. */
  async function drive(opts: { duration: number; connections: number }): Promise<Run> {
    let next = 0;
    let accepted = 0;
    const refused: Record<string, number> = {};
    const result = await autocannon({
      url: `http://127.0.0.1:${PORT}`,
      connections: opts.connections,
      duration: opts.duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (req, context) => {
            const v = viewers[next++ % viewers.length] as Viewer;
            const body = nextReport(v);
            Object.assign(context, { v, body });
            return { ...req, path: `/api/videos/${v.videoId}/progress`, headers: headersOf(v), body: JSON.stringify(body) };
          },
          onResponse: (status, resBody, context) => {
            const { v, body } = context as { v: Viewer; body: Body };
            if (record(v, body, status, resBody, refused)) accepted++;
          },
        },
      ],
    });
    return {
      seconds: result.duration,
      answered: result.requests.total,
      accepted,
      refused,
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      rps: accepted / result.duration,
    };
  }

  /**
   * Real cadence: viewer i reports at i × 15 s / VIEWERS and every 15 s after, on keep-alive
   * connections, each latency timed on its own (autocannon's rate mode sends in bursts and
   * measured 48 ms p99 for the hello-world at this rate here).
   */
  async function paced(seconds: number): Promise<Run> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const latencies: number[] = [];
    const refused: Record<string, number> = {};
    let accepted = 0;
    const step = (INTERVAL_S * 1000) / viewers.length;
    const total = Math.floor((seconds * 1000) / step);
    const t0 = performance.now();
    const inflight: Promise<void>[] = [];
    for (let k = 0; k < total; k++) {
      const wait = t0 + k * step - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const v = viewers[k % viewers.length] as Viewer;
      const body = nextReport(v);
      const payload = JSON.stringify(body);
      inflight.push(
        new Promise<void>((resolve, reject) => {
          const sentAt = performance.now();
          const req = http.request(
            { agent, host: '127.0.0.1', port: PORT, method: 'POST', path: `/api/videos/${v.videoId}/progress`, headers: headersOf(v) },
            (res) => {
              let text = '';
              res.on('data', (d: Buffer) => {
                text += d.toString();
              });
              res.on('end', () => {
                latencies.push(performance.now() - sentAt);
                if (record(v, body, res.statusCode ?? 0, text, refused)) accepted++;
                resolve();
              });
            },
          );
          req.on('error', reject);
          req.end(payload);
        }),
      );
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - t0) / 1000;
    agent.destroy();
    latencies.sort((x, y) => x - y);
    const q = (f: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))] ?? 0) * 10) / 10;
    return { seconds: elapsed, answered: latencies.length, accepted, refused, p50: q(0.5), p97_5: q(0.975), p99: q(0.99), rps: accepted / elapsed };
  }

  async function measureC() {
    const hello = await startProcess(process.execPath, ['--import', 'tsx', 'bench/hello.ts'], { PORT: '3921' }, /ready/);
    const r = await autocannon({ url: 'http://127.0.0.1:3921/', connections: CONNECTIONS, duration: DURATION_S });
    await stopProcess(hello);
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
  }
  let loopStats: Record<string, number> = {};
  let slowestStats: Record<string, number> = {};
  const statements = async (resetLoop = false) => {
    const r = (await (await fetch(`http://127.0.0.1:${PORT + 1}/${resetLoop ? 'reset-loop' : ''}`)).json()) as Record<string, number>;
    const { loopP99Ms, loopMaxMs, gcMaxMs, slowest, ...counts } = r as unknown as Record<string, number> & { slowest: Record<string, number> };
    loopStats = { p99: loopP99Ms ?? 0, max: loopMaxMs ?? 0, gc: gcMaxMs ?? 0 };
    slowestStats = slowest;
    return counts;
  };
  const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(b).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]));
  const sum = (r: Record<string, number>, except: string[] = []) => Object.entries(r).reduce((s, [k, n]) => s + (except.includes(k) ? 0 : n), 0);
  async function xacts() {
    const [r] = rows<{ n: string }>(
      await db.execute(sql`select pg_stat_clear_snapshot(), (xact_commit + xact_rollback)::text as n from pg_stat_database where datname = current_database()`),
    );
    return Number(r?.n ?? 0);
  }

  // ------------------------------------------------------------------------- run
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const C1 = await measureC();
  console.log(`C (before): ${C1.rps.toFixed(0)} req/s`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sx-bench-video-'));
  const app = await startProcess(
    process.execPath,
    [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', 'bench/video-progress.ts'],
    {
      VIDEO_BENCH_ROLE: 'server',
      DATABASE_URL: dbUrl,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      NODE_ENV: 'production',
      DB_POOL_SIZE: String(POOL),
      DATA_DIR: dataDir,
    },
    /running at/,
  );
  const closed = new Promise<string>((resolve) => {
    let out = '';
    app.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    app.on('exit', () => resolve(out));
  });

  // Page loads: each viewer asks where to resume (this loads its state, in batches).
  const s0 = await statements();
  await Promise.all(
    Array.from({ length: 16 }, async (_, w) => {
      for (let i = w; i < viewers.length; i += 16) {
        const v = viewers[i] as Viewer;
        const res = await fetch(`http://127.0.0.1:${PORT}/api/videos/${v.videoId}/progress`, { headers: { cookie: v.cookie } });
        if (res.status !== 200) throw new Error(`resume: ${res.status} ${await res.text()}`);
      }
    }),
  );
  const s1 = await statements();

  // (a) paced: every viewer every 15 s. PostgreSQL's transaction counts reach pg_stat_database up to
  // ~10 s late (backends report when idle), so they are read after a pause on both sides.
  const pause = () => new Promise((r) => setTimeout(r, 11_000));
  await pause();
  const x0 = await xacts();
  await statements(true);
  const a = await paced(PACED_S);
  const s2 = await statements();
  const loopA = loopStats;
  const slowA = slowestStats;
  await pause();
  const x1 = await xacts();
  const s2b = await statements();
  const pacedCounts = diff(s1, s2);
  console.log(`(a) paced: ${a.accepted}/${a.answered} accepted, refused ${JSON.stringify(a.refused)}, statements ${JSON.stringify(pacedCounts)}`);

  // (b) throughput.
  await statements(true);
  const b = await drive({ duration: DURATION_S, connections: CONNECTIONS });
  const s3 = await statements();
  const loopB = loopStats;
  const slowB = slowestStats;
  const fastCounts = diff(s2b, s3);
  console.log(
    `(b) throughput: ${b.accepted}/${b.answered}; ${b.rps.toFixed(0)} accepted/s, refused ${JSON.stringify(b.refused)}, statements ${JSON.stringify(fastCounts)}`,
  );

  // Repeated and reordered reports for 200 viewers: the last acknowledged body again (same seq),
  // an older acknowledged body (older seq, smaller set, earlier position). Neither may change a thing.
  let oddAnswers = 0;
  const sample = viewers.filter((v) => v.lastAcked && v.earlierAcked).slice(0, 200);
  for (const v of sample) {
    for (const body of [v.lastAcked, v.earlierAcked, v.lastAcked]) {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/videos/${v.videoId}/progress`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: v.cookie, 'x-csrf-token': v.csrf },
        body: JSON.stringify(body),
      });
      if (res.status !== 204) oddAnswers++;
    }
  }

  // Graceful shutdown right after the last acknowledged reports, then count.
  app.kill('SIGTERM');
  const closeOut = await closed;
  const finalCounts = JSON.parse(closeOut.match(/closed (\{.*\})/)?.[1] ?? '{}') as Record<string, number>;
  const stored = rows<{ account_id: number; video_id: number; segments: string; watched_s: number; whole: boolean; position_s: number }>(
    await db.execute(
      sql`select account_id, video_id, segments::text, watched_s, whole, position_s from lesson_progress where video_id = any(${sql.param(videoIds)}::int[])`,
    ),
  );
  const byKey = new Map(stored.map((r) => [`${r.account_id}:${r.video_id}`, r]));
  let missing = 0;
  let wrongSet = 0;
  let wrongSeconds = 0;
  let wrongPosition = 0;
  let ackedSegments = 0;
  let inFlight = 0;
  for (const v of viewers) {
    const r = byKey.get(`${v.accountId}:${v.videoId}`);
    ackedSegments += v.acked;
    if (!r) {
      if (v.lastAcked) missing++;
      continue;
    }
    // Every acknowledged segment is stored; beyond them only what a report still in flight when the
    // load generator stopped carried (the app counted it, the harness never saw the answer).
    const count = r.segments.indexOf('0') === -1 ? SEGMENTS : r.segments.indexOf('0');
    if (r.segments !== '1'.repeat(count) + '0'.repeat(SEGMENTS - count) || count < v.acked || count > v.sent) wrongSet++;
    if (Math.abs(r.watched_s - count * 6) > 1e-6) wrongSeconds++;
    const last = v.lastAcked?.positionS;
    if (last !== undefined && Math.abs(r.position_s - last) > 1e-3) {
      if (v.lastSent && v.lastSent !== v.lastAcked && Math.abs(r.position_s - v.lastSent.positionS) < 1e-3) inFlight++;
      else wrongPosition++;
    }
  }
  await stopProcess(app);
  const C2 = await measureC();
  console.log(`C (after): ${C2.rps.toFixed(0)} req/s`);
  const C = (C1.rps + C2.rps) / 2;

  const fmtMs = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, n]) => `${k} ${n.toFixed(1)}`)
      .join(', ');
  const perReport = (counts: Record<string, number>, reports: number, except: string[] = []) => (sum(counts, except) / reports).toFixed(4);
  const fmt = (r: Record<string, number>) =>
    Object.entries(r)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  const report = [
    `### ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, load average before the run ${load}`,
    '',
    `${VIEWERS} viewers on 12 videos of ${SEGMENTS} segments, ${CONNECTIONS} connections, app pool ${POOL}; C = ${C.toFixed(0)} req/s (mean of ${C1.rps.toFixed(0)} before and ${C2.rps.toFixed(0)} after; p99 ${C1.p99} / ${C2.p99} ms).`,
    '',
    '| scenario | reports | accepted/s | ratio to C | p50 ms | p97.5 ms | p99 ms | statements / report |',
    '|---|---|---|---|---|---|---|---|',
    `| (a) paced, each viewer every ${INTERVAL_S} s, ${PACED_S} s | ${a.accepted} / ${a.answered} | ${a.rps.toFixed(0)} | | ${a.p50} | ${a.p97_5} | ${a.p99} | ${perReport(pacedCounts, a.answered)} (${perReport(pacedCounts, a.answered, ['jobs'])} without the job poller) |`,
    `| (b) throughput, ${DURATION_S} s | ${b.accepted} / ${b.answered} | ${b.rps.toFixed(0)} | ${pct(b.rps, C)} | ${b.p50} | ${b.p97_5} | ${b.p99} | ${perReport(fastCounts, b.answered)} |`,
    '',
    `Statements, counted by the app's pg client wrapper: page loads (GET, ${viewers.length}) ${fmt(diff(s0, s1))}; (a) ${fmt(pacedCounts)}; (b) ${fmt(fastCounts)}; in all, including the close: ${fmt(finalCounts)}. PostgreSQL's own count of transactions in the bench database over (a) and the 11 s after it: ${x1 - x0} (${((x1 - x0) / a.answered).toFixed(4)} per report), against ${sum(diff(s1, s2b))} counted by the app over the same time (the job poller included; anything else using that database would show here too).`,
    `The app's event loop (its delay, sampled every 5 ms): (a) p99 ${loopA.p99?.toFixed(1)} ms, max ${loopA.max?.toFixed(1)} ms, longest GC pause ${loopA.gc?.toFixed(1)} ms; (b) p99 ${loopB.p99?.toFixed(1)} ms, max ${loopB.max?.toFixed(1)} ms, longest GC pause ${loopB.gc?.toFixed(1)} ms. Longest statement per kind (ms, rows parsed): (a) ${fmtMs(slowA)}; (b) ${fmtMs(slowB)}.`,
    `Refusals: (a) ${fmt(a.refused) || 'none'}; (b) ${fmt(b.refused) || 'none'}.`,
    `Repeated and reordered reports (${sample.length} viewers × 3): ${oddAnswers} answers other than 204. After SIGTERM (graceful close): ${stored.length} rows for ${viewers.length} viewers, ${ackedSegments} acknowledged segments; rows missing ${missing}, sets not holding every acknowledged segment (or holding more than was sent) ${wrongSet}, watched seconds not matching the set ${wrongSeconds}, positions neither the last acknowledged nor that of a report in flight when the load stopped ${wrongPosition} (in flight: ${inFlight}).`,
    '',
  ].join('\n');
  console.log(`\n${report}`);
  const resultsFile = 'bench/RESULTS.md';
  const marker = '<!-- latest video-progress run -->';
  const prior = fs.readFileSync(resultsFile, 'utf8');
  const updated = prior.includes(marker)
    ? prior.replace(new RegExp(`${marker}[\\s\\S]*?(?=\\n## |$)`), `${marker}\n${report}`)
    : `${prior.trimEnd()}\n\n## Video progress (npm run bench:video)\n\n${marker}\n${report}`;
  fs.writeFileSync(resultsFile, `${updated.trimEnd()}\n`);

  await cleanup();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (missing || wrongSet || wrongSeconds || wrongPosition || oddAnswers) {
    console.error('CHECK FAILED');
    process.exit(1);
  }
}

// npm run bench:enrolment — issue 4: the round-2 enrolment rush on PostgreSQL with province data.
// Thousands of distinct teachers, each with a real session, enrol at once over HTTP:
//   (a) spread over 500 classes, (b) all into one hot class.
// Figures are ratios to C (a bare Fastify hello-world) and to P (pgbench running the same
// enrolment SQL, with as many clients as the app has connections), all measured in this run.
// Afterwards the database is counted: no class over capacity, no teacher over the hour cap, every
// acknowledged enrolment present.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { addDays, shanghaiDate } from '../common/training.js';
import { openDatabase } from '../server/db/client.js';
import { hashToken } from '../server/modules/auth/session.js';
import { enrolContextQuery, myTeacherQuery } from '../server/modules/enrolment/service.js';
import { HOURS_SQL, SEAT_SQL } from '../server/modules/projects/places.js';
import { pct, startProcess, stopProcess } from './lib.js';
import { provinceDatabase } from './province-db.js';

const TEACHERS = Number(process.env.BENCH_TEACHERS ?? 4000);
const CLASSES = 500;
const HOT_CAPACITY = Number(process.env.BENCH_HOT_CAPACITY ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POOL = Number(process.env.BENCH_POOL ?? 6);
const YEAR = 2099; // a year of its own, so the bench never touches real data and cleans up after itself
const HOURS = 2;
const CAP = 90;

const { url: dbUrl } = await provinceDatabase();
const database = await openDatabase({ url: dbUrl, poolSize: 4 });
const db = database.db;
const rows = <T>(r: { rows: unknown[] }) => r.rows as T[];
const today = shanghaiDate(new Date());

// ---------------------------------------------------------------- setup
async function cleanup() {
  await db.execute(sql`delete from review_history where machine = 'enrolment' and subject_id in (select id from enrolments where year = ${YEAR})`);
  await db.execute(sql`delete from enrolments where year = ${YEAR}`);
  await db.execute(sql`delete from teacher_years where year = ${YEAR}`);
  await db.execute(sql`update class_periods set taken = 0 where project_id in (select id from projects where year = ${YEAR})`);
}
const [previousYear] = rows<{ year: number }>(await db.execute(sql`select year from training_years where is_current`));
await cleanup();
await db.execute(sql`delete from projects where year = ${YEAR}`);
await db.execute(sql`update training_years set is_current = false where is_current`);
await db.execute(sql`
  insert into training_years (year, is_current, round1_start, round1_end, round2_start, round2_end, round2_open_to_all, hour_cap)
  values (${YEAR}, true, ${addDays(today, -30)}, ${addDays(today, -10)}, ${addDays(today, -1)}, ${addDays(today, 5)}, true, ${CAP})
  on conflict (year) do update set is_current = true, round1_start = excluded.round1_start, round1_end = excluded.round1_end,
    round2_start = excluded.round2_start, round2_end = excluded.round2_end, round2_open_to_all = true, hour_cap = excluded.hour_cap`);
const [inst] = rows<{ id: number }>(await db.execute(sql`select id from institutions order by id limit 1`));
if (!inst) throw new Error('bench database has no institution');
// 125 projects × 4 classes, plus the hot class; dates do not overlap within a teacher's single enrolment anyway.
await db.execute(sql`
  insert into projects (institution_id, year, name, category, target_regions, hours, hour_category, mode, state, reviewer_level, reviewer_region)
  select ${inst.id}, ${YEAR}, '抢报基准项目' || g, 'self_selected', '{330000}', ${HOURS}, 'professional', 'face', 'approved', 'province', '330000'
  from generate_series(1, ${CLASSES / 4 + 1}) g`);
await db.execute(sql`
  insert into class_periods (project_id, seq, start_date, end_date, place, planned_capacity, capacity)
  select p.id, s, ${addDays(today, 20)}::date + s, ${addDays(today, 20)}::date + s, '基准', 20, 20
  from projects p cross join generate_series(1, 4) s where p.year = ${YEAR}`);
const classIds = rows<{ id: number }>(
  await db.execute(sql`select c.id from class_periods c join projects p on p.id = c.project_id where p.year = ${YEAR} order by c.id`),
).map((r) => r.id);
const hotClass = classIds.pop() as number;
classIds.length = CLASSES;
await db.execute(sql`update class_periods set capacity = ${HOT_CAPACITY}, planned_capacity = ${HOT_CAPACITY} where id = ${hotClass}`);

// Distinct in-service teachers, each with a real session (the cookie the app would have set at login).
const teachers = rows<{ teacher_id: number; account_id: number; role_id: number }>(
  await db.execute(sql`
    select t.id as teacher_id, t.account_id, r.id as role_id from teachers t
    join account_roles r on r.account_id = t.account_id and r.role = 'teacher'
    where t.status = 'in_service' and not t.special_user and t.school_id is not null
    order by t.id limit ${TEACHERS * 3}`),
);
if (teachers.length < TEACHERS * 3) throw new Error(`need ${TEACHERS * 3} teachers, found ${teachers.length}`);
// As if each had logged in once and set a password of their own.
await db.execute(sql`update accounts set must_change_password = false where id = any(${sql.param(teachers.map((t) => t.account_id))}::int[])`);
type Session = { teacherId: number; cookie: string; csrf: string };
async function sessionsFor(list: typeof teachers): Promise<Session[]> {
  const out: Session[] = [];
  const values = [];
  for (const t of list) {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    out.push({ teacherId: t.teacher_id, cookie: `sx_sid=${token}`, csrf });
    values.push(sql`(${hashToken(token)}, ${t.account_id}, ${t.role_id}, ${csrf}, now(), now(), now() + interval '1 day')`);
  }
  for (let i = 0; i < values.length; i += 1000) {
    await db.execute(
      sql`insert into sessions (id, account_id, role_id, csrf_token, created_at, last_seen_at, expires_at) values ${sql.join(values.slice(i, i + 1000), sql`, `)}`,
    );
  }
  return out;
}
const sessionsA = await sessionsFor(teachers.slice(0, TEACHERS));
const sessionsB = await sessionsFor(teachers.slice(TEACHERS, TEACHERS * 2));
// P's teachers: a third set, in a table pgbench reads by sequence number.
await db.execute(sql`drop table if exists bench_rush_teachers`);
await db.execute(sql`create unlogged table bench_rush_teachers (i int primary key, teacher_id int not null, account_id int not null)`);
await db.execute(
  sql`insert into bench_rush_teachers select row_number() over (order by t.id), t.id, t.account_id from teachers t where t.id = any(${sql.param(teachers.slice(TEACHERS * 2).map((t) => t.teacher_id))}::int[])`,
);
await db.execute(sql`create sequence if not exists bench_rush_seq`);
await db.execute(sql`analyze`);

// ---------------------------------------------------------------- C
async function measureC() {
  const hello = await startProcess(process.execPath, ['--import', 'tsx', 'bench/hello.ts'], { PORT: '3911' }, /ready/);
  const r = await autocannon({ url: 'http://127.0.0.1:3911/', connections: CONNECTIONS, duration: 8 });
  await stopProcess(hello);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

// ---------------------------------------------------------------- the app
type Run = { seconds: number; answered: number; accepted: number; full: number; other: number; p50: number; p99: number; ids: number[]; otherSample: string };
async function rush(sessions: Session[], pickClass: (i: number) => number): Promise<Run> {
  let next = 0;
  const ids: number[] = [];
  let full = 0;
  let other = 0;
  let otherSample = '';
  const result = await autocannon({
    url: 'http://127.0.0.1:3912',
    connections: CONNECTIONS,
    amount: sessions.length,
    requests: [
      {
        method: 'POST',
        path: '/api/enrolments',
        setupRequest: (req) => {
          const i = next++;
          const s = sessions[i % sessions.length] as Session;
          return {
            ...req,
            headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
            body: JSON.stringify({ classId: pickClass(i) }),
          };
        },
        onResponse: (status, body) => {
          if (status === 200) ids.push(JSON.parse(body).id);
          else if (status === 409 && body.includes('CLASS_FULL')) full++;
          else {
            other++;
            otherSample ||= `${status} ${body.slice(0, 200)}`;
          }
        },
      },
    ],
  });
  return {
    seconds: result.duration,
    answered: result.requests.total,
    accepted: ids.length,
    full,
    other,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ids,
    otherSample,
  };
}

async function check(label: string, run: Run) {
  const [r] = rows<{ over: number; capbreach: number; present: number; total: number }>(
    await db.execute(sql`select
      (select count(*)::int from class_periods c where c.project_id in (select id from projects where year = ${YEAR})
        and (c.taken > c.capacity or (select count(*) from enrolments e where e.class_id = c.id) > c.capacity)) as over,
      (select count(*)::int from teacher_years where year = ${YEAR} and enrolled_hours > ${CAP}) as capbreach,
      (select count(*)::int from enrolments where id = any(${sql.param(run.ids)}::int[])) as present,
      (select count(*)::int from enrolments where year = ${YEAR}) as total`),
  );
  console.log(
    `  ${label}: overbooked classes ${r?.over}, cap breaches ${r?.capbreach}, acknowledged ${run.ids.length} / present ${r?.present} (rows ${r?.total})${run.other ? `; other answers ${run.other}: ${run.otherSample}` : ''}`,
  );
  return r;
}

// ---------------------------------------------------------------- P: pgbench, the same SQL
const script = path.join(os.tmpdir(), 'sx-bench-enrol.sql');

/**
 * A statement of the app as pgbench text: `$n` parameters become pgbench variables (for the app's
 * named placeholders) or literals, so P runs exactly what the app sends.
 */
function asPgbench(q: { sql: string; params: unknown[] }, vars: Record<string, string>): string {
  return q.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const p = q.params[Number(n) - 1];
    if (p && typeof p === 'object' && 'name' in p) return vars[(p as { name: string }).name] ?? `:${(p as { name: string }).name}`;
    if (typeof p === 'number' || typeof p === 'boolean') return String(p);
    return `'${String(p).replace(/'/g, "''")}'`;
  });
}
const positional = (text: string, values: string[]) => text.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1] as string);

function pgbenchScript(classExpr: string, minClass: number, maxClass: number, capped: boolean) {
  // Which teacher: the next of P's own set (an init-plan, evaluated once per transaction).
  const nextTeacher = `(select b.account_id from bench_rush_teachers b where b.i = (select (nextval('bench_rush_seq') - 1) % ${TEACHERS} + 1))`;
  const teacher = asPgbench(myTeacherQuery(db).toSQL(), { accountId: nextTeacher });
  const context = asPgbench(enrolContextQuery(db).toSQL(), { teacherId: ':t_id', classId: classExpr, today: `'${today}'` });
  const hours = positional(HOURS_SQL, [':t_id', String(YEAR), String(HOURS), String(CAP)]);
  const seat = positional(SEAT_SQL, [':t_id', String(YEAR), classExpr, "':c_start_date'", "':c_end_date'", String(!capped)]);
  // The statements the app runs for one enrolment: the teacher and the context before the
  // transaction, then the hour cap, the seat, the enrolment and its history row inside it.
  return `\\set c random(${minClass}, ${maxClass})
${teacher.replace(/\s+/g, ' ')} \\gset t_
${context.replace(/\s+/g, ' ')} \\gset c_
begin;
${hours.replace(/\s+/g, ' ')};
${seat.replace(/\s+/g, ' ')};
insert into enrolments (teacher_id, class_id, year, school_id, round, state, hours, created_by) values (:t_id, ${classExpr}, ${YEAR}, :t_school_id, 2, 'pending_school', ${HOURS}, :t_account_id) on conflict do nothing returning *;
insert into review_history (machine, subject_id, to_state, action, actor_account_id, actor_name, actor_role) values ('enrolment', currval('enrolments_id_seq'), 'pending_school', 'submit', :t_account_id, 'bench', 'teacher');
commit;
`;
}
function pgbench(classExpr: string, transactions: number) {
  fs.writeFileSync(script, pgbenchScript(classExpr, Math.min(...classIds), Math.max(...classIds), true));
  const u = new URL(dbUrl);
  const perClient = Math.ceil(transactions / POOL);
  const out = execFileSync(
    'pgbench',
    [
      '-n',
      '-c',
      String(POOL),
      '-j',
      '2',
      '-t',
      String(perClient),
      '-f',
      script,
      '-r',
      '-h',
      u.hostname,
      '-p',
      u.port || '5432',
      '-U',
      u.username || 'postgres',
      u.pathname.slice(1),
    ],
    {
      encoding: 'utf8',
    },
  );
  const tps = Number(out.match(/tps = ([\d.]+)/)?.[1] ?? 0);
  const lat = Number(out.match(/latency average = ([\d.]+) ms/)?.[1] ?? 0);
  return { tps, latency: lat };
}

// ---------------------------------------------------------------- run
const C1 = await measureC();
console.log(`C (before): ${C1.rps.toFixed(0)} req/s`);

await db.execute(sql`select setval('bench_rush_seq', 1, false)`);
// The 500 classes have consecutive ids (one insert), so pgbench picks one with random().
if (Math.max(...classIds) - Math.min(...classIds) + 1 !== CLASSES) throw new Error('class ids are not consecutive');
const Pa = pgbench(':c', TEACHERS);
await cleanup();
await db.execute(sql`select setval('bench_rush_seq', 1, false)`);
const Pb = pgbench(String(hotClass), TEACHERS);
await cleanup();
console.log(`P (pgbench, ${POOL} clients): spread ${Pa.tps.toFixed(0)} tps, hot ${Pb.tps.toFixed(0)} tps`);

const app = await startProcess(
  process.execPath,
  ['--import', 'tsx', 'server/main.ts'],
  { DATABASE_URL: dbUrl, PORT: '3912', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', NODE_ENV: 'production', DB_POOL_SIZE: String(POOL) },
  /running at/,
);
// Warm the app (code paths, prepared plans) with a few enrolments that are then removed.
await rush(sessionsA.slice(0, 50), (i) => classIds[i % CLASSES] as number);
await cleanup();
const a = await rush(sessionsA, (i) => classIds[(i * 7919) % CLASSES] as number);
const checkA = await check('(a) spread', a);
const b = await rush(sessionsB, () => hotClass);
const checkB = await check('(b) hot', b);
await stopProcess(app);
const C2 = await measureC();
console.log(`C (after): ${C2.rps.toFixed(0)} req/s`);
const C = (C1.rps + C2.rps) / 2;

const aRate = a.accepted / a.seconds;
const bRate = b.answered / b.seconds;
const lines = [
  `Enrolment rush (${TEACHERS} teachers per scenario, ${CONNECTIONS} connections, app pool ${POOL}; C = ${C.toFixed(0)} req/s mean of ${C1.rps.toFixed(0)} and ${C2.rps.toFixed(0)})`,
  `(a) 500 classes: accepted ${a.accepted}/${a.answered} in ${a.seconds.toFixed(1)} s = ${aRate.toFixed(0)} accepted/s = ${pct(aRate, C)} of C, ${pct(aRate, Pa.tps)} of P (${Pa.tps.toFixed(0)} tps); p50 ${a.p50} ms, p99 ${a.p99} ms (C: p50 ${C1.p50} ms, p99 ${C1.p99} ms)`,
  `(b) hot class (capacity ${HOT_CAPACITY}): accepted ${b.accepted}, full ${b.full}, other ${b.other}; ${bRate.toFixed(0)} answers/s = ${pct(bRate, C)} of C, ${pct(bRate, Pb.tps)} of P (${Pb.tps.toFixed(0)} tps); p50 ${b.p50} ms, p99 ${b.p99} ms`,
  `checks: (a) overbooked ${checkA?.over}, cap breaches ${checkA?.capbreach}, acknowledged ${a.ids.length} present ${checkA?.present}; (b) overbooked ${checkB?.over}, cap breaches ${checkB?.capbreach}, acknowledged ${b.ids.length} present ${checkB?.present}`,
];
console.log(`\n${lines.join('\n')}`);

// Leave the database as it was.
await cleanup();
await db.execute(
  sql`delete from sessions where id in (select s.id from sessions s where s.expires_at < now() + interval '2 days' and s.ip is null and s.user_agent is null)`,
);
await db.execute(sql`delete from projects where year = ${YEAR}`);
await db.execute(sql`delete from training_years where year = ${YEAR}`);
if (previousYear) await db.execute(sql`update training_years set is_current = true where year = ${previousYear.year}`);
await db.execute(sql`drop table if exists bench_rush_teachers`);
await database.close();
const failed =
  [checkA, checkB].some((r) => !r || r.over > 0 || r.capbreach > 0) ||
  a.ids.length !== checkA?.present ||
  b.ids.length !== checkB?.present ||
  b.accepted !== HOT_CAPACITY;
if (failed) {
  console.error('CHECK FAILED');
  process.exit(1);
}

// npm run bench — the foundation benchmark (issue: platform foundation), on PostgreSQL with
// province-scale data. Figures are ratios to C, a bare Fastify hello-world measured in this run.
import fs from 'node:fs';
import os from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../server/db/client.js';
import { accountRoles, accounts } from '../server/db/schema.js';
import { hashPassword } from '../server/lib/password.js';
import { type Figures, measure, pct, startProcess, stopProcess } from './lib.js';
import { provinceDatabase } from './province-db.js';

const duration = Number(process.env.BENCH_SECONDS ?? 10);

// 1. Province data in PostgreSQL (seeded once; reused by later runs).
const { url: dbUrl, seedSeconds } = await provinceDatabase();
const database = await openDatabase({ url: dbUrl, poolSize: 4 });
const [countyAdmin] = await database.db
  .select({ username: accounts.username })
  .from(accounts)
  .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
  .where(eq(accountRoles.regionCode, '330106'));
// Search terms that exist: a 3-character name, an ID number, and a 2-character name prefix.
const [sample] = await database.db
  .select({ name: accounts.realName, idNumber: accounts.idNumber })
  .from(accounts)
  .where(sql`char_length(${accounts.realName}) = 3 and ${accounts.idNumber} is not null`)
  .offset(123_456)
  .limit(1);
await database.close();
if (!sample?.idNumber) throw new Error('no teacher to search for');
if (!countyAdmin?.username) throw new Error('no county admin for 330106 in the bench database');

// 2. C: the bare ceiling, measured before and after the app (this VM's neighbours make single
// runs swing); ratios use the mean of the two.
async function measureC(label: string) {
  const hello = await startProcess(process.execPath, ['--import', 'tsx', 'bench/hello.ts'], { PORT: '3901' }, /ready/);
  const f = await measure(label, { url: 'http://127.0.0.1:3901/', duration });
  await stopProcess(hello);
  return f;
}
const C1 = await measureC('C (before): bare Fastify hello-world');

// 3. The app on PostgreSQL.
const app = await startProcess(
  process.execPath,
  ['--import', 'tsx', 'server/main.ts'],
  {
    DATABASE_URL: dbUrl,
    PORT: '3902',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    LOGIN_RATE_PER_MINUTE: '1000000',
    NODE_ENV: 'production',
    DB_POOL_SIZE: '6',
  },
  /running at/,
);
const base = 'http://127.0.0.1:3902';
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ account: countyAdmin.username, password: 'Demo@2026' }),
});
if (login.status !== 200) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const provinceLogin = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ account: 'province', password: 'Demo@2026' }),
});
const provinceCookie = (provinceLogin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

const results: Figures[] = [];
results.push(await measure('who am I (GET /api/auth/me)', { url: `${base}/api/auth/me`, headers: { cookie }, duration }));
results.push(
  await measure('county admin school list (GET /api/schools?page=2&pageSize=20)', {
    url: `${base}/api/schools?page=2&pageSize=20`,
    headers: { cookie },
    duration,
  }),
);
// Teacher search over all 390,000 teachers as the province (issue 3 targets: p95 ≤ 10 ms for a
// 3+ character name and an ID number, ≤ 60 ms for a 2-character name; autocannon reports p97.5).
const search = (q: string) => `${base}/api/teachers?pageSize=20&q=${encodeURIComponent(q)}`;
results.push(
  await measure(`teacher search, 3-character name "${sample.name}" (province)`, { url: search(sample.name), headers: { cookie: provinceCookie }, duration }),
);
results.push(await measure('teacher search, full ID number (province)', { url: search(sample.idNumber), headers: { cookie: provinceCookie }, duration }));
results.push(
  await measure(`teacher search, 2-character name "${[...sample.name].slice(0, 2).join('')}" (province)`, {
    url: search([...sample.name].slice(0, 2).join('')),
    headers: { cookie: provinceCookie },
    duration,
  }),
);
// The same searches at 4 connections: the latency of a few admins typing at once, which is what
// the p95 targets describe; at 32 connections the two shared cores queue the requests.
for (const [label, q] of [
  ['3-character name', sample.name],
  ['full ID number', sample.idNumber],
  ['2-character name', [...sample.name].slice(0, 2).join('')],
] as const) {
  results.push(
    await measure(`teacher search, ${label}, 4 connections (province)`, { url: search(q), headers: { cookie: provinceCookie }, duration, connections: 4 }),
  );
}
results.push(
  await measure('login (POST /api/auth/login, scrypt)', {
    url: `${base}/api/auth/login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: countyAdmin.username, password: 'Demo@2026' }),
    connections: 4,
    duration,
  }),
);
await stopProcess(app);
const C2 = await measureC('C (after): bare Fastify hello-world');
const C: Figures = { ...C1, name: 'C: mean of before and after', rps: (C1.rps + C2.rps) / 2 };
results.unshift(C1, C2, C);

// 4. scrypt alone: the deliberate part of a login's cost.
const t0 = performance.now();
for (let i = 0; i < 10; i++) await hashPassword('Bench#Password1');
const scryptMs = (performance.now() - t0) / 10;

const c = C.rps;
const rows = results.map(
  (r) => `| ${r.name} | ${Math.round(r.rps)} | ${r === C ? '100 %' : pct(r.rps, c)} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.errors + r.non2xx} |`,
);
const report = [
  `### Foundation — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, ${duration} s per run, 32 connections (login and the "4 connections" rows: 4)`,
  '',
  '| scenario | req/s | ratio to C | p50 ms | p97.5 ms | p99 ms | errors |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '',
  `scrypt (N=2^15, r=8) alone: ${scryptMs.toFixed(1)} ms per hash on one core — login throughput is bounded by it on purpose.`,
  seedSeconds ? `Province seed into PostgreSQL took ${seedSeconds.toFixed(1)} s in this run.` : '',
  '',
].join('\n');
console.log(`\n${report}`);
const resultsFile = 'bench/RESULTS.md';
const prior = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '# Benchmark results\n\n';
const marker = '<!-- latest foundation run -->';
const next = prior.includes(marker)
  ? prior.replace(new RegExp(`${marker}[\\s\\S]*?(?=\\n## |$)`), `${marker}\n${report}`)
  : `${prior.trimEnd()}\n\n## Foundation (npm run bench)\n\n${marker}\n${report}`;
fs.writeFileSync(resultsFile, `${next.trimEnd()}\n`);

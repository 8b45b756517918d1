// npm run seed -- [--scale demo|province] [--reset]
// Seeds the database named by DATABASE_URL, or the PGlite data directory under DATA_DIR.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/config.js';
import { migrateDatabase, openDatabase } from '../server/db/client.js';
import { isEmpty, seedDemo } from '../server/db/seed/demo.js';
import { seedProvince } from '../server/db/seed/province.js';
import { createLocalStorage } from '../server/lib/storage.js';
import { syncRegions } from '../server/modules/org/service.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'demo' },
    reset: { type: 'boolean', default: false },
    schools: { type: 'string' },
    'teachers-per-school': { type: 'string' },
  },
});
if (values.scale !== 'demo' && values.scale !== 'province') {
  console.error('--scale must be demo or province');
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pgdata'),
  poolSize: 4,
});
await migrateDatabase(database);
if (values.reset) {
  const { rows } = await database.db.execute<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public'`);
  if (rows.length) await database.db.execute(sql.raw(`truncate ${rows.map((r) => `"${r.tablename}"`).join(', ')} restart identity cascade`));
  await database.db.execute(sql`alter sequence shixun_no_seq restart with 1`);
}
await syncRegions(database.db);
if (!(await isEmpty(database.db))) {
  console.error('The database already has accounts; run with --reset to wipe it first.');
  await database.close();
  process.exit(1);
}
const where = config.databaseUrl ? 'PostgreSQL' : `PGlite at ${path.join(config.dataDir, 'pgdata')}`;
const started = performance.now();
if (values.scale === 'demo') {
  const logins = await seedDemo(database.db, { storage: createLocalStorage(path.join(config.dataDir, 'files')) });
  console.log(`Demo data seeded into ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  for (const l of logins) console.log(`  ${l.username.padEnd(10)} ${l.password.padEnd(10)} ${l.role}`);
} else {
  const result = await seedProvince(database.db, {
    schools: values.schools ? Number(values.schools) : undefined,
    teachersPerSchool: values['teachers-per-school'] ? Number(values['teachers-per-school']) : undefined,
    onProgress: (m) => process.stdout.write(`\r  ${m}        `),
  });
  console.log(
    `\nProvince seeded into ${where}: ${result.schools} schools, ${result.teachers} teachers, ${result.admins} admins in ${result.seconds.toFixed(1)} s.`,
  );
  console.log('Logins (password Demo@2026): province, city_330100, county_330106, school_<id>, inst_<id>.');
}
await database.close();

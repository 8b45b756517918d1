import pg from 'pg';
import { migrateDatabase, openDatabase } from '../server/db/client.js';
import { isEmpty } from '../server/db/seed/demo.js';
import { seedProvince } from '../server/db/seed/province.js';
import { syncRegions } from '../server/modules/org/service.js';

/**
 * The benchmarks' PostgreSQL database with province-scale data (6,500 schools, 390,000 teachers),
 * created, migrated and seeded on first use (about 2 minutes) and reused by later runs.
 */
export async function provinceDatabase(): Promise<{ url: string; seedSeconds: number | null }> {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = process.env.BENCH_DB ?? 'sx_bench';
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [dbName]);
  if (exists.rowCount === 0) await admin.query(`create database ${dbName} encoding 'UTF8' template template0`);
  await admin.end();
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  let seedSeconds: number | null = null;
  try {
    await migrateDatabase(database);
    await syncRegions(database.db);
    if (await isEmpty(database.db)) {
      console.log('Seeding province-scale data (6,500 schools, 390,000 teachers)…');
      const r = await seedProvince(database.db, { onProgress: (m) => process.stdout.write(`\r  ${m}      `) });
      seedSeconds = r.seconds;
      console.log(`\n  seeded in ${r.seconds.toFixed(1)} s`);
    }
  } finally {
    await database.close();
  }
  return { url: url.toString(), seedSeconds };
}

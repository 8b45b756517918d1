import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrateDatabase, openDatabase } from './db/client.js';
import { isEmpty, seedDemo } from './db/seed/demo.js';
import { shiftedClock, systemClock } from './lib/clock.js';
import { createLocalStorage } from './lib/storage.js';
import { syncRegions } from './modules/org/service.js';

const config = loadConfig();
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pgdata'),
  poolSize: config.dbPoolSize,
});
await migrateDatabase(database);
await syncRegions(database.db);

let demoLogins: Awaited<ReturnType<typeof seedDemo>> | null = null;
if (config.seedDemo && (await isEmpty(database.db))) {
  demoLogins = await seedDemo(database.db, {
    storage: createLocalStorage(path.join(config.dataDir, 'files')),
    courses: { media: { dataDir: config.dataDir, ffmpegPath: config.ffmpegPath } },
  });
}

// In development the clock can be shifted (POST /api/dev/clock) to try windows and deadlines.
const app = await buildApp({ config, database, clock: config.smsDevOutbox ? shiftedClock() : systemClock });

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
});

await app.listen({ host: config.host, port: config.port });
const where = config.databaseUrl ? 'PostgreSQL' : `PGlite at ${path.join(config.dataDir, 'pgdata')}`;
const url = `http://localhost:${config.port}`;
const lines = [`Shixun is running at ${url}  (database: ${where}; API docs: ${url}/api/docs)`];
if (demoLogins) {
  lines.push('Demo data seeded. Demo logins (username / password):');
  for (const l of demoLogins) lines.push(`  ${l.username.padEnd(10)} ${l.password.padEnd(10)} ${l.role}${l.note ? `  (${l.note})` : ''}`);
  lines.push('Teachers can also log in with their 师训号, ID number or mobile; initial password = last 6 of the ID number.');
} else if (config.seedDemo) {
  lines.push('Demo logins: province / hangzhou / xihu / peixun / school / teacher, password Demo@2026 (see README).');
}
if (config.smsDevOutbox) lines.push(`SMS codes go to the development outbox: ${url}/dev/sms`);
console.log(lines.join('\n'));

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { seedDemo } from '../db/seed/demo.js';
import { createLocalStorage } from '../lib/storage.js';
import { syncRegions } from '../modules/org/service.js';

/** The file store test apps use (testConfig's DATA_DIR), so seeded plans can be downloaded. */
function testStorage() {
  return createLocalStorage(path.join(testConfig().dataDir, 'files'));
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'pglite' | 'pg';
    /** PGlite: path of a dump of the migrated and seeded template. */
    pgliteDump: string;
    /** PostgreSQL: base URL and the template database to clone per test file. */
    pgBaseUrl: string;
    pgTemplate: string;
  }
}

/**
 * Migrates and seeds one template database per run (the deterministic demo province), so each
 * test file starts from a clone instead of running migrations itself.
 */
export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB === 'pg' ? 'pg' : 'pglite';
  project.provide('dbKind', kind);
  if (kind === 'pglite') {
    const database = await openDatabase({});
    await migrateDatabase(database);
    await syncRegions(database.db);
    await seedDemo(database.db, { storage: testStorage() });
    const dump = await database.pglite?.dumpDataDir('none');
    await database.close();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sx-test-')), 'template.tar');
    fs.writeFileSync(file, Buffer.from(await (dump as Blob).arrayBuffer()));
    project.provide('pgliteDump', file);
    project.provide('pgBaseUrl', '');
    project.provide('pgTemplate', '');
    return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }

  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const prefix = `sx_test_${process.pid}_${Date.now().toString(36)}`;
  const template = `${prefix}_tpl`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${template} encoding 'UTF8' template template0`);
  const url = withDatabase(base, template);
  const database = await openDatabase({ url, poolSize: 2 });
  await migrateDatabase(database);
  await syncRegions(database.db);
  await seedDemo(database.db, { storage: testStorage() });
  await database.close();
  await admin.query(`alter database ${template} is_template true`);
  project.provide('pgliteDump', '');
  project.provide('pgBaseUrl', base);
  project.provide('pgTemplate', template);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
    for (const { datname } of rows) {
      await admin.query(`alter database ${datname} is_template false`);
      await admin.query(`drop database if exists ${datname} with (force)`);
    }
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { type App, buildApp } from '../app.js';
import { type Config, testConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { accounts, smsOutbox } from '../db/schema.js';
import { manualClock } from '../lib/clock.js';
import { withDatabase } from './global-setup.js';

export const DEMO_PASSWORD = 'Demo@2026';

/** A fresh database cloned from the seeded template: PGlite from its dump, or a PostgreSQL copy. */
export async function cloneDatabase(): Promise<Database & { url?: string }> {
  if (inject('dbKind') === 'pglite') {
    const dump = new Blob([fs.readFileSync(inject('pgliteDump'))]);
    return openDatabase({ loadDataDir: dump });
  }
  const base = inject('pgBaseUrl');
  const template = inject('pgTemplate');
  const name = `${template.replace(/_tpl$/, '')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = withDatabase(base, name);
  return { ...(await openDatabase({ url, poolSize: 4 })), url };
}

export type TestCtx = Awaited<ReturnType<typeof createTestApp>>;

/** The real app on a cloned database with a hand-moved clock. */
export async function createTestApp(overrides: Partial<Config> = {}) {
  const database = await cloneDatabase();
  const clock = manualClock(new Date());
  const app = await buildApp({ config: testConfig(overrides), database, clock, webDir: '/nonexistent' });
  await app.ready();
  const ctx = {
    app,
    db: database.db,
    database,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
    /** A browser-like client: keeps its cookie and CSRF token. */
    client(ip = '127.0.0.1') {
      return new Client(app, ip);
    },
    /** Logs in a client and returns it. */
    async login(account: string, password = DEMO_PASSWORD, ip?: string) {
      const c = new Client(app, ip);
      const res = await c.post('/api/auth/login', { account, password });
      if (res.statusCode !== 200) throw new Error(`login ${account} failed: ${res.statusCode} ${res.body}`);
      return c;
    },
    /** The code in the latest development SMS to a mobile (ACC-9 test helper). */
    async lastSmsCode(mobile: string): Promise<string> {
      const [m] = await database.db.select().from(smsOutbox).where(eq(smsOutbox.mobile, mobile)).orderBy(desc(smsOutbox.id)).limit(1);
      const code = m?.body.match(/\d{6}/)?.[0];
      if (!code) throw new Error(`no SMS to ${mobile}`);
      return code;
    },
    async account(where: { username?: string; mobile?: string; id?: number }) {
      const cond = where.username ? eq(accounts.username, where.username) : where.mobile ? eq(accounts.mobile, where.mobile) : eq(accounts.id, where.id ?? 0);
      const [a] = await database.db.select().from(accounts).where(cond);
      if (!a) throw new Error('account not found');
      return a;
    },
  };
  return ctx;
}

type Json = Record<string, unknown> | unknown[];

export class Client {
  cookie = '';
  csrf = '';
  lang: string | undefined;
  constructor(
    private app: App,
    private ip = '127.0.0.1',
  ) {}

  async request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: Json | string | Buffer, headers: Record<string, string> = {}) {
    const res: LightMyRequestResponse = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(this.lang ? { 'accept-language': this.lang } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    const setCookie = res.cookies.find((c) => c.name === 'sx_sid');
    if (setCookie) this.cookie = setCookie.value ? `sx_sid=${setCookie.value}` : '';
    if (res.headers['content-type']?.toString().includes('json')) {
      const json = res.json() as { csrfToken?: string };
      if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    }
    return res;
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: Json | string) {
    return this.request('POST', url, body ?? {});
  }
  /** Posts a file as the raw request body (imports). */
  upload(url: string, body: Buffer, contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
    return this.request('POST', url, body, { 'content-type': contentType });
  }
  put(url: string, body: Json | string) {
    return this.request('PUT', url, body);
  }
  patch(url: string, body: Json | string) {
    return this.request('PATCH', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

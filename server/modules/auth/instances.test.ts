import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { Client, cloneDatabase, DEMO_PASSWORD } from '../../test/helpers.js';

// PLT-6: sessions live in PostgreSQL, so any instance behind a load balancer serves any user.
describe.runIf(inject('dbKind') === 'pg')('two app instances on one PostgreSQL', () => {
  it('share sessions: log in on one, work and log out on the other', async () => {
    const first = await cloneDatabase();
    const second = await openDatabase({ url: first.url, poolSize: 2 });
    const a = await buildApp({ config: testConfig(), database: first, webDir: '/nonexistent' });
    const b = await buildApp({ config: testConfig(), database: second, webDir: '/nonexistent' });
    try {
      const onA = new Client(a);
      expect((await onA.post('/api/auth/login', { account: 'xihu', password: DEMO_PASSWORD })).statusCode).toBe(200);
      const onB = new Client(b);
      onB.cookie = onA.cookie;
      onB.csrf = onA.csrf;
      expect((await onB.get('/api/auth/me')).json().account.username).toBe('xihu');
      expect((await onB.get('/api/schools')).json().total).toBe(6);
      expect((await onB.post('/api/auth/logout')).statusCode).toBe(200);
      // Instance A trusts its cached copy for at most a few seconds; a fresh lookup sees the logout.
      const fresh = await buildApp({ config: testConfig(), database: first, webDir: '/nonexistent' });
      const again = new Client(fresh);
      again.cookie = onA.cookie;
      expect((await again.get('/api/auth/me')).statusCode).toBe(401);
      await fresh.close();
    } finally {
      await a.close();
      await b.close();
      await first.close();
      await second.close();
    }
  });
});

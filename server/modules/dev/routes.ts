import { desc } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteCtx } from '../../app.js';
import { smsOutbox } from '../../db/schema.js';
import type { shiftedClock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';

/**
 * Development-only: the SMS outbox (ACC-9). Registered only when SMS_DEV_OUTBOX is on (the
 * default outside production), and public so a developer can complete an SMS login.
 */
export function devRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const clock = ctx.clock as Partial<ReturnType<typeof shiftedClock>>;
    r.post(
      '/clock',
      {
        schema: {
          tags: ['dev'],
          summary: 'Shift the server clock by whole days (development only), to try windows and deadlines',
          body: z.strictObject({ days: z.number().int().min(-400).max(400) }),
          response: { 200: z.object({ offsetDays: z.number(), now: z.string() }) },
        },
        config: { public: true },
      },
      async (req) => {
        if (!clock.shift || !clock.offsetDays) throw new AppError('FORBIDDEN');
        clock.shift(req.body.days);
        return { offsetDays: clock.offsetDays(), now: ctx.clock.now().toISOString() };
      },
    );
    r.get(
      '/sms-outbox',
      {
        schema: {
          tags: ['dev'],
          summary: 'Messages the development SMS gateway has "sent" (latest 50)',
          response: { 200: z.object({ items: z.array(z.object({ id: z.number(), mobile: z.string(), body: z.string(), createdAt: z.string() })) }) },
        },
        config: { public: true },
      },
      async () => {
        const rows = await ctx.db.select().from(smsOutbox).orderBy(desc(smsOutbox.id)).limit(50);
        return { items: rows.map((m) => ({ id: m.id, mobile: m.mobile, body: m.body, createdAt: new Date(m.createdAt).toISOString() })) };
      },
    );
  };
}

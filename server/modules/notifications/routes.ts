import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zOk, zPage } from '../../../common/schemas/common.js';
import { zMarkRead, zNotification, zNotificationQuery } from '../../../common/schemas/training.js';
import type { RouteCtx } from '../../app.js';
import { actorOf } from '../../lib/http.js';
import { listNotifications, markRead, unreadCount } from './service.js';

const tags = ['notifications'];

/** MSG-2 我的消息: state changes told to me, with an unread count. */
export function notificationRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/notifications',
      { schema: { tags, summary: 'My messages, newest first', querystring: zNotificationQuery, response: { 200: zPage(zNotification) } } },
      async (req) => listNotifications(ctx.db, actorOf(req), req.query),
    );
    r.get(
      '/notifications/unread-count',
      { schema: { tags, summary: 'How many of my messages are unread', response: { 200: z.object({ count: z.number().int() }) } } },
      async (req) => ({
        count: await unreadCount(ctx.db, actorOf(req)),
      }),
    );
    r.post(
      '/notifications/read',
      { schema: { tags, summary: 'Mark messages read (all when no ids)', body: zMarkRead, response: { 200: zOk } } },
      async (req) => {
        await markRead(ctx.db, actorOf(req), req.body.ids, ctx.clock.now());
        return { ok: true as const };
      },
    );
  };
}

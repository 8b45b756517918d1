import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { zNotificationQuery } from '../../../common/schemas/training.js';
import type { Tx } from '../../db/client.js';
import { notifications } from '../../db/schema.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import type { Actor } from '../org/scope.js';

/** What a state change tells someone; the web renders `kind` with `params` in the reader's language. */
export type Notice = { accountId: number; kind: string; params: Record<string, string | number>; link?: string | null };

/** MSG-2: records notifications in the transaction of the change they report. */
export async function notify(tx: Tx, notices: Notice[]): Promise<void> {
  if (notices.length === 0) return;
  for (let i = 0; i < notices.length; i += 1000) {
    await tx.insert(notifications).values(notices.slice(i, i + 1000).map((n) => ({ ...n, link: n.link ?? null })));
  }
}

export async function listNotifications(db: Tx, actor: Actor, q: z.infer<typeof zNotificationQuery>) {
  const { limit, offset } = pageOffset(q);
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      total: sql<number>`count(*) over ()`,
    })
    .from(notifications)
    .where(and(eq(notifications.accountId, actor.accountId), q.unread === 'true' ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.id))
    .limit(limit)
    .offset(offset);
  return toPage(rows, q, (r) => ({
    id: r.id,
    kind: r.kind,
    params: r.params,
    link: r.link,
    read: r.readAt !== null,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}

export async function unreadCount(db: Tx, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.accountId, actor.accountId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks some (or, without ids, all) of my notifications read. */
export async function markRead(db: Tx, actor: Actor, ids: number[] | undefined, now: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.accountId, actor.accountId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined));
}

import { createHash, randomInt } from 'node:crypto';
import { and, count, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { smsCodes } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SmsGateway } from '../../lib/sms.js';

export type SmsPurpose = 'login' | 'reset' | 'bind' | 'reverify';

const CODE_TTL_MS = 5 * 60_000;
const RESEND_MS = 60_000;
const MAX_PER_MOBILE_PER_DAY = 10;
const MAX_ATTEMPTS = 5;

const PURPOSE_TEXT: Record<SmsPurpose, string> = {
  login: '登录',
  reset: '找回密码',
  bind: '绑定手机',
  reverify: '敏感操作验证',
};

function hashCode(mobile: string, purpose: SmsPurpose, code: string): string {
  return createHash('sha256').update(`${mobile}:${purpose}:${code}`).digest('hex');
}

/**
 * One-time SMS codes (ACC-9): six digits, valid 5 minutes, single use, at most 5 guesses; one code
 * per mobile per minute and 10 per day; the per-IP hourly limit comes from configuration.
 */
export function createSmsCodes(db: Db, clock: Clock, sms: SmsGateway, perIpPerHour: number) {
  return {
    /**
     * Issues a code. With `deliver: false` (a mobile with no account) the code is recorded but
     * never sent, so the same limits apply and the answers cannot tell the two apart.
     */
    async issue(mobile: string, purpose: SmsPurpose, ip: string | null, opts: { deliver?: boolean } = {}): Promise<{ retryAfterSeconds: number }> {
      const now = clock.now();
      const [last] = await db
        .select({ createdAt: smsCodes.createdAt })
        .from(smsCodes)
        .where(eq(smsCodes.mobile, mobile))
        .orderBy(desc(smsCodes.createdAt))
        .limit(1);
      if (last) {
        const wait = RESEND_MS - (now.getTime() - new Date(last.createdAt).getTime());
        if (wait > 0) throw new AppError('SMS_TOO_FREQUENT', { seconds: Math.ceil(wait / 1000) });
      }
      const dayAgo = new Date(now.getTime() - 24 * 3600_000);
      const [perMobile] = await db
        .select({ n: count() })
        .from(smsCodes)
        .where(and(eq(smsCodes.mobile, mobile), gt(smsCodes.createdAt, dayAgo)));
      if ((perMobile?.n ?? 0) >= MAX_PER_MOBILE_PER_DAY) throw new AppError('SMS_TOO_FREQUENT', { seconds: 3600 });
      if (ip) {
        const hourAgo = new Date(now.getTime() - 3600_000);
        const [perIp] = await db
          .select({ n: count() })
          .from(smsCodes)
          .where(and(eq(smsCodes.ip, ip), gt(smsCodes.createdAt, hourAgo)));
        if ((perIp?.n ?? 0) >= perIpPerHour) throw new AppError('RATE_LIMITED');
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await db.transaction(async (tx) => {
        await tx.insert(smsCodes).values({
          mobile,
          purpose,
          codeHash: hashCode(mobile, purpose, code),
          ip,
          createdAt: now,
          expiresAt: new Date(now.getTime() + CODE_TTL_MS),
        });
        if (opts.deliver === false) return;
        await sms.send(tx, mobile, `【师训】您的验证码是 ${code}，5 分钟内有效，用于${PURPOSE_TEXT[purpose]}。请勿告诉他人。`);
      });
      return { retryAfterSeconds: RESEND_MS / 1000 };
    },

    /**
     * Consumes the latest code for (mobile, purpose). Each check first takes one of the five
     * guesses in a single conditional update, so parallel guesses cannot exceed the limit; it runs
     * outside the caller's transaction so a wrong guess counts even when the caller fails later.
     */
    async consume(mobile: string, purpose: SmsPurpose, code: string): Promise<void> {
      const now = clock.now();
      const latest = db
        .select({ id: smsCodes.id })
        .from(smsCodes)
        .where(and(eq(smsCodes.mobile, mobile), eq(smsCodes.purpose, purpose)))
        .orderBy(desc(smsCodes.createdAt), desc(smsCodes.id))
        .limit(1);
      const [row] = await db
        .update(smsCodes)
        .set({ attempts: sql`${smsCodes.attempts} + 1` })
        .where(and(sql`${smsCodes.id} = (${latest})`, isNull(smsCodes.usedAt), gt(smsCodes.expiresAt, now), lt(smsCodes.attempts, MAX_ATTEMPTS)))
        .returning({ id: smsCodes.id, codeHash: smsCodes.codeHash });
      if (!row) throw new AppError('SMS_CODE_EXPIRED');
      if (row.codeHash !== hashCode(mobile, purpose, code)) throw new AppError('SMS_CODE_INVALID');
      // Conditional on used_at so two concurrent uses of one code cannot both succeed.
      const used = await db
        .update(smsCodes)
        .set({ usedAt: now })
        .where(and(eq(smsCodes.id, row.id), isNull(smsCodes.usedAt)))
        .returning({ id: smsCodes.id });
      if (used.length === 0) throw new AppError('SMS_CODE_EXPIRED');
    },
  };
}

export type SmsCodes = ReturnType<typeof createSmsCodes>;

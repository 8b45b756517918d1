import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TrainingYear, zTrainingYearInput } from '../../../common/schemas/training.js';
import { type Round, shanghaiDate } from '../../../common/training.js';
import type { Db, Tx } from '../../db/client.js';
import { trainingYears } from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../org/scope.js';
import { actorRef } from '../org/service.js';

export type YearRow = typeof trainingYears.$inferSelect;

/** PRJ-1: the current training year, or a clear refusal when the province has not set one. */
export async function requireCurrentYear(tx: Tx): Promise<YearRow> {
  const [row] = await tx.select().from(trainingYears).where(eq(trainingYears.isCurrent, true));
  if (!row) throw new AppError('NO_TRAINING_YEAR');
  return row;
}

/** Which enrolment round is open on a Shanghai calendar day (windows are inclusive). */
export function openRound(y: YearRow, today: string): Round | null {
  if (today >= y.round1Start && today <= y.round1End) return 1;
  if (today >= y.round2Start && today <= y.round2End) return 2;
  return null;
}

export function presentYear(y: YearRow, now: Date): TrainingYear {
  const today = shanghaiDate(now);
  return {
    year: y.year,
    isCurrent: y.isCurrent,
    round1Start: y.round1Start,
    round1End: y.round1End,
    round2Start: y.round2Start,
    round2End: y.round2End,
    evaluationDays: y.evaluationDays,
    hourCap: y.hourCap,
    round2OpenToAll: y.round2OpenToAll,
    today,
    openRound: openRound(y, today),
  };
}

export async function listYears(db: Db, now: Date): Promise<TrainingYear[]> {
  const rows = await db.select().from(trainingYears).orderBy(desc(trainingYears.year));
  return rows.map((r) => presentYear(r, now));
}

/** The province sets a year's calendar; making it current makes every other year not current. */
export async function setTrainingYear(db: Db, actor: Actor, year: number, input: z.infer<typeof zTrainingYearInput>, now: Date, meta: RequestMeta) {
  if (actor.role.role !== 'province_admin') throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    if (input.isCurrent) await tx.update(trainingYears).set({ isCurrent: false }).where(sql`${trainingYears.isCurrent} and ${trainingYears.year} <> ${year}`);
    const values = { ...input, updatedAt: now };
    const [row] = await tx
      .insert(trainingYears)
      .values({ year, ...values })
      .onConflictDoUpdate({ target: trainingYears.year, set: values })
      .returning();
    await writeAudit(tx, { action: 'training.year_set', actor: actorRef(actor), target: { type: 'training_year', id: year }, detail: input, ...meta });
    return presentYear(row as YearRow, now);
  });
}

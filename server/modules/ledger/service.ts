import { and, asc, eq, sql } from 'drizzle-orm';
import { type HourCategory, type LedgerSource, roundHours } from '../../../common/training.js';
import type { Tx } from '../../db/client.js';
import { ledgerEntries, teacherYears } from '../../db/schema.js';

export type LedgerWrite = {
  teacherId: number;
  year: number;
  hours: number;
  category: HourCategory;
  source: LedgerSource;
  sourceId: number;
  title: string;
  createdBy: number | null;
};

const CATEGORY_COLUMN = { public: 'public_hours', professional: 'professional_hours', elective: 'elective_hours' } as const;

/**
 * HRS-1: appends an entry and keeps the teacher's year summary current in the same transaction.
 * Entries are never edited; `reverseEntries` cancels earlier ones with negative entries.
 */
export async function appendLedgerEntry(tx: Tx, e: LedgerWrite & { reverses?: number | null }): Promise<number> {
  const [row] = await tx
    .insert(ledgerEntries)
    .values({ ...e, reverses: e.reverses ?? null })
    .returning({ id: ledgerEntries.id });
  const col = sql.raw(CATEGORY_COLUMN[e.category]);
  await tx.execute(sql`
    insert into teacher_years (teacher_id, year, earned_hours, ${col}) values (${e.teacherId}, ${e.year}, ${e.hours}, ${e.hours})
    on conflict (teacher_id, year) do update set earned_hours = teacher_years.earned_hours + excluded.earned_hours, ${col} = teacher_years.${col} + excluded.${col}`);
  return row?.id as number;
}

/**
 * Reverses every still-standing entry of a source for a teacher (a grade correction): each gets a
 * negative twin pointing at it. Returns how many were reversed.
 */
export async function reverseEntries(tx: Tx, teacherId: number, source: LedgerSource, sourceId: number, createdBy: number | null): Promise<number> {
  const entries = await tx
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.teacherId, teacherId), eq(ledgerEntries.source, source), eq(ledgerEntries.sourceId, sourceId)))
    .orderBy(asc(ledgerEntries.id));
  const reversed = new Set(entries.map((e) => e.reverses).filter((id): id is number => id !== null));
  let n = 0;
  for (const e of entries) {
    if (e.reverses !== null || reversed.has(e.id)) continue;
    await appendLedgerEntry(tx, {
      teacherId,
      year: e.year,
      hours: -e.hours,
      category: e.category,
      source,
      sourceId,
      title: e.title,
      createdBy,
      reverses: e.id,
    });
    n++;
  }
  return n;
}

/** A teacher's entries, oldest first. */
export async function findLedger(tx: Tx, teacherId: number) {
  return tx.select().from(ledgerEntries).where(eq(ledgerEntries.teacherId, teacherId)).orderBy(asc(ledgerEntries.id));
}

export async function findTeacherYears(tx: Tx, teacherId: number) {
  return tx.select().from(teacherYears).where(eq(teacherYears.teacherId, teacherId)).orderBy(asc(teacherYears.year));
}

const SOURCE_ZH: Record<LedgerSource, string> = { class: '培训班', course: '网络课程', topic: '专题培训', school_based: '校本培训', declaration: '学时申报' };

type LedgerRow = typeof ledgerEntries.$inferSelect;

/**
 * The hours each source still stands at once corrections are counted (a reversed pass nets to 0),
 * keyed `source:sourceId`, for the training history and the proof of learning.
 */
export function standingBySource(entries: LedgerRow[]) {
  const bySource = new Map<string, { year: number; name: string; hours: number; source: string }>();
  for (const e of entries) {
    const key = `${e.source}:${e.sourceId}`;
    const cur = bySource.get(key) ?? { year: e.year, name: e.title, hours: 0, source: SOURCE_ZH[e.source] };
    cur.hours = roundHours(cur.hours + e.hours);
    bySource.set(key, cur);
  }
  return bySource;
}

/** TCH-9 training history: each source whose entries still stand, in the order earned. */
export async function standingTrainings(tx: Tx, teacherId: number) {
  return [...standingBySource(await findLedger(tx, teacherId)).values()].filter((t) => t.hours > 0);
}

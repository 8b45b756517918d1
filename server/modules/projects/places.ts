import { sql } from 'drizzle-orm';
import { LIVE_ENROLMENT_STATES } from '../../../common/training.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { queryRows } from '../../lib/sql.js';

const LIVE_LIST = LIVE_ENROLMENT_STATES.map((s) => `'${s}'`).join(',');

export type PlaceClass = { id: number; startDate: string; endDate: string };
export type PlaceHold = {
  teacherId: number;
  year: number;
  hours: number;
  cap: number;
  cls: PlaceClass;
  /** Round 2, or after the lottery: the class never goes over capacity. */
  capped: boolean;
};

/**
 * The one way a place is taken (self-enrolment, collective enrolment, a school's re-approval, a
 * replacement): the teacher's hours for the year against the cap, no two classes on overlapping
 * dates, and a seat in the class. Locking the teacher's year row first serialises one teacher's
 * enrolments, so the overlap check that follows sees them all; the seat is a conditional update
 * on the class row (DESIGN: data that must stay right under load). Throws, leaving the caller to
 * roll back, when any of the three fails.
 */
export async function holdPlace(tx: Tx, h: PlaceHold): Promise<void> {
  if (h.hours > h.cap) throw new AppError('HOUR_CAP_EXCEEDED', { held: 0, hours: h.hours, cap: h.cap });
  // Named prepared statements: the round-2 rush runs these thousands of times a minute.
  const held = await queryRows(tx, 'place_hours', HOURS_SQL, [h.teacherId, h.year, h.hours, h.cap]);
  if (held.length === 0) {
    const now = await queryRows(tx, 'place_hours_now', 'select enrolled_hours from teacher_years where teacher_id = $1 and year = $2', [h.teacherId, h.year]);
    throw new AppError('HOUR_CAP_EXCEEDED', { held: Number(now[0]?.[0] ?? 0), hours: h.hours, cap: h.cap });
  }
  const [row] = await queryRows(tx, 'place_seat', SEAT_SQL, [h.teacherId, h.year, h.cls.id, h.cls.startDate, h.cls.endDate, !h.capped]);
  const [taken, overlapName, overlapStart, overlapEnd] = (row ?? []) as [number | null, string | null, string | null, string | null];
  if (overlapName) throw new AppError('DATES_OVERLAP', { name: overlapName, dates: `${overlapStart} ~ ${overlapEnd}` });
  if (taken === null || taken === undefined) throw new AppError('CLASS_FULL');
}

/** The statements of a place (exported so the benchmark's pgbench runs exactly these). */
export const HOURS_SQL = `insert into teacher_years (teacher_id, year, enrolled_hours) values ($1, $2, $3)
  on conflict (teacher_id, year) do update set enrolled_hours = teacher_years.enrolled_hours + excluded.enrolled_hours
    where teacher_years.enrolled_hours + excluded.enrolled_hours <= $4
  returning enrolled_hours`;

export const SEAT_SQL = `with ov as (
    select p.name, c.start_date::text as s, c.end_date::text as e from enrolments en
    join class_periods c on c.id = en.class_id join projects p on p.id = c.project_id
    where en.teacher_id = $1 and en.year = $2 and en.state in (${LIVE_LIST}) and en.class_id <> $3
      and c.start_date <= $5::date and c.end_date >= $4::date
    limit 1),
  seat as (
    update class_periods set taken = taken + 1
    where id = $3 and cancelled_at is null and ($6::boolean or taken < capacity) and not exists (select 1 from ov)
    returning taken)
  select (select taken from seat) as taken, ov.name, ov.s, ov.e from (select 1) one left join ov on true`;

/** Gives a place back: the class seat and the teacher's held hours (an enrolment left the live states). */
export async function releasePlace(tx: Tx, e: { teacherId: number; year: number; classId: number; hours: number }): Promise<void> {
  // The teacher's row first, then the class's: the order holdPlace takes them in.
  await tx.execute(
    sql`update teacher_years set enrolled_hours = greatest(enrolled_hours - ${e.hours}, 0) where teacher_id = ${e.teacherId} and year = ${e.year}`,
  );
  await tx.execute(sql`update class_periods set taken = taken - 1 where id = ${e.classId}`);
}

/** Takes a place without the checks (PRJ-5: a directive list is ordered by a bureau, not chosen). */
export async function takePlaceUnchecked(tx: Tx, e: { teacherId: number; year: number; classId: number; hours: number }): Promise<void> {
  await tx.execute(sql`
    insert into teacher_years (teacher_id, year, enrolled_hours) values (${e.teacherId}, ${e.year}, ${e.hours})
    on conflict (teacher_id, year) do update set enrolled_hours = teacher_years.enrolled_hours + excluded.enrolled_hours`);
  await tx.execute(sql`update class_periods set taken = taken + 1 where id = ${e.classId}`);
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Machine, transition } from '../../common/state-machine.js';
import type { Tx } from '../db/client.js';
import { reviewHistory } from '../db/schema.js';
import { AppError } from './errors.js';

export type ReviewActor = { accountId: number; name: string; role: string };

/**
 * Takes one step of a review machine: refuses an action the state or the party does not allow
 * (or a missing reason), records the step in `review_history`, and returns the new state. The
 * caller writes the new state onto its own row in the same transaction.
 */
export async function applyTransition<S extends string, A extends string, P extends string>(
  tx: Tx,
  m: Machine<S, A, P>,
  /** `from: null` creates the subject in `initial` (default: the machine's initial state), usually by `submit`. */
  step: { subjectId: number; from: S | null; initial?: S; action: A | 'submit'; party: P; actor: ReviewActor; reason?: string | null },
): Promise<S> {
  let to: S;
  if (step.from === null) {
    to = step.initial ?? m.initial;
  } else {
    const result = transition(m, step.from, step.action as A, step.party, step.reason);
    if (!result.ok) {
      if (result.error === 'reason_required') throw AppError.fields({ field: 'reason', key: 'required' });
      throw new AppError(result.error === 'not_allowed_for_party' ? 'FORBIDDEN' : 'INVALID_STATE', { state: step.from, action: step.action });
    }
    to = result.to;
  }
  await tx.insert(reviewHistory).values({
    machine: m.name,
    subjectId: step.subjectId,
    fromState: step.from,
    toState: to,
    action: step.action,
    actorAccountId: step.actor.accountId,
    actorName: step.actor.name,
    actorRole: step.actor.role,
    reason: step.reason?.trim() || null,
  });
  return to;
}

export type HistoryStep = {
  fromState: string | null;
  toState: string;
  action: string;
  actorName: string | null;
  actorRole: string | null;
  reason: string | null;
  at: string;
};

/** The recorded steps of several subjects of one machine, oldest first, in one query (lists show them all). */
export async function findHistories(tx: Tx, machine: string, subjectIds: number[]): Promise<Map<number, HistoryStep[]>> {
  const out = new Map<number, HistoryStep[]>(subjectIds.map((id) => [id, []]));
  if (subjectIds.length === 0) return out;
  const rows = await tx
    .select()
    .from(reviewHistory)
    .where(and(eq(reviewHistory.machine, machine), inArray(reviewHistory.subjectId, subjectIds)))
    .orderBy(asc(reviewHistory.id));
  for (const r of rows) {
    out.get(r.subjectId)?.push({
      fromState: r.fromState,
      toState: r.toState,
      action: r.action,
      actorName: r.actorName,
      actorRole: r.actorRole,
      reason: r.reason,
      at: new Date(r.at).toISOString(),
    });
  }
  return out;
}

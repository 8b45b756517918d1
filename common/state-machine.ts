/**
 * The one mechanism for everything the seeds review (审核 / 退回 / 撤回): a machine lists, for each
 * state, the actions allowed there, the state each leads to, who may take it and whether a reason
 * is required. Services ask `transition()`; the web asks `allowedActions()` to show buttons.
 */
export type Transition<S extends string, P extends string> = {
  to: S;
  /** Who may act: the parties of this machine (e.g. 'owner' = the teacher, 'reviewer' = the school). */
  by: readonly P[];
  /** A reason is required (rejecting, returning). */
  reason?: boolean;
};

export type Machine<S extends string, A extends string, P extends string> = {
  name: string;
  initial: S;
  transitions: { readonly [state in S]?: { readonly [action in A]?: Transition<S, P> } };
};

export function defineMachine<S extends string, A extends string, P extends string>(m: Machine<S, A, P>): Machine<S, A, P> {
  return m;
}

export type TransitionError = 'not_allowed_in_state' | 'not_allowed_for_party' | 'reason_required';

/** The next state, or why the action is refused. */
export function transition<S extends string, A extends string, P extends string>(
  m: Machine<S, A, P>,
  state: S,
  action: A,
  party: P,
  reason?: string | null,
): { ok: true; to: S } | { ok: false; error: TransitionError } {
  const t = m.transitions[state]?.[action];
  if (!t) return { ok: false, error: 'not_allowed_in_state' };
  if (!t.by.includes(party)) return { ok: false, error: 'not_allowed_for_party' };
  if (t.reason && !reason?.trim()) return { ok: false, error: 'reason_required' };
  return { ok: true, to: t.to };
}

/** The actions a party may take in a state (for buttons and abilities). */
export function allowedActions<S extends string, A extends string, P extends string>(m: Machine<S, A, P>, state: S, party: P): A[] {
  const here: { readonly [action in A]?: Transition<S, P> } = m.transitions[state] ?? {};
  return (Object.keys(here) as A[]).filter((a) => here[a]?.by.includes(party));
}

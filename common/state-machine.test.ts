import { describe, expect, it } from 'vitest';
import { profileChangeMachine } from './machines.js';
import { allowedActions, transition } from './state-machine.js';

describe('the review state machine', () => {
  it('moves only along declared transitions, by the declared party, with a reason where required', () => {
    expect(transition(profileChangeMachine, 'pending', 'approve', 'reviewer')).toEqual({ ok: true, to: 'approved' });
    expect(transition(profileChangeMachine, 'pending', 'approve', 'owner')).toEqual({ ok: false, error: 'not_allowed_for_party' });
    expect(transition(profileChangeMachine, 'approved', 'reject', 'reviewer', 'late')).toEqual({ ok: false, error: 'not_allowed_in_state' });
    expect(transition(profileChangeMachine, 'pending', 'return', 'reviewer', '  ')).toEqual({ ok: false, error: 'reason_required' });
    expect(transition(profileChangeMachine, 'returned', 'resubmit', 'owner')).toEqual({ ok: true, to: 'pending' });
  });

  it('lists what each party may do', () => {
    expect(allowedActions(profileChangeMachine, 'pending', 'reviewer')).toEqual(['approve', 'reject', 'return']);
    expect(allowedActions(profileChangeMachine, 'pending', 'owner')).toEqual(['withdraw']);
    expect(allowedActions(profileChangeMachine, 'approved', 'owner')).toEqual([]);
  });
});

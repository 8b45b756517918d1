import { defineMachine } from './state-machine.js';

/**
 * TCH-3/TCH-4: a teacher's request to change key fields (name, ID number, stage). The school
 * admin approves, rejects with a reason, or returns it for re-update (重新更新); the teacher may
 * withdraw while it is pending and resubmit after a return. The admin may also open a record
 * for re-update without a request (state `returned` from the start).
 */
export const profileChangeMachine = defineMachine({
  name: 'profile_change',
  initial: 'pending',
  transitions: {
    pending: {
      approve: { to: 'approved', by: ['reviewer'] },
      reject: { to: 'rejected', by: ['reviewer'], reason: true },
      return: { to: 'returned', by: ['reviewer'], reason: true },
      withdraw: { to: 'withdrawn', by: ['owner'] },
    },
    returned: {
      resubmit: { to: 'pending', by: ['owner'] },
      withdraw: { to: 'withdrawn', by: ['owner'] },
    },
  },
} as const);
export type ProfileChangeState = 'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn';
export type ProfileChangeAction = 'approve' | 'reject' | 'return' | 'withdraw' | 'resubmit';

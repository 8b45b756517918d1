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

/**
 * TCH-5: a transfer application. The receiving school (applicant) applies and may withdraw while
 * it is pending; the routed bureau (approver) approves or rejects with a reason.
 */
export const transferMachine = defineMachine({
  name: 'teacher_transfer',
  initial: 'pending',
  transitions: {
    pending: {
      approve: { to: 'approved', by: ['approver'] },
      reject: { to: 'rejected', by: ['approver'], reason: true },
      withdraw: { to: 'withdrawn', by: ['applicant'] },
    },
  },
} as const);
export const TRANSFER_STATES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
export type TransferAction = 'approve' | 'reject' | 'withdraw';

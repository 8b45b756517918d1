import { defineMachine } from './state-machine.js';
import type { EnrolmentState } from './training.js';

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

/**
 * PRJ-3: a training project. The institution submits it (from draft), may withdraw it while it is
 * pending, and edits and resubmits it after a rejection; the routed bureau approves or rejects.
 */
export const projectMachine = defineMachine({
  name: 'project',
  initial: 'pending',
  transitions: {
    draft: { submit: { to: 'pending', by: ['institution'] } },
    pending: {
      approve: { to: 'approved', by: ['reviewer'] },
      reject: { to: 'rejected', by: ['reviewer'], reason: true },
      withdraw: { to: 'draft', by: ['institution'] },
    },
    rejected: { resubmit: { to: 'pending', by: ['institution'] } },
  },
} as const);
export const PROJECT_STATES = ['draft', 'pending', 'approved', 'rejected'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export type ProjectAction = 'submit' | 'approve' | 'reject' | 'withdraw' | 'resubmit';

/**
 * ENR-3/4/5/6/9: an enrolment. The teacher (owner) withdraws until the school acts; the school
 * approves (to the bureau when the class has a checkpoint, else to the institution) or rejects, and
 * may change its decision until the next level acts; the checkpoint bureau reviews; a bureau over
 * the project may remove an enrolment or cancel the class; the institution admits or rejects; the lottery (system)
 * leaves the unselected as 未录取; the school files and revokes leave.
 */
export const enrolmentMachine = defineMachine<EnrolmentState, EnrolmentAction, EnrolmentParty>({
  name: 'enrolment',
  initial: 'pending_school',
  transitions: {
    pending_school: {
      withdraw: { to: 'withdrawn', by: ['owner'] },
      approve: { to: 'pending_institution', by: ['school'] },
      forward: { to: 'pending_bureau', by: ['school'] },
      reject: { to: 'rejected_school', by: ['school'], reason: true },
      not_select: { to: 'not_selected', by: ['system'] },
      cancel: { to: 'cancelled', by: ['bureau'], reason: true },
      remove: { to: 'removed', by: ['bureau'], reason: true },
      move: { to: 'pending_school', by: ['system'], reason: true },
    },
    pending_bureau: {
      approve: { to: 'pending_institution', by: ['checkpoint'] },
      reject: { to: 'rejected_bureau', by: ['checkpoint'], reason: true },
      revoke: { to: 'rejected_school', by: ['school'], reason: true },
      not_select: { to: 'not_selected', by: ['system'] },
      cancel: { to: 'cancelled', by: ['bureau'], reason: true },
      remove: { to: 'removed', by: ['bureau'], reason: true },
      move: { to: 'pending_bureau', by: ['system'], reason: true },
    },
    pending_institution: {
      admit: { to: 'admitted', by: ['institution'] },
      reject: { to: 'rejected_institution', by: ['institution'], reason: true },
      revoke: { to: 'rejected_school', by: ['school'], reason: true },
      not_select: { to: 'not_selected', by: ['system'] },
      cancel: { to: 'cancelled', by: ['bureau'], reason: true },
      remove: { to: 'removed', by: ['bureau'], reason: true },
      move: { to: 'pending_institution', by: ['system'], reason: true },
    },
    rejected_school: {
      approve: { to: 'pending_institution', by: ['school'] },
      forward: { to: 'pending_bureau', by: ['school'] },
    },
    admitted: {
      leave: { to: 'on_leave', by: ['school'], reason: true },
      cancel: { to: 'cancelled', by: ['bureau'], reason: true },
      remove: { to: 'removed', by: ['bureau'], reason: true },
      move: { to: 'admitted', by: ['system'], reason: true },
    },
    on_leave: {
      revoke_leave: { to: 'admitted', by: ['school'] },
      replace: { to: 'replaced', by: ['school'] },
      cancel: { to: 'cancelled', by: ['bureau'], reason: true },
    },
    listed: {
      confirm: { to: 'admitted', by: ['system'] },
      remove: { to: 'removed', by: ['institution'] },
    },
  },
} as const);
export type EnrolmentAction =
  | 'withdraw'
  | 'approve'
  | 'forward'
  | 'reject'
  | 'revoke'
  | 'not_select'
  | 'cancel'
  | 'remove'
  | 'admit'
  | 'move'
  | 'leave'
  | 'revoke_leave'
  | 'replace'
  | 'confirm';
/** `checkpoint`: the bureau a class's 审核点 names for this enrolee; `bureau`: one over the project (adjustments). */
export type EnrolmentParty = 'owner' | 'school' | 'checkpoint' | 'bureau' | 'institution' | 'system';

/**
 * CRS-1/2/3/13: an online synchronous course (网络同步课). The instructor declares it (pending); a
 * reviewer approves (待发布) or rejects with a reason; after a rejection the instructor edits and
 * resubmits. Publishing (≥ 12 lessons) puts it in the catalogue; completion (结课) makes it read-only.
 */
export const courseMachine = defineMachine({
  name: 'course',
  initial: 'pending',
  transitions: {
    pending: {
      approve: { to: 'approved', by: ['reviewer'] },
      reject: { to: 'rejected', by: ['reviewer'], reason: true },
    },
    rejected: { resubmit: { to: 'pending', by: ['instructor'] } },
    approved: { publish: { to: 'published', by: ['instructor'] } },
    published: { complete: { to: 'completed', by: ['instructor'] } },
  },
} as const);
export const COURSE_STATES = ['pending', 'rejected', 'approved', 'published', 'completed'] as const;
export type CourseState = (typeof COURSE_STATES)[number];
export type CourseAction = 'approve' | 'reject' | 'resubmit' | 'publish' | 'complete';

/**
 * CRS-4/5: a lesson 课时. 待提交 draft → 待审核 pending (needs a ready video) → 已发布 published or
 * 已退回 returned (with the reviewer's comments; fixed and resubmitted). Withdrawing a pending or
 * published lesson returns it to draft.
 */
export const lessonMachine = defineMachine({
  name: 'lesson',
  initial: 'draft',
  transitions: {
    draft: { submit: { to: 'pending', by: ['instructor'] } },
    returned: { submit: { to: 'pending', by: ['instructor'] } },
    pending: {
      approve: { to: 'published', by: ['reviewer'] },
      return: { to: 'returned', by: ['reviewer'], reason: true },
      withdraw: { to: 'draft', by: ['instructor'] },
    },
    published: { withdraw: { to: 'draft', by: ['instructor'] } },
  },
} as const);
export const LESSON_STATES = ['draft', 'pending', 'published', 'returned'] as const;
export type LessonState = (typeof LESSON_STATES)[number];
export type LessonAction = 'submit' | 'approve' | 'return' | 'withdraw';

/** CRS-10: a course review 课程点评 by an internet student; the instructor approves or rejects it. */
export const courseReviewMachine = defineMachine({
  name: 'course_review',
  initial: 'pending',
  transitions: {
    pending: {
      approve: { to: 'approved', by: ['instructor'] },
      reject: { to: 'rejected', by: ['instructor'], reason: true },
    },
  },
} as const);
export const COURSE_REVIEW_STATES = ['pending', 'approved', 'rejected'] as const;
export type CourseReviewState = (typeof COURSE_REVIEW_STATES)[number];
export type CourseReviewAction = 'approve' | 'reject';

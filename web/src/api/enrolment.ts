import type { z } from 'zod';
import type {
  ENROLMENT_REVIEW_ACTIONS,
  Enrolment,
  TrainingYear,
  zBatchResult,
  zCatalogueItem,
  zCheckinResult,
  zCollectiveResult,
  zEvaluationBody,
  zNotification,
  zTrainingRecord,
} from '../../../common/schemas/training.js';
import { api, download } from './client.js';

export type { Enrolment, TrainingYear };
export type CatalogueItem = z.infer<typeof zCatalogueItem>;
export type BatchResult = z.infer<typeof zBatchResult>;
export type CollectiveResult = z.infer<typeof zCollectiveResult>;
export type CheckinResult = z.infer<typeof zCheckinResult>;
export type EvaluationBody = z.input<typeof zEvaluationBody>;
export type TrainingRecord = z.infer<typeof zTrainingRecord>;
export type Notice = z.infer<typeof zNotification>;
export type EnrolmentReviewAction = (typeof ENROLMENT_REVIEW_ACTIONS)[number];

/** Query keys (list queries are keyed by their URL first, so invalidating the URL refreshes every page of it). */
export const CATALOGUE_URL = '/api/catalogue';
export const ENROLMENTS_URL = '/api/enrolments';
export const NOTIFICATIONS_URL = '/api/notifications';
export const TRAINING_RECORD_KEY = ['/api/me/training-record'] as const;
export const UNREAD_COUNT_KEY = ['/api/notifications/unread-count'] as const;

/** ENR-1..10, DLV-1/3/6, MSG-2: what teachers and schools do with enrolments; each answers as the server now has it. */
export const enrolmentActions = {
  /** ENR-2 / ENR-7: a teacher enrols in a class (报名). */
  enrol: (classId: number) => api.post<Enrolment>(ENROLMENTS_URL, { classId }),
  get: (id: number) => api.get<Enrolment>(`${ENROLMENTS_URL}/${id}`),
  /** ENR-3 退选. */
  withdraw: (id: number) => api.post<Enrolment>(`${ENROLMENTS_URL}/${id}/withdraw`),
  /** ENR-4: 审核通过 / 不通过 / 撤销通过 / 录取 / 移除. */
  review: (id: number, action: EnrolmentReviewAction, reason?: string) => api.post<Enrolment>(`${ENROLMENTS_URL}/${id}/review`, { action, reason }),
  /** The same review on many; each refusal comes back with its reason. */
  batchReview: (ids: number[], action: EnrolmentReviewAction, reason?: string) => api.post<BatchResult>(`${ENROLMENTS_URL}/review`, { ids, action, reason }),
  /** ENR-9 请假, optionally with a replacement teacher of the same school (替补). */
  leave: (id: number, reason: string, replacementTeacherId?: number) =>
    api.post<{ replacementId: number | null }>(`${ENROLMENTS_URL}/${id}/leave`, { reason, replacementTeacherId }),
  revokeLeave: (id: number) => api.post<Enrolment>(`${ENROLMENTS_URL}/${id}/revoke-leave`),
  /** ENR-8 集体选课: one class for many teachers, or one teacher in many classes. */
  collective: (body: { classId: number; teacherIds: number[] } | { teacherId: number; classIds: number[] }) =>
    api.post<CollectiveResult>(`${ENROLMENTS_URL}/collective`, body),
  /** DLV-3 评教; `overdue` when given after the evaluation period. */
  evaluate: (id: number, body: EvaluationBody) => api.post<{ overdue: boolean }>(`${ENROLMENTS_URL}/${id}/evaluation`, body),
  /** DLV-1 报到签到 with the six-digit code. */
  checkin: (code: string) => api.post<CheckinResult>('/api/checkin', { code }),
  /** DLV-6 培训档案 and its printable 学习证明. */
  record: () => api.get<TrainingRecord>('/api/me/training-record'),
  downloadProof: (fallbackName: string) => download('/api/me/training-record/proof.pdf', {}, fallbackName),
  /** PRJ-7 培训方案. */
  downloadPlan: (projectId: number, fallbackName: string) => download(`/api/projects/${projectId}/plan`, {}, fallbackName),
  /** MSG-2 我的消息. */
  unreadCount: () => api.get<{ count: number }>(`${NOTIFICATIONS_URL}/unread-count`),
  /** Marks the given messages read, or all of them without ids. */
  markRead: (ids?: number[]) => api.post<{ ok: true }>(`${NOTIFICATIONS_URL}/read`, ids ? { ids } : {}),
};

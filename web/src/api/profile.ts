import type { z } from 'zod';
import type { ProfileChange, zKeyChangeBody, zMyProfile, zMyProfileUpdate } from '../../../common/schemas/teachers.js';
import { api } from './client.js';

export type MyProfile = z.infer<typeof zMyProfile>;
export type ProfileReviewAction = 'approve' | 'reject' | 'return';

/** The query key of the teacher's own record (GET /api/me/teacher). */
export const MY_PROFILE_KEY = ['/api/me/teacher'] as const;
/** The prefix of the school's review queue queries (the list page keys them by URL). */
export const CHANGES_KEY = ['/api/teacher-changes'] as const;

/** TCH-3/TCH-4: a teacher's own record and key-field change requests, and the school's review. */
export const profileActions = {
  get: () => api.get<MyProfile>('/api/me/teacher'),
  /** Non-key fields, applied at once. */
  update: (body: z.infer<typeof zMyProfileUpdate>) => api.patch<MyProfile>('/api/me/teacher', body),
  /** Key fields go to the school (提交审核); also resubmits a returned request. */
  submitChange: (body: z.infer<typeof zKeyChangeBody>) => api.post<MyProfile>('/api/me/teacher/changes', body),
  withdraw: (id: number) => api.post<ProfileChange>(`/api/teacher-changes/${id}/withdraw`),
  review: (id: number, action: ProfileReviewAction, reason?: string) => api.post<ProfileChange>(`/api/teacher-changes/${id}/review`, { action, reason }),
  /** 重新更新: the school opens a teacher's record for key-field corrections. */
  reopen: (teacherId: number, reason: string) => api.post<ProfileChange>(`/api/teachers/${teacherId}/reopen`, { reason }),
};

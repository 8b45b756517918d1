import type { z } from 'zod';
import type { Teacher, Transfer, zTransferPreview } from '../../../common/schemas/teachers.js';
import { api } from './client.js';

export type TransferPreview = z.infer<typeof zTransferPreview>;

/** TCH-5 教师调动 and 自由人; each answers the transfer or the teacher as it now is. */
export const transferActions = {
  /** Who a 师训号 is, who would approve, and what would refuse the application now. */
  lookup: (shixunNo: string) => api.get<TransferPreview>('/api/transfers/lookup', { shixunNo }),
  apply: (shixunNo: string, note?: string) => api.post<Transfer>('/api/transfers', { shixunNo, note }),
  review: (id: number, action: 'approve' | 'reject', reason?: string) => api.post<Transfer>(`/api/transfers/${id}/review`, { action, reason }),
  withdraw: (id: number) => api.post<Transfer>(`/api/transfers/${id}/withdraw`),
  /** 调出到自由人. */
  release: (teacherId: number) => api.post<Teacher>(`/api/teachers/${teacherId}/release`),
  /** 调入 from the pool: a school admin into its own school, a bureau into the school it names. */
  take: (teacherId: number, schoolId?: number) => api.post<Teacher>(`/api/teacher-pool/${teacherId}/take`, { schoolId }),
};

import type { Teacher, TeacherCreate } from '../../../common/schemas/teachers.js';
import type { TeacherStatus } from '../../../common/teachers.js';
import { api } from './client.js';

/** Teacher record actions (TCH-1, TCH-6, TCH-7); each answers the teacher as it now is. */
export const teacherActions = {
  create: (body: TeacherCreate) => api.post<{ teacher: Teacher; initialPasswordRule: 'last6OfIdNumber' }>('/api/teachers', body),
  setStatus: (id: number, status: TeacherStatus) => api.post<Teacher>(`/api/teachers/${id}/status`, { status }),
  authorisePrincipal: (id: number) => api.post<Teacher>(`/api/teachers/${id}/principal`),
  setSchoolAdmin: (id: number, grant: boolean) => api.post<Teacher>(`/api/teachers/${id}/school-admin`, { grant }),
  /** 认证 (TCH-4): the teacher's school confirms the identity; ID number and school then change only through review. */
  verify: (id: number) => api.post<Teacher>(`/api/teachers/${id}/verify`),
};

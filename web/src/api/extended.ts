import type { ExtendedProfile, ProfileSection, ProfileSections } from '../../../common/schemas/teacher-profile.js';
import { api } from './client.js';

export type { ExtendedProfile, ProfileSection, ProfileSections };

/** The query key of the teacher's own extended profile (GET /api/me/teacher/extended). */
export const MY_EXTENDED_KEY = ['/api/me/teacher/extended'] as const;
/** The query key of a teacher's extended profile read by the school or a bureau. */
export const teacherExtendedKey = (teacherId: number) => ['/api/teachers', teacherId, 'extended'] as const;

/** TCH-9 扩展档案: the teacher saves one section at a time; each answer is the whole profile. */
export const extendedActions = {
  mine: () => api.get<ExtendedProfile>('/api/me/teacher/extended'),
  save: <K extends ProfileSection>(section: K, data: NonNullable<ProfileSections[K]>) =>
    api.put<ExtendedProfile>(`/api/me/teacher/extended/${section}`, { data }),
  ofTeacher: (teacherId: number) => api.get<ExtendedProfile>(`/api/teachers/${teacherId}/extended`),
};

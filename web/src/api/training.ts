import type { z } from 'zod';
import type { Page } from '../../../common/schemas/common.js';
import type {
  ClassPeriod,
  Enrolment,
  Project,
  ProjectInput,
  TrainingYear,
  zCheckinCode,
  zClassEvaluations,
  zEvaluationStats,
  zGradeImportResult,
  zGradesBody,
  zLottery,
  zMaterial,
  zPassRate,
  zRoster,
  zTrainingYearInput,
} from '../../../common/schemas/training.js';
import { api, download } from './client.js';
import { ENROLMENTS_URL } from './enrolment.js';
import { XLSX_TYPE } from './imports.js';

export type { ClassPeriod, Enrolment, Project, ProjectInput, TrainingYear };
export type TrainingYearInput = z.input<typeof zTrainingYearInput>;
export type Lottery = z.infer<typeof zLottery>;
export type Roster = z.infer<typeof zRoster>;
export type RosterRow = Roster['rows'][number];
export type CheckinCode = z.infer<typeof zCheckinCode>;
export type GradeItem = z.infer<typeof zGradesBody>['items'][number];
export type GradeImportResult = z.infer<typeof zGradeImportResult>;
export type ClassEvaluations = z.infer<typeof zClassEvaluations>;
export type EvaluationStats = z.infer<typeof zEvaluationStats>;
export type EvaluationGroup = 'institution' | 'project' | 'class';
export type Material = z.infer<typeof zMaterial>;
export type PassRate = z.infer<typeof zPassRate>;

/** Query keys: the API path first, like the list page's, so one invalidation refreshes lists and details. */
export const TRAINING_KEYS = {
  years: ['/api/training-years'] as const,
  projects: ['/api/projects'] as const,
  project: (id: number) => ['/api/projects', id] as const,
};

/** Plans and materials go as bytes; the server reads their type from their content. */
const RAW = 'application/octet-stream';

/** PRJ-1 培训年度. */
export const yearApi = {
  list: () => api.get<TrainingYear[]>('/api/training-years'),
  save: (year: number, body: TrainingYearInput) => api.put<TrainingYear>(`/api/training-years/${year}`, body),
};

/** PRJ-2..7 projects: each step answers the project as it now is (with its abilities). */
export const projectApi = {
  get: (id: number) => api.get<Project>(`/api/projects/${id}`),
  list: (query: Record<string, string | number | undefined>) => api.get<Page<Project>>('/api/projects', query),
  create: (body: ProjectInput) => api.post<Project>('/api/projects', body),
  update: (id: number, body: ProjectInput) => api.put<Project>(`/api/projects/${id}`, body),
  act: (id: number, action: 'submit' | 'resubmit' | 'withdraw') => api.post<Project>(`/api/projects/${id}/${action}`),
  review: (id: number, action: 'approve' | 'reject', reason?: string) => api.post<Project>(`/api/projects/${id}/review`, { action, reason }),
  uploadPlan: (id: number, file: File) => api.upload<Project>(`/api/projects/${id}/plan`, file, { type: RAW, name: file.name, method: 'PUT' }),
  setQuotas: (id: number, quotas: { regionCode: string; places: number }[]) => api.put<Project>(`/api/projects/${id}/quotas`, { quotas }),
  placeUnderfilled: (id: number) => api.post<{ closed: number; moved: number; cancelled: number }>(`/api/projects/${id}/place-underfilled`),
};

/** ENR-4/5/6 and DLV-1..4 on one class. */
export const classApi = {
  setParticipants: (classId: number, shixunNos: string[]) =>
    api.put<{ listed: number; classId: number }>(`/api/classes/${classId}/participants`, { shixunNos }),
  expand: (classId: number, capacity: number) => api.post<{ ok: true }>(`/api/classes/${classId}/expand`, { capacity }),
  cancel: (classId: number, reason: string) => api.post<{ ok: true }>(`/api/classes/${classId}/cancel`, { reason }),
  lottery: (classId: number) => api.get<Lottery>(`/api/classes/${classId}/lottery`),
  runLottery: (classId: number) => api.post<Lottery>(`/api/classes/${classId}/lottery`),
  roster: (classId: number) => api.get<Roster>(`/api/classes/${classId}/roster`),
  attendance: (classId: number, day: string, enrolmentIds: number[]) => api.put<{ ok: true }>(`/api/classes/${classId}/attendance`, { day, enrolmentIds }),
  checkinCode: (classId: number, day: string, minutes: number) => api.post<CheckinCode>(`/api/classes/${classId}/checkin-code`, { day, minutes }),
  grades: (classId: number, items: GradeItem[]) => api.put<{ changed: number }>(`/api/classes/${classId}/grades`, { items }),
  gradeTemplate: (classId: number) => download(`/api/classes/${classId}/grades/template`, {}, '成绩录入表.xlsx'),
  importGrades: (classId: number, file: File) => api.upload<GradeImportResult>(`/api/classes/${classId}/grades/import`, file, { type: XLSX_TYPE }),
  evaluations: (classId: number) => api.get<ClassEvaluations>(`/api/classes/${classId}/evaluations`),
  materials: (classId: number) => api.get<Material[]>(`/api/classes/${classId}/materials`),
  uploadMaterial: (classId: number, file: File) => api.upload<Material>(`/api/classes/${classId}/materials`, file, { type: RAW, name: file.name }),
  downloadMaterial: (classId: number, m: Material) => download(`/api/classes/${classId}/materials/${m.id}`, {}, m.name),
  deleteMaterial: (classId: number, materialId: number) => api.delete<{ ok: true }>(`/api/classes/${classId}/materials/${materialId}`),
};

/** ENR-4 the enrolments of a class, for the institution's review (机构复核: `enrolmentActions.batchReview`). */
export const enrolmentApi = {
  list: (query: Record<string, string | number | undefined>) => api.get<Page<Enrolment>>(ENROLMENTS_URL, query),
};

/** DLV-3 / DLV-5 statistics. */
export const statsApi = {
  evaluations: (groupBy: EvaluationGroup, year?: number) => api.get<EvaluationStats>('/api/evaluations/stats', { groupBy, year }),
  passRates: (projectId?: number) => api.get<PassRate[]>('/api/pass-rates', { projectId }),
};

import type { z } from 'zod';
import type { Me } from '../../../common/schemas/auth.js';
import type { Page } from '../../../common/schemas/common.js';
import type {
  ClassPeriod,
  Enrolment,
  Project,
  ProjectInput,
  TrainingYear,
  zBatchResult,
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
import i18n from '../i18n/index.js';
import { ApiError, api, download, request } from './client.js';
import { queryClient } from './query-client.js';
import { ME_KEY } from './session.js';

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
export type BatchResult = z.infer<typeof zBatchResult>;
export type EnrolmentBatchAction = 'admit' | 'reject';

/** Query keys: the API path first, like the list page's, so one invalidation refreshes lists and details. */
export const TRAINING_KEYS = {
  years: ['/api/training-years'] as const,
  projects: ['/api/projects'] as const,
  project: (id: number) => ['/api/projects', id] as const,
  enrolments: ['/api/enrolments'] as const,
};

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A file as the raw request body with its name in `x-file-name` (URL-encoded, so Chinese names
 * survive). The shared wrapper cannot send extra headers, so this sends the same cookies and CSRF
 * token itself and turns a refusal into the same ApiError (the server's message: type, size…).
 */
async function sendNamedFile<T>(method: 'PUT' | 'POST', path: string, file: File): Promise<T> {
  const csrf = queryClient.getQueryData<Me | null>(ME_KEY)?.csrfToken;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent(file.name),
  };
  if (csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: file });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('common.networkError'));
  }
  if (res.ok) return (await res.json()) as T;
  let body: { code?: string; message?: string; fields?: Record<string, string> } = {};
  try {
    body = await res.json();
  } catch {
    // not JSON: a proxy page, or the body limit refused by the server before any handler
  }
  if (res.status === 413) throw new ApiError(413, body.code ?? 'FILE_TOO_LARGE', body.message ?? i18n.t('training.fileTooLarge'));
  const err = new ApiError(res.status, body.code ?? 'INTERNAL', body.message ?? (res.statusText || `HTTP ${res.status}`), body.fields);
  if (res.status === 401) {
    err.handled = true;
    window.location.assign(`/login?redirect=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  throw err;
}

/** PRJ-1 培训年度. */
export const yearApi = {
  current: () => api.get<TrainingYear>('/api/training-years/current'),
  list: () => api.get<TrainingYear[]>('/api/training-years'),
  save: (year: number, body: TrainingYearInput) => request<TrainingYear>(`/api/training-years/${year}`, { method: 'PUT', body }),
};

/** PRJ-2..7 projects: each step answers the project as it now is (with its abilities). */
export const projectApi = {
  get: (id: number) => api.get<Project>(`/api/projects/${id}`),
  list: (query: Record<string, string | number | undefined>) => api.get<Page<Project>>('/api/projects', query),
  create: (body: ProjectInput) => api.post<Project>('/api/projects', body),
  update: (id: number, body: ProjectInput) => request<Project>(`/api/projects/${id}`, { method: 'PUT', body }),
  act: (id: number, action: 'submit' | 'resubmit' | 'withdraw') => api.post<Project>(`/api/projects/${id}/${action}`),
  review: (id: number, action: 'approve' | 'reject', reason?: string) => api.post<Project>(`/api/projects/${id}/review`, { action, reason }),
  uploadPlan: (id: number, file: File) => sendNamedFile<Project>('PUT', `/api/projects/${id}/plan`, file),
  downloadPlan: (p: Pick<Project, 'id' | 'plan'>) => download(`/api/projects/${p.id}/plan`, {}, p.plan?.name ?? '培训方案'),
  setQuotas: (id: number, quotas: { regionCode: string; places: number }[]) =>
    request<Project>(`/api/projects/${id}/quotas`, { method: 'PUT', body: { quotas } }),
  placeUnderfilled: (id: number) => api.post<{ closed: number; moved: number; cancelled: number }>(`/api/projects/${id}/place-underfilled`),
};

/** ENR-4/5/6 and DLV-1..4 on one class. */
export const classApi = {
  setParticipants: (classId: number, shixunNos: string[]) =>
    request<{ listed: number; classId: number }>(`/api/classes/${classId}/participants`, { method: 'PUT', body: { shixunNos } }),
  expand: (classId: number, capacity: number) => api.post<{ ok: true }>(`/api/classes/${classId}/expand`, { capacity }),
  cancel: (classId: number, reason: string) => api.post<{ ok: true }>(`/api/classes/${classId}/cancel`, { reason }),
  lottery: (classId: number) => api.get<Lottery>(`/api/classes/${classId}/lottery`),
  runLottery: (classId: number) => api.post<Lottery>(`/api/classes/${classId}/lottery`),
  roster: (classId: number) => api.get<Roster>(`/api/classes/${classId}/roster`),
  attendance: (classId: number, day: string, enrolmentIds: number[]) =>
    request<{ ok: true }>(`/api/classes/${classId}/attendance`, { method: 'PUT', body: { day, enrolmentIds } }),
  checkinCode: (classId: number, day: string, minutes: number) => api.post<CheckinCode>(`/api/classes/${classId}/checkin-code`, { day, minutes }),
  grades: (classId: number, items: GradeItem[]) => request<{ changed: number }>(`/api/classes/${classId}/grades`, { method: 'PUT', body: { items } }),
  gradeTemplate: (classId: number) => download(`/api/classes/${classId}/grades/template`, {}, '成绩录入表.xlsx'),
  importGrades: (classId: number, file: File) => api.upload<GradeImportResult>(`/api/classes/${classId}/grades/import`, file, XLSX_TYPE),
  evaluations: (classId: number) => api.get<ClassEvaluations>(`/api/classes/${classId}/evaluations`),
  materials: (classId: number) => api.get<Material[]>(`/api/classes/${classId}/materials`),
  uploadMaterial: (classId: number, file: File) => sendNamedFile<Material>('POST', `/api/classes/${classId}/materials`, file),
  downloadMaterial: (classId: number, m: Material) => download(`/api/classes/${classId}/materials/${m.id}`, {}, m.name),
  deleteMaterial: (classId: number, materialId: number) => request<{ ok: true }>(`/api/classes/${classId}/materials/${materialId}`, { method: 'DELETE' }),
};

/** ENR-4 reviews by the institution (机构复核). */
export const enrolmentApi = {
  list: (query: Record<string, string | number | undefined>) => api.get<Page<Enrolment>>('/api/enrolments', query),
  batch: (ids: number[], action: EnrolmentBatchAction, reason?: string) => api.post<BatchResult>('/api/enrolments/review', { ids, action, reason }),
};

/** DLV-3 / DLV-5 statistics. */
export const statsApi = {
  evaluations: (groupBy: EvaluationGroup, year?: number) => api.get<EvaluationStats>('/api/evaluations/stats', { groupBy, year }),
  passRates: (projectId?: number) => api.get<PassRate[]>('/api/pass-rates', { projectId }),
};

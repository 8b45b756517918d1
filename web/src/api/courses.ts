import type { z } from 'zod';
import type { Page } from '../../../common/schemas/common.js';
import type {
  Checklist,
  Course,
  CourseInput,
  CourseSummary,
  CourseWindow,
  InstructorProfile,
  IntroductionSections,
  Lesson,
  Upload,
  Video,
  zChapter,
  zCourseListQuery,
  zCover,
  zLessonInput,
  zLessonQueueItem,
} from '../../../common/schemas/courses.js';
import { ApiError, api, download } from './client.js';

export type { Checklist, Course, CourseInput, CourseSummary, CourseWindow, InstructorProfile, IntroductionSections, Lesson, Upload, Video };
export type Chapter = z.infer<typeof zChapter>;
export type Cover = z.infer<typeof zCover>;
export type LessonInput = z.input<typeof zLessonInput>;
export type LessonQueueItem = z.infer<typeof zLessonQueueItem>;
export type CourseListView = z.input<typeof zCourseListQuery>['view'];

/** Query keys, the API path first (like the list pages), so one invalidation refreshes lists and details. */
export const COURSES_URL = '/api/courses';
export const LESSON_REVIEWS_URL = '/api/lesson-reviews';
export const COURSE_KEYS = {
  window: ['/api/course-windows/current'] as const,
  profile: ['/api/instructor-profile'] as const,
  course: (id: number) => [COURSES_URL, id] as const,
  checklist: (id: number) => [COURSES_URL, id, 'checklist'] as const,
  lesson: (id: number) => ['/api/lessons', id] as const,
};

/** Images, videos and documents go as bytes; the server reads their type from their content. */
const RAW = 'application/octet-stream';

/** CRS-1 declaration window (province) and the instructor's profile (完善信息). */
export const windowApi = {
  current: () => api.get<CourseWindow | null>('/api/course-windows/current'),
  save: (year: number, body: { opensOn: string; closesOn: string }) => api.put<CourseWindow | null>(`/api/course-windows/${year}`, body),
};
export const profileApi = {
  get: () => api.get<InstructorProfile>('/api/instructor-profile'),
  setIntro: (intro: string) => api.put<InstructorProfile>('/api/instructor-profile', { intro }),
  setAvatar: (file: File) => api.upload<InstructorProfile>('/api/instructor-profile/avatar', file, { type: RAW, method: 'PUT' }),
};

/** CRS-1..3, 13, 14: a course; every step answers the course as it now is (with what the actor may do). */
export const courseApi = {
  list: (query: Record<string, string | number | undefined>) => api.get<Page<CourseSummary>>(COURSES_URL, query),
  get: (id: number) => api.get<Course>(`${COURSES_URL}/${id}`),
  uploadCover: (file: File) => api.upload<Cover>('/api/course-covers', file, { type: RAW }),
  declare: (body: CourseInput) => api.post<Course>(COURSES_URL, body),
  update: (id: number, body: CourseInput) => api.put<Course>(`${COURSES_URL}/${id}`, body),
  resubmit: (id: number) => api.post<Course>(`${COURSES_URL}/${id}/resubmit`),
  review: (id: number, body: { action: 'approve' | 'reject'; reason?: string; microSchool: boolean }) => api.post<Course>(`${COURSES_URL}/${id}/review`, body),
  setIntroduction: (id: number, sections: IntroductionSections) => api.put<Course>(`${COURSES_URL}/${id}/introduction`, { sections }),
  publish: (id: number) => api.post<Course>(`${COURSES_URL}/${id}/publish`),
  complete: (id: number) => api.post<Course>(`${COURSES_URL}/${id}/complete`),
  checklist: (id: number) => api.get<Checklist>(`${COURSES_URL}/${id}/checklist`),
  downloadReport: (c: Pick<Course, 'id' | 'name'>) => download(`${COURSES_URL}/${c.id}/report`, {}, `${c.name}-结课报告.pdf`),
  addChapter: (courseId: number, title: string) => api.post<Course>(`${COURSES_URL}/${courseId}/chapters`, { title }),
  renameChapter: (chapterId: number, title: string) => api.put<Course>(`/api/chapters/${chapterId}`, { title }),
  deleteChapter: (chapterId: number) => api.delete<Course>(`/api/chapters/${chapterId}`),
};

/** CRS-3..5: lessons 课时, their review and their documents. */
export const lessonApi = {
  get: (id: number) => api.get<Lesson>(`/api/lessons/${id}`),
  add: (courseId: number, body: LessonInput) => api.post<Lesson>(`${COURSES_URL}/${courseId}/lessons`, body),
  update: (id: number, body: LessonInput) => api.put<Lesson>(`/api/lessons/${id}`, body),
  remove: (id: number) => api.delete<{ ok: true }>(`/api/lessons/${id}`),
  act: (id: number, action: 'submit' | 'withdraw') => api.post<Lesson>(`/api/lessons/${id}/${action}`),
  review: (id: number, action: 'approve' | 'return', reason?: string) => api.post<Lesson>(`/api/lessons/${id}/review`, { action, reason }),
  queue: (query: { page: number; pageSize: number }) => api.get<Page<LessonQueueItem>>(LESSON_REVIEWS_URL, query),
  deleteVideo: (id: number) => api.delete<Lesson>(`/api/lessons/${id}/video`),
  addDocument: (id: number, file: File) => api.upload<Lesson>(`/api/lessons/${id}/documents`, file, { type: RAW, name: file.name }),
  deleteDocument: (documentId: number) => api.delete<Lesson>(`/api/documents/${documentId}`),
  downloadDocument: (d: { url: string; fileName: string }) => download(d.url, {}, d.fileName),
};

// ---------------------------------------------------------------------------------------------
// CRS-4 resumable video upload

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Failures in a row (dropped connection, server restart) before the upload gives up and says so. */
const MAX_RETRIES = 8;

/** Where an unfinished upload of this very file to this lesson is remembered, so choosing it again (even after a reload) resumes. */
const resumeKey = (lessonId: number, f: File) => `sx-upload:${lessonId}:${f.name}:${f.size}:${f.lastModified}`;

function isTransient(err: unknown) {
  return err instanceof ApiError && (err.code === 'NETWORK' || err.status >= 500 || err.status === 408 || err.status === 429);
}

export type UploadProgress = { sent: number; size: number; retrying: boolean };

/**
 * Sends a lesson video in chunks (PUT /api/uploads/:id?offset=N). A chunk that fails for a
 * passing reason is retried after asking the server where the upload stands (GET offset); a 409
 * UPLOAD_OFFSET_MISMATCH carries the server's offset, and the upload goes on from there. Answers
 * the finished upload (its video is then queued for transcoding).
 */
export async function uploadVideo(lessonId: number, file: File, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<Upload> {
  const key = resumeKey(lessonId, file);
  let up: Upload | null = null;
  const saved = localStorage.getItem(key);
  if (saved) {
    up = await api.get<Upload>(`/api/uploads/${saved}`).catch(() => null);
    if (!up || up.done || up.size !== file.size) up = null;
  }
  up ??= await api.post<Upload>(`/api/lessons/${lessonId}/uploads`, { fileName: file.name, size: file.size });
  localStorage.setItem(key, up.id);
  const id = up.id;
  let failures = 0;
  onProgress({ sent: up.offset, size: file.size, retrying: false });
  while (!up.done) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const offset: number = up.offset;
    const chunk = file.slice(offset, offset + up.chunkSize);
    try {
      up = await api.upload<Upload>(`/api/uploads/${id}`, chunk, { type: RAW, method: 'PUT', query: { offset } });
      failures = 0;
    } catch (err) {
      // The server has other bytes than we thought (or all of them, its answer lost): go on from what it has.
      if (err instanceof ApiError && (err.code === 'UPLOAD_OFFSET_MISMATCH' || err.code === 'UPLOAD_FINISHED')) {
        up = await api.get<Upload>(`/api/uploads/${id}`);
      } else if (isTransient(err) && failures < MAX_RETRIES) {
        failures += 1;
        onProgress({ sent: offset, size: file.size, retrying: true });
        await sleep(Math.min(1000 * 2 ** (failures - 1), 15_000));
        // Where the server stands now: a chunk may have arrived although its answer was lost.
        up = (await api.get<Upload>(`/api/uploads/${id}`).catch(() => null)) ?? up;
      } else {
        if (!isTransient(err)) localStorage.removeItem(key);
        throw err;
      }
    }
    onProgress({ sent: up.offset, size: file.size, retrying: false });
  }
  localStorage.removeItem(key);
  return up;
}

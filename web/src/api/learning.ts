import type { z } from 'zod';
import type { Page } from '../../../common/schemas/common.js';
import type {
  Award,
  CourseStudent,
  EnrolmentOut,
  Exercise,
  Homework,
  ProgressGrid,
  ScoreSheet,
  StoredFileOut,
  StudentReview,
  Topic,
  TopicDetail,
  zAttachmentInput,
  zAwardInput,
  zAwardPage,
  zExerciseInput,
  zGradeInput,
  zImageRef,
  zReusableDocument,
  zStudentPage,
} from '../../../common/schemas/learning.js';
import { api, download } from './client.js';
import { COURSES_URL } from './courses.js';

export type { Award, CourseStudent, Exercise, Homework, ProgressGrid, ScoreSheet, StudentReview, Topic, TopicDetail };
export type StoredFile = StoredFileOut;
export type Enrolment = EnrolmentOut;
export type StudentPage = z.infer<typeof zStudentPage>;
export type AwardPage = z.infer<typeof zAwardPage>;
export type AwardInput = z.input<typeof zAwardInput>;
export type ExerciseInput = z.input<typeof zExerciseInput>;
export type AttachmentInput = z.input<typeof zAttachmentInput>;
export type GradeInput = z.input<typeof zGradeInput>;
export type ImageRef = z.input<typeof zImageRef>;
export type ReusableDocument = z.infer<typeof zReusableDocument>;

const RAW = 'application/octet-stream';
type Query = Record<string, string | number | undefined>;

/**
 * Query keys, each under its course (`['/api/courses', id, part]`), so a step that changes a course's
 * learning refreshes everything of that course at once.
 */
export const LEARNING_KEYS = {
  enrolment: (courseId: number) => [COURSES_URL, courseId, 'enrolment'] as const,
  students: (courseId: number) => [COURSES_URL, courseId, 'students'] as const,
  /** All of a course's exercises, or one lesson's (under the course's key, so one invalidation refreshes both). */
  exercises: (courseId: number, lessonId?: number) =>
    lessonId === undefined ? ([COURSES_URL, courseId, 'exercises'] as const) : ([COURSES_URL, courseId, 'exercises', lessonId] as const),
  homework: (courseId: number) => [COURSES_URL, courseId, 'homework'] as const,
  topics: (courseId: number) => [COURSES_URL, courseId, 'topics'] as const,
  topic: (courseId: number, topicId: number) => [COURSES_URL, courseId, 'topics', 'one', topicId] as const,
  reviews: (courseId: number) => [COURSES_URL, courseId, 'student-reviews'] as const,
  score: (courseId: number, accountId?: number) => [COURSES_URL, courseId, 'score', accountId ?? 'me'] as const,
  progress: (courseId: number) => [COURSES_URL, courseId, 'progress'] as const,
  awards: (courseId: number) => [COURSES_URL, courseId, 'awards'] as const,
};

/** CRS-6..12: the learning side of a course; each step answers the record as the server now has it. */
export const learningApi = {
  // CRS-7 students
  enrol: (courseId: number) => api.post<Enrolment>(`${COURSES_URL}/${courseId}/enrolment`),
  students: (courseId: number, query: Query) => api.get<StudentPage>(`${COURSES_URL}/${courseId}/students`, query),
  setKind: (courseId: number, accountId: number, kind: 'learner' | 'internet') =>
    api.put<CourseStudent>(`${COURSES_URL}/${courseId}/students/${accountId}`, { kind }),

  // CRS-6 exercises
  exercises: (courseId: number, lessonId?: number) => api.get<Exercise[]>(`${COURSES_URL}/${courseId}/exercises`, { lessonId }),
  reusableDocuments: (courseId: number) => api.get<ReusableDocument[]>(`${COURSES_URL}/${courseId}/reusable-documents`),
  storeExerciseFile: (lessonId: number, file: File) => api.upload<StoredFile>(`/api/lessons/${lessonId}/exercise-files`, file, { type: RAW, name: file.name }),
  addExercise: (lessonId: number, body: ExerciseInput) => api.post<Exercise>(`/api/lessons/${lessonId}/exercises`, body),
  updateExercise: (id: number, body: ExerciseInput) => api.put<Exercise>(`/api/exercises/${id}`, body),
  deleteExercise: (id: number) => api.delete<{ ok: true }>(`/api/exercises/${id}`),
  downloadAttachment: (a: { url: string; name: string }) => download(a.url, {}, a.name),

  // images of homework and topics
  uploadImage: (courseId: number, file: File) => api.upload<StoredFile>(`${COURSES_URL}/${courseId}/images`, file, { type: RAW, name: file.name }),

  // CRS-8 homework
  submitHomework: (exerciseId: number, body: { text: string; images: ImageRef[] }) => api.post<Homework>(`/api/exercises/${exerciseId}/homework`, body),
  homework: (courseId: number, query: Query) => api.get<Page<Homework>>(`${COURSES_URL}/${courseId}/homework`, query),
  grade: (homeworkId: number, body: GradeInput) => api.post<Homework>(`/api/homework/${homeworkId}/grade`, body),

  // CRS-9 topics
  startTopic: (lessonId: number, body: { text: string; images: ImageRef[] }) => api.post<TopicDetail>(`/api/lessons/${lessonId}/topics`, body),
  topics: (courseId: number, query: Query) => api.get<Page<Topic>>(`${COURSES_URL}/${courseId}/topics`, query),
  topic: (topicId: number) => api.get<TopicDetail>(`/api/topics/${topicId}`),
  reply: (topicId: number, text: string) => api.post<TopicDetail>(`/api/topics/${topicId}/replies`, { text }),

  // CRS-10 course reviews
  writeReview: (courseId: number, text: string) => api.post<StudentReview>(`${COURSES_URL}/${courseId}/student-reviews`, { text }),
  reviews: (courseId: number, query: Query) => api.get<Page<StudentReview>>(`${COURSES_URL}/${courseId}/student-reviews`, query),
  decideReview: (reviewId: number, action: 'approve' | 'reject', reason?: string) =>
    api.post<StudentReview>(`/api/student-reviews/${reviewId}/review`, { action, reason }),

  // CRS-11 scoring and progress
  score: (courseId: number, accountId?: number) => api.get<ScoreSheet>(`${COURSES_URL}/${courseId}/score`, { accountId }),
  progress: (courseId: number, query: Query) => api.get<ProgressGrid>(`${COURSES_URL}/${courseId}/progress`, query),

  // CRS-12 awards
  award: (courseId: number, body: AwardInput) => api.post<AwardPage>(`${COURSES_URL}/${courseId}/awards`, body),
  awards: (courseId: number, query: Query) => api.get<AwardPage>(`${COURSES_URL}/${courseId}/awards`, query),
};

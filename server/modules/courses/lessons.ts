import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, asc, count, eq, inArray, max } from 'drizzle-orm';
import { type LessonState, lessonMachine } from '../../../common/machines.js';
import type { Page } from '../../../common/schemas/common.js';
import type { Lesson, Upload, Video } from '../../../common/schemas/courses.js';
import { shanghaiDate } from '../../../common/training.js';
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/client.js';
import { accounts, courseChapters, courses, lessonDocuments, lessons, lessonVideos, uploads } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { type DocType, sniffDocType } from '../../lib/file-type.js';
import { enqueueJob } from '../../lib/jobs.js';
import { applyTransition, findHistories } from '../../lib/review.js';
import type { Storage } from '../../lib/storage.js';
import type { Actor } from '../org/scope.js';
import { mediaPaths, probeVideo } from './media.js';
import { type CourseAccess, type CourseRow, findCourseFor, isCourseReviewer, isLessonOpen, isListed, requireInstructor } from './policy.js';

const reviewActor = (a: Actor) => ({ accountId: a.accountId, name: a.realName, role: a.role.role });
const DOCUMENT_LIMIT = 20 * 1024 * 1024;

type LessonRow = typeof lessons.$inferSelect;
type VideoRow = typeof lessonVideos.$inferSelect;

/** CRS-4: students watch a published lesson from its date; anyone may watch a 试看 lesson of a listed course. */
export function canWatch(access: Pick<CourseAccess, 'party' | 'course'>, lesson: Pick<LessonRow, 'state' | 'lessonDate' | 'trial'>, today: string): boolean {
  if (access.party === 'instructor' || access.party === 'reviewer') return true;
  if (!isLessonOpen(lesson, today) || !isListed(access.course)) return false;
  return lesson.trial || access.party === 'student';
}

function presentVideo(v: VideoRow | undefined, watchable: boolean): Video | null {
  if (!v) return null;
  return {
    id: v.id,
    fileName: v.fileName,
    size: v.size,
    state: v.state,
    progress: v.progress,
    error: v.error,
    durationS: v.durationS,
    playlistUrl: v.state === 'ready' && watchable ? `/api/videos/${v.id}/hls/index.m3u8` : null,
  };
}

/** Chapters with their lessons, as this actor may see them (students see published lessons only). */
export async function loadChapters(db: Tx, actor: Actor, clock: Clock, access: CourseAccess) {
  const courseId = access.course.id;
  const staff = access.party === 'instructor' || access.party === 'reviewer';
  const [chapters, lessonRows] = await Promise.all([
    db.select().from(courseChapters).where(eq(courseChapters.courseId, courseId)).orderBy(asc(courseChapters.position), asc(courseChapters.id)),
    db
      .select()
      .from(lessons)
      .where(staff ? eq(lessons.courseId, courseId) : and(eq(lessons.courseId, courseId), eq(lessons.state, 'published')))
      .orderBy(asc(lessons.position), asc(lessons.id)),
  ]);
  const presented = await presentLessons(db, actor, clock, access, lessonRows);
  return chapters.map((c) => ({ id: c.id, title: c.title, position: c.position, lessons: presented.filter((l) => l.chapterId === c.id) }));
}

async function presentLessons(db: Tx, _actor: Actor, clock: Clock, access: CourseAccess, rows: LessonRow[]): Promise<Lesson[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const videoIds = rows.map((r) => r.videoId).filter((v): v is number => v !== null);
  const [videos, docs, histories] = await Promise.all([
    videoIds.length ? db.select().from(lessonVideos).where(inArray(lessonVideos.id, videoIds)) : Promise.resolve([]),
    db.select().from(lessonDocuments).where(inArray(lessonDocuments.lessonId, ids)).orderBy(asc(lessonDocuments.id)),
    access.party === 'instructor' || access.party === 'reviewer' ? findHistories(db, lessonMachine.name, ids) : Promise.resolve(new Map()),
  ]);
  const today = shanghaiDate(clock.now());
  const isInstructor = access.party === 'instructor';
  const writable = access.course.state !== 'completed';
  return rows.map((l) => {
    const watchable = canWatch(access, l, today);
    const editable = isInstructor && writable && (l.state === 'draft' || l.state === 'returned');
    return {
      id: l.id,
      courseId: l.courseId,
      chapterId: l.chapterId,
      title: l.title,
      lessonDate: l.lessonDate,
      trial: l.trial,
      position: l.position,
      state: l.state,
      video: presentVideo(
        videos.find((v) => v.id === l.videoId),
        watchable,
      ),
      documents: watchable
        ? docs.filter((d) => d.lessonId === l.id).map((d) => ({ id: d.id, fileName: d.fileName, size: d.size, url: `/api/documents/${d.id}` }))
        : [],
      open: isLessonOpen(l, today),
      watchable,
      history: histories.get(l.id) ?? [],
      can: {
        edit: editable,
        submit: editable,
        withdraw: isInstructor && writable && (l.state === 'pending' || l.state === 'published'),
        review: access.party === 'reviewer' && l.state === 'pending',
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// CRS-3 chapters and lessons

/** Structure may be built once the declaration is approved; a completed course is read-only. */
function requireBuildable(access: CourseAccess): CourseRow {
  const course = requireInstructor(access);
  if (course.state !== 'approved' && course.state !== 'published') throw new AppError('COURSE_NOT_READY');
  return course;
}

export async function addChapter(db: Db, actor: Actor, courseId: number, title: string): Promise<number> {
  requireBuildable(await findCourseFor(db, actor, courseId));
  const [last] = await db
    .select({ p: max(courseChapters.position) })
    .from(courseChapters)
    .where(eq(courseChapters.courseId, courseId));
  const [row] = await db
    .insert(courseChapters)
    .values({ courseId, title, position: (last?.p ?? 0) + 1 })
    .returning({ id: courseChapters.id });
  return row?.id as number;
}

async function findChapter(db: Tx, actor: Actor, chapterId: number) {
  const [chapter] = await db.select().from(courseChapters).where(eq(courseChapters.id, chapterId));
  if (!chapter) throw notFound('chapter');
  const access = await findCourseFor(db, actor, chapter.courseId);
  return { chapter, access };
}

export async function renameChapter(db: Db, actor: Actor, chapterId: number, title: string): Promise<number> {
  const { chapter, access } = await findChapter(db, actor, chapterId);
  requireBuildable(access);
  await db.update(courseChapters).set({ title }).where(eq(courseChapters.id, chapterId));
  return chapter.courseId;
}

export async function deleteChapter(db: Db, actor: Actor, chapterId: number): Promise<number> {
  const { chapter, access } = await findChapter(db, actor, chapterId);
  requireBuildable(access);
  const [n] = await db.select({ n: count() }).from(lessons).where(eq(lessons.chapterId, chapterId));
  if ((n?.n ?? 0) > 0) throw new AppError('CHAPTER_NOT_EMPTY');
  await db.delete(courseChapters).where(eq(courseChapters.id, chapterId));
  return chapter.courseId;
}

type LessonInput = { chapterId: number; title: string; lessonDate: string; trial: boolean };

async function requireChapterOf(db: Tx, courseId: number, chapterId: number) {
  const [c] = await db
    .select({ id: courseChapters.id })
    .from(courseChapters)
    .where(and(eq(courseChapters.id, chapterId), eq(courseChapters.courseId, courseId)));
  if (!c) throw AppError.fields({ field: 'chapterId', key: 'invalid' });
}

export async function addLesson(db: Db, actor: Actor, courseId: number, input: LessonInput): Promise<number> {
  requireBuildable(await findCourseFor(db, actor, courseId));
  await requireChapterOf(db, courseId, input.chapterId);
  const [last] = await db
    .select({ p: max(lessons.position) })
    .from(lessons)
    .where(eq(lessons.courseId, courseId));
  const [row] = await db
    .insert(lessons)
    .values({ courseId, ...input, position: (last?.p ?? 0) + 1 })
    .returning({ id: lessons.id });
  return row?.id as number;
}

export async function findLesson(db: Tx, actor: Actor, lessonId: number) {
  const [lesson] = await db.select().from(lessons).where(eq(lessons.id, lessonId));
  if (!lesson) throw notFound('lesson');
  const access = await findCourseFor(db, actor, lesson.courseId);
  if (access.party !== 'instructor' && access.party !== 'reviewer' && lesson.state !== 'published') throw notFound('lesson');
  return { lesson, access };
}

export async function getLesson(db: Tx, actor: Actor, clock: Clock, lessonId: number): Promise<Lesson> {
  const { lesson, access } = await findLesson(db, actor, lessonId);
  const [presented] = await presentLessons(db, actor, clock, access, [lesson]);
  if (!presented) throw notFound('lesson');
  return presented;
}

/** Edits (title, date, trial, video, documents) only while the lesson is a draft or returned: withdraw first. */
async function findEditableLesson(db: Tx, actor: Actor, lessonId: number) {
  const found = await findLesson(db, actor, lessonId);
  requireBuildable(found.access);
  if (found.lesson.state !== 'draft' && found.lesson.state !== 'returned') throw new AppError('LESSON_LOCKED');
  return found;
}

export async function updateLesson(db: Db, actor: Actor, lessonId: number, input: LessonInput) {
  const { lesson } = await findEditableLesson(db, actor, lessonId);
  await requireChapterOf(db, lesson.courseId, input.chapterId);
  await db.update(lessons).set(input).where(eq(lessons.id, lessonId));
}

export async function deleteLesson(db: Db, config: Config, actor: Actor, lessonId: number) {
  await findEditableLesson(db, actor, lessonId);
  const videos = await db.select({ mediaKey: lessonVideos.mediaKey }).from(lessonVideos).where(eq(lessonVideos.lessonId, lessonId));
  await db.delete(lessons).where(eq(lessons.id, lessonId));
  await Promise.all(videos.map((v) => fs.rm(mediaPaths(config).dir(v.mediaKey), { recursive: true, force: true })));
}

/** CRS-4/5: submit (needs a ready video), withdraw, and the reviewer's approve / return, all on the lesson machine. */
export async function actOnLesson(db: Db, actor: Actor, lessonId: number, action: 'submit' | 'withdraw' | 'approve' | 'return', reason?: string) {
  await db.transaction(async (tx) => {
    const { lesson, access } = await findLesson(tx, actor, lessonId);
    const party = action === 'approve' || action === 'return' ? 'reviewer' : 'instructor';
    if (party === 'reviewer' && access.party !== 'reviewer') throw new AppError('FORBIDDEN');
    if (party === 'instructor') requireBuildable(access);
    if (action === 'submit') {
      const [video] = lesson.videoId ? await tx.select().from(lessonVideos).where(eq(lessonVideos.id, lesson.videoId)) : [];
      if (video?.state !== 'ready') throw new AppError('VIDEO_NOT_READY');
    }
    const to: LessonState = await applyTransition(tx, lessonMachine, {
      subjectId: lesson.id,
      from: lesson.state,
      action,
      party,
      actor: reviewActor(actor),
      reason,
    });
    const [moved] = await tx
      .update(lessons)
      .set({ state: to })
      .where(and(eq(lessons.id, lesson.id), eq(lessons.state, lesson.state)))
      .returning({ id: lessons.id });
    if (!moved) throw new AppError('BUSY_RETRY');
  });
}

/** CRS-5: lessons waiting for review, oldest first. */
export async function lessonQueue(
  db: Tx,
  actor: Actor,
  clock: Clock,
  q: { page: number; pageSize: number },
): Promise<Page<Lesson & { courseName: string; instructorName: string }>> {
  if (!isCourseReviewer(actor)) throw new AppError('FORBIDDEN');
  const [rows, [total]] = await Promise.all([
    db
      .select({ lesson: lessons, course: courses, instructorName: accounts.realName })
      .from(lessons)
      .innerJoin(courses, eq(courses.id, lessons.courseId))
      .innerJoin(accounts, eq(accounts.id, courses.instructorAccountId))
      .where(eq(lessons.state, 'pending'))
      .orderBy(asc(lessons.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(lessons).where(eq(lessons.state, 'pending')),
  ]);
  const items = [];
  for (const r of rows) {
    const [l] = await presentLessons(db, actor, clock, { course: r.course, party: 'reviewer', student: null }, [r.lesson]);
    if (l) items.push({ ...l, courseName: r.course.name, instructorName: r.instructorName });
  }
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---------------------------------------------------------------------------------------------
// CRS-4 resumable video upload

type UploadRow = typeof uploads.$inferSelect;

async function presentUpload(db: Tx, config: Config, u: UploadRow, lessonId: number): Promise<Upload> {
  let video: Video | null = null;
  if (u.completedAt) {
    const [l] = await db.select({ videoId: lessons.videoId }).from(lessons).where(eq(lessons.id, lessonId));
    const [v] = l?.videoId ? await db.select().from(lessonVideos).where(eq(lessonVideos.id, l.videoId)) : [];
    video = presentVideo(v, true);
  }
  return {
    id: u.id,
    lessonId: u.lessonId,
    fileName: u.fileName,
    size: u.size,
    offset: u.received,
    chunkSize: config.uploadChunkBytes,
    done: u.completedAt !== null,
    video,
  };
}

export async function startUpload(db: Db, config: Config, actor: Actor, lessonId: number, input: { fileName: string; size: number }): Promise<Upload> {
  await findEditableLesson(db, actor, lessonId);
  if (input.size > config.videoMaxBytes) throw new AppError('VIDEO_TOO_LARGE', { limit: formatBytes(config.videoMaxBytes) });
  const id = randomUUID();
  const file = mediaPaths(config).upload(id);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, Buffer.alloc(0));
  const [row] = await db.insert(uploads).values({ id, accountId: actor.accountId, lessonId, fileName: input.fileName, size: input.size }).returning();
  if (!row) throw new Error('upload not created');
  return presentUpload(db, config, row, lessonId);
}

async function findUpload(db: Tx, actor: Actor, uploadId: string): Promise<UploadRow> {
  const [u] = await db.select().from(uploads).where(eq(uploads.id, uploadId));
  if (!u || u.accountId !== actor.accountId) throw notFound('upload');
  return u;
}

export async function getUpload(db: Tx, config: Config, actor: Actor, uploadId: string): Promise<Upload> {
  const u = await findUpload(db, actor, uploadId);
  return presentUpload(db, config, u, u.lessonId);
}

/**
 * Appends one chunk at `offset`. The offset must be what the server has (a retried chunk after a
 * dropped connection gets 409 with the right offset and is sent again from there). The last chunk
 * checks the file with ffprobe, makes it the lesson's video and queues the transcode.
 */
export async function putChunk(db: Db, config: Config, actor: Actor, uploadId: string, offset: number, chunk: Buffer, onQueued: () => void): Promise<Upload> {
  const u = await findUpload(db, actor, uploadId);
  if (u.completedAt) throw new AppError('UPLOAD_FINISHED');
  if (offset !== u.received) throw new AppError('UPLOAD_OFFSET_MISMATCH', { offset: u.received });
  if (chunk.length === 0) throw AppError.fields({ field: 'file', key: 'required' });
  if (chunk.length > config.uploadChunkBytes) throw new AppError('PAYLOAD_TOO_LARGE', { limit: formatBytes(config.uploadChunkBytes) });
  if (offset + chunk.length > u.size) throw new AppError('VIDEO_TOO_LARGE', { limit: formatBytes(u.size) });
  const file = mediaPaths(config).upload(u.id);
  const handle = await fs.open(file, 'r+');
  try {
    await handle.write(chunk, 0, chunk.length, offset);
  } finally {
    await handle.close();
  }
  const [moved] = await db
    .update(uploads)
    .set({ received: offset + chunk.length })
    .where(and(eq(uploads.id, u.id), eq(uploads.received, offset)))
    .returning();
  if (!moved) {
    const [now] = await db.select().from(uploads).where(eq(uploads.id, u.id));
    throw new AppError('UPLOAD_OFFSET_MISMATCH', { offset: now?.received ?? 0 });
  }
  if (moved.received < moved.size) return presentUpload(db, config, moved, moved.lessonId);
  return finishUpload(db, config, actor, moved, onQueued);
}

async function finishUpload(db: Db, config: Config, actor: Actor, u: UploadRow, onQueued: () => void): Promise<Upload> {
  const paths = mediaPaths(config);
  const file = paths.upload(u.id);
  const probe = await probeVideo(config.ffprobePath, file);
  if (!probe) {
    await db.delete(uploads).where(eq(uploads.id, u.id));
    await fs.rm(file, { force: true });
    throw new AppError('VIDEO_INVALID');
  }
  const { lesson } = await findEditableLesson(db, actor, u.lessonId);
  const mediaKey = randomUUID();
  await fs.mkdir(paths.dir(mediaKey), { recursive: true });
  await fs.rename(file, paths.source(mediaKey));
  const old = await db.transaction(async (tx) => {
    const [video] = await tx
      .insert(lessonVideos)
      .values({ lessonId: lesson.id, mediaKey, fileName: u.fileName, size: u.size, state: 'queued', durationS: probe.durationS })
      .returning({ id: lessonVideos.id });
    if (!video) throw new Error('video not created');
    await tx.update(lessons).set({ videoId: video.id }).where(eq(lessons.id, lesson.id));
    await tx.update(uploads).set({ completedAt: new Date() }).where(eq(uploads.id, u.id));
    await enqueueJob(tx, 'transcode', { videoId: video.id }, 2);
    // The replaced video goes (a lesson being edited is a draft: nobody's progress is on it yet).
    return lesson.videoId ? tx.delete(lessonVideos).where(eq(lessonVideos.id, lesson.videoId)).returning({ mediaKey: lessonVideos.mediaKey }) : [];
  });
  for (const v of old) await fs.rm(paths.dir(v.mediaKey), { recursive: true, force: true });
  onQueued();
  const [done] = await db.select().from(uploads).where(eq(uploads.id, u.id));
  return presentUpload(db, config, done as UploadRow, u.lessonId);
}

export async function deleteVideo(db: Db, config: Config, actor: Actor, lessonId: number) {
  const { lesson } = await findEditableLesson(db, actor, lessonId);
  if (!lesson.videoId) throw notFound('video');
  const videoId = lesson.videoId;
  const removed = await db.transaction(async (tx) => {
    await tx.update(lessons).set({ videoId: null }).where(eq(lessons.id, lessonId));
    return tx.delete(lessonVideos).where(eq(lessonVideos.id, videoId)).returning({ mediaKey: lessonVideos.mediaKey });
  });
  for (const v of removed) await fs.rm(mediaPaths(config).dir(v.mediaKey), { recursive: true, force: true });
}

/** An HLS file of a video, for whoever may watch its lesson now. */
export async function readHlsFile(db: Tx, config: Config, actor: Actor, clock: Clock, videoId: number, name: string): Promise<Buffer> {
  const [v] = await db
    .select({ video: lessonVideos, lesson: lessons })
    .from(lessonVideos)
    .innerJoin(lessons, eq(lessons.id, lessonVideos.lessonId))
    .where(eq(lessonVideos.id, videoId));
  if (v?.video.state !== 'ready') throw notFound('video');
  const access = await findCourseFor(db, actor, v.lesson.courseId);
  if (!canWatch(access, v.lesson, shanghaiDate(clock.now()))) {
    throw new AppError(access.party === 'visitor' ? 'NOT_ENROLLED' : 'LESSON_NOT_OPEN', { date: v.lesson.lessonDate });
  }
  return fs.readFile(path.join(mediaPaths(config).dir(v.video.mediaKey), name)).catch(() => {
    throw notFound('video');
  });
}

// ---------------------------------------------------------------------------------------------
// documents

export async function addDocument(db: Db, storage: Storage, actor: Actor, lessonId: number, bytes: Buffer, fileName: string): Promise<void> {
  await findEditableLesson(db, actor, lessonId);
  if (bytes.length > DOCUMENT_LIMIT) throw new AppError('FILE_TOO_LARGE', { limit: formatBytes(DOCUMENT_LIMIT) });
  const type: DocType | null = sniffDocType(bytes, fileName);
  if (!type) throw new AppError('FILE_TYPE_NOT_ALLOWED', { types: 'PDF、Word、Excel、PPT、JPG、PNG' });
  const key = await storage.put('lesson-docs', bytes, type);
  await db.insert(lessonDocuments).values({ lessonId, fileKey: key, fileName, size: bytes.length });
}

export async function deleteDocument(db: Db, storage: Storage, actor: Actor, documentId: number): Promise<number> {
  const [d] = await db.select().from(lessonDocuments).where(eq(lessonDocuments.id, documentId));
  if (!d) throw notFound('document');
  await findEditableLesson(db, actor, d.lessonId);
  await db.delete(lessonDocuments).where(eq(lessonDocuments.id, documentId));
  await storage.remove(d.fileKey).catch(() => {});
  return d.lessonId;
}

export async function readDocument(db: Tx, storage: Storage, actor: Actor, clock: Clock, documentId: number) {
  const [d] = await db.select().from(lessonDocuments).where(eq(lessonDocuments.id, documentId));
  if (!d) throw notFound('document');
  const { lesson, access } = await findLesson(db, actor, d.lessonId);
  if (!canWatch(access, lesson, shanghaiDate(clock.now())))
    throw new AppError(access.party === 'visitor' ? 'NOT_ENROLLED' : 'LESSON_NOT_OPEN', { date: lesson.lessonDate });
  const ext = d.fileKey.split('.').pop() as DocType;
  return { name: d.fileName, type: ext, body: await storage.get(d.fileKey) };
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${Math.round((n / 1024 ** 3) * 10) / 10} GB`;
  if (n >= 1024 ** 2) return `${Math.round(n / 1024 ** 2)} MB`;
  return `${Math.round(n / 1024)} KB`;
}

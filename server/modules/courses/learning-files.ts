import { eq, sql } from 'drizzle-orm';
import type { StoredFileOut } from '../../../common/schemas/learning.js';
import type { Tx } from '../../db/client.js';
import type { StoredFile } from '../../db/schema/courses.js';
import { lessons } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { sniffDocType } from '../../lib/file-type.js';
import type { Storage } from '../../lib/storage.js';
import type { Actor } from '../org/scope.js';
import { findCourseFor, requireInstructor, requireInternetStudent } from './policy.js';

/**
 * Files of the learning side: images in homework and topics (JPG/PNG, checked on their bytes) and
 * exercise attachments. An upload is stored first and returns a key; the record that uses it
 * (a submission, a topic, an exercise) names the key, and reading goes through that record's
 * visibility, never through the key alone.
 */

export const IMAGE_FOLDER = 'course-images';
export const EXERCISE_FILE_FOLDER = 'exercise-files';
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const EXERCISE_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** An image's URL: served by the course it belongs to. */
export function imageUrl(courseId: number, key: string): string {
  return `/api/courses/${courseId}/images/${key.slice(IMAGE_FOLDER.length + 1)}`;
}

export function presentImages(courseId: number, images: StoredFile[]) {
  return images.map((i) => ({ name: i.name, size: i.size, url: imageUrl(courseId, i.key) }));
}

/** CRS-8/9: an internet student stores a JPG or PNG (by content) for a submission or topic. */
export async function uploadCourseImage(db: Tx, storage: Storage, actor: Actor, courseId: number, bytes: Buffer, name: string): Promise<StoredFileOut> {
  requireInternetStudent(await findCourseFor(db, actor, courseId));
  if (bytes.length > IMAGE_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', { limit: '5 MB' });
  const type = sniffDocType(bytes, name);
  if (type !== 'jpg' && type !== 'png') throw new AppError('IMAGE_INVALID');
  const key = await storage.put(IMAGE_FOLDER, bytes, type);
  return { key, name, size: bytes.length };
}

/**
 * The images a submission or topic names, checked to exist in storage (their size is read from
 * there, not trusted from the client). Keys are random: only someone who uploaded an image, or
 * saw it in the same course, can name it.
 */
export async function resolveImages(storage: Storage, refs: readonly { key: string; name?: string | undefined }[]): Promise<StoredFile[]> {
  const out: StoredFile[] = [];
  for (const ref of refs) {
    const bytes = await storage.get(ref.key).catch(() => null);
    if (!bytes) throw AppError.fields({ field: 'images', key: 'notFound' });
    out.push({ key: ref.key, name: ref.name || ref.key.split('/').pop() || 'image', size: bytes.length });
  }
  return out;
}

/**
 * Serves an image of a course to those who may see the record holding it: a topic's to anyone
 * enrolled and to the instructor and reviewers; a submission's to its author, the instructor and
 * reviewers.
 */
export async function readCourseImage(db: Tx, storage: Storage, actor: Actor, courseId: number, file: string) {
  const access = await findCourseFor(db, actor, courseId);
  const staff = access.party === 'instructor' || access.party === 'reviewer';
  const key = `${IMAGE_FOLDER}/${file}`;
  const needle = JSON.stringify([{ key }]);
  const bool = (b: boolean) => (b ? sql`true` : sql`false`);
  const rows = await db.execute<{ ok: boolean }>(sql`select (
      exists (select 1 from topics t where t.course_id = ${courseId} and t.images @> ${needle}::jsonb and ${bool(staff || access.student !== null)})
      or exists (select 1 from homework h join exercises e on e.id = h.exercise_id join lessons l on l.id = e.lesson_id
        where l.course_id = ${courseId} and h.images @> ${needle}::jsonb and (${bool(staff)} or h.account_id = ${actor.accountId}))
    ) as ok`);
  if (!rows.rows[0]?.ok) throw notFound('file');
  return { type: file.endsWith('.png') ? 'image/png' : 'image/jpeg', body: await storage.get(key) };
}

/** CRS-6: the instructor stores a new attachment for an exercise of a lesson (PDF, Office, JPG, PNG by content). */
export async function storeExerciseFile(db: Tx, storage: Storage, actor: Actor, lessonId: number, bytes: Buffer, name: string): Promise<StoredFileOut> {
  const [lesson] = await db.select({ courseId: lessons.courseId }).from(lessons).where(eq(lessons.id, lessonId));
  if (!lesson) throw notFound('lesson');
  requireInstructor(await findCourseFor(db, actor, lesson.courseId));
  if (bytes.length > EXERCISE_FILE_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', { limit: '20 MB' });
  const type = sniffDocType(bytes, name);
  if (!type) throw new AppError('FILE_TYPE_NOT_ALLOWED', { types: 'PDF、Word、Excel、PPT、JPG、PNG' });
  const key = await storage.put(EXERCISE_FILE_FOLDER, bytes, type);
  return { key, name, size: bytes.length };
}

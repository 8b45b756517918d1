import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zIdParams, zOk, zPage, zPageQuery } from '../../../common/schemas/common.js';
import {
  zChapterInput,
  zChecklist,
  zCourse,
  zCourseInput,
  zCourseListQuery,
  zCourseReviewInput,
  zCourseSummary,
  zCourseWindow,
  zCourseWindowInput,
  zCover,
  zInstructorIntroInput,
  zInstructorProfile,
  zIntroductionInput,
  zLesson,
  zLessonInput,
  zLessonQueueItem,
  zLessonReviewInput,
  zUpload,
  zUploadChunkQuery,
  zUploadParams,
  zUploadStart,
} from '../../../common/schemas/courses.js';
import { zYearParams } from '../../../common/schemas/training.js';
import type { RouteCtx } from '../../app.js';
import { DOC_CONTENT_TYPES, headerFileName } from '../../lib/file-type.js';
import { acceptRawFiles, actorOf, requireBody, sendFile } from '../../lib/http.js';
import { createJobRunner } from '../../lib/jobs.js';
import { PDF_CONTENT_TYPE } from '../../lib/pdf.js';
import {
  actOnLesson,
  addChapter,
  addDocument,
  addLesson,
  deleteChapter,
  deleteDocument,
  deleteLesson,
  deleteVideo,
  getLesson,
  getUpload,
  lessonQueue,
  putChunk,
  readDocument,
  readHlsFile,
  renameChapter,
  startUpload,
  updateLesson,
} from './lessons.js';
import { HLS_FILE_RE, transcodeVideo } from './media.js';
import { completionReport } from './report.js';
import {
  checklistOf,
  completeCourse,
  declareCourse,
  findWindow,
  getCourse,
  getInstructorProfile,
  listCourses,
  publishCourse,
  readCourseFile,
  resubmitCourse,
  reviewCourse,
  setInstructorAvatar,
  setInstructorIntro,
  setIntroduction,
  setWindow,
  updateDeclaration,
  uploadCover,
} from './service.js';

const tags = ['courses'];
const IMAGE_BODY_LIMIT = 6 * 1024 * 1024;

/** CRS-1..5, 13, 14: declaration, review, structure, lesson content, completion. */
export function courseRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    acceptRawFiles(app);
    const { db, config, storage, clock } = ctx;

    // Transcoding runs as a background job of this process (and of any other instance).
    const jobs = createJobRunner({
      db,
      log: app.log,
      handlers: { transcode: (job) => transcodeVideo(db, config, job) },
      pollMs: config.env === 'test' ? 200 : 1000,
    });
    if (config.jobs) jobs.start();
    app.addHook('onClose', async () => jobs.stop());

    const course = (req: { params: { id: number } } & Parameters<typeof actorOf>[0]) => getCourse(db, actorOf(req), clock, req.params.id);
    const lesson = (req: Parameters<typeof actorOf>[0], id: number) => getLesson(db, actorOf(req), clock, id);

    // CRS-1 window and profile
    r.get(
      '/course-windows/current',
      { schema: { tags, summary: 'The course declaration window of this year', response: { 200: zCourseWindow.nullable() } } },
      async (req) => {
        actorOf(req);
        return findWindow(db, clock);
      },
    );
    r.put(
      '/course-windows/:year',
      {
        schema: {
          tags,
          summary: 'Province: set the declaration window',
          params: zYearParams,
          body: zCourseWindowInput,
          response: { 200: zCourseWindow.nullable() },
        },
      },
      async (req) => setWindow(db, actorOf(req), clock, req.params.year, req.body),
    );
    r.get(
      '/instructor-profile',
      { schema: { tags, summary: 'My instructor profile and what is missing', response: { 200: zInstructorProfile } } },
      async (req) => {
        const { teacherId: _t, ...profile } = await getInstructorProfile(db, actorOf(req));
        return profile;
      },
    );
    r.put(
      '/instructor-profile',
      { schema: { tags, summary: 'Set my introduction', body: zInstructorIntroInput, response: { 200: zInstructorProfile } } },
      async (req) => {
        const actor = actorOf(req);
        await setInstructorIntro(db, actor, req.body.intro);
        const { teacherId: _t, ...profile } = await getInstructorProfile(db, actor);
        return profile;
      },
    );
    r.put(
      '/instructor-profile/avatar',
      { bodyLimit: IMAGE_BODY_LIMIT, schema: { tags, summary: 'Upload my avatar (raw JPG/PNG)', response: { 200: zInstructorProfile } } },
      async (req) => {
        const actor = actorOf(req);
        await setInstructorAvatar(db, storage, actor, requireBody(req.body));
        const { teacherId: _t, ...profile } = await getInstructorProfile(db, actor);
        return profile;
      },
    );
    r.post(
      '/course-covers',
      { bodyLimit: IMAGE_BODY_LIMIT, schema: { tags, summary: 'Upload a cover (raw JPG/PNG, 750×422 or 1920×1080)', response: { 200: zCover } } },
      async (req) => uploadCover(storage, actorOf(req), requireBody(req.body)),
    );
    r.get(
      '/course-files/:folder/:file',
      { schema: { tags, summary: 'A cover or avatar', params: z.strictObject({ folder: z.enum(['covers', 'avatars']), file: z.string().max(60) }) } },
      async (req, reply) => {
        actorOf(req);
        const f = await readCourseFile(storage, `${req.params.folder}/${req.params.file}`);
        return reply.header('content-type', f.type).header('cache-control', 'private, max-age=86400').send(f.body);
      },
    );

    // CRS-1/2 declaration and review; lists
    r.get(
      '/courses',
      { schema: { tags, summary: 'Courses: mine, to review, catalogue, enrolled', querystring: zCourseListQuery, response: { 200: zPage(zCourseSummary) } } },
      async (req) => listCourses(db, actorOf(req), req.query),
    );
    r.post('/courses', { schema: { tags, summary: 'Declare a course (课程申报)', body: zCourseInput, response: { 200: zCourse } } }, async (req) => {
      const id = await declareCourse(db, actorOf(req), clock, req.body);
      return getCourse(db, actorOf(req), clock, id);
    });
    r.get(
      '/courses/:id',
      { schema: { tags, summary: 'A course with chapters, lessons and what I may do', params: zIdParams, response: { 200: zCourse } } },
      async (req) => course(req),
    );
    r.put(
      '/courses/:id',
      { schema: { tags, summary: 'Edit the declaration', params: zIdParams, body: zCourseInput, response: { 200: zCourse } } },
      async (req) => {
        await updateDeclaration(db, actorOf(req), req.params.id, req.body);
        return course(req);
      },
    );
    r.post(
      '/courses/:id/resubmit',
      { schema: { tags, summary: 'Resubmit a rejected declaration', params: zIdParams, response: { 200: zCourse } } },
      async (req) => {
        await resubmitCourse(db, actorOf(req), req.params.id);
        return course(req);
      },
    );
    r.post(
      '/courses/:id/review',
      {
        schema: {
          tags,
          summary: 'Reviewer: approve or reject (reason), 数字微校 flag',
          params: zIdParams,
          body: zCourseReviewInput,
          response: { 200: zCourse },
        },
      },
      async (req) => {
        await reviewCourse(db, actorOf(req), req.params.id, req.body);
        return course(req);
      },
    );
    r.put(
      '/courses/:id/introduction',
      { schema: { tags, summary: 'The course introduction, by section', params: zIdParams, body: zIntroductionInput, response: { 200: zCourse } } },
      async (req) => {
        await setIntroduction(db, actorOf(req), req.params.id, req.body.sections);
        return course(req);
      },
    );
    r.post(
      '/courses/:id/publish',
      { schema: { tags, summary: 'Publish (≥ 12 published lessons)', params: zIdParams, response: { 200: zCourse } } },
      async (req) => {
        await publishCourse(db, actorOf(req), req.params.id);
        return course(req);
      },
    );
    r.post(
      '/courses/:id/complete',
      { schema: { tags, summary: '结课 (thresholds of CRS-13)', params: zIdParams, response: { 200: zCourse } } },
      async (req) => {
        await completeCourse(db, actorOf(req), req.params.id);
        return course(req);
      },
    );
    r.get(
      '/courses/:id/checklist',
      { schema: { tags, summary: 'Construction requirements (CRS-14)', params: zIdParams, response: { 200: zChecklist } } },
      async (req) => checklistOf(db, actorOf(req), req.params.id),
    );
    r.get('/courses/:id/report', { schema: { tags, summary: 'Completion report 结课报告 (PDF)', params: zIdParams } }, async (req, reply) => {
      const report = await completionReport(db, actorOf(req), clock, req.params.id);
      return sendFile(reply, report.name, PDF_CONTENT_TYPE, report.body);
    });

    // CRS-3 chapters and lessons
    r.post(
      '/courses/:id/chapters',
      { schema: { tags, summary: 'Add a chapter', params: zIdParams, body: zChapterInput, response: { 200: zCourse } } },
      async (req) => {
        await addChapter(db, actorOf(req), req.params.id, req.body.title);
        return course(req);
      },
    );
    r.put(
      '/chapters/:id',
      { schema: { tags, summary: 'Rename a chapter', params: zIdParams, body: zChapterInput, response: { 200: zCourse } } },
      async (req) => {
        const courseId = await renameChapter(db, actorOf(req), req.params.id, req.body.title);
        return getCourse(db, actorOf(req), clock, courseId);
      },
    );
    r.delete('/chapters/:id', { schema: { tags, summary: 'Delete an empty chapter', params: zIdParams, response: { 200: zCourse } } }, async (req) => {
      const courseId = await deleteChapter(db, actorOf(req), req.params.id);
      return getCourse(db, actorOf(req), clock, courseId);
    });
    r.post(
      '/courses/:id/lessons',
      { schema: { tags, summary: 'Add a lesson (课时)', params: zIdParams, body: zLessonInput, response: { 200: zLesson } } },
      async (req) => {
        const id = await addLesson(db, actorOf(req), req.params.id, req.body);
        return lesson(req, id);
      },
    );
    r.get(
      '/lessons/:id',
      { schema: { tags, summary: 'A lesson with its video status, documents and history', params: zIdParams, response: { 200: zLesson } } },
      async (req) => lesson(req, req.params.id),
    );
    r.put(
      '/lessons/:id',
      { schema: { tags, summary: 'Edit a draft or returned lesson', params: zIdParams, body: zLessonInput, response: { 200: zLesson } } },
      async (req) => {
        await updateLesson(db, actorOf(req), req.params.id, req.body);
        return lesson(req, req.params.id);
      },
    );
    r.delete('/lessons/:id', { schema: { tags, summary: 'Delete a draft or returned lesson', params: zIdParams, response: { 200: zOk } } }, async (req) => {
      await deleteLesson(db, config, actorOf(req), req.params.id);
      return { ok: true as const };
    });
    for (const action of ['submit', 'withdraw'] as const) {
      r.post(
        `/lessons/:id/${action}`,
        { schema: { tags, summary: `Instructor: ${action} the lesson`, params: zIdParams, response: { 200: zLesson } } },
        async (req) => {
          await actOnLesson(db, actorOf(req), req.params.id, action);
          return lesson(req, req.params.id);
        },
      );
    }
    r.post(
      '/lessons/:id/review',
      {
        schema: {
          tags,
          summary: 'Reviewer: approve (publish) or return with comments',
          params: zIdParams,
          body: zLessonReviewInput,
          response: { 200: zLesson },
        },
      },
      async (req) => {
        await actOnLesson(db, actorOf(req), req.params.id, req.body.action, req.body.reason);
        return lesson(req, req.params.id);
      },
    );
    r.get(
      '/lesson-reviews',
      { schema: { tags, summary: 'Lessons waiting for review (CRS-5)', querystring: z.strictObject(zPageQuery), response: { 200: zPage(zLessonQueueItem) } } },
      async (req) => lessonQueue(db, actorOf(req), clock, req.query),
    );

    // CRS-4 video: resumable upload, transcode status, delete, HLS
    r.post(
      '/lessons/:id/uploads',
      { schema: { tags, summary: 'Start a resumable video upload', params: zIdParams, body: zUploadStart, response: { 200: zUpload } } },
      async (req) => startUpload(db, config, actorOf(req), req.params.id, req.body),
    );
    r.get(
      '/uploads/:id',
      { schema: { tags, summary: 'Where an upload stands (resume from offset)', params: zUploadParams, response: { 200: zUpload } } },
      async (req) => getUpload(db, config, actorOf(req), req.params.id),
    );
    r.put(
      '/uploads/:id',
      {
        bodyLimit: config.uploadChunkBytes + 1024,
        schema: { tags, summary: 'Append one chunk at ?offset= (raw body)', params: zUploadParams, querystring: zUploadChunkQuery, response: { 200: zUpload } },
      },
      async (req) => putChunk(db, config, actorOf(req), req.params.id, req.query.offset, requireBody(req.body), jobs.kick),
    );
    r.delete('/lessons/:id/video', { schema: { tags, summary: 'Delete the lesson video', params: zIdParams, response: { 200: zLesson } } }, async (req) => {
      await deleteVideo(db, config, actorOf(req), req.params.id);
      return lesson(req, req.params.id);
    });
    r.get(
      '/videos/:id/hls/:file',
      {
        schema: {
          tags,
          summary: 'HLS playlist and segments',
          params: z.strictObject({ id: z.coerce.number().int().positive(), file: z.string().regex(HLS_FILE_RE) }),
        },
      },
      async (req, reply) => {
        const body = await readHlsFile(db, config, actorOf(req), clock, req.params.id, req.params.file);
        const type = req.params.file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t';
        return reply.header('content-type', type).header('cache-control', 'private, max-age=3600').send(body);
      },
    );

    // documents
    r.post(
      '/lessons/:id/documents',
      {
        bodyLimit: 21 * 1024 * 1024,
        schema: { tags, summary: 'Upload a lesson document (raw body, name in x-file-name)', params: zIdParams, response: { 200: zLesson } },
      },
      async (req) => {
        await addDocument(db, storage, actorOf(req), req.params.id, requireBody(req.body), headerFileName(req.headers['x-file-name'], '课时资料'));
        return lesson(req, req.params.id);
      },
    );
    r.delete('/documents/:id', { schema: { tags, summary: 'Delete a lesson document', params: zIdParams, response: { 200: zLesson } } }, async (req) => {
      const lessonId = await deleteDocument(db, storage, actorOf(req), req.params.id);
      return lesson(req, lessonId);
    });
    r.get('/documents/:id', { schema: { tags, summary: 'Download a lesson document', params: zIdParams } }, async (req, reply) => {
      const d = await readDocument(db, storage, actorOf(req), clock, req.params.id);
      return sendFile(reply, d.name, DOC_CONTENT_TYPES[d.type], d.body);
    });
  };
}

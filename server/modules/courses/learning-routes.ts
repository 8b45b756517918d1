import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zIdParams, zOk, zPage } from '../../../common/schemas/common.js';
import {
  zAttachmentParams,
  zAwardInput,
  zAwardPage,
  zAwardQuery,
  zCourseStudent,
  zEnrolment,
  zExercise,
  zExerciseInput,
  zExerciseListQuery,
  zGradeInput,
  zHomework,
  zHomeworkInput,
  zHomeworkListQuery,
  zImageParams,
  zProgressGrid,
  zProgressQuery,
  zReplyInput,
  zReusableDocument,
  zScoreQuery,
  zScoreSheet,
  zStoredFile,
  zStudentKindInput,
  zStudentListQuery,
  zStudentPage,
  zStudentParams,
  zStudentReview,
  zStudentReviewDecision,
  zStudentReviewInput,
  zStudentReviewListQuery,
  zTopic,
  zTopicDetail,
  zTopicInput,
  zTopicListQuery,
} from '../../../common/schemas/learning.js';
import type { RouteCtx } from '../../app.js';
import { DOC_CONTENT_TYPES, type DocType, headerFileName } from '../../lib/file-type.js';
import { acceptRawFiles, actorOf, requireBody, sendFile } from '../../lib/http.js';
import { enrol, getEnrolment, getProgressGrid, getScoreSheet, getStudent, listStudents, setStudentKind } from './learning.js';
import { giveAward, listAwards } from './learning-awards.js';
import { EXERCISE_FILE_MAX_BYTES, IMAGE_MAX_BYTES, readCourseImage, storeExerciseFile, uploadCourseImage } from './learning-files.js';
import { createTopic, decideReview, getReview, getTopic, listReviews, listTopics, replyToTopic, writeReview } from './learning-talk.js';
import {
  createExercise,
  deleteExercise,
  getExercise,
  getHomework,
  gradeHomework,
  listExercises,
  listHomework,
  listReusableDocuments,
  readAttachment,
  submitHomework,
  updateExercise,
} from './learning-work.js';

const tags = ['course learning'];
/** `title` and `comment` are 职称 and 意见建议 elsewhere; here they name the exercise and the grading comment. */
const exerciseLabels = { title: 'exerciseTitle' };

/** CRS-6..12: students, exercises, homework, topics, reviews, scoring, awards. */
export function learningRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    acceptRawFiles(app);

    // CRS-7 students -------------------------------------------------------------------------

    r.post(
      '/courses/:id/enrolment',
      { schema: { tags, summary: 'Enrol in a published course as 网络学员 (again: no change)', params: zIdParams, response: { 200: zEnrolment } } },
      async (req) => enrol(ctx.db, actorOf(req), req.params.id),
    );
    r.get(
      '/courses/:id/enrolment',
      { schema: { tags, summary: 'My enrolment in a course (NOT_ENROLLED when none)', params: zIdParams, response: { 200: zEnrolment } } },
      async (req) => getEnrolment(ctx.db, actorOf(req), req.params.id),
    );
    r.get(
      '/courses/:id/students',
      {
        schema: {
          tags,
          summary: 'Instructor (reviewers read): students with score, progress, bonus points and medals',
          params: zIdParams,
          querystring: zStudentListQuery,
          response: { 200: zStudentPage },
        },
      },
      async (req) => listStudents(ctx.db, actorOf(req), req.params.id, req.query),
    );
    r.get(
      '/courses/:id/students/:accountId',
      { schema: { tags, summary: 'One student as the list shows them', params: zStudentParams, response: { 200: zCourseStudent } } },
      async (req) => getStudent(ctx.db, actorOf(req), req.params.id, req.params.accountId),
    );
    r.put(
      '/courses/:id/students/:accountId',
      {
        config: { fieldLabels: { kind: 'studentKind' } },
        schema: {
          tags,
          summary: 'Instructor: promote to 互联网学生 (within the places) or demote to 网络学员; frozen once credited',
          params: zStudentParams,
          body: zStudentKindInput,
          response: { 200: zCourseStudent },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await setStudentKind(ctx.db, ctx.clock, actor, req.params.id, req.params.accountId, req.body.kind);
        return getStudent(ctx.db, actor, req.params.id, req.params.accountId);
      },
    );

    // CRS-6 exercises ------------------------------------------------------------------------

    r.get(
      '/courses/:id/exercises',
      {
        schema: {
          tags,
          summary: 'Exercises of a course (or one lesson): all for the instructor, those of open lessons for students',
          params: zIdParams,
          querystring: zExerciseListQuery,
          response: { 200: z.array(zExercise) },
        },
      },
      async (req) => listExercises(ctx.db, ctx.clock, actorOf(req), req.params.id, req.query.lessonId),
    );
    r.get(
      '/courses/:id/reusable-documents',
      {
        schema: {
          tags,
          summary: 'Instructor: lesson documents that may be reused as exercise attachments',
          params: zIdParams,
          response: { 200: z.array(zReusableDocument) },
        },
      },
      async (req) => listReusableDocuments(ctx.db, actorOf(req), req.params.id),
    );
    r.post(
      '/lessons/:id/exercise-files',
      {
        bodyLimit: 2 * EXERCISE_FILE_MAX_BYTES,
        schema: {
          tags,
          summary: 'Instructor: store a new attachment (raw body; PDF/Office/JPG/PNG by content, ≤ 20 MB; name in x-file-name); reference its key',
          params: zIdParams,
          response: { 200: zStoredFile },
        },
      },
      async (req) =>
        storeExerciseFile(ctx.db, ctx.storage, actorOf(req), req.params.id, requireBody(req.body), headerFileName(req.headers['x-file-name'], '附件')),
    );
    r.post(
      '/lessons/:id/exercises',
      {
        config: { fieldLabels: exerciseLabels },
        schema: { tags, summary: 'Instructor: add an exercise to a lesson', params: zIdParams, body: zExerciseInput, response: { 200: zExercise } },
      },
      async (req) => {
        const actor = actorOf(req);
        const id = await createExercise(ctx.db, ctx.storage, actor, req.params.id, req.body);
        return getExercise(ctx.db, ctx.clock, actor, id);
      },
    );
    r.get(
      '/exercises/:id',
      { schema: { tags, summary: 'An exercise with my submissions left (students) or counts (instructor)', params: zIdParams, response: { 200: zExercise } } },
      async (req) => getExercise(ctx.db, ctx.clock, actorOf(req), req.params.id),
    );
    r.put(
      '/exercises/:id',
      {
        config: { fieldLabels: exerciseLabels },
        schema: { tags, summary: 'Instructor: edit an exercise', params: zIdParams, body: zExerciseInput, response: { 200: zExercise } },
      },
      async (req) => {
        const actor = actorOf(req);
        await updateExercise(ctx.db, ctx.storage, actor, req.params.id, req.body);
        return getExercise(ctx.db, ctx.clock, actor, req.params.id);
      },
    );
    r.delete(
      '/exercises/:id',
      { schema: { tags, summary: 'Instructor: delete an exercise nobody has submitted to', params: zIdParams, response: { 200: zOk } } },
      async (req) => {
        await deleteExercise(ctx.db, ctx.storage, actorOf(req), req.params.id);
        return { ok: true as const };
      },
    );
    r.get(
      '/exercises/:id/attachments/:index',
      { schema: { tags, summary: 'Download an exercise attachment', params: zAttachmentParams } },
      async (req, reply) => {
        const f = await readAttachment(ctx.db, ctx.storage, ctx.clock, actorOf(req), req.params.id, req.params.index);
        return sendFile(reply, f.name, DOC_CONTENT_TYPES[f.ext as DocType] ?? 'application/octet-stream', f.body);
      },
    );

    // images of homework and topics ------------------------------------------------------------

    r.post(
      '/courses/:id/images',
      {
        bodyLimit: 2 * IMAGE_MAX_BYTES,
        schema: {
          tags,
          summary: 'Internet student: store a JPG/PNG (raw body, by content, ≤ 5 MB; name in x-file-name) for homework or a topic',
          params: zIdParams,
          response: { 200: zStoredFile },
        },
      },
      async (req) =>
        uploadCourseImage(ctx.db, ctx.storage, actorOf(req), req.params.id, requireBody(req.body), headerFileName(req.headers['x-file-name'], '图片')),
    );
    r.get(
      '/courses/:id/images/:file',
      { schema: { tags, summary: 'An image of a submission or topic, to those who may see it', params: zImageParams } },
      async (req, reply) => {
        const img = await readCourseImage(ctx.db, ctx.storage, actorOf(req), req.params.id, req.params.file);
        return reply.header('content-type', img.type).header('cache-control', 'private, max-age=3600').send(img.body);
      },
    );

    // CRS-8 homework -------------------------------------------------------------------------

    r.post(
      '/exercises/:id/homework',
      {
        schema: {
          tags,
          summary: 'Internet student: submit text and images (3 at most; again only after a failed mark; late only if allowed)',
          params: zIdParams,
          body: zHomeworkInput,
          response: { 200: zHomework },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const id = await submitHomework(ctx.db, ctx.storage, ctx.clock, actor, req.params.id, req.body);
        return getHomework(ctx.db, actor, id);
      },
    );
    r.get(
      '/courses/:id/homework',
      {
        schema: {
          tags,
          summary: 'Submissions: all for the instructor (作业管理), my own for a student; newest first',
          params: zIdParams,
          querystring: zHomeworkListQuery,
          response: { 200: zPage(zHomework) },
        },
      },
      async (req) => listHomework(ctx.db, actorOf(req), req.params.id, req.query),
    );
    r.get(
      '/homework/:id',
      { schema: { tags, summary: 'A submission (its author, the instructor, reviewers)', params: zIdParams, response: { 200: zHomework } } },
      async (req) => getHomework(ctx.db, actorOf(req), req.params.id),
    );
    r.post(
      '/homework/:id/grade',
      {
        config: { fieldLabels: { comment: 'gradeComment' } },
        schema: {
          tags,
          summary: 'Instructor: mark the latest submission excellent / passed / failed, with an optional score and comment',
          params: zIdParams,
          body: zGradeInput,
          response: { 200: zHomework },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await gradeHomework(ctx.db, ctx.clock, actor, req.params.id, req.body);
        return getHomework(ctx.db, actor, req.params.id);
      },
    );

    // CRS-9 topics ---------------------------------------------------------------------------

    r.post(
      '/lessons/:id/topics',
      { schema: { tags, summary: 'Internet student: start a topic on an open lesson', params: zIdParams, body: zTopicInput, response: { 200: zTopicDetail } } },
      async (req) => {
        const actor = actorOf(req);
        const id = await createTopic(ctx.db, ctx.storage, ctx.clock, actor, req.params.id, req.body);
        return getTopic(ctx.db, ctx.clock, actor, id);
      },
    );
    r.get(
      '/courses/:id/topics',
      {
        schema: {
          tags,
          summary: 'Topics of a course, newest first (话题管理)',
          params: zIdParams,
          querystring: zTopicListQuery,
          response: { 200: zPage(zTopic) },
        },
      },
      async (req) => listTopics(ctx.db, ctx.clock, actorOf(req), req.params.id, req.query),
    );
    r.get('/topics/:id', { schema: { tags, summary: 'A topic with its replies', params: zIdParams, response: { 200: zTopicDetail } } }, async (req) =>
      getTopic(ctx.db, ctx.clock, actorOf(req), req.params.id),
    );
    r.post(
      '/topics/:id/replies',
      {
        schema: {
          tags,
          summary: 'The instructor (answers; the first answer scores the topic) or an internet student replies',
          params: zIdParams,
          body: zReplyInput,
          response: { 200: zTopicDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await replyToTopic(ctx.db, ctx.clock, actor, req.params.id, req.body.text);
        return getTopic(ctx.db, ctx.clock, actor, req.params.id);
      },
    );

    // CRS-10 course reviews ------------------------------------------------------------------

    r.post(
      '/courses/:id/student-reviews',
      {
        schema: {
          tags,
          summary: 'Internet student: review the course (≥ 100 characters; one standing review)',
          params: zIdParams,
          body: zStudentReviewInput,
          response: { 200: zStudentReview },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const id = await writeReview(ctx.db, ctx.clock, actor, req.params.id, req.body.text);
        return getReview(ctx.db, actor, id);
      },
    );
    r.get(
      '/courses/:id/student-reviews',
      {
        schema: {
          tags,
          summary: 'Course reviews: all for the instructor and reviewers; approved ones and my own for others',
          params: zIdParams,
          querystring: zStudentReviewListQuery,
          response: { 200: zPage(zStudentReview) },
        },
      },
      async (req) => listReviews(ctx.db, actorOf(req), req.params.id, req.query),
    );
    r.post(
      '/student-reviews/:id/review',
      {
        schema: {
          tags,
          summary: 'Instructor: approve, or reject with a reason (评价管理)',
          params: zIdParams,
          body: zStudentReviewDecision,
          response: { 200: zStudentReview },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await decideReview(ctx.db, ctx.clock, actor, req.params.id, req.body);
        return getReview(ctx.db, actor, req.params.id);
      },
    );

    // CRS-11 scoring and progress ------------------------------------------------------------

    r.get(
      '/courses/:id/score',
      {
        schema: {
          tags,
          summary: 'A score sheet: mine, or a student’s for the instructor and reviewers (accountId)',
          params: zIdParams,
          querystring: zScoreQuery,
          response: { 200: zScoreSheet },
        },
      },
      async (req) => getScoreSheet(ctx.db, actorOf(req), req.params.id, req.query.accountId),
    );
    r.get(
      '/courses/:id/progress',
      {
        schema: {
          tags,
          summary: 'Instructor (reviewers read): students × published lessons, watched share and whole videos',
          params: zIdParams,
          querystring: zProgressQuery,
          response: { 200: zProgressGrid },
        },
      },
      async (req) => getProgressGrid(ctx.db, actorOf(req), req.params.id, req.query),
    );

    // CRS-12 awards --------------------------------------------------------------------------

    r.post(
      '/courses/:id/awards',
      {
        schema: {
          tags,
          summary: 'Instructor: bonus points (of 100) or a medal (of 5) to a credited student; answers the first page of awards',
          params: zIdParams,
          body: zAwardInput,
          response: { 200: zAwardPage },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await giveAward(ctx.db, ctx.clock, actor, req.params.id, req.body);
        return listAwards(ctx.db, actor, req.params.id, { page: 1, pageSize: 20 });
      },
    );
    r.get(
      '/courses/:id/awards',
      {
        schema: {
          tags,
          summary: 'Awards of a course with what is left of both budgets',
          params: zIdParams,
          querystring: zAwardQuery,
          response: { 200: zAwardPage },
        },
      },
      async (req) => listAwards(ctx.db, actorOf(req), req.params.id, req.query),
    );
  };
}

import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseStudents, courses, jobs, lessons, lessonVideos } from '../../db/schema.js';
import { createJobRunner } from '../../lib/jobs.js';
import { publishedCourse } from '../../test/courses.js';
import type { Client, TestCtx } from '../../test/helpers.js';
import { createTestApp } from '../../test/helpers.js';
import { at, day, loginAll } from '../../test/training.js';
import { segmentSecondsOf, transcodeVideo } from './media.js';

const exec = promisify(execFile);
const CHUNK = 64 * 1024;

let t: TestCtx;
let province: Client;
let teacher: Client;
let reviewer: Client;
let school: Client;
let tmp: string;
let clip: Buffer;
let cover: Buffer;

async function ffmpeg(args: string[], out: string): Promise<Buffer> {
  await exec('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, out]);
  return fs.readFile(out);
}

beforeAll(async () => {
  t = await createTestApp({ uploadChunkBytes: CHUNK, videoMaxBytes: 20 * 1024 * 1024 });
  [province, teacher, reviewer, school] = await loginAll(t, ['province', 'teacher', 'shenhe', 'school'] as const);
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'shixun-courses-'));
  // A real 14 s clip with sound from ffmpeg's test sources: three HLS segments of about 6 s.
  clip = await ffmpeg(
    [
      '-f',
      'lavfi',
      '-i',
      'testsrc=duration=14:size=320x180:rate=15',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=14',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'aac',
      '-shortest',
    ],
    path.join(tmp, 'clip.mp4'),
  );
  cover = await ffmpeg(['-f', 'lavfi', '-i', 'color=c=navy:s=750x422', '-frames:v', '1'], path.join(tmp, 'cover.png'));
});
afterAll(async () => {
  await t.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

const raw = (c: Client, method: 'POST' | 'PUT', url: string, body: Buffer, headers: Record<string, string> = {}) =>
  c.request(method, url, body, { 'content-type': 'application/octet-stream', ...headers });

const declaration = (coverKey: string, name = '小学数学思维训练') => ({
  name,
  stage: 'primary',
  grades: [3, 4],
  subject: 'math',
  difficulty: 'basic',
  summary: '面向三、四年级的数学思维课程',
  coverKey,
  internetPlaces: 60,
});

async function openWindow() {
  const year = Number(day(t).slice(0, 4));
  const res = await province.put(`/api/course-windows/${year}`, { opensOn: day(t, -1), closesOn: day(t, 10) });
  expect(res.statusCode).toBe(200);
}

async function completeProfile() {
  expect((await raw(teacher, 'PUT', '/api/instructor-profile/avatar', cover)).statusCode).toBe(200);
  expect((await teacher.put('/api/instructor-profile', { intro: '从事小学数学教学十五年，省级教坛新秀。' })).statusCode).toBe(200);
}

async function waitForVideo(lessonId: number, c: Client = teacher) {
  for (let i = 0; i < 300; i++) {
    const l = (await c.get(`/api/lessons/${lessonId}`)).json();
    if (l.video && (l.video.state === 'ready' || l.video.state === 'failed')) return l;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('transcode did not finish');
}

describe('declaration (CRS-1) and its review (CRS-2)', () => {
  let coverKey: string;
  let courseId: number;

  it('is refused outside the window, and the window is the province’s to set', async () => {
    const year = Number(day(t).slice(0, 4));
    expect((await school.put(`/api/course-windows/${year}`, { opensOn: day(t), closesOn: day(t, 1) })).statusCode).toBe(403);
    expect((await province.put(`/api/course-windows/${year}`, { opensOn: day(t, 2), closesOn: day(t, 1) })).statusCode).toBe(400);
    const cov = await raw(teacher, 'POST', '/api/course-covers', cover);
    expect(cov.statusCode).toBe(200);
    coverKey = cov.json().key;
    const res = await teacher.post('/api/courses', declaration(coverKey));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('COURSE_WINDOW_CLOSED');
  });

  it('checks the cover by its content: JPG/PNG of 750×422 or 1920×1080', async () => {
    const wrong = await ffmpeg(['-f', 'lavfi', '-i', 'color=c=red:s=800x450', '-frames:v', '1'], path.join(tmp, 'wrong.png'));
    const res = await raw(teacher, 'POST', '/api/course-covers', wrong);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('800×450');
    const fake = await raw(teacher, 'POST', '/api/course-covers', Buffer.from('not an image at all, just text'));
    expect(fake.json().code).toBe('COVER_INVALID');
    const big = await ffmpeg(['-f', 'lavfi', '-i', 'color=c=red:s=1920x1080', '-frames:v', '1'], path.join(tmp, 'big.jpg'));
    const ok = await raw(teacher, 'POST', '/api/course-covers', big);
    expect(ok.json()).toMatchObject({ width: 1920, height: 1080 });
    expect(ok.json().key).toMatch(/\.jpg$/);
  });

  it('needs a complete profile and a training-certified teacher', async () => {
    await openWindow();
    const profile = (await teacher.get('/api/instructor-profile')).json();
    expect(profile.missing).toEqual(expect.arrayContaining(['avatar', 'intro']));
    const res = await teacher.post('/api/courses', declaration(coverKey));
    expect(res.json().code).toBe('PROFILE_INCOMPLETE');
    expect(res.json().message).toContain('头像');
    expect((await reviewer.post('/api/courses', declaration(coverKey))).statusCode).toBe(403);
    expect((await raw(teacher, 'PUT', '/api/instructor-profile/avatar', Buffer.from('GIF89a....'))).json().code).toBe('IMAGE_INVALID');
    await completeProfile();
    expect((await teacher.get('/api/instructor-profile')).json().missing).toEqual([]);
  });

  it('rejects bad input with field messages and grades outside the stage', async () => {
    const res = await teacher.post('/api/courses', { ...declaration(coverKey), name: '', internetPlaces: 0 });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields)).toEqual(expect.arrayContaining(['name', 'internetPlaces']));
    const stage = await teacher.post('/api/courses', { ...declaration(coverKey), grades: [8] });
    expect(stage.json().fields.grades).toBeDefined();
  });

  it('declares once; a second declaration waits for the first', async () => {
    const res = await teacher.post('/api/courses', declaration(coverKey));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'pending', party: 'instructor', can: { review: false } });
    courseId = res.json().id;
    expect((await teacher.post('/api/courses', declaration(coverKey, '另一门课'))).json().code).toBe('DECLARATION_OPEN');
    // Not in the catalogue, and invisible to other teachers.
    const cat = (await school.get('/api/courses?view=catalogue')).json();
    expect(cat.items.map((c: { id: number }) => c.id)).not.toContain(courseId);
    expect((await school.get(`/api/courses/${courseId}`)).statusCode).toBe(404);
  });

  it('is reviewed by reviewers: a rejection needs a reason, a resubmission goes back to the queue', async () => {
    expect((await teacher.post(`/api/courses/${courseId}/review`, { action: 'approve' })).statusCode).toBe(403);
    const queue = (await reviewer.get('/api/courses?view=review')).json();
    expect(queue.items.map((c: { id: number }) => c.id)).toContain(courseId);
    expect((await reviewer.post(`/api/courses/${courseId}/review`, { action: 'reject' })).statusCode).toBe(400);
    const rejected = await reviewer.post(`/api/courses/${courseId}/review`, { action: 'reject', reason: '课程简介过于简单' });
    expect(rejected.json().state).toBe('rejected');
    expect((await teacher.get(`/api/courses/${courseId}`)).json().history.at(-1)).toMatchObject({ reason: '课程简介过于简单', toState: 'rejected' });
    expect(
      (await teacher.put(`/api/courses/${courseId}`, { ...declaration(coverKey), summary: '更详细的简介：培养三、四年级学生的数学思维' })).statusCode,
    ).toBe(200);
    expect((await teacher.post(`/api/courses/${courseId}/resubmit`)).json().state).toBe('pending');
    const approved = await reviewer.post(`/api/courses/${courseId}/review`, { action: 'approve', microSchool: true });
    expect(approved.json()).toMatchObject({ state: 'approved', microSchool: true });
    expect((await reviewer.post(`/api/courses/${courseId}/review`, { action: 'approve' })).json().code).toBe('INVALID_STATE');
  });

  describe('structure (CRS-3), video (CRS-4) and lesson review (CRS-5)', () => {
    let chapterId: number;
    let lessonId: number;

    it('builds chapters and lessons with a date and 试看', async () => {
      const ch = await teacher.post(`/api/courses/${courseId}/chapters`, { title: '第一章 数与代数' });
      chapterId = at(ch.json().chapters as { id: number }[], 0).id;
      const l = await teacher.post(`/api/courses/${courseId}/lessons`, { chapterId, title: '第 1 课时 认识分数', lessonDate: day(t), trial: true });
      expect(l.json()).toMatchObject({ state: 'draft', trial: true, video: null });
      lessonId = l.json().id;
      expect((await teacher.post(`/api/courses/${courseId}/lessons`, { chapterId: 999999, title: 'x', lessonDate: day(t) })).statusCode).toBe(400);
      expect((await teacher.delete(`/api/chapters/${chapterId}`)).json().code).toBe('CHAPTER_NOT_EMPTY');
      expect((await school.post(`/api/courses/${courseId}/chapters`, { title: 'x' })).statusCode).toBe(404);
    });

    it('refuses to submit a lesson without a ready video, and publishing with fewer than 12 lessons', async () => {
      expect((await teacher.post(`/api/lessons/${lessonId}/submit`)).json().code).toBe('VIDEO_NOT_READY');
      const res = await teacher.post(`/api/courses/${courseId}/publish`);
      expect(res.json()).toMatchObject({ code: 'TOO_FEW_LESSONS' });
      expect(res.json().message).toContain('12');
    });

    it('uploads a video in chunks, resumes after a dropped connection, and refuses a wrong offset or an oversized file', async () => {
      expect((await teacher.post(`/api/lessons/${lessonId}/uploads`, { fileName: 'huge.mp4', size: 50 * 1024 * 1024 })).json().code).toBe('VIDEO_TOO_LARGE');
      const start = (await teacher.post(`/api/lessons/${lessonId}/uploads`, { fileName: 'clip.mp4', size: clip.length })).json();
      expect(start).toMatchObject({ offset: 0, chunkSize: CHUNK, done: false });
      expect((await raw(teacher, 'PUT', `/api/uploads/${start.id}?offset=0`, clip.subarray(0, CHUNK))).json().offset).toBe(CHUNK);
      // The connection drops; the client asks where to go on, and a retried chunk at a stale offset is told where.
      const stale = await raw(teacher, 'PUT', `/api/uploads/${start.id}?offset=0`, clip.subarray(0, CHUNK));
      expect(stale.statusCode).toBe(409);
      expect(stale.json().message).toContain(String(CHUNK));
      expect((await school.get(`/api/uploads/${start.id}`)).statusCode).toBe(404);
      let offset = (await teacher.get(`/api/uploads/${start.id}`)).json().offset as number;
      expect(offset).toBe(CHUNK);
      let last = null;
      while (offset < clip.length) {
        last = (await raw(teacher, 'PUT', `/api/uploads/${start.id}?offset=${offset}`, clip.subarray(offset, offset + CHUNK))).json();
        offset = last.offset;
      }
      expect(last).toMatchObject({ done: true, video: { state: expect.stringMatching(/queued|transcoding|ready/) } });
      expect((await raw(teacher, 'PUT', `/api/uploads/${start.id}?offset=${offset}`, Buffer.from('x'))).json().code).toBe('UPLOAD_FINISHED');
    });

    it('transcodes to HLS with real ffmpeg in the background, with status and progress', async () => {
      const l = await waitForVideo(lessonId);
      expect(l.video).toMatchObject({ state: 'ready', progress: 100, error: null });
      expect(l.video.durationS).toBeGreaterThan(12);
      const playlist = await teacher.get(l.video.playlistUrl);
      expect(playlist.statusCode).toBe(200);
      expect(playlist.body).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      const segs = segmentSecondsOf(playlist.body);
      expect(segs.length).toBeGreaterThanOrEqual(3);
      const seg = await teacher.get(l.video.playlistUrl.replace('index.m3u8', 'seg_0000.ts'));
      expect(seg.statusCode).toBe(200);
      expect(seg.rawPayload[0]).toBe(0x47); // MPEG-TS sync byte
      // Other teachers cannot fetch the video of an unpublished course.
      expect((await school.get(l.video.playlistUrl)).statusCode).toBe(404);
      const [job] = await t.db.select().from(jobs).where(eq(jobs.kind, 'transcode'));
      expect(job?.state).toBe('done');
    });

    it('refuses a file that is not a video', async () => {
      const l2 = (await teacher.post(`/api/courses/${courseId}/lessons`, { chapterId, title: '第 2 课时', lessonDate: day(t) })).json();
      const junk = Buffer.alloc(3000, 7);
      const start = (await teacher.post(`/api/lessons/${l2.id}/uploads`, { fileName: 'junk.mp4', size: junk.length })).json();
      const res = await raw(teacher, 'PUT', `/api/uploads/${start.id}?offset=0`, junk);
      expect(res.json().code).toBe('VIDEO_INVALID');
      expect((await teacher.get(`/api/lessons/${l2.id}`)).json().video).toBeNull();
      expect((await teacher.delete(`/api/lessons/${l2.id}`)).statusCode).toBe(200);
    });

    it('attaches documents checked by content', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      const ok = await raw(teacher, 'POST', `/api/lessons/${lessonId}/documents`, pdf, { 'x-file-name': encodeURIComponent('讲义.pdf') });
      expect(ok.json().documents).toEqual([expect.objectContaining({ fileName: '讲义.pdf' })]);
      expect(
        (await raw(teacher, 'POST', `/api/lessons/${lessonId}/documents`, Buffer.from('MZ binary stuff here'), { 'x-file-name': 'a.exe' })).statusCode,
      ).toBe(415);
    });

    it('goes draft → pending → returned (reason) → pending → published, and withdraw returns it to draft, with history', async () => {
      expect((await teacher.post(`/api/lessons/${lessonId}/submit`)).json().state).toBe('pending');
      expect((await teacher.put(`/api/lessons/${lessonId}`, { chapterId, title: '改名', lessonDate: day(t) })).json().code).toBe('LESSON_LOCKED');
      const queue = (await reviewer.get('/api/lesson-reviews')).json();
      expect(queue.items.map((l: { id: number }) => l.id)).toContain(lessonId);
      expect(at(queue.items as { documents: unknown[] }[], 0).documents).toHaveLength(1);
      expect((await teacher.post(`/api/lessons/${lessonId}/review`, { action: 'approve' })).statusCode).toBe(403);
      expect((await reviewer.post(`/api/lessons/${lessonId}/review`, { action: 'return' })).statusCode).toBe(400);
      expect((await reviewer.post(`/api/lessons/${lessonId}/review`, { action: 'return', reason: '视频开头有杂音' })).json().state).toBe('returned');
      expect((await teacher.post(`/api/lessons/${lessonId}/submit`)).json().state).toBe('pending');
      expect((await reviewer.post(`/api/lessons/${lessonId}/review`, { action: 'approve' })).json().state).toBe('published');
      const withdrawn = (await teacher.post(`/api/lessons/${lessonId}/withdraw`)).json();
      expect(withdrawn.state).toBe('draft');
      expect(withdrawn.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'return', 'submit', 'approve', 'withdraw']);
      expect(withdrawn.history[1].reason).toBe('视频开头有杂音');
      await teacher.post(`/api/lessons/${lessonId}/submit`);
      await reviewer.post(`/api/lessons/${lessonId}/review`, { action: 'approve' });
    });

    it('publishes with 12 published lessons; only then is it in the catalogue and the 试看 lesson open to anyone', async () => {
      // Eleven more published lessons (their videos do not matter here).
      for (let i = 2; i <= 12; i++) {
        await t.db.insert(lessons).values({ courseId, chapterId, title: `第 ${i} 课时`, lessonDate: day(t, 1), position: i, state: 'published' });
      }
      const pub = await teacher.post(`/api/courses/${courseId}/publish`);
      expect(pub.json().state).toBe('published');
      expect((await school.get('/api/courses?view=catalogue')).json().items.map((c: { id: number }) => c.id)).toContain(courseId);
      const page = (await school.get(`/api/courses/${courseId}`)).json();
      expect(page).toMatchObject({ party: 'visitor', can: { enrol: true } });
      // A reviewer reviews; they do not enrol in that role.
      expect((await reviewer.get(`/api/courses/${courseId}`)).json()).toMatchObject({ party: 'reviewer', can: { enrol: false } });
      expect((await reviewer.post(`/api/courses/${courseId}/enrolment`)).json().code).toBe('FORBIDDEN');
      const trial = at(page.chapters[0].lessons as { id: number; watchable: boolean; video: { playlistUrl: string } }[], 0);
      expect(trial.watchable).toBe(true);
      expect((await school.get(trial.video.playlistUrl)).statusCode).toBe(200);
    });

    it('shows the construction checklist (CRS-14)', async () => {
      await teacher.put(`/api/courses/${courseId}/introduction`, { sections: { content: '分数的认识', audience: '三年级学生' } });
      const list = (await teacher.get(`/api/courses/${courseId}/checklist`)).json();
      const item = (k: string) => list.items.find((i: { key: string }) => i.key === k);
      expect(item('intro.content').ok).toBe(true);
      expect(item('intro.goals').ok).toBe(false);
      expect(item('lessons')).toMatchObject({ ok: true, count: 12 });
      // A 14-second video is far below the 8–10 minutes of a primary lesson.
      expect(item('videoLength').ok).toBe(false);
      expect(item('videoLength').lessons[0]).toMatchObject({ title: expect.stringContaining('第 1 课时'), minutes: 0.2 });
      expect(list.ok).toBe(false);
      expect((await school.get(`/api/courses/${courseId}/checklist`)).statusCode).toBe(403);
    });
  });
});

describe('completion (CRS-13)', () => {
  it('needs 12 lessons, 50 internet students and 30 credited; then the course is read-only with a PDF report', async () => {
    const c = await publishedCourse(t);
    const refused = await c.instructor.post(`/api/courses/${c.courseId}/complete`);
    expect(refused.json().code).toBe('COMPLETION_THRESHOLDS');
    expect(refused.json().message).toContain('互联网学生 0/50');
    // 50 internet students, 29 of them credited: still refused.
    await t.db.execute(sql`
      insert into course_students (course_id, account_id, kind, credit_at)
      select ${c.courseId}, id, 'internet', case when row_number() over (order by id) <= 29 then now() end
      from accounts where id <> ${c.instructorAccountId} order by id limit 50`);
    expect((await c.instructor.post(`/api/courses/${c.courseId}/complete`)).json().message).toContain('获得学分学员 29/30');
    expect((await c.instructor.get(`/api/courses/${c.courseId}`)).json().can.complete).toBe(false);
    await t.db
      .update(courseStudents)
      .set({ creditAt: new Date() })
      .where(
        and(
          eq(courseStudents.courseId, c.courseId),
          sql`${courseStudents.creditAt} is null`,
          sql`${courseStudents.accountId} = (select min(account_id) from course_students where course_id = ${c.courseId} and credit_at is null)`,
        ),
      );
    expect((await c.instructor.get(`/api/courses/${c.courseId}`)).json().can.complete).toBe(true);
    expect((await c.instructor.get(`/api/courses/${c.courseId}/report`)).json().code).toBe('INVALID_STATE');
    const done = await c.instructor.post(`/api/courses/${c.courseId}/complete`);
    expect(done.json()).toMatchObject({ state: 'completed', can: { edit: false, report: true } });
    expect((await c.instructor.post(`/api/courses/${c.courseId}/chapters`, { title: '新章节' })).json().code).toBe('COURSE_READ_ONLY');
    expect((await c.instructor.put(`/api/courses/${c.courseId}/introduction`, { sections: { content: 'x' } })).json().code).toBe('COURSE_READ_ONLY');
    const report = await c.instructor.get(`/api/courses/${c.courseId}/report`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('application/pdf');
    const pdf = await PDFDocument.load(report.rawPayload);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2);
    expect(pdf.getTitle()).toContain('结课报告');
    expect((await school.get(`/api/courses/${c.courseId}/report`)).statusCode).toBe(403);
  });
});

describe('background jobs', () => {
  it('takes up a job whose worker died once its lease lapses, and retries a failure until the last attempt', async () => {
    const seen: number[] = [];
    const [dead] = await t.db
      .insert(jobs)
      .values({ kind: 'test', payload: { n: 1 }, state: 'running', attempts: 1, leaseUntil: new Date(Date.now() - 1000) })
      .returning();
    const [failing] = await t.db
      .insert(jobs)
      .values({ kind: 'test', payload: { n: 2 }, maxAttempts: 1 })
      .returning();
    const runner = createJobRunner({
      db: t.db,
      log: { info: () => {}, error: () => {} },
      pollMs: 20,
      handlers: {
        test: async (job) => {
          seen.push(Number(job.payload.n));
          if (job.payload.n === 2) throw new Error('boom');
        },
      },
    });
    runner.start();
    for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    await runner.stop();
    expect(seen.sort()).toEqual([1, 2]);
    const rows = await t.db.select().from(jobs).where(sql`${jobs.id} in (${dead?.id}, ${failing?.id})`);
    expect(rows.find((r) => r.id === dead?.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(rows.find((r) => r.id === failing?.id)).toMatchObject({ state: 'failed', lastError: 'boom' });
  });

  it('stores the reason of a failed transcode for the studio', async () => {
    const c = await publishedCourse(t, { lessons: 1 });
    const lessonId = at(c.lessonIds, 0);
    const [v] = await t.db.insert(lessonVideos).values({ lessonId, fileName: 'broken.mp4', size: 10, state: 'queued' }).returning();
    if (!v) throw new Error('no video');
    const dir = path.join(os.tmpdir(), 'shixun-test', 'media', v.mediaKey);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'source'), 'not a video');
    const config = { dataDir: path.join(os.tmpdir(), 'shixun-test'), ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe' };
    await expect(transcodeVideo(t.db, config, { payload: { videoId: v.id }, signal: new AbortController().signal, final: true })).rejects.toThrow();
    const [after] = await t.db.select().from(lessonVideos).where(eq(lessonVideos.id, v.id));
    expect(after).toMatchObject({ state: 'failed' });
    expect(after?.error).toContain('不是可识别的视频');
    await fs.rm(dir, { recursive: true, force: true });
    await t.db.delete(courses).where(eq(courses.id, c.courseId));
  });
});

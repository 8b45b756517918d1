import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Course, Lesson } from '../common/schemas/courses.js';
import { solidPng } from '../server/db/seed/courses.js';
import { confirmModal, launch, loggedIn, POLL, phoneShot, pick, settle, shot, textOf, typeDate } from './browser.js';

/** Transcoding (and the demo's own videos queued at start) takes a while on a small machine. */
const TRANSCODE = { timeout: 90_000, interval: 500 };

let browser: Browser;
let tmp: string;
beforeAll(async () => {
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sx-courses-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A short test clip made by ffmpeg's lavfi sources; `mbps` pads it to a size that needs several upload chunks. */
function makeClip(name: string, seconds: number, mbps?: number): string {
  const file = path.join(tmp, name);
  const rate = mbps ? ['-b:v', `${mbps}M`, '-minrate', `${mbps}M`, '-maxrate', `${mbps}M`, '-bufsize', `${mbps}M`, '-x264-params', 'nal-hrd=cbr'] : [];
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc=duration=${seconds}:size=640x360:rate=25`,
    '-f',
    'lavfi',
    '-i',
    `sine=duration=${seconds}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    ...rate,
    '-c:a',
    'aac',
    '-shortest',
    '-y',
    file,
  ]);
  return file;
}

/** GET through the page's session (its cookies); the answer as JSON. */
async function get<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`${inject('baseUrl')}${url}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as T;
}

it('CRS-11 player: a student enrols, plays a lesson at 2× and the server counts its segments as they are played, up to the whole video; seeking to the end of another earns nothing', async () => {
  const base = inject('baseUrl');
  // A bureau admin may learn too (an account without a teacher record gets no ledger entry): here, a 网络学员 of the demo course.
  const student = await loggedIn(browser, 'yuhang', { viewport: { width: 1440, height: 900 } });
  const found = await get<{ items: { id: number; name: string }[] }>(student, `/api/courses?view=catalogue&q=${encodeURIComponent('小学数学思维训练营')}`);
  const courseId = found.items[0]?.id as number;
  expect(courseId).toBeGreaterThan(0);
  await student.goto(`${base}/courses/${courseId}`);
  await student.getByTestId('course-enrol').click();
  await expect.poll(() => textOf(student.getByTestId('course-student-kind')), POLL).toBe('网络学员');
  const course = await get<Course>(student, `/api/courses/${courseId}`);
  const [second, third] = course.chapters.flatMap((c) => c.lessons).slice(1, 3) as [Lesson, Lesson];
  // The demo's videos are transcoded after the server starts.
  for (const l of [second, third]) await expect.poll(async () => (await get<Lesson>(student, `/api/lessons/${l.id}`)).video?.state, TRANSCODE).toBe('ready');
  const videoOf = async (l: Lesson) => (await get<Lesson>(student, `/api/lessons/${l.id}`)).video?.id as number;
  type Progress = { segments: string; whole: boolean; positionS: number; segmentSeconds: number[] };
  const progressOf = (videoId: number) => get<Progress>(student, `/api/videos/${videoId}/progress`);
  const watched = (p: Progress) => [...p.segments].filter((c) => c === '1').length;

  // 1. Lesson 2 at 2×: pausing half-way reports the segments played so far; coming back resumes, and playing on to the end makes the video whole.
  const secondVideo = await videoOf(second);
  await student.goto(`${base}/lessons/${second.id}`);
  const video = student.getByTestId('player-video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), POLL).toBeGreaterThanOrEqual(1);
  await student.getByTestId('player-speed').getByText('2×', { exact: true }).click();
  expect(await video.evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(2);
  const total = (await progressOf(secondVideo)).segmentSeconds.length;
  expect(total).toBeGreaterThanOrEqual(4);
  expect(watched(await progressOf(secondVideo))).toBe(0);
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000, interval: 100 }).toBeGreaterThan(13);
  await video.evaluate((v: HTMLVideoElement) => v.pause());
  await expect.poll(async () => watched(await progressOf(secondVideo)), POLL).toBeGreaterThanOrEqual(2);
  const halfway = await progressOf(secondVideo);
  expect(halfway.whole).toBe(false);
  expect(watched(halfway)).toBeLessThan(total);
  await shot(student, 'courses-player-halfway');
  // Coming back resumes where the student stopped: from the start of the segment not yet watched.
  await student.reload();
  await student.getByTestId('player-resumed').waitFor();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), POLL).toBeGreaterThan(halfway.positionS - 6.5);
  expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThanOrEqual(halfway.positionS);
  await student.getByTestId('player-speed').getByText('2×', { exact: true }).click();
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.ended), { timeout: 30_000, interval: 200 }).toBe(true);
  await expect.poll(async () => (await progressOf(secondVideo)).whole, POLL).toBe(true);
  expect(watched(await progressOf(secondVideo))).toBe(total);
  await student.getByTestId('player-whole').waitFor();
  await shot(student, 'courses-player-whole');

  // 2. Lesson 3: seeking to the last second and playing to the end counts nothing, and the video is not whole.
  const thirdVideo = await videoOf(third);
  await student.goto(`${base}/lessons/${third.id}`);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), POLL).toBeGreaterThanOrEqual(1);
  await student.getByTestId('player-speed').getByText('2×', { exact: true }).click();
  await video.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    v.currentTime = v.duration - 1;
    await v.play();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.ended), { timeout: 15_000, interval: 200 }).toBe(true);
  await expect.poll(async () => (await progressOf(thirdVideo)).positionS, POLL).toBeGreaterThan(25);
  const skipped = await progressOf(thirdVideo);
  expect(skipped.whole).toBe(false);
  expect(skipped.segments).toMatch(/^0+$/);

  // The course page shows the student's score sheet, also on a phone.
  await student.goto(`${base}/courses/${courseId}?tab=score`);
  await student.getByTestId('score-sheet').waitFor();
  await phoneShot(student, 'courses-score-phone', () => student.getByTestId('score-sheet').waitFor(), { reload: true });
  await student.context().close();
});

it('CRS-1..5: a teacher declares a course (the cover size rule answered next to the field), the reviewer approves it, the teacher adds a lesson and uploads its video through the page (a dropped chunk is resumed), sees it transcode and submits it; the reviewer watches it and approves', async () => {
  const base = inject('baseUrl');
  const name = `课堂观察与反思 ${Date.now().toString(36).slice(-4)}`;
  const clip = makeClip('lesson.mp4', 6, 16);
  expect(fs.statSync(clip).size).toBeGreaterThan(8 * 1024 * 1024);

  // 1. 课程申报: inside the window, with a complete profile.
  const teacher = await loggedIn(browser, 'teacher', { viewport: { width: 1440, height: 900 } });
  await teacher.goto(`${base}/courses/mine`);
  await teacher.getByTestId('profile-complete').waitFor();
  await shot(teacher, 'courses-studio');
  await teacher.getByTestId('course-declare').click();
  await settle(teacher);
  await teacher.getByTestId('course-name').fill(name);
  await pick(teacher, 'course-stage', '小学');
  await pick(teacher, 'course-grades', '五年级', '六年级');
  await teacher.keyboard.press('Escape');
  await pick(teacher, 'course-subject', '数学');
  await teacher.getByTestId('course-summary').fill('通过课堂观察记录与反思，提升五、六年级学生的数学表达与推理能力。');
  const cover = teacher.locator('[data-testid="course-cover"] input[type=file]');
  // A cover of the wrong size: the server's refusal, with the size it found, stands under the field.
  await cover.setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: solidPng(800, 450, [20, 90, 160]) });
  const coverItem = teacher.locator('.ant-form-item', { has: teacher.getByTestId('course-cover') });
  await expect.poll(() => textOf(coverItem.locator('.ant-form-item-explain')), POLL).toContain('800×450');
  await shot(teacher, 'courses-declare-cover-refused');
  await cover.setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: solidPng(750, 422, [20, 90, 160]) });
  await teacher.getByTestId('cover-preview').waitFor();
  await teacher.getByTestId('course-form-submit').click();
  await teacher.waitForURL((u) => /^\/courses\/\d+\/manage$/.test(u.pathname));
  const courseId = Number(new URL(teacher.url()).pathname.split('/')[2]);
  await expect.poll(() => textOf(teacher.getByTestId('workspace-course-state')), POLL).toBe('申报审核中');

  // 2. 申报审核: the reviewer approves, ticking 数字微校.
  const shenhe = await loggedIn(browser, 'shenhe', { viewport: { width: 1440, height: 900 } });
  await shenhe.goto(`${base}/courses/review`);
  await shenhe.getByTestId(`review-open-${courseId}`).click();
  await shenhe.getByTestId('course-declaration').waitFor();
  await shenhe.getByTestId('review-micro-school').check();
  await shot(shenhe, 'courses-declaration-review');
  await shenhe.getByTestId('review-approve').click();
  await confirmModal(shenhe);
  await expect.poll(async () => (await get<Course>(shenhe, `/api/courses/${courseId}`)).state, POLL).toBe('approved');
  expect((await get<Course>(shenhe, `/api/courses/${courseId}`)).microSchool).toBe(true);

  // 3. 课程安排: a chapter and a lesson dated today.
  const today = (await get<{ today: string }>(teacher, '/api/course-windows/current')).today;
  await teacher.goto(`${base}/courses/${courseId}/manage?tab=structure`);
  await teacher.getByTestId('chapter-add').click();
  await settle(teacher);
  await teacher.getByTestId('chapter-title').fill('第一章 课堂观察');
  await teacher.getByTestId('chapter-save').click();
  await expect.poll(async () => (await get<Course>(teacher, `/api/courses/${courseId}`)).chapters.length, POLL).toBe(1);
  const chapterId = (await get<Course>(teacher, `/api/courses/${courseId}`)).chapters[0]?.id as number;
  await teacher.getByTestId(`lesson-add-${chapterId}`).click();
  await settle(teacher);
  await teacher.getByTestId('lesson-title').fill('第 1 课时 怎样做课堂观察');
  await typeDate(teacher, 'lesson-date', today);
  await teacher.getByTestId('lesson-save').click();
  await expect.poll(async () => (await get<Course>(teacher, `/api/courses/${courseId}`)).chapters[0]?.lessons.length, POLL).toBe(1);
  const lessonId = (await get<Course>(teacher, `/api/courses/${courseId}`)).chapters[0]?.lessons[0]?.id as number;
  await shot(teacher, 'courses-structure');

  // 4. 授课内容: upload the video in chunks; the second chunk's connection drops once and the page resumes from the server's offset.
  let dropped = 0;
  const chunks = (url: URL) => url.pathname.startsWith('/api/uploads/');
  await teacher.route(chunks, async (route) => {
    const offset = Number(new URL(route.request().url()).searchParams.get('offset'));
    if (route.request().method() === 'PUT' && offset > 0 && dropped === 0) {
      dropped += 1;
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  await teacher.goto(`${base}/courses/${courseId}/manage?tab=content&lesson=${lessonId}`);
  await teacher.locator('[data-testid="lesson-video"] input[type=file]').setInputFiles(clip);
  await teacher.getByTestId('video-upload-progress').waitFor();
  await expect.poll(() => textOf(teacher.getByTestId('video-state')), TRANSCODE).toBe('转码完成');
  expect(dropped).toBe(1);
  await teacher.unroute(chunks);
  const lesson = await get<Lesson>(teacher, `/api/lessons/${lessonId}`);
  expect(lesson.video).toMatchObject({ state: 'ready', size: fs.statSync(clip).size });
  expect(lesson.video?.durationS).toBeGreaterThan(5);
  await teacher.getByTestId('video-preview').click();
  await teacher.getByTestId('video-preview-player').waitFor();
  await shot(teacher, 'courses-lesson-content');
  await teacher.getByTestId('lesson-submit').click();
  await confirmModal(teacher);
  await expect.poll(async () => (await get<Lesson>(teacher, `/api/lessons/${lessonId}`)).state, POLL).toBe('pending');

  // 5. 课时审核: the reviewer's video plays; approve publishes the lesson.
  await shenhe.goto(`${base}/courses/lesson-review`);
  await shenhe.getByTestId(`lesson-review-open-${lessonId}`).click();
  const video = shenhe.getByTestId('lesson-review-video');
  await video.waitFor();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), POLL).toBeGreaterThanOrEqual(1);
  await shot(shenhe, 'courses-lesson-review');
  await shenhe.getByTestId('lesson-approve').click();
  await confirmModal(shenhe);
  await expect.poll(async () => (await get<Lesson>(shenhe, `/api/lessons/${lessonId}`)).state, POLL).toBe('published');
  await shenhe.context().close();

  // The instructor sees the step in the lesson's history, also on a phone.
  await teacher.goto(`${base}/courses/${courseId}/manage?tab=content&lesson=${lessonId}`);
  await expect.poll(() => textOf(teacher.getByTestId('lesson-history')), POLL).toContain('审核通过');
  await phoneShot(teacher, 'courses-lesson-content-phone', () => teacher.getByTestId('lesson-history').waitFor(), { reload: true });
  await teacher.context().close();
});

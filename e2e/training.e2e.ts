import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Enrolment, Project } from '../common/schemas/training.js';
import { DEMO_PLAN_PDF } from '../server/db/seed/training.js';
import { confirmModal, launch, loggedIn, POLL, phoneShot, settle, shot, textOf, typeDate } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  // Put the server's development clock back for the files that run after this one.
  await fetch(`${inject('baseUrl')}/api/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ days: 0 }) });
  await browser?.close();
});

async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${inject('baseUrl')}${path}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as T;
}

it('PRJ/ENR/DLV: an institution declares, the county bureau approves, a teacher enrols on a phone, the school approves, the institution admits and records a pass, the teacher sees the hours', async () => {
  const base = inject('baseUrl');
  const name = `课堂提问设计工作坊 ${Date.now().toString(36).slice(-4)}`;

  // 1. 浙江省教师培训中心 declares a one-day class for 西湖区, tomorrow, with its plan.
  const peixun = await loggedIn(browser, 'peixun');
  const year = await api<{ today: string; openRound: number | null }>(peixun, '/api/training-years/current');
  expect(year.openRound).toBe(2);
  const tomorrow = new Date(`${year.today}T00:00:00Z`);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  const day = tomorrow.toISOString().slice(0, 10);
  await peixun.goto(`${base}/projects`);
  await peixun.getByTestId('project-create').click();
  await settle(peixun);
  await peixun.getByTestId('project-name').fill(name);
  await peixun.getByTestId('project-regions').click();
  await peixun.keyboard.type('西湖');
  await peixun.locator('.ant-select-tree-treenode:has-text("西湖区") .ant-select-tree-checkbox').first().click();
  await peixun.keyboard.press('Escape');
  await peixun.getByTestId('project-hours').fill('8');
  await typeDate(peixun, 'project-class-start-0', day);
  await typeDate(peixun, 'project-class-end-0', day);
  await peixun.getByTestId('project-class-capacity-0').fill('30');
  await peixun.getByTestId('project-class-place-0').fill('杭州市西湖区文三路 8 号 302 教室');
  await shot(peixun, 'training-declare-form');
  await peixun.getByTestId('project-form-submit').click();
  await peixun.waitForURL((u) => /^\/projects\/\d+$/.test(u.pathname));
  const projectId = Number(new URL(peixun.url()).pathname.split('/').pop());
  await peixun
    .locator('[data-testid="project-plan"] input[type=file]')
    .setInputFiles({ name: '培训方案.pdf', mimeType: 'application/pdf', buffer: DEMO_PLAN_PDF });
  await peixun.getByTestId('project-plan-download').waitFor();
  await peixun.getByTestId('project-submit').click();
  await confirmModal(peixun);
  await expect.poll(async () => (await api<Project>(peixun, `/api/projects/${projectId}`)).state, POLL).toBe('pending');
  const project = await api<Project>(peixun, `/api/projects/${projectId}`);
  expect(project.reviewer).toMatchObject({ level: 'county', name: '西湖区教育局' });
  const classId = project.classes[0]?.id as number;

  // 2. 西湖区教育局 finds it waiting for its review and approves it.
  const xihu = await loggedIn(browser, 'xihu');
  await xihu.goto(`${base}/projects/review`);
  await xihu.getByTestId(`project-approve-${projectId}`).click();
  await confirmModal(xihu);
  await expect.poll(async () => (await api<Project>(xihu, `/api/projects/${projectId}`)).state, POLL).toBe('approved');
  await xihu.goto(`${base}/projects/${projectId}`);
  await xihu.getByTestId('project-classes').waitFor();
  await shot(xihu, 'training-project-approved');
  await xihu.context().close();

  // 3. The teacher (turned down in round 1, so round 2 is open to them) enrols on a phone.
  const teacher = await loggedIn(browser, 'teacher', { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await teacher.goto(`${base}/catalogue?q=${encodeURIComponent(name)}`);
  await teacher.getByTestId(`catalogue-enrol-${classId}`).click();
  await settle(teacher);
  await teacher.getByTestId('enrol-submit').click();
  // The enrolment as someone who can see it reads it (sessions end when the clock moves on).
  let viewer = teacher;
  const mine = async () => (await api<{ items: Enrolment[] }>(viewer, `/api/enrolments?classId=${classId}`)).items[0];
  await expect.poll(async () => (await mine())?.state, POLL).toBe('pending_school');
  const enrolmentId = (await mine())?.id as number;
  await teacher.goto(`${base}/my/enrolments?id=${enrolmentId}`);
  await expect.poll(() => textOf(teacher.locator('body')), POLL).toContain(name);
  await shot(teacher, 'training-my-enrolments-phone');

  // 4. The school approves it from its review queue.
  const school = await loggedIn(browser, 'school');
  await school.goto(`${base}/enrolments/review`);
  await school.getByTestId(`review-approve-${enrolmentId}`).click();
  await confirmModal(school);
  await expect.poll(async () => (await mine())?.state, POLL).toBe('pending_institution');
  await school.context().close();

  // 5. The institution re-reviews (机构复核) in the class console and admits.
  await peixun.goto(`${base}/classes/${classId}?project=${projectId}`);
  await peixun.getByTestId('console-enrolments').waitFor();
  await peixun.locator(`[data-testid="enrolment-table"] tr[data-row-key="${enrolmentId}"] input[type=checkbox]`).check();
  await peixun.getByTestId('enrolment-admit').click();
  await confirmModal(peixun);
  await expect.poll(async () => (await mine())?.state, POLL).toBe('admitted');
  await shot(peixun, 'training-console-admitted');
  await peixun.context().close();

  // 6. The day of the class has come (development clock): the institution records a pass.
  const shifted = await fetch(`${base}/api/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ days: 1 }) });
  expect(shifted.status).toBe(200);
  const grader = await loggedIn(browser, 'peixun');
  viewer = grader;
  await grader.goto(`${base}/classes/${classId}?project=${projectId}&tab=grades`);
  await grader.getByTestId('console-grades').waitFor();
  await grader.locator(`[data-testid="grade-result-${enrolmentId}"] label`).first().click();
  await grader.getByTestId('grade-save').click();
  await expect.poll(async () => (await mine())?.result, POLL).toBe('pass');
  await shot(grader, 'training-grades');
  await grader.context().close();

  // 7. The teacher sees the 8 hours in the training record, and can download the proof.
  const learner = await loggedIn(browser, 'teacher');
  await learner.goto(`${base}/my/record`);
  await expect.poll(() => textOf(learner.getByTestId('record-trainings')), POLL).toContain(name);
  expect(await textOf(learner.getByTestId('record-years'))).toContain('8');
  const record = await api<{ years: { year: number; earned: number }[] }>(learner, '/api/me/training-record');
  expect(record.years.reduce((a, y) => a + y.earned, 0)).toBeGreaterThanOrEqual(8);
  await shot(learner, 'training-record');
  await phoneShot(learner, 'training-record-phone', () => learner.getByTestId('record-trainings').waitFor(), { reload: true });
  const proof = await learner.request.get(`${base}/api/me/training-record/proof.pdf`);
  expect(proof.headers()['content-type']).toBe('application/pdf');
  await learner.context().close();
});

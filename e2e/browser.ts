import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const SHOTS = path.resolve('e2e/screenshots');

/** For `expect.poll`: long enough for a page to load and a request to come back. */
export const POLL = { timeout: 15_000, interval: 200 };

/** The password of every demo account. */
const DEMO_PASSWORD = 'Demo@2026';

/** Debian's Chromium, headless, with the flags this sandbox needs (no network calls home). */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Logs in with a demo account and waits for the home page. */
export async function login(page: Page, account: string) {
  await page.goto(`${inject('baseUrl')}/login`);
  await page.getByTestId('login-account').fill(account);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** A page in a new context (Chinese, desktop width unless `options` say otherwise), logged in with a demo account. */
export async function loggedIn(browser: Browser, account: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 }, ...options });
  const page = await context.newPage();
  await login(page, account);
  return page;
}

/**
 * Waits until antd's open/close animations are over (a drawer sliding in, a modal zooming, a spinner
 * fading; endless ones, like a loading shimmer, aside), for screenshots and for clicks on moving
 * buttons. Gives up quietly after 5 s: a late animation should not fail a test.
 */
export async function settle(page: Page) {
  await page
    .waitForFunction(
      () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}

/** A full-page screenshot, from the top (a scrolled page would get the sticky header drawn over its content) and once animations are over. */
export async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The same page at phone width (reloaded if `reload`), once `ready` resolves; then back to desktop width. */
export async function phoneShot(page: Page, name: string, ready: () => Promise<unknown>, { reload = false } = {}) {
  await page.setViewportSize({ width: 375, height: 812 });
  if (reload) await page.reload();
  await ready();
  await shot(page, name);
  await page.setViewportSize({ width: 1366, height: 800 });
}

/** A locator's text, or '' while it is not there: for `expect.poll`. */
export const textOf = (locator: Locator) => locator.innerText().catch(() => '');

/** Picks options of an antd Select by their labels (the open dropdown's options carry the label as title), once the dropdown has opened. */
export async function pick(page: Page, testId: string, ...labels: string[]) {
  await page.getByTestId(testId).click();
  await settle(page);
  for (const label of labels) {
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${label}"]`).click();
  }
}

/** Types a date into an antd DatePicker (month or day) and confirms it. */
export async function typeDate(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Confirms the open antd confirmation dialog (once it has stopped moving) and answers its text. */
export async function confirmModal(page: Page) {
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.waitFor();
  // A click while the dialog still zooms in can land beside the moving button.
  await settle(page);
  const text = await confirm.innerText();
  await confirm.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await confirm.waitFor({ state: 'detached' });
  return text;
}

/** Another E2E file locks the demo teacher on purpose (ACC-2); its school admin (`admin`, logged in) unlocks it if so. */
export async function unlockTeacher(admin: Page) {
  const base = inject('baseUrl');
  const me = await (await admin.request.get(`${base}/api/auth/me`)).json();
  const locked = await (await admin.request.get(`${base}/api/accounts/locked?pageSize=100`)).json();
  const row = locked.items.find((i: { username: string | null }) => i.username === 'teacher');
  if (row) await admin.request.post(`${base}/api/accounts/${row.id}/unlock`, { headers: { 'x-csrf-token': me.csrfToken } });
}

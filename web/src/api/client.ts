import type { FormInstance } from 'antd';
import { message as staticMessage } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import i18n from '../i18n/index.js';
import { requestReverify } from './reverify.js';

/** An error answered by the server as `{code, message, fields?}` (or a network failure, code NETWORK). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  /** Set when the wrapper already reacted (redirect, cancelled re-verification): nothing more to show. */
  handled = false;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** A file sent as the raw request body (instead of JSON), with its content type and, when given, its name (`x-file-name`). */
  file?: { body: Blob; type: string; name?: string };
  /** Do not redirect to /login on 401 (used by the "who am I" probe). */
  quiet401?: boolean;
  /** Let the request outlive the page (a last report sent on `pagehide`). */
  keepalive?: boolean;
};

let csrfToken: string | null = null;

/** The CSRF token of the current session (from `Me.csrfToken`), sent on every non-GET request. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** antd's message API bound to the App context (set by the app shell); falls back to the static one. */
export const feedback: { message: MessageInstance } = { message: staticMessage };

const PUBLIC_PATHS = ['/login', '/dev/sms'];

export function buildUrl(path: string, query?: Query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; fields?: Record<string, string> } = {};
  try {
    body = await res.json();
  } catch {
    // not JSON: a proxy or a crash page
  }
  // A body over the limit may be cut off before any handler (or by a proxy) without the server's own words.
  if (res.status === 413 && !body.message) return new ApiError(413, body.code ?? 'FILE_TOO_LARGE', i18n.t('training.fileTooLarge'));
  return new ApiError(res.status, body.code ?? 'INTERNAL', body.message ?? (res.statusText || `HTTP ${res.status}`), body.fields);
}

async function send(path: string, opts: RequestOptions, attempt = 0): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.file) headers['content-type'] = opts.file.type;
  // URL-encoded, so Chinese names survive the header.
  if (opts.file?.name !== undefined) headers['x-file-name'] = encodeURIComponent(opts.file.name);
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      keepalive: opts.keepalive,
      body: opts.file ? opts.file.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('common.networkError'));
  }
  if (res.ok) return res;

  const err = await toApiError(res);
  const here = window.location.pathname;
  if (res.status === 401 && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_REPLACED')) {
    if (!opts.quiet401 && !PUBLIC_PATHS.includes(here)) {
      err.handled = true;
      window.location.assign(`/login?redirect=${encodeURIComponent(here + window.location.search)}`);
    }
  } else if (res.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') {
    if (here !== '/change-password') {
      err.handled = true;
      window.location.assign('/change-password');
    }
  } else if (res.status === 403 && err.code === 'REVERIFY_REQUIRED' && attempt < 2) {
    if (await requestReverify()) return send(path, opts, attempt + 1);
    err.handled = true;
  }
  throw err;
}

/** The one request wrapper: JSON in and out, cookies, CSRF header, errors as ApiError. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** How a file is sent: its content type, its name in `x-file-name` when given, POST unless told, and any query. */
type UploadOptions = { type: string; name?: string; method?: 'POST' | 'PUT'; query?: Query };

export const api = {
  get: <T>(path: string, query?: Query) => request<T>(path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
  /** Sends a file as the raw body (an .xlsx import, a plan, a material), with the same cookies, CSRF header and errors. */
  upload: <T>(path: string, file: Blob, { type, name, method = 'POST', query }: UploadOptions) =>
    request<T>(path, { method, query, file: { body: file, type, name } }),
};

/** Downloads a file answer (e.g. an Excel export) through the same wrapper, so re-verification applies. */
export async function download(path: string, query: Query, fallbackName: string) {
  const res = await send(path, { query });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = disposition.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  const plain = disposition.match(/filename="?([^";]+)"?/i)?.[1];
  const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type FormName = string | (string | number)[];

/**
 * A server field name as the form's name: as it is when the form has it, else a nested one
 * (`education.0.school` → `['education', 0, 'school']`, a Form.List row) when the form has that field.
 */
function formName(name: string, registered: Set<string>, values: unknown): FormName | null {
  if (registered.has(name)) return name;
  if (!name.includes('.')) return null;
  const path = name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  let node = values;
  for (const p of path) {
    if (node === null || typeof node !== 'object' || !(p in node)) return null;
    node = (node as Record<string | number, unknown>)[p];
  }
  return path;
}

/**
 * The one form-error helper: puts the server's field errors next to the form's fields and
 * shows anything else as a message.
 */
export function showError(err: unknown, form?: FormInstance) {
  if (err instanceof ApiError) {
    if (err.handled) return;
    const fields = err.fields ?? {};
    const names = Object.keys(fields);
    if (form && names.length > 0) {
      const present = form.getFieldsValue(true) as Record<string, unknown>;
      const values = form.getFieldsValue() as Record<string, unknown>;
      const registered = new Set([...Object.keys(values), ...Object.keys(present)]);
      const known = names.flatMap((n) => {
        const name = formName(n, registered, values);
        return name === null ? [] : [{ name, error: fields[n] ?? '' }];
      });
      form.setFields(known.map(({ name, error }) => ({ name, errors: [error] })));
      if (known[0]) form.scrollToField(known[0].name, { block: 'center' });
      if (known.length === names.length) return;
    }
    feedback.message.error(err.message);
    return;
  }
  feedback.message.error(err instanceof Error ? err.message : String(err));
}

import { COURSE_ERROR_STATUS } from '../../common/i18n/errors.courses.js';
import { ERROR_MESSAGES, type ErrorCode, FIELD_MESSAGES, type FieldMessageKey, format, type Lang } from '../../common/i18n/errors.js';
import { LEARNING_ERROR_STATUS } from '../../common/i18n/errors.learning.js';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  SESSION_REPLACED: 401,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  CSRF_FAILED: 403,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  WRONG_PASSWORD: 400,
  WEAK_PASSWORD: 400,
  SMS_CODE_INVALID: 400,
  SMS_CODE_EXPIRED: 400,
  SMS_TOO_FREQUENT: 429,
  MOBILE_NOT_BOUND: 400,
  RATE_LIMITED: 429,
  REVERIFY_REQUIRED: 403,
  DUPLICATE: 409,
  ID_NUMBER_EXISTS: 409,
  INVALID_STATE: 409,
  CHANGE_PENDING: 409,
  NOTHING_CHANGED: 400,
  ROLE_NOT_HELD: 403,
  SPECIAL_USER: 409,
  UNPAID_SELECTIONS: 409,
  TRANSFER_PENDING: 409,
  ALREADY_IN_SCHOOL: 409,
  IN_FREE_POOL: 409,
  NOT_IN_FREE_POOL: 409,
  FILE_NOT_XLSX: 400,
  IMPORT_NO_HEADER: 400,
  IMPORT_TOO_MANY_ROWS: 400,
  FILE_TOO_LARGE_UNPACKED: 400,
  UPLOAD_TIMEOUT: 408,
  NO_TRAINING_YEAR: 409,
  OUTSIDE_WINDOW: 409,
  TEACHER_ARCHIVED: 409,
  SPECIAL_USER_ENROL: 409,
  NOT_ELIGIBLE: 409,
  HOUR_CAP_EXCEEDED: 409,
  DATES_OVERLAP: 409,
  EVALUATION_OWED: 409,
  CLASS_FULL: 409,
  ALREADY_ENROLLED: 409,
  ROUND2_NOT_ELIGIBLE: 409,
  CLASS_CANCELLED: 409,
  CLASS_ENDED: 409,
  CLASS_NOT_STARTED: 409,
  CLASS_NOT_ENDED: 409,
  NOT_ENROLLABLE: 409,
  QUOTA_FULL: 409,
  LOTTERY_DONE: 409,
  LOTTERY_NOT_NEEDED: 409,
  LOTTERY_REQUIRED: 409,
  ROUND1_OPEN: 409,
  BUSY_RETRY: 409,
  EXPANSION_TOO_LARGE: 400,
  ADJUST_CLOSED: 409,
  CHECKIN_CODE_INVALID: 400,
  EVALUATION_NOT_OPEN: 409,
  NOT_ATTENDEE: 403,
  FILE_TYPE_NOT_ALLOWED: 415,
  FILE_TOO_LARGE: 413,
  PROJECT_LOCKED: 409,
  CLASSES_COUNT: 400,
  PLAN_REQUIRED: 409,
  REGION_NOT_AUTHORISED: 400,
  GRADE_IMPORT_INVALID: 400,
  INTERNAL: 500,
  ...COURSE_ERROR_STATUS,
  ...LEARNING_ERROR_STATUS,
};

/** A field error before translation: which field, which message, with what parameters. */
export type FieldIssue = { field: string; key: FieldMessageKey; params?: Record<string, unknown> };

/**
 * The one error type of the server. Services throw it with a stable code; the error handler
 * renders `{code, message, fields?}` in the user's language.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, unknown>;
  readonly fieldIssues: FieldIssue[];

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, fieldIssues: FieldIssue[] = []) {
    super(format(ERROR_MESSAGES[code]['en-US'], params));
    this.code = code;
    this.status = STATUS[code];
    this.params = params;
    this.fieldIssues = fieldIssues;
  }

  /** A validation error on one or more fields. */
  static fields(...issues: FieldIssue[]): AppError {
    return new AppError('VALIDATION_FAILED', {}, issues);
  }
}

export type ErrorBody = { code: ErrorCode; message: string; fields?: Record<string, string> };

/** Renders an error in a language; params that are themselves message tables are translated too. */
export function renderError(err: AppError, lang: Lang, label: (field: string) => string): ErrorBody {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err.params)) {
    params[k] = v && typeof v === 'object' && lang in (v as object) ? (v as Record<Lang, string>)[lang] : v;
  }
  const body: ErrorBody = { code: err.code, message: format(ERROR_MESSAGES[err.code][lang], params) };
  if (err.fieldIssues.length > 0) {
    // No prototype: a field named "__proto__" (an unknown key someone sent) is named like any other.
    body.fields = Object.create(null) as Record<string, string>;
    for (const issue of err.fieldIssues) {
      if (body.fields[issue.field]) continue;
      body.fields[issue.field] = `${label(issue.field)}${lang === 'zh-CN' ? '：' : ' '}${format(FIELD_MESSAGES[issue.key][lang], issue.params)}`;
    }
    const first = Object.values(body.fields)[0];
    if (err.code === 'VALIDATION_FAILED' && first) body.message = first;
  }
  return body;
}

/** What a thing is called, for NOT_FOUND messages. */
export const THINGS = {
  school: { 'zh-CN': '学校', 'en-US': 'School' },
  institution: { 'zh-CN': '培训机构', 'en-US': 'Institution' },
  account: { 'zh-CN': '账号', 'en-US': 'Account' },
  teacher: { 'zh-CN': '教师', 'en-US': 'Teacher' },
  transfer: { 'zh-CN': '调动申请', 'en-US': 'Transfer' },
  import: { 'zh-CN': '导入记录', 'en-US': 'Import' },
  project: { 'zh-CN': '培训项目', 'en-US': 'Project' },
  class: { 'zh-CN': '班期', 'en-US': 'Class' },
  enrolment: { 'zh-CN': '报名记录', 'en-US': 'Enrolment' },
  file: { 'zh-CN': '文件', 'en-US': 'File' },
  notification: { 'zh-CN': '消息', 'en-US': 'Message' },
  course: { 'zh-CN': '课程', 'en-US': 'Course' },
  chapter: { 'zh-CN': '章节', 'en-US': 'Chapter' },
  lesson: { 'zh-CN': '课时', 'en-US': 'Lesson' },
  video: { 'zh-CN': '视频', 'en-US': 'Video' },
  upload: { 'zh-CN': '上传任务', 'en-US': 'Upload' },
  document: { 'zh-CN': '课时资料', 'en-US': 'Document' },
  exercise: { 'zh-CN': '练习', 'en-US': 'Exercise' },
  homework: { 'zh-CN': '作业', 'en-US': 'Homework' },
  topic: { 'zh-CN': '话题', 'en-US': 'Topic' },
  courseReview: { 'zh-CN': '课程点评', 'en-US': 'Course review' },
  student: { 'zh-CN': '学员', 'en-US': 'Student' },
} as const;

export function notFound(what: keyof typeof THINGS): AppError {
  return new AppError('NOT_FOUND', { what: THINGS[what] });
}

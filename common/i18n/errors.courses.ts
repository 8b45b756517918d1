import type { Lang } from './errors.js';

/**
 * Error codes of online synchronous courses (SPEC §7), with their HTTP status. Kept apart from
 * the core table so the course modules add codes in one place; errors.ts and lib/errors.ts spread both.
 */
const COURSE_ERRORS = {
  COURSE_WINDOW_CLOSED: {
    status: 409,
    'zh-CN': '当前不在课程申报时间内（{window}）',
    'en-US': 'Course declaration is not open now ({window})',
  },
  NOT_TRAINING_CERTIFIED: {
    status: 403,
    'zh-CN': '完成师训认证（拥有师训号的在职教师）后才能申报课程',
    'en-US': 'Only training-certified teachers (with a 师训号) may declare a course',
  },
  PROFILE_INCOMPLETE: {
    status: 409,
    'zh-CN': '请先完善个人信息：{missing}',
    'en-US': 'Complete your profile first: {missing}',
  },
  DECLARATION_OPEN: {
    status: 409,
    'zh-CN': '您已有一门课程在审核中或已通过申报，不能重复申报',
    'en-US': 'You already have a course under review or approved',
  },
  COVER_INVALID: {
    status: 400,
    'zh-CN': '封面须为 JPG 或 PNG 图片，尺寸 750×422 或 1920×1080（16:9），当前为 {size}',
    'en-US': 'The cover must be a JPG or PNG of 750×422 or 1920×1080 (16:9); this one is {size}',
  },
  IMAGE_INVALID: { status: 400, 'zh-CN': '请上传 JPG 或 PNG 图片', 'en-US': 'Upload a JPG or PNG image' },
  COURSE_READ_ONLY: {
    status: 409,
    'zh-CN': '课程已结课，只能查看，不能修改',
    'en-US': 'The course is completed and read-only',
  },
  COURSE_NOT_READY: {
    status: 409,
    'zh-CN': '课程尚未通过申报审核，不能进行此操作',
    'en-US': 'The course has not passed declaration review yet',
  },
  TOO_FEW_LESSONS: {
    status: 409,
    'zh-CN': '课程至少需要 {min} 个已发布课时，当前 {count} 个',
    'en-US': 'The course needs at least {min} published lessons; it has {count}',
  },
  COMPLETION_THRESHOLDS: {
    status: 409,
    'zh-CN': '尚不满足结课条件：{missing}',
    'en-US': 'The course cannot be completed yet: {missing}',
  },
  CHAPTER_NOT_EMPTY: { status: 409, 'zh-CN': '章节下还有课时，请先删除课时', 'en-US': 'The chapter still has lessons' },
  LESSON_LOCKED: {
    status: 409,
    'zh-CN': '课时在审核中或已发布，请先撤回再修改',
    'en-US': 'The lesson is under review or published; withdraw it before editing',
  },
  VIDEO_NOT_READY: {
    status: 409,
    'zh-CN': '课时视频尚未转码完成，不能提交审核',
    'en-US': 'The lesson video is not transcoded yet; it cannot be submitted',
  },
  VIDEO_TOO_LARGE: { status: 413, 'zh-CN': '视频过大，最大 {limit}', 'en-US': 'The video is too large (at most {limit})' },
  VIDEO_INVALID: {
    status: 400,
    'zh-CN': '无法识别的视频文件，请上传 MP4、MOV 等常见格式',
    'en-US': 'Not a video we can read; upload MP4, MOV or another common format',
  },
  UPLOAD_OFFSET_MISMATCH: {
    status: 409,
    'zh-CN': '上传位置不一致，将从第 {offset} 字节继续',
    'en-US': 'Upload offset mismatch; continue from byte {offset}',
  },
  UPLOAD_FINISHED: { status: 409, 'zh-CN': '该文件已上传完成', 'en-US': 'This upload is already complete' },
  NOT_ENROLLED: { status: 403, 'zh-CN': '请先报名学习本课程', 'en-US': 'Enrol in the course first' },
  LESSON_NOT_OPEN: {
    status: 403,
    'zh-CN': '课时尚未发布或未到开课日期（{date}）',
    'en-US': 'The lesson is not published or starts on {date}',
  },
  NOT_INTERNET_STUDENT: {
    status: 403,
    'zh-CN': '只有互联网学生可以提交作业、发起话题和点评课程',
    'en-US': 'Only internet students may submit homework, start topics and review the course',
  },
  INTERNET_PLACES_FULL: {
    status: 409,
    'zh-CN': '互联网学生名额已满（{places} 人）',
    'en-US': 'All {places} internet student places are taken',
  },
  STUDENT_CREDITED: {
    status: 409,
    'zh-CN': '该学员已获得本课程学分，身份不能再变更',
    'en-US': 'This student has earned the course credit; their status cannot change',
  },
  SUBMISSIONS_EXHAUSTED: {
    status: 409,
    'zh-CN': '每个练习最多提交 {max} 次，您已用完',
    'en-US': 'At most {max} submissions per exercise; none left',
  },
  SUBMISSION_OPEN: {
    status: 409,
    'zh-CN': '上一次提交尚未批改或未被判定为不合格，暂不能再次提交',
    'en-US': 'Your last submission is not graded as failed; you cannot submit again yet',
  },
  DEADLINE_PASSED: { status: 409, 'zh-CN': '已过截止时间，且不允许补交', 'en-US': 'The deadline has passed and late work is not accepted' },
  REVIEW_TOO_SHORT: {
    status: 400,
    'zh-CN': '课程点评至少 {min} 个字，当前 {count} 个字',
    'en-US': 'A course review needs at least {min} characters; this one has {count}',
  },
  REVIEW_EXISTS: { status: 409, 'zh-CN': '您已点评过本课程', 'en-US': 'You have already reviewed this course' },
  BUDGET_SPENT: {
    status: 409,
    'zh-CN': '本课程的{what}已用完（剩余 {left}）',
    'en-US': 'The course has no {what} left (remaining {left})',
  },
  PROGRESS_TOO_FAST: {
    status: 409,
    'zh-CN': '观看进度增长过快，本次进度未计入',
    'en-US': 'Progress grew faster than the video can play; this report was not counted',
  },
  ANOTHER_VIDEO_PLAYING: {
    status: 409,
    'zh-CN': '您正在其他页面观看视频，同一时间只计一个视频的学习时长',
    'en-US': 'You are watching another video; only one video counts at a time',
  },
} as const satisfies Record<string, { status: number } & Record<Lang, string>>;

type CourseCode = keyof typeof COURSE_ERRORS;

export const COURSE_ERROR_MESSAGES = Object.fromEntries(Object.entries(COURSE_ERRORS).map(([code, { status: _s, ...messages }]) => [code, messages])) as {
  [K in CourseCode]: Record<Lang, string>;
};

export const COURSE_ERROR_STATUS = Object.fromEntries(Object.entries(COURSE_ERRORS).map(([code, e]) => [code, e.status])) as {
  [K in CourseCode]: number;
};

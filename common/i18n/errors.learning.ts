import type { Lang } from './errors.js';

/**
 * Error codes and field labels of the learning side of online synchronous courses (CRS-6..12),
 * beside the course codes of errors.courses.ts; errors.ts and lib/errors.ts spread both.
 */
const LEARNING_ERRORS = {
  EXERCISE_HAS_HOMEWORK: {
    status: 409,
    'zh-CN': '该练习已有 {count} 份作业提交，不能删除',
    'en-US': 'This exercise already has {count} submissions and cannot be deleted',
  },
  SUBMISSION_SUPERSEDED: {
    status: 409,
    'zh-CN': '学生已重新提交该练习，只能批改最新一次提交',
    'en-US': 'The student has submitted again; only the latest submission can be graded',
  },
  AWARD_NEEDS_CREDIT: {
    status: 409,
    'zh-CN': '只能给已获得系统学分的学员赋分或授勋',
    'en-US': 'Bonus points and medals go only to students who have earned the system credit',
  },
  MEDAL_HELD: { status: 409, 'zh-CN': '该学员已获得本课程的勋章', 'en-US': 'This student already holds the course medal' },
} as const satisfies Record<string, { status: number } & Record<Lang, string>>;

type LearningCode = keyof typeof LEARNING_ERRORS;

export const LEARNING_ERROR_MESSAGES = Object.fromEntries(Object.entries(LEARNING_ERRORS).map(([code, { status: _s, ...messages }]) => [code, messages])) as {
  [K in LearningCode]: Record<Lang, string>;
};

export const LEARNING_ERROR_STATUS = Object.fromEntries(Object.entries(LEARNING_ERRORS).map(([code, e]) => [code, e.status])) as {
  [K in LearningCode]: number;
};

/**
 * Field names of the learning forms as users read them. Routes whose field collides with a core
 * label (`title` is 职称, `comment` is 意见建议) map it here through `config.fieldLabels`.
 */
export const LEARNING_FIELD_LABELS: Record<string, Record<Lang, string>> = {
  exerciseTitle: { 'zh-CN': '练习主题', 'en-US': 'Exercise title' },
  deadline: { 'zh-CN': '截止时间', 'en-US': 'Deadline' },
  content: { 'zh-CN': '练习内容', 'en-US': 'Content' },
  allowLate: { 'zh-CN': '允许超时提交', 'en-US': 'Allow late submission' },
  attachments: { 'zh-CN': '学习资源', 'en-US': 'Attachments' },
  documentId: { 'zh-CN': '课时资料', 'en-US': 'Lesson document' },
  text: { 'zh-CN': '内容', 'en-US': 'Text' },
  images: { 'zh-CN': '图片', 'en-US': 'Images' },
  file: { 'zh-CN': '文件', 'en-US': 'File' },
  mark: { 'zh-CN': '批改结果', 'en-US': 'Mark' },
  gradeComment: { 'zh-CN': '评语', 'en-US': 'Comment' },
  kind: { 'zh-CN': '类型', 'en-US': 'Kind' },
  studentKind: { 'zh-CN': '学员身份', 'en-US': 'Student status' },
  accountId: { 'zh-CN': '学员', 'en-US': 'Student' },
  points: { 'zh-CN': '分值', 'en-US': 'Points' },
  exerciseId: { 'zh-CN': '练习', 'en-US': 'Exercise' },
  lessonId: { 'zh-CN': '课时', 'en-US': 'Lesson' },
};

/** Teacher record vocabularies (TCH-1), as the seeds name them; labels live in the web i18n. */
export const TEACHER_STAGES = ['kindergarten', 'primary', 'junior', 'senior', 'vocational', 'special'] as const;
export type TeacherStage = (typeof TEACHER_STAGES)[number];

export const SUBJECTS = [
  'chinese',
  'math',
  'english',
  'physics',
  'chemistry',
  'biology',
  'history',
  'geography',
  'politics',
  'science',
  'music',
  'pe',
  'art',
  'it',
  'psychology',
  'labour',
  'practice',
  'preschool',
  'special_ed',
  'other',
] as const;
export type Subject = (typeof SUBJECTS)[number];

export const TITLES = ['senior_professor', 'senior', 'first', 'second', 'third', 'none'] as const;
export type Title = (typeof TITLES)[number];

export const POSTS = ['teacher', 'head_teacher', 'researcher', 'management', 'support', 'other'] as const;
export type Post = (typeof POSTS)[number];

/** TCH-6: 在职 / 离职 / 退休. Only in-service teachers enrol and are verified. */
export const TEACHER_STATUSES = ['in_service', 'left', 'retired'] as const;
export type TeacherStatus = (typeof TEACHER_STATUSES)[number];

/** Chinese labels, used by server-side exports and import templates. */
export const TEACHER_LABELS_ZH = {
  stage: { kindergarten: '幼儿园', primary: '小学', junior: '初中', senior: '高中', vocational: '中职', special: '特殊教育' },
  subject: {
    chinese: '语文',
    math: '数学',
    english: '英语',
    physics: '物理',
    chemistry: '化学',
    biology: '生物',
    history: '历史',
    geography: '地理',
    politics: '道德与法治',
    science: '科学',
    music: '音乐',
    pe: '体育与健康',
    art: '美术',
    it: '信息技术',
    psychology: '心理健康',
    labour: '劳动',
    practice: '综合实践活动',
    preschool: '学前教育',
    special_ed: '特殊教育',
    other: '其他',
  },
  title: { senior_professor: '正高级教师', senior: '高级教师', first: '一级教师', second: '二级教师', third: '三级教师', none: '未评职称' },
  post: { teacher: '专任教师', head_teacher: '班主任', researcher: '教研员', management: '学校管理', support: '教辅人员', other: '其他' },
  status: { in_service: '在职', left: '离职', retired: '退休' },
} as const;

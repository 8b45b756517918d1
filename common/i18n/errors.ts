import { COURSE_ERROR_MESSAGES } from './errors.courses.js';
import { LEARNING_ERROR_MESSAGES, LEARNING_FIELD_LABELS } from './errors.learning.js';

/** Messages for AppError codes, in both languages. `{name}` placeholders are filled from params. */
export type Lang = 'zh-CN' | 'en-US';
export const LANGS: readonly Lang[] = ['zh-CN', 'en-US'];

export const ERROR_MESSAGES = {
  VALIDATION_FAILED: { 'zh-CN': '提交的内容有误，请检查标出的字段', 'en-US': 'Some fields are invalid; please check them' },
  BAD_JSON: { 'zh-CN': '请求内容不是有效的 JSON', 'en-US': 'The request body is not valid JSON' },
  PAYLOAD_TOO_LARGE: {
    'zh-CN': '提交的内容过大（上限 {limit}）',
    'en-US': 'The request body is too large (limit {limit})',
  },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', 'en-US': 'Please log in first' },
  SESSION_REPLACED: {
    'zh-CN': '本浏览器已登录了其他账号，请刷新页面',
    'en-US': 'Another account has logged in in this browser; please reload',
  },
  FORBIDDEN: { 'zh-CN': '当前身份无权进行此操作', 'en-US': 'Your current identity may not do this' },
  OUT_OF_SCOPE: { 'zh-CN': '超出您的管理范围', 'en-US': 'This is outside your scope' },
  NOT_FOUND: { 'zh-CN': '{what}不存在或不在您的管理范围内', 'en-US': '{what} not found or outside your scope' },
  CSRF_FAILED: {
    'zh-CN': '页面已过期，请刷新后重试',
    'en-US': 'The page has expired; please reload and try again',
  },
  INVALID_CREDENTIALS: {
    'zh-CN': '账号或密码错误（连续错误 10 次将锁定账号）',
    'en-US': 'Wrong account or password (10 failures in a row lock the account)',
  },
  ACCOUNT_LOCKED: {
    'zh-CN': '账号已被锁定（连续 10 次密码错误），请联系{whom}解锁',
    'en-US': 'This account is locked after 10 wrong passwords; ask {whom} to unlock it',
  },
  ACCOUNT_DISABLED: { 'zh-CN': '账号已停用，请联系{whom}', 'en-US': 'This account is disabled; contact {whom}' },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-CN': '首次登录或密码已重置，请先修改密码',
    'en-US': 'Please change your password first (first login or reset)',
  },
  WRONG_PASSWORD: { 'zh-CN': '原密码不正确', 'en-US': 'The current password is wrong' },
  WEAK_PASSWORD: { 'zh-CN': '密码强度不够', 'en-US': 'The password is too weak' },
  SMS_CODE_INVALID: { 'zh-CN': '验证码不正确', 'en-US': 'The verification code is wrong' },
  SMS_CODE_EXPIRED: {
    'zh-CN': '验证码已失效，请重新获取',
    'en-US': 'The verification code has expired or was used; request a new one',
  },
  SMS_TOO_FREQUENT: {
    'zh-CN': '验证码发送过于频繁，请 {seconds} 秒后再试',
    'en-US': 'Codes are being requested too often; try again in {seconds} s',
  },
  MOBILE_NOT_BOUND: { 'zh-CN': '该账号未绑定手机号', 'en-US': 'This account has no bound mobile' },
  RATE_LIMITED: { 'zh-CN': '操作过于频繁，请稍后再试', 'en-US': 'Too many requests; please try again later' },
  REVERIFY_REQUIRED: {
    'zh-CN': '此操作涉及敏感信息，请先进行短信验证（30 分钟内有效）',
    'en-US': 'This operation touches personal data: verify by SMS first (valid for 30 minutes)',
  },
  DUPLICATE: {
    'zh-CN': '同样的记录刚刚已被提交，请刷新后查看',
    'en-US': 'The same record was submitted a moment ago; reload to see it',
  },
  ID_NUMBER_EXISTS: {
    'zh-CN': '该身份证号已在全省登记（师训号 {shixunNo}），请使用“教师调动”将其调入本校',
    'en-US': 'This ID number is already registered in the province (师训号 {shixunNo}); use a transfer to move the teacher',
  },
  INVALID_STATE: {
    'zh-CN': '当前状态下不能进行此操作（可能已被他人处理），请刷新',
    'en-US': 'This cannot be done in the current state (someone may have acted already); please reload',
  },
  CHANGE_PENDING: { 'zh-CN': '已有一条待审核的修改申请，请等待审核或先撤回', 'en-US': 'A change request is already waiting for review; wait or withdraw it' },
  NOTHING_CHANGED: { 'zh-CN': '没有需要修改的内容', 'en-US': 'Nothing would change' },
  ROLE_NOT_HELD: { 'zh-CN': '您没有该身份', 'en-US': 'You do not hold that identity' },
  SPECIAL_USER: {
    'zh-CN': '该教师是特殊用户，不能调动；须由教师本人办理取消特殊用户后再申请',
    'en-US': 'This teacher is a special user and cannot be transferred until that status is removed',
  },
  UNPAID_SELECTIONS: {
    'zh-CN': '该教师有往期选课未缴费记录，不能调动；请先申请删除未缴费记录',
    'en-US': 'This teacher has unpaid past selections and cannot be transferred until they are cleared',
  },
  TRANSFER_PENDING: { 'zh-CN': '该教师已有一条待审批的调动申请', 'en-US': 'A transfer of this teacher is already waiting for approval' },
  ALREADY_IN_SCHOOL: { 'zh-CN': '该教师已在本校', 'en-US': 'This teacher is already in your school' },
  IN_FREE_POOL: {
    'zh-CN': '该教师在“自由人”中，请直接从自由人调入',
    'en-US': 'This teacher is in the free pool (自由人); take them from there',
  },
  NOT_IN_FREE_POOL: { 'zh-CN': '该教师已不在自由人中（可能已被其他学校调入）', 'en-US': 'This teacher is no longer in the free pool' },
  FILE_NOT_XLSX: {
    'zh-CN': '文件不是 Excel（.xlsx）格式；如为 .xls 或 .csv，请在 Excel 中“另存为 .xlsx”后再上传',
    'en-US': 'The file is not an Excel .xlsx workbook; save .xls or .csv files as .xlsx first',
  },
  IMPORT_NO_HEADER: {
    'zh-CN': '没有找到表头，或缺少必填列：{columns}。请使用下载的模板',
    'en-US': 'No header row found, or required columns are missing: {columns}. Please use the template',
  },
  IMPORT_TOO_MANY_ROWS: { 'zh-CN': '一次最多导入 {max} 行，请分批导入', 'en-US': 'At most {max} rows per import; split the file' },
  FILE_TOO_LARGE_UNPACKED: {
    'zh-CN': '文件解压后过大（超过 {limit}），请检查文件或分批导入',
    'en-US': 'The workbook unpacks to more than {limit}; check the file or split it',
  },
  UPLOAD_TIMEOUT: { 'zh-CN': '上传中断或超时，请检查网络后重试', 'en-US': 'The upload stalled or timed out; please try again' },
  NO_TRAINING_YEAR: { 'zh-CN': '省厅尚未设置当前培训年度', 'en-US': 'The province has not set the current training year' },
  OUTSIDE_WINDOW: {
    'zh-CN': '当前不在{what}时间内（{window}）',
    'en-US': 'This is outside the {what} period ({window})',
  },
  TEACHER_ARCHIVED: { 'zh-CN': '该教师已归档（非在职），不能报名', 'en-US': 'This teacher is archived (not in service) and cannot enrol' },
  SPECIAL_USER_ENROL: {
    'zh-CN': '该教师是特殊用户（有逾期未缴费的选课），不能报名',
    'en-US': 'This teacher is a special user (unpaid selections past the deadline) and cannot enrol',
  },
  NOT_ELIGIBLE: { 'zh-CN': '不符合该班期的报名条件：{why}', 'en-US': 'Not eligible for this class: {why}' },
  HOUR_CAP_EXCEEDED: {
    'zh-CN': '超出年度学时上限：本年度已报 {held} 学时，本班 {hours} 学时，上限 {cap} 学时',
    'en-US': 'Over the yearly hour cap: {held} h already held, this class {hours} h, cap {cap} h',
  },
  DATES_OVERLAP: {
    'zh-CN': '与已报名的“{name}”（{dates}）时间冲突',
    'en-US': 'The dates overlap with “{name}” ({dates}) you are already enrolled in',
  },
  EVALUATION_OWED: {
    'zh-CN': '请先完成已结束培训“{name}”的评教，再报名新的培训',
    'en-US': 'Please evaluate the finished training “{name}” before enrolling again',
  },
  CLASS_FULL: { 'zh-CN': '该班期名额已满', 'en-US': 'This class is full' },
  ALREADY_ENROLLED: { 'zh-CN': '已报过该班期（每个班期只能报名一次）', 'en-US': 'Already enrolled in this class (one enrolment per class)' },
  ROUND2_NOT_ELIGIBLE: {
    'zh-CN': '二轮补报仅限一轮中有学校审核通过但未被录取的报名的教师',
    'en-US': 'Round 2 is open only to teachers with a school-approved round-1 enrolment that was not admitted',
  },
  CLASS_CANCELLED: { 'zh-CN': '该班期已取消办班', 'en-US': 'This class has been cancelled' },
  CLASS_ENDED: { 'zh-CN': '该班期已结束', 'en-US': 'This class has ended' },
  CLASS_NOT_STARTED: { 'zh-CN': '该班期尚未开班', 'en-US': 'This class has not started yet' },
  CLASS_NOT_ENDED: { 'zh-CN': '该班期尚未结束', 'en-US': 'This class has not ended yet' },
  NOT_ENROLLABLE: { 'zh-CN': '该项目不接受报名（未审核通过或为指令性项目）', 'en-US': 'This project does not take enrolments' },
  QUOTA_FULL: { 'zh-CN': '本地区（{region}）的名额已用完', 'en-US': 'The places of {region} are used up' },
  LOTTERY_DONE: { 'zh-CN': '该班期已筛选过，筛选只能进行一次', 'en-US': 'This class has had its lottery; it runs only once' },
  LOTTERY_NOT_NEEDED: {
    'zh-CN': '该班期报名人数（{taken}）未超过计划人数（{capacity}），无需筛选',
    'en-US': 'Enrolments ({taken}) do not exceed capacity ({capacity}); no lottery is needed',
  },
  LOTTERY_REQUIRED: {
    'zh-CN': '报名人数超过计划人数，请在一轮报名结束后先进行筛选',
    'en-US': 'Enrolments exceed capacity; run the lottery after round 1 first',
  },
  ROUND1_OPEN: {
    'zh-CN': '一轮报名尚未结束：一轮不设上限，机构复核在一轮结束后进行（超额的班期先筛选）',
    'en-US': 'Round 1 is still open: it has no cap, and institutions review after it closes (oversubscribed classes draw lots first)',
  },
  BUSY_RETRY: { 'zh-CN': '有其他操作正在处理同一批数据，请稍后重试', 'en-US': 'Another operation is working on the same data; please try again' },
  EXPANSION_TOO_LARGE: {
    'zh-CN': '扩班不能超过计划人数的 50%（最多扩至 {max} 人）',
    'en-US': 'A class may grow by at most 50 % of its planned capacity (to {max})',
  },
  ADJUST_CLOSED: { 'zh-CN': '二轮补报结束后只能取消办班', 'en-US': 'After round 2 only cancellations are allowed' },
  CHECKIN_CODE_INVALID: { 'zh-CN': '签到码不正确或已过期', 'en-US': 'The check-in code is wrong or has expired' },
  EVALUATION_NOT_OPEN: { 'zh-CN': '培训结束后才能评教', 'en-US': 'Evaluation opens when the class ends' },
  NOT_ATTENDEE: { 'zh-CN': '只有参加该培训的学员才能评教', 'en-US': 'Only attendees can evaluate this class' },
  FILE_TYPE_NOT_ALLOWED: {
    'zh-CN': '文件类型不支持，只接受 {types}（按文件内容识别）',
    'en-US': 'File type not accepted; only {types} (checked on the content)',
  },
  FILE_TOO_LARGE: { 'zh-CN': '文件过大，最大 {limit}', 'en-US': 'The file is too large (at most {limit})' },
  PROJECT_LOCKED: { 'zh-CN': '项目已提交或已通过，不能修改', 'en-US': 'The project is submitted or approved and cannot be edited' },
  CLASSES_COUNT: { 'zh-CN': '每个项目须有 1 至 4 个班期', 'en-US': 'A project has 1 to 4 class periods' },
  PLAN_REQUIRED: { 'zh-CN': '请先上传培训方案再提交', 'en-US': 'Upload the training plan before submitting' },
  REGION_NOT_AUTHORISED: {
    'zh-CN': '面向地区“{region}”不在本机构的授权培训地区内',
    'en-US': 'Target region “{region}” is outside the institution’s authorised regions',
  },
  GRADE_IMPORT_INVALID: { 'zh-CN': '成绩表有 {count} 行错误，未导入任何成绩', 'en-US': '{count} rows have errors; no grade was imported' },
  INTERNAL: { 'zh-CN': '服务器出错了，请稍后再试', 'en-US': 'Something went wrong on the server; please try again' },
  ...COURSE_ERROR_MESSAGES,
  ...LEARNING_ERROR_MESSAGES,
} as const satisfies Record<string, Record<Lang, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Messages for single fields (validation). */
export const FIELD_MESSAGES = {
  required: { 'zh-CN': '必填', 'en-US': 'is required' },
  invalid: { 'zh-CN': '格式不正确', 'en-US': 'has an invalid format' },
  incorrect: { 'zh-CN': '不正确', 'en-US': 'is not correct' },
  tooShort: { 'zh-CN': '至少 {min} 个字符', 'en-US': 'must be at least {min} characters' },
  tooLong: { 'zh-CN': '最多 {max} 个字符', 'en-US': 'must be at most {max} characters' },
  tooSmall: { 'zh-CN': '不能小于 {min}', 'en-US': 'must be at least {min}' },
  tooBig: { 'zh-CN': '不能大于 {max}', 'en-US': 'must be at most {max}' },
  oneOf: { 'zh-CN': '取值必须是 {values} 之一', 'en-US': 'must be one of {values}' },
  unknownField: { 'zh-CN': '不允许的字段', 'en-US': 'is not an allowed field' },
  notNumber: { 'zh-CN': '必须是数字', 'en-US': 'must be a number' },
  mobile: { 'zh-CN': '请输入 11 位手机号', 'en-US': 'must be an 11-digit mobile number' },
  idNumber: { 'zh-CN': '身份证号不正确', 'en-US': 'is not a valid ID-card number' },
  taken: { 'zh-CN': '已被使用', 'en-US': 'is already in use' },
  notFound: { 'zh-CN': '不存在', 'en-US': 'does not exist' },
  unknownShixunNos: { 'zh-CN': '以下师训号不存在：{missing}', 'en-US': 'unknown 师训号: {missing}' },
  endBeforeStart: { 'zh-CN': '不能早于开始时间', 'en-US': 'must not be before the start' },
  outOfScope: { 'zh-CN': '超出您的管理范围', 'en-US': 'is outside your scope' },
  notCounty: { 'zh-CN': '必须选择区县', 'en-US': 'must be a county' },
  idMismatch: { 'zh-CN': '与身份证号不一致', 'en-US': 'does not match the ID number' },
  ageRange: { 'zh-CN': '年龄应在 18 到 70 岁之间', 'en-US': 'must give an age between 18 and 70' },
  idRegion: { 'zh-CN': '身份证号的地区码不存在', 'en-US': 'has a region code that does not exist' },
  registered: { 'zh-CN': '已在全省登记，请使用教师调动', 'en-US': 'is already registered; use a transfer' },
  verifiedLocked: {
    'zh-CN': '身份已认证，需学校管理员退回重新更新后才能修改',
    'en-US': 'is verified; ask the school admin to open the record for re-update first',
  },
  levelMismatch: { 'zh-CN': '与机构级别不符', 'en-US': 'does not match the institution level' },
  pwLength: { 'zh-CN': '长度至少 8 位', 'en-US': 'must be at least 8 characters' },
  pwClasses: {
    'zh-CN': '须包含大写字母、小写字母、数字、符号中的至少三类',
    'en-US': 'must mix at least three of upper case, lower case, digits and symbols',
  },
  pwCommon: { 'zh-CN': '过于常见，容易被猜到', 'en-US': 'is too common and easy to guess' },
  pwPersonal: {
    'zh-CN': '不能包含账号、手机号或身份证号',
    'en-US': 'must not contain your username, mobile or ID number',
  },
  pwSame: { 'zh-CN': '不能与原密码相同', 'en-US': 'must differ from the current password' },
  looksLikeIdentifier: {
    'zh-CN': '不能是手机号、身份证号或师训号的形式',
    'en-US': 'must not look like a mobile, ID number or 师训号',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

/** Field names as users read them in messages. */
export const FIELD_LABELS: Record<string, Record<Lang, string>> = {
  account: { 'zh-CN': '账号', 'en-US': 'Account' },
  password: { 'zh-CN': '密码', 'en-US': 'Password' },
  newPassword: { 'zh-CN': '新密码', 'en-US': 'New password' },
  oldPassword: { 'zh-CN': '原密码', 'en-US': 'Current password' },
  mobile: { 'zh-CN': '手机号', 'en-US': 'Mobile' },
  code: { 'zh-CN': '验证码', 'en-US': 'Code' },
  name: { 'zh-CN': '名称', 'en-US': 'Name' },
  gender: { 'zh-CN': '性别', 'en-US': 'Gender' },
  reason: { 'zh-CN': '审核意见', 'en-US': 'Reason' },
  action: { 'zh-CN': '审核操作', 'en-US': 'Action' },
  birthDate: { 'zh-CN': '出生日期', 'en-US': 'Birth date' },
  email: { 'zh-CN': '电子邮箱', 'en-US': 'Email' },
  stage: { 'zh-CN': '任教学段', 'en-US': 'Stage' },
  subjects: { 'zh-CN': '任教学科', 'en-US': 'Subjects' },
  title: { 'zh-CN': '职称', 'en-US': 'Title' },
  post: { 'zh-CN': '岗位', 'en-US': 'Post' },
  status: { 'zh-CN': '在职状态', 'en-US': 'Status' },
  schoolCode: { 'zh-CN': '学校代码', 'en-US': 'School code' },
  realName: { 'zh-CN': '姓名', 'en-US': 'Name' },
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  idNumber: { 'zh-CN': '身份证号', 'en-US': 'ID number' },
  shixunNo: { 'zh-CN': '师训号', 'en-US': '师训号' },
  note: { 'zh-CN': '备注', 'en-US': 'Note' },
  stageType: { 'zh-CN': '学校类型', 'en-US': 'School type' },
  sealName: { 'zh-CN': '学校公章名', 'en-US': 'Seal name' },
  town: { 'zh-CN': '所在镇街', 'en-US': 'Town/street' },
  nature: { 'zh-CN': '学校性质', 'en-US': 'Nature' },
  principalName: { 'zh-CN': '校长姓名', 'en-US': 'Principal name' },
  principalMobile: { 'zh-CN': '校长手机', 'en-US': 'Principal mobile' },
  countyCode: { 'zh-CN': '所属区县', 'en-US': 'County' },
  regionCode: { 'zh-CN': '所属地区', 'en-US': 'Region' },
  regionCodes: { 'zh-CN': '授权培训地区', 'en-US': 'Authorised regions' },
  level: { 'zh-CN': '级别', 'en-US': 'Level' },
  contactName: { 'zh-CN': '联系人', 'en-US': 'Contact' },
  contactMobile: { 'zh-CN': '联系电话', 'en-US': 'Contact mobile' },
  role: { 'zh-CN': '角色', 'en-US': 'Role' },
  roleId: { 'zh-CN': '身份', 'en-US': 'Identity' },
  schoolId: { 'zh-CN': '学校', 'en-US': 'School' },
  institutionId: { 'zh-CN': '培训机构', 'en-US': 'Institution' },
  page: { 'zh-CN': '页码', 'en-US': 'Page' },
  pageSize: { 'zh-CN': '每页条数', 'en-US': 'Page size' },
  language: { 'zh-CN': '语言', 'en-US': 'Language' },
  purpose: { 'zh-CN': '用途', 'en-US': 'Purpose' },
  year: { 'zh-CN': '培训年度', 'en-US': 'Training year' },
  round1Start: { 'zh-CN': '一轮报名开始', 'en-US': 'Round 1 start' },
  round1End: { 'zh-CN': '一轮报名结束', 'en-US': 'Round 1 end' },
  round2Start: { 'zh-CN': '二轮补报开始', 'en-US': 'Round 2 start' },
  round2End: { 'zh-CN': '二轮补报结束', 'en-US': 'Round 2 end' },
  evaluationDays: { 'zh-CN': '评教期限（天）', 'en-US': 'Evaluation days' },
  hourCap: { 'zh-CN': '年度学时上限', 'en-US': 'Yearly hour cap' },
  category: { 'zh-CN': '项目类别', 'en-US': 'Category' },
  targetRegions: { 'zh-CN': '面向地区', 'en-US': 'Target regions' },
  stages: { 'zh-CN': '面向学段', 'en-US': 'Stages' },
  posts: { 'zh-CN': '岗位类别', 'en-US': 'Posts' },
  hours: { 'zh-CN': '学时', 'en-US': 'Hours' },
  hourCategory: { 'zh-CN': '学时类别', 'en-US': 'Hour category' },
  mode: { 'zh-CN': '培训方式', 'en-US': 'Mode' },
  feeFen: { 'zh-CN': '收费标准', 'en-US': 'Fee' },
  description: { 'zh-CN': '项目简介', 'en-US': 'Description' },
  classes: { 'zh-CN': '班期', 'en-US': 'Class periods' },
  startDate: { 'zh-CN': '开始日期', 'en-US': 'Start date' },
  endDate: { 'zh-CN': '结束日期', 'en-US': 'End date' },
  place: { 'zh-CN': '培训地点', 'en-US': 'Place' },
  capacity: { 'zh-CN': '计划人数', 'en-US': 'Capacity' },
  checkpointLevel: { 'zh-CN': '审核点', 'en-US': 'Checkpoint' },
  score: { 'zh-CN': '分数', 'en-US': 'Score' },
  result: { 'zh-CN': '成绩', 'en-US': 'Result' },
  scores: { 'zh-CN': '评分', 'en-US': 'Ratings' },
  comment: { 'zh-CN': '意见建议', 'en-US': 'Comments' },
  day: { 'zh-CN': '日期', 'en-US': 'Day' },
  teacherIds: { 'zh-CN': '教师', 'en-US': 'Teachers' },
  classIds: { 'zh-CN': '班期', 'en-US': 'Classes' },
  shixunNos: { 'zh-CN': '参训名单', 'en-US': 'Participants' },
  places: { 'zh-CN': '名额', 'en-US': 'Places' },
  replacementTeacherId: { 'zh-CN': '替补教师', 'en-US': 'Replacement' },
  ...LEARNING_FIELD_LABELS,
};

export function format(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}

export function fieldLabel(field: string, lang: Lang): string {
  return FIELD_LABELS[field]?.[lang] ?? field;
}

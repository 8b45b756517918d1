import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { selectRule } from '../../../components/rules.js';
import { subjectOptions } from '../../../labels.js';

/** As many subjects as the server takes (zTeacherCreate, zMyProfileUpdate). */
const MAX_SUBJECTS = 4;

/** 任教学科 on the teacher forms (添加教师, 我的档案's basic info): one to four subjects. */
export function SubjectsField({ testId }: { testId: string }) {
  const { t } = useTranslation();
  const label = t('teacher.teachingSubjects');
  return (
    <Form.Item
      name="subjects"
      label={label}
      extra={t('teacher.subjectsHelp')}
      rules={[selectRule(t, label), { type: 'array', max: MAX_SUBJECTS, message: t('teacher.subjectsMax') }]}
    >
      <Select mode="multiple" maxCount={MAX_SUBJECTS} showSearch={{ optionFilterProp: 'label' }} options={subjectOptions(t)} data-testid={testId} />
    </Form.Item>
  );
}

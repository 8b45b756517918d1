import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RegionFilter } from '../../../components/region-filter.js';
import { subjectOptions, teacherStageOptions, titleOptions } from '../../../labels.js';

/** The filters the teacher list and 教师统计 share: region (city, county), stage, subject and title. */
export function TeacherFilterFields() {
  const { t } = useTranslation();
  return (
    <>
      <RegionFilter />
      <Form.Item name="stage" label={t('teacher.stage')}>
        <Select allowClear placeholder={t('common.all')} options={teacherStageOptions(t)} data-testid="filter-stage" />
      </Form.Item>
      <Form.Item name="subject" label={t('teacher.subjects')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.all')} options={subjectOptions(t)} data-testid="filter-subject" />
      </Form.Item>
      <Form.Item name="title" label={t('teacher.title')}>
        <Select allowClear placeholder={t('common.all')} options={titleOptions(t)} data-testid="filter-title" />
      </Form.Item>
    </>
  );
}

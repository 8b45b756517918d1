import { useQueryClient } from '@tanstack/react-query';
import { Alert, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CourseStage } from '../../../../../common/courses.js';
import { feedback } from '../../../api/client.js';
import { COURSE_KEYS, COURSES_URL, type Course, type CourseInput, courseApi } from '../../../api/courses.js';
import { FormDrawer } from '../../../components/form-drawer.js';
import { requiredRule, selectRule } from '../../../components/rules.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';
import { subjectOptions } from '../../../labels.js';
import { CoverField } from './cover-field.js';
import { courseStageOptions, difficultyOptions, gradeOptions } from './labels.js';

type Values = Omit<CourseInput, 'edition'> & { edition?: string };

function toValues(c: Course): Values {
  return {
    name: c.name,
    stage: c.stage,
    grades: c.grades,
    subject: c.subject,
    edition: c.edition ?? undefined,
    difficulty: c.difficulty,
    summary: c.summary,
    coverKey: c.coverKey,
    internetPlaces: c.internetPlaces,
  };
}

type Props = {
  open: boolean;
  /** Editing a declaration (while it waits for review, after a rejection, or later); otherwise a new one. */
  course?: Course;
  onClose: () => void;
};

/**
 * 课程申报 (CRS-1): name, 学段, 年级 (several), 学科, 版本 (optional), 难易程度, 简介, 封面 and the
 * places for 互联网学生. A new declaration goes to the reviewers and opens its course; a rejected one
 * is corrected and sent again in one step.
 */
export function DeclarationDrawer({ open, course, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const stage: CourseStage | undefined = Form.useWatch('stage', form);
  const label = (k: string) => t(`course.declare.${k}`);
  const rejected = course?.state === 'rejected';

  const wasOpen = useRef(false);
  useEffect(() => {
    if (open && !wasOpen.current) {
      form.resetFields();
      if (course) form.setFieldsValue(toValues(course));
    }
    wasOpen.current = open;
  }, [open, course, form]);

  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    const body: CourseInput = { ...v, edition: v.edition?.trim() || null };
    let saved: Course;
    if (course) {
      saved = await courseApi.update(course.id, body);
      if (rejected) saved = await courseApi.resubmit(course.id);
    } else {
      saved = await courseApi.declare(body);
    }
    queryClient.setQueryData(COURSE_KEYS.course(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: [COURSES_URL] });
    feedback.message.success(course ? (rejected ? label('resubmitted') : t('common.saved')) : label('declared'));
    onClose();
    if (!course) navigate(`/courses/${saved.id}/manage`);
  });

  const lastReject = course ? [...course.history].reverse().find((h) => h.action === 'reject') : undefined;
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={course ? t('course.declare.editTitle', { name: course.name }) : label('title')}
      width={720}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="course-form-submit"
      saveText={course ? (rejected ? label('saveResubmit') : t('common.save')) : label('submit')}
    >
      {rejected ? (
        <Alert type="error" showIcon title={t('course.declare.rejectedHint', { reason: lastReject?.reason ?? '-' })} style={{ marginBottom: 16 }} />
      ) : null}
      {!course ? <Alert type="info" showIcon title={label('hint')} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ internetPlaces: 100, difficulty: 'basic' }} scrollToFirstError>
        <Form.Item name="name" label={label('name')} rules={[requiredRule(t, label('name'))]}>
          <Input maxLength={40} showCount placeholder={label('namePlaceholder')} data-testid="course-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="stage" label={label('stage')} rules={[selectRule(t, label('stage'))]}>
              <Select
                options={courseStageOptions(t)}
                placeholder={t('common.select', { label: label('stage') })}
                onChange={() => form.setFieldValue('grades', [])}
                data-testid="course-stage"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="grades" label={label('grades')} rules={[selectRule(t, label('grades'))]}>
              <Select
                mode="multiple"
                options={gradeOptions(t, stage)}
                disabled={!stage}
                placeholder={stage ? t('common.select', { label: label('grades') }) : label('stageFirst')}
                data-testid="course-grades"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="subject" label={label('subject')} rules={[selectRule(t, label('subject'))]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={subjectOptions(t)}
                placeholder={t('common.select', { label: label('subject') })}
                data-testid="course-subject"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="edition" label={label('edition')} extra={label('editionHint')}>
              <Input maxLength={40} placeholder={label('editionPlaceholder')} data-testid="course-edition" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="difficulty" label={label('difficulty')} rules={[selectRule(t, label('difficulty'))]}>
              <Select options={difficultyOptions(t)} data-testid="course-difficulty" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="internetPlaces"
              label={label('places')}
              extra={label('placesHint')}
              rules={[{ required: true, message: t('common.required', { label: label('places') }) }]}
            >
              <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} data-testid="course-places" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label={label('summary')} rules={[requiredRule(t, label('summary'))]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={label('summaryPlaceholder')} data-testid="course-summary" />
        </Form.Item>
        <Form.Item name="coverKey" label={label('cover')} rules={[{ required: true, message: label('coverRequired') }]}>
          <CoverField currentUrl={course?.coverUrl} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

import { Alert, Button, Card, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { INTRO_TOPICS } from '../../../../../../common/courses.js';
import { feedback } from '../../../../api/client.js';
import { type Course, courseApi, type IntroductionSections } from '../../../../api/courses.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { useCourseUpdates } from '../../components/use-course.js';

/**
 * 课程介绍 (CRS-3, 000 §5.1 and §12): one section per topic the construction requirements name —
 * content, audience, goals, preparation, evaluation method, self-introduction, copyright. Empty
 * sections are left out; the checklist shows which are still missing.
 */
export function IntroductionTab({ course }: { course: Course }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IntroductionSections>();
  const updates = useCourseUpdates();
  const editable = course.can.edit;
  const { saving, submit } = useFormSubmit(form, async (v: IntroductionSections) => {
    updates.course(await courseApi.setIntroduction(course.id, v));
    feedback.message.success(t('common.saved'));
  });
  return (
    <Card size="small">
      <Alert type="info" showIcon title={t('course.intro.hint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={course.introduction} disabled={!editable}>
        {INTRO_TOPICS.map((k) => (
          <Form.Item key={k} name={k} label={t(`course.intro.topic.${k}`)} extra={t(`course.intro.help.${k}`)}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={4000} data-testid={`intro-${k}`} />
          </Form.Item>
        ))}
        {editable ? (
          <Flex justify="flex-end">
            <Button type="primary" htmlType="submit" loading={saving} data-testid="intro-save">
              {t('common.save')}
            </Button>
          </Flex>
        ) : null}
      </Form>
    </Card>
  );
}

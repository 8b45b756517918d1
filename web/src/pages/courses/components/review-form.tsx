import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MIN_REVIEW_CHARS, reviewChars } from '../../../../../common/courses.js';
import { feedback } from '../../../api/client.js';
import { LEARNING_KEYS, learningApi } from '../../../api/learning.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';

/**
 * 课程点评 (CRS-10): an internet student writes about what they learned, at least 100 characters,
 * counted live; the instructor approves it (an approved review is required for the credit).
 */
export function ReviewForm({ courseId }: { courseId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const text: string = Form.useWatch('text', form) ?? '';
  const chars = reviewChars(text);
  const enough = chars >= MIN_REVIEW_CHARS;
  const { saving, submit } = useFormSubmit(form, async (v: { text: string }) => {
    await learningApi.writeReview(courseId, v.text);
    form.resetFields();
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.reviews(courseId) });
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.score(courseId) });
    feedback.message.success(t('course.reviews.sent'));
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="review-form">
      <Form.Item name="text" label={t('course.reviews.write')} extra={t('course.reviews.rule', { min: MIN_REVIEW_CHARS })} style={{ marginBottom: 8 }}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} placeholder={t('course.reviews.placeholder')} data-testid="review-text" />
      </Form.Item>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type={enough ? 'success' : 'secondary'} data-testid="review-count">
          {enough
            ? t('course.reviews.countOk', { count: chars })
            : t('course.reviews.countShort', { count: chars, min: MIN_REVIEW_CHARS, left: MIN_REVIEW_CHARS - chars })}
        </Typography.Text>
        <Button type="primary" htmlType="submit" disabled={!enough} loading={saving} data-testid="review-submit">
          {t('course.reviews.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

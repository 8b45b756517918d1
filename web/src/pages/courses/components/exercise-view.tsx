import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SUBMISSIONS } from '../../../../../common/courses.js';
import { feedback, showError } from '../../../api/client.js';
import { type Exercise, type Homework, type ImageRef, LEARNING_KEYS, learningApi } from '../../../api/learning.js';
import { requiredRule } from '../../../components/rules.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';
import { formatTime } from '../../../labels.js';
import { ImageGallery, ImagePicker } from './images.js';
import { Post } from './post.js';

const MARK_COLOR: Record<NonNullable<Homework['mark']>, string> = { excellent: 'gold', passed: 'green', failed: 'red' };

/** 已批阅：优秀 / 合格 / 不合格, or 待批阅. */
export function MarkTag({ mark, testId }: { mark: Homework['mark']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={mark ? MARK_COLOR[mark] : 'default'} style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {t(`course.homework.mark.${mark ?? 'ungraded'}`)}
    </Tag>
  );
}

/** An exercise's attachments, each downloaded through the API client. */
export function ExerciseAttachments({ exercise }: { exercise: Exercise }) {
  if (exercise.attachments.length === 0) return null;
  return (
    <Flex gap={8} wrap>
      {exercise.attachments.map((a) => (
        <Typography.Link key={a.index} onClick={() => learningApi.downloadAttachment(a).catch(showError)} style={{ wordBreak: 'break-all' }}>
          <PaperClipOutlined /> {a.name}
        </Typography.Link>
      ))}
    </Flex>
  );
}

/** One submission as its author and the instructor read it: attempt, text, images, lateness, the mark and comment. */
export function HomeworkView({ homework: h, showStudent }: { homework: Homework; showStudent?: boolean }) {
  const { t } = useTranslation();
  return (
    <Post
      testId={`homework-${h.id}`}
      author={showStudent ? h.studentName : null}
      at={h.submittedAt}
      text={h.text}
      tags={
        <>
          <Typography.Text type="secondary">{t('course.homework.attempt', { attempt: h.attempt, max: MAX_SUBMISSIONS })}</Typography.Text>
          <MarkTag mark={h.mark} testId={`homework-mark-${h.id}`} />
          {h.late ? <Tag color="orange">{t('course.homework.late')}</Tag> : null}
        </>
      }
    >
      <ImageGallery images={h.images} />
      {h.score !== null || h.comment ? (
        <Alert
          type={h.mark === 'failed' ? 'warning' : 'success'}
          showIcon
          title={[h.score !== null ? t('course.homework.scoreValue', { score: h.score }) : null, h.comment].filter(Boolean).join(' · ')}
        />
      ) : null}
    </Post>
  );
}

/** Submit homework: text (required) and up to nine images. */
function HomeworkForm({ courseId, exercise }: { courseId: number; exercise: Exercise }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string; images: ImageRef[] }>();
  const [round, setRound] = useState(0);
  const label = t('course.homework.text');
  const { saving, submit } = useFormSubmit(form, async (v: { text: string; images: ImageRef[] }) => {
    await learningApi.submitHomework(exercise.id, { text: v.text, images: v.images ?? [] });
    form.resetFields();
    setRound((r) => r + 1);
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.exercises(courseId) });
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.homework(courseId) });
    feedback.message.success(t('course.homework.submitted'));
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid={`homework-form-${exercise.id}`}>
      <Form.Item name="text" label={label} rules={[requiredRule(t, label)]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount data-testid="homework-text" />
      </Form.Item>
      <Form.Item name="images" label={t('course.images.label')}>
        <ImagePicker key={round} courseId={courseId} testId="homework-images" />
      </Form.Item>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={saving} data-testid="homework-submit">
          {t('course.homework.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

/**
 * 练习 as a student sees it (CRS-6/8): the task, deadline and attachments, my submissions with their
 * marks, and the form while I may submit (an internet student, at most three times, again only after
 * a 不合格, late only where allowed) — or why not.
 */
export function StudentExercise({ courseId, exercise: e }: { courseId: number; exercise: Exercise }) {
  const { t } = useTranslation();
  const mine = e.mine;
  const { data: submissions } = useQuery({
    queryKey: [...LEARNING_KEYS.homework(courseId), { exerciseId: e.id }],
    queryFn: () => learningApi.homework(courseId, { exerciseId: e.id, page: 1, pageSize: MAX_SUBMISSIONS }),
    enabled: Boolean(mine && mine.used > 0),
  });
  return (
    <Card size="small" data-testid={`exercise-${e.id}`} title={<span style={{ whiteSpace: 'normal' }}>{e.title}</span>}>
      <Flex vertical gap={10}>
        <Flex gap={8} wrap align="center">
          <Typography.Text type={e.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {t('course.exercises.deadlineAt', { time: formatTime(e.deadline) })}
          </Typography.Text>
          {e.overdue && e.allowLate ? <Tag color="orange">{t('course.exercises.lateAllowed')}</Tag> : null}
          {mine ? <Tag style={{ marginInlineEnd: 0 }}>{t('course.homework.left', { left: mine.left, max: MAX_SUBMISSIONS })}</Tag> : null}
        </Flex>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{e.content}</Typography.Paragraph>
        <ExerciseAttachments exercise={e} />
        {(submissions?.items ?? []).map((h) => (
          <div key={h.id} style={{ padding: 10, background: '#fafafa', borderRadius: 6 }}>
            <HomeworkView homework={h} />
          </div>
        ))}
        {e.can.submit ? (
          <HomeworkForm courseId={courseId} exercise={e} />
        ) : mine?.blockedBy ? (
          <Alert type="info" showIcon title={t(`course.homework.blocked.${mine.blockedBy}`)} data-testid={`exercise-blocked-${e.id}`} />
        ) : null}
      </Flex>
    </Card>
  );
}

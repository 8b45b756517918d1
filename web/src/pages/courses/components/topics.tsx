import { CheckCircleFilled, MessageOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Flex, Form, Input, List, Pagination, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedback } from '../../../api/client.js';
import { type ImageRef, LEARNING_KEYS, learningApi, type Topic } from '../../../api/learning.js';
import { requiredRule } from '../../../components/rules.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';
import { ImageGallery, ImagePicker } from './images.js';
import { Post } from './post.js';

/** 发起话题 on a lesson (CRS-9, internet students): text required, images optional. */
export function TopicForm({ courseId, lessonId }: { courseId: number; lessonId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string; images: ImageRef[] }>();
  const [round, setRound] = useState(0);
  const label = t('course.topics.text');
  const { saving, submit } = useFormSubmit(form, async (v: { text: string; images: ImageRef[] }) => {
    await learningApi.startTopic(lessonId, { text: v.text, images: v.images ?? [] });
    form.resetFields();
    setRound((r) => r + 1);
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.topics(courseId) });
    feedback.message.success(t('course.topics.started'));
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="topic-form">
      <Form.Item name="text" label={t('course.topics.start')} rules={[requiredRule(t, label)]}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={2000}
          showCount
          placeholder={t('course.topics.placeholder')}
          data-testid="topic-text"
        />
      </Form.Item>
      <Form.Item name="images">
        <ImagePicker key={round} courseId={courseId} testId="topic-images" />
      </Form.Item>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={saving} data-testid="topic-submit">
          {t('course.topics.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

/** A topic's replies (the instructor's marked 老师) and, for those who may, the reply box. */
function TopicThread({ courseId, topicId }: { courseId: number; topicId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const { data } = useQuery({ queryKey: LEARNING_KEYS.topic(courseId, topicId), queryFn: () => learningApi.topic(topicId) });
  const { saving, submit } = useFormSubmit(form, async (v: { text: string }) => {
    queryClient.setQueryData(LEARNING_KEYS.topic(courseId, topicId), await learningApi.reply(topicId, v.text));
    form.resetFields();
    feedback.message.success(t('course.topics.replied'));
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.topics(courseId), predicate: (q) => q.queryKey[3] !== 'one' });
  });
  if (!data) return <Skeleton active paragraph={{ rows: 2 }} />;
  return (
    <Flex vertical gap={8} style={{ paddingInlineStart: 12, borderInlineStart: '2px solid #f0f0f0' }} data-testid={`topic-thread-${topicId}`}>
      {data.replies.map((r) => (
        <Post
          key={r.id}
          author={r.authorName}
          at={r.createdAt}
          text={r.text}
          tags={
            r.byInstructor ? (
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t('course.topics.teacher')}
              </Tag>
            ) : null
          }
        />
      ))}
      {data.replies.length === 0 ? <Typography.Text type="secondary">{t('course.topics.noReplies')}</Typography.Text> : null}
      {data.can.reply ? (
        <Form form={form} onFinish={submit} requiredMark={false}>
          <Flex gap={8} align="flex-start">
            <Form.Item name="text" rules={[requiredRule(t, t('course.topics.reply'))]} style={{ flex: 1, marginBottom: 0 }}>
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 6 }}
                maxLength={2000}
                placeholder={t('course.topics.replyPlaceholder')}
                data-testid={`topic-reply-text-${topicId}`}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid={`topic-reply-${topicId}`}>
              {t('course.topics.reply')}
            </Button>
          </Flex>
        </Form>
      ) : null}
    </Flex>
  );
}

type ListProps = {
  courseId: number;
  /** One lesson's topics (the player), or the whole course's (话题管理). */
  lessonId?: number;
  /** 话题管理 starts with the unanswered ones. */
  answeredFilter?: boolean;
};

/** Topics newest first, each with its lesson, images, whether the teacher answered, and its thread on demand. */
export function TopicList({ courseId, lessonId, answeredFilter }: ListProps) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [answered, setAnswered] = useState<'all' | 'yes' | 'no'>(answeredFilter ? 'no' : 'all');
  const [open, setOpen] = useState<Set<number>>(new Set());
  const query = { lessonId, answered: answered === 'all' ? undefined : answered, page, pageSize: 10 };
  const { data, isPending } = useQuery({
    queryKey: [...LEARNING_KEYS.topics(courseId), query],
    queryFn: () => learningApi.topics(courseId, query),
    placeholderData: (prev) => prev,
  });
  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const items = data?.items ?? [];
  return (
    <Flex vertical gap={12} data-testid="topic-list">
      {answeredFilter ? (
        <Segmented
          value={answered}
          onChange={(v) => {
            setAnswered(v as typeof answered);
            setPage(1);
          }}
          options={[
            { value: 'no', label: t('course.topics.unanswered') },
            { value: 'yes', label: t('course.topics.answered') },
            { value: 'all', label: t('common.all') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      ) : null}
      {isPending ? <Skeleton active /> : null}
      {!isPending && items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.topics.none')} /> : null}
      {items.length > 0 ? (
        <List
          dataSource={items}
          renderItem={(topic: Topic) => (
            <List.Item key={topic.id} style={{ paddingInline: 0, display: 'block' }} data-testid={`topic-${topic.id}`}>
              <Post
                author={topic.authorName}
                at={topic.createdAt}
                text={topic.text}
                tags={
                  <>
                    {lessonId ? null : <Tag style={{ marginInlineEnd: 0 }}>{topic.lessonTitle}</Tag>}
                    {topic.answeredAt ? (
                      <Tag color="green" icon={<CheckCircleFilled />} style={{ marginInlineEnd: 0 }}>
                        {t('course.topics.answeredTag')}
                      </Tag>
                    ) : null}
                  </>
                }
              >
                <ImageGallery images={topic.images} />
                <Button
                  type="link"
                  size="small"
                  icon={<MessageOutlined />}
                  onClick={() => toggle(topic.id)}
                  style={{ alignSelf: 'flex-start', paddingInline: 0 }}
                  data-testid={`topic-open-${topic.id}`}
                >
                  {open.has(topic.id) ? t('course.topics.hideReplies') : t('course.topics.replies', { count: topic.replyCount })}
                </Button>
                {open.has(topic.id) ? <TopicThread courseId={courseId} topicId={topic.id} /> : null}
              </Post>
            </List.Item>
          )}
        />
      ) : null}
      {(data?.total ?? 0) > query.pageSize ? (
        <Flex justify="center">
          <Pagination simple current={page} pageSize={query.pageSize} total={data?.total ?? 0} onChange={setPage} />
        </Flex>
      ) : null}
    </Flex>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, List, Pagination, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError } from '../../../../api/client.js';
import type { Course } from '../../../../api/courses.js';
import { LEARNING_KEYS, learningApi, type StudentReview } from '../../../../api/learning.js';
import { ReasonModal } from '../../../../components/reason-modal.js';
import { formatTime } from '../../../../labels.js';

const STATE_COLOR: Record<StudentReview['state'], string> = { pending: 'gold', approved: 'green', rejected: 'red' };

/**
 * 评价管理 (CRS-10, 000 §8): the students' course reviews, 待审核 first; 通过 counts the review
 * towards the student's credit, 拒绝 (with a reason) lets them write again.
 */
export function ReviewsTab({ course }: { course: Course }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [state, setState] = useState<'pending' | 'approved' | 'rejected' | 'all'>('pending');
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<StudentReview | null>(null);
  const query = { state: state === 'all' ? undefined : state, page, pageSize: 10 };
  const { data, isPending } = useQuery({
    queryKey: [...LEARNING_KEYS.reviews(course.id), query],
    queryFn: () => learningApi.reviews(course.id, query),
    placeholderData: (prev) => prev,
  });
  const done = (text: string) => {
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.reviews(course.id) });
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.students(course.id) });
    message.success(text);
  };
  const approve = (r: StudentReview) =>
    modal.confirm({
      title: t('course.reviews.approveConfirm', { name: r.authorName }),
      okText: t('course.reviews.approve'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await learningApi.decideReview(r.id, 'approve');
          done(t('course.reviews.approved'));
        } catch (err) {
          showError(err);
        }
      },
    });
  const items = data?.items ?? [];
  return (
    <Card size="small">
      <Segmented
        value={state}
        onChange={(v) => {
          setState(v as typeof state);
          setPage(1);
        }}
        options={(['pending', 'approved', 'rejected', 'all'] as const).map((s) => ({
          value: s,
          label: s === 'all' ? t('common.all') : t(`course.reviews.state.${s}`),
        }))}
        style={{ marginBottom: 12 }}
      />
      {!isPending && items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.reviews.none')} /> : null}
      {items.length > 0 ? (
        <List
          dataSource={items}
          renderItem={(r) => (
            <List.Item
              key={r.id}
              style={{ paddingInline: 0 }}
              data-testid={`student-review-${r.id}`}
              actions={[
                ...(r.can.approve
                  ? [
                      <Button key="a" type="link" size="small" onClick={() => approve(r)} data-testid={`student-review-approve-${r.id}`}>
                        {t('course.reviews.approve')}
                      </Button>,
                    ]
                  : []),
                ...(r.can.reject
                  ? [
                      <Button key="r" type="link" size="small" danger onClick={() => setRejecting(r)} data-testid={`student-review-reject-${r.id}`}>
                        {t('course.reviews.reject')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <Flex vertical gap={4} style={{ minWidth: 0 }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{r.authorName}</Typography.Text>
                  <Tag color={STATE_COLOR[r.state]} style={{ marginInlineEnd: 0 }}>
                    {t(`course.reviews.state.${r.state}`)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('course.reviews.chars', { count: r.chars })} · {formatTime(r.createdAt)}
                  </Typography.Text>
                </Flex>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.text}</Typography.Paragraph>
                {r.reason ? <Alert type="error" showIcon title={t('course.reviews.reasonLine', { reason: r.reason })} /> : null}
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
      {(data?.total ?? 0) > query.pageSize ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Pagination current={page} pageSize={query.pageSize} total={data?.total ?? 0} onChange={setPage} />
        </Flex>
      ) : null}
      {rejecting ? (
        <ReasonModal
          title={t('course.reviews.rejectTitle', { name: rejecting.authorName })}
          okText={t('course.reviews.reject')}
          danger
          label={t('course.review.reason')}
          placeholder={t('course.reviews.rejectPlaceholder')}
          onClose={() => setRejecting(null)}
          onSubmit={async (reason) => {
            await learningApi.decideReview(rejecting.id, 'reject', reason);
            setRejecting(null);
            done(t('course.reviews.rejected'));
          }}
        />
      ) : null}
    </Card>
  );
}

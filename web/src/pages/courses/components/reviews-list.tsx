import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, List, Pagination, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course } from '../../../api/courses.js';
import { LEARNING_KEYS, learningApi, type StudentReview } from '../../../api/learning.js';
import { useCurrentMe } from '../../../api/session.js';
import { Post } from './post.js';
import { ReviewForm } from './review-form.js';

const STATE_COLOR: Record<StudentReview['state'], string> = { pending: 'gold', approved: 'green', rejected: 'red' };

/**
 * 课程点评 on the course page: approved reviews (and my own in any state, with the instructor's
 * reason when rejected); an internet student without a standing review writes one here.
 */
export function ReviewsSection({ course }: { course: Course }) {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const [page, setPage] = useState(1);
  const query = { page, pageSize: 10 };
  const { data } = useQuery({
    queryKey: [...LEARNING_KEYS.reviews(course.id), query],
    queryFn: () => learningApi.reviews(course.id, query),
    placeholderData: (prev) => prev,
  });
  const internet = course.studentKind === 'internet';
  // My latest review, whatever its state (the list shows others' approved ones only).
  const { data: own } = useQuery({
    queryKey: [...LEARNING_KEYS.reviews(course.id), 'mine'],
    queryFn: () => learningApi.reviews(course.id, { mine: 'yes', page: 1, pageSize: 1 }),
    enabled: course.party === 'student',
  });
  const items = data?.items ?? [];
  const mine = own?.items[0];
  const standing = mine && mine.state !== 'rejected';

  return (
    <Flex vertical gap={16} data-testid="course-reviews">
      {course.party === 'student' && !internet ? <Alert type="info" showIcon title={t('course.reviews.internetOnly')} /> : null}
      {internet && mine?.state === 'rejected' ? (
        <Alert type="error" showIcon title={t('course.reviews.rejectedMine', { reason: mine.reason ?? '-' })} data-testid="review-rejected" />
      ) : null}
      {internet && !standing && course.state === 'published' ? <ReviewForm courseId={course.id} /> : null}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.reviews.none')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(r) => (
            <List.Item key={r.id} data-testid={`review-${r.id}`} style={{ paddingInline: 0 }}>
              <Post
                author={r.authorName}
                at={r.createdAt}
                text={r.text}
                tags={
                  r.accountId === me.account.id ? (
                    <Tag color={STATE_COLOR[r.state]} style={{ marginInlineEnd: 0 }} data-testid="review-mine-state">
                      {t(`course.reviews.state.${r.state}`)}
                    </Tag>
                  ) : null
                }
              />
            </List.Item>
          )}
        />
      )}
      {(data?.total ?? 0) > query.pageSize ? (
        <Flex justify="center">
          <Pagination simple current={page} pageSize={query.pageSize} total={data?.total ?? 0} onChange={setPage} />
        </Flex>
      ) : null}
    </Flex>
  );
}

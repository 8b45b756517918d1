import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatTime } from '../../../labels.js';

/**
 * A piece of writing in a course (a topic, a reply, a review, a homework): who, its tags and when on
 * one line, then the text as it was written, then whatever belongs below it (images, actions).
 */
export function Post({
  author,
  at,
  tags,
  text,
  children,
  testId,
}: {
  author?: ReactNode;
  at: string;
  tags?: ReactNode;
  text: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <Flex vertical gap={6} style={{ width: '100%' }} data-testid={testId}>
      <Flex gap={8} align="center" wrap>
        {author ? <Typography.Text strong>{author}</Typography.Text> : null}
        {tags}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(at)}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{text}</Typography.Paragraph>
      {children}
    </Flex>
  );
}

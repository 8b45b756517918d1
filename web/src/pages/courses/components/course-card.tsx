import { PlayCircleOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CourseSummary } from '../../../api/courses.js';
import { courseFacts } from './labels.js';

/** A 16:9 cover (the declaration's rule), filling the width it is given. */
export function CourseCover({ url, style }: { url: string; style?: CSSProperties }) {
  return (
    <div style={{ aspectRatio: '16 / 9', background: '#f0f2f5', overflow: 'hidden', borderRadius: 6, ...style }}>
      {url ? <img src={url} alt="" loading="lazy" style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }} /> : null}
    </div>
  );
}

type Props = {
  course: CourseSummary;
  /** Where the card leads. */
  to: string;
  /** Tags beside the title (state, 数字微校). */
  tags?: ReactNode;
  /** Buttons under the card. */
  actions?: ReactNode[];
};

/** One course as the catalogue and 我的课程 show it: cover, name, stage/grades/subject, instructor, lessons and students. */
export function CourseCard({ course: c, to, tags, actions }: Props) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      hoverable
      data-testid={`course-card-${c.id}`}
      cover={
        <Link to={to} aria-label={c.name}>
          <CourseCover url={c.coverUrl} style={{ borderRadius: '8px 8px 0 0' }} />
        </Link>
      }
      actions={actions}
      styles={{ body: { padding: 12 } }}
    >
      <Flex vertical gap={6}>
        <Link to={to} style={{ color: 'inherit' }}>
          <Typography.Text strong style={{ fontSize: 15 }} ellipsis={{ tooltip: c.name }}>
            {c.name}
          </Typography.Text>
        </Link>
        {tags ? (
          <Flex gap={6} wrap>
            {tags}
          </Flex>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {courseFacts(t, c)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          <UserOutlined /> {c.instructorName}
          {c.organisation ? ` · ${c.organisation}` : ''}
        </Typography.Text>
        <Flex gap={12} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary">
            <PlayCircleOutlined /> {t('course.card.lessons', { count: c.lessonCount })}
          </Typography.Text>
          <Typography.Text type="secondary">
            <TeamOutlined /> {t('course.card.students', { count: c.studentCount })}
          </Typography.Text>
          {c.microSchool ? (
            <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
              {t('course.microSchool')}
            </Tag>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

import { UserOutlined } from '@ant-design/icons';
import { Avatar, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Course } from '../../../api/courses.js';
import { formatTime } from '../../../labels.js';
import { CourseCover } from './course-card.js';
import { courseFacts } from './labels.js';

/** What was declared (CRS-1) and who declared it: the reviewer's and the instructor's view of a declaration. */
export function DeclarationFacts({ course: c, withInstructor }: { course: Course; withInstructor?: boolean }) {
  const { t } = useTranslation();
  const label = (k: string) => t(`course.declare.${k}`);
  return (
    <Flex vertical gap={16}>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { whiteSpace: 'nowrap', width: 120 }, content: { wordBreak: 'break-word' } }}
        data-testid="course-declaration"
        items={[
          { key: 'name', label: label('name'), children: c.name },
          { key: 'facts', label: label('stageGradesSubject'), children: courseFacts(t, c) },
          { key: 'edition', label: label('edition'), children: c.edition || '-' },
          { key: 'difficulty', label: label('difficulty'), children: t(`course.difficulty.${c.difficulty}`) },
          { key: 'places', label: label('places'), children: c.internetPlaces },
          {
            key: 'summary',
            label: label('summary'),
            children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.summary}</Typography.Paragraph>,
          },
          { key: 'cover', label: label('cover'), children: <CourseCover url={c.coverUrl} style={{ maxWidth: 320 }} /> },
          { key: 'declaredAt', label: label('declaredAt'), children: formatTime(c.declaredAt) },
        ]}
      />
      {withInstructor ? (
        <Flex gap={12} align="flex-start" data-testid="course-instructor">
          <Avatar size={56} src={c.instructorAvatarUrl ?? undefined} icon={<UserOutlined />} style={{ flex: 'none' }} />
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{c.instructorName}</Typography.Text>
            {c.organisation ? <Typography.Text type="secondary">{` · ${c.organisation}`}</Typography.Text> : null}
            <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
              {c.instructorIntro || '-'}
            </Typography.Paragraph>
          </div>
        </Flex>
      ) : null}
    </Flex>
  );
}

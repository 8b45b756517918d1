import { DeleteOutlined, FileOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError } from '../../../api/client.js';
import { type Lesson, lessonApi } from '../../../api/courses.js';
import { formatSize } from '../../training/components/labels.js';

type Props = {
  documents: Lesson['documents'];
  /** Deletes a document (the instructor, while the lesson may be edited). */
  onDelete?: (documentId: number) => Promise<void>;
  testId?: string;
};

/** A lesson's documents (课时资料): each opens as a download through the API client; the instructor may delete. */
export function LessonDocuments({ documents, onDelete, testId = 'lesson-documents' }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<number | null>(null);
  if (documents.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.documents.none')} data-testid={testId} />;
  const open = async (d: Lesson['documents'][number]) => {
    setBusy(d.id);
    try {
      await lessonApi.downloadDocument(d);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Flex vertical gap={6} data-testid={testId}>
      {documents.map((d) => (
        <Flex key={d.id} gap={8} align="center" justify="space-between" style={{ padding: '6px 10px', background: '#fafafa', borderRadius: 6 }}>
          <Typography.Link onClick={() => open(d)} style={{ minWidth: 0, wordBreak: 'break-all' }} data-testid={`document-${d.id}`}>
            {busy === d.id ? <LoadingOutlined /> : <FileOutlined />} {d.fileName}
          </Typography.Link>
          <Flex gap={4} align="center" style={{ flex: 'none' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatSize(d.size)}
            </Typography.Text>
            {onDelete ? (
              <Popconfirm
                title={t('course.documents.deleteConfirm', { name: d.fileName })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => onDelete(d.id).catch(showError)}
              >
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`document-delete-${d.id}`} />
              </Popconfirm>
            ) : null}
          </Flex>
        </Flex>
      ))}
    </Flex>
  );
}

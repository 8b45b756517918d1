import { PlusOutlined } from '@ant-design/icons';
import { Flex, Image, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { type ImageRef, learningApi } from '../../../api/learning.js';

const MAX_IMAGES = 9;

type Props = {
  courseId: number;
  value?: ImageRef[];
  onChange?: (images: ImageRef[]) => void;
  testId?: string;
};

/**
 * Images of a homework submission or a topic (CRS-8/9): JPG or PNG, up to nine, each stored as it
 * is picked (the server checks it by its bytes) and referenced by its key when the form is sent. A
 * refused image stays in the list, marked, with the server's reason.
 */
export function ImagePicker({ courseId, value = [], onChange, testId = 'image-picker' }: Props) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const emit = (next: UploadFile[]) => {
    setFiles(next);
    onChange?.(next.filter((f) => f.status === 'done' && f.response?.key).map((f) => ({ key: f.response.key as string, name: f.name })));
  };
  return (
    <div data-testid={testId}>
      <Upload
        listType="picture-card"
        accept=".jpg,.jpeg,.png"
        multiple
        fileList={files}
        maxCount={MAX_IMAGES}
        customRequest={async ({ file, onSuccess, onError }) => {
          try {
            onSuccess?.(await learningApi.uploadImage(courseId, file as File));
          } catch (err) {
            const e = err instanceof ApiError ? err : new Error(String(err));
            onError?.(Object.assign(new Error(e.message), { status: 400 }));
          }
        }}
        onChange={({ fileList }) => emit(fileList.map((f) => (f.status === 'error' ? { ...f, response: f.error?.message } : f)))}
        onPreview={(f) => {
          if (f.originFileObj) window.open(URL.createObjectURL(f.originFileObj), '_blank', 'noopener');
        }}
      >
        {files.length >= MAX_IMAGES ? null : (
          <Flex vertical align="center" gap={4}>
            <PlusOutlined />
            <span style={{ fontSize: 12 }}>{t('course.images.add')}</span>
          </Flex>
        )}
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('course.images.rules', { max: MAX_IMAGES, count: value.length })}
      </Typography.Text>
    </div>
  );
}

/** Images shown with a submission or topic, enlarged on click. */
export function ImageGallery({ images }: { images: { name: string; url: string }[] }) {
  if (images.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap>
        {images.map((img) => (
          <Image key={img.url} src={img.url} alt={img.name} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

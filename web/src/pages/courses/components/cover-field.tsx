import { LoadingOutlined, PictureOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, showError } from '../../../api/client.js';
import { courseApi } from '../../../api/courses.js';

type Props = {
  value?: string;
  onChange?: (key: string) => void;
  /** The cover the course has now (editing a declaration). */
  currentUrl?: string;
};

/**
 * 课程封面 (CRS-1): a JPG or PNG of 750×422 or 1920×1080, checked by the server as it arrives; its
 * refusal (with the size it found) stands under the field, like any field error.
 */
export function CoverField({ value, onChange, currentUrl }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const shown = preview ?? (value ? currentUrl : undefined);

  const upload = async (file: File) => {
    setBusy(true);
    form.setFields([{ name: 'coverKey', errors: [] }]);
    try {
      const cover = await courseApi.uploadCover(file);
      setPreview(URL.createObjectURL(file));
      onChange?.(cover.key);
      form.setFields([{ name: 'coverKey', value: cover.key, errors: [] }]);
    } catch (err) {
      if (err instanceof ApiError && !err.handled) form.setFields([{ name: 'coverKey', errors: [err.message] }]);
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex gap={12} align="flex-start" wrap data-testid="course-cover">
      <div
        style={{
          width: 240,
          maxWidth: '100%',
          aspectRatio: '16 / 9',
          borderRadius: 6,
          border: '1px dashed #d9d9d9',
          background: '#fafafa',
          overflow: 'hidden',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        {shown ? (
          <img src={shown} alt="" style={{ width: '100%', height: '100%', objectFit: 'cover' }} data-testid="cover-preview" />
        ) : (
          <PictureOutlined style={{ fontSize: 32, color: '#bfbfbf' }} />
        )}
      </div>
      <Flex vertical gap={6} style={{ flex: '1 1 180px', minWidth: 0 }}>
        <Upload
          accept=".jpg,.jpeg,.png"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button icon={busy ? <LoadingOutlined /> : <PictureOutlined />} disabled={busy} data-testid="cover-upload">
            {shown ? t('course.declare.replaceCover') : t('course.declare.uploadCover')}
          </Button>
        </Upload>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('course.declare.coverRule')}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

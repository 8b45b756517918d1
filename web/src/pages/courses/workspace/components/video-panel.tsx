import { CloudUploadOutlined, DeleteOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Popconfirm, Progress, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, showError } from '../../../../api/client.js';
import { type Lesson, lessonApi, type UploadProgress, uploadVideo } from '../../../../api/courses.js';
import { formatSize } from '../../../training/components/labels.js';
import { HlsVideo } from '../../components/hls-video.js';
import { formatDuration, VideoStateTag } from '../../components/labels.js';

const VIDEO_ACCEPT = 'video/*,.mp4,.mov,.m4v,.avi,.mkv,.flv,.wmv';

type Props = {
  lesson: Lesson;
  onChanged: (l: Lesson) => void;
  /** Asks the server again now (the 刷新 button; it also polls while transcoding). */
  onRefresh: () => void;
  refreshing: boolean;
};

/**
 * 课时视频 (CRS-4, 000 §5.3): upload in chunks with a progress bar (a dropped connection is retried
 * from where the server stands; a failed upload resumes when the same file is chosen again), then the
 * background transcoding with its progress and 刷新, 预览, 重新上传 and 删除.
 */
export function VideoPanel({ lesson, onChanged, onRefresh, refreshing }: Props) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<{ message: string; file: File | null } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const video = lesson.video;
  const editable = lesson.can.edit;

  useEffect(() => () => abort.current?.abort(), []);

  const start = async (file: File) => {
    setError(null);
    setPreviewing(false);
    setProgress({ sent: 0, size: file.size, retrying: false });
    const controller = new AbortController();
    abort.current = controller;
    try {
      await uploadVideo(lesson.id, file, setProgress, controller.signal);
      onChanged(await lessonApi.get(lesson.id));
    } catch (err) {
      if (controller.signal.aborted) return;
      if (err instanceof ApiError && err.handled) return;
      const message = err instanceof Error ? err.message : String(err);
      // A passing failure keeps the file for 继续上传; a refusal (not a video, too large) does not.
      const resumable = err instanceof ApiError && (err.code === 'NETWORK' || err.status >= 500);
      setError({ message, file: resumable ? file : null });
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  const remove = async () => {
    try {
      onChanged(await lessonApi.deleteVideo(lesson.id));
    } catch (err) {
      showError(err);
    }
  };

  const picker = (label: string, primary: boolean) => (
    <Upload
      accept={VIDEO_ACCEPT}
      showUploadList={false}
      disabled={progress !== null}
      beforeUpload={(file) => {
        void start(file);
        return Upload.LIST_IGNORE;
      }}
    >
      <Button type={primary ? 'primary' : 'default'} icon={<CloudUploadOutlined />} disabled={progress !== null} data-testid="video-upload">
        {label}
      </Button>
    </Upload>
  );

  const percent = progress ? Math.floor((progress.sent / Math.max(1, progress.size)) * 100) : 0;
  return (
    <Flex vertical gap={12} data-testid="lesson-video">
      {progress ? (
        <div data-testid="video-upload-progress">
          <Flex justify="space-between" style={{ fontSize: 12 }}>
            <Typography.Text type={progress.retrying ? 'warning' : 'secondary'}>
              {progress.retrying ? t('course.video.retrying') : t('course.video.uploading')}
            </Typography.Text>
            <Typography.Text type="secondary">
              {formatSize(progress.sent)} / {formatSize(progress.size)}
            </Typography.Text>
          </Flex>
          <Progress percent={percent} status={progress.retrying ? 'exception' : 'active'} />
        </div>
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error.message}
          data-testid="video-upload-error"
          action={
            error.file ? (
              <Button size="small" onClick={() => error.file && start(error.file)} data-testid="video-upload-resume">
                {t('course.video.resume')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {video ? (
        <Flex vertical gap={8}>
          <Flex gap={8} align="center" wrap>
            <VideoStateTag video={video} testId="video-state" />
            <Typography.Text style={{ wordBreak: 'break-all' }}>{video.fileName}</Typography.Text>
            <Typography.Text type="secondary">
              {formatSize(video.size)}
              {video.durationS ? ` · ${formatDuration(video.durationS)}` : ''}
            </Typography.Text>
          </Flex>
          {video.state === 'queued' || video.state === 'transcoding' ? (
            <>
              <Progress percent={video.progress} size="small" status="active" data-testid="video-transcode-progress" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('course.video.transcodeHint')}
              </Typography.Text>
            </>
          ) : null}
          {video.state === 'failed' ? (
            <Alert type="error" showIcon title={t('course.video.failed')} description={video.error} data-testid="video-error" />
          ) : null}
          <Flex gap={8} wrap>
            {video.state !== 'ready' ? (
              <Button icon={<ReloadOutlined />} loading={refreshing} onClick={onRefresh} data-testid="video-refresh">
                {t('course.video.refresh')}
              </Button>
            ) : null}
            {video.playlistUrl ? (
              <Button icon={<EyeOutlined />} onClick={() => setPreviewing((p) => !p)} data-testid="video-preview">
                {previewing ? t('course.video.hidePreview') : t('course.video.preview')}
              </Button>
            ) : null}
            {editable && progress === null ? picker(t('course.video.replace'), false) : null}
            {editable && progress === null ? (
              <Popconfirm
                title={t('course.video.deleteConfirm')}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={remove}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="video-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
          {previewing && video.playlistUrl ? <HlsVideo src={video.playlistUrl} testId="video-preview-player" /> : null}
        </Flex>
      ) : (
        <Flex vertical gap={8} align="flex-start">
          <Typography.Text type="secondary">{t('course.video.none')}</Typography.Text>
          {editable && progress === null ? picker(t('course.video.upload'), true) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('course.video.rules')}
          </Typography.Text>
        </Flex>
      )}
    </Flex>
  );
}

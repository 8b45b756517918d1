import { DownloadOutlined, LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLAN_MAX_BYTES } from '../../../../../../common/training.js';
import { ApiError, showError } from '../../../../api/client.js';
import { enrolmentActions } from '../../../../api/enrolment.js';
import { type Project, projectApi, TRAINING_KEYS } from '../../../../api/training.js';
import { formatSize, sizeRefusal } from '../../components/labels.js';

const PLAN_ACCEPT = '.doc,.docx,.xls,.xlsx,.pdf';

/**
 * 培训方案 (PRJ-2, PRJ-7): anyone who sees the project downloads it; the institution uploads or
 * replaces it while the project is a draft or returned. The server checks the type by content and
 * the size (≤ 500 KB); its refusal is shown under the button.
 */
export function PlanField({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    const tooLarge = sizeRefusal(file, PLAN_MAX_BYTES, '500 KB');
    setError(tooLarge);
    if (tooLarge) return;
    setBusy(true);
    try {
      const updated = await projectApi.uploadPlan(project.id, file);
      queryClient.setQueryData(TRAINING_KEYS.project(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: TRAINING_KEYS.projects });
      message.success(t('project.planUploaded'));
    } catch (err) {
      if (err instanceof ApiError && !err.handled) setError(err.message);
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  const downloadPlan = async () => {
    setDownloading(true);
    try {
      await enrolmentActions.downloadPlan(project.id, project.plan?.name ?? '培训方案');
    } catch (err) {
      showError(err);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div data-testid="project-plan">
      <Flex gap={8} align="center" wrap>
        {project.plan ? (
          <Typography.Link onClick={downloading ? undefined : downloadPlan} style={{ wordBreak: 'break-all' }} data-testid="project-plan-download">
            {downloading ? <LoadingOutlined /> : <DownloadOutlined />} {project.plan.name}
          </Typography.Link>
        ) : (
          <Typography.Text type="secondary">{project.category === 'directive' ? t('project.planOptional') : t('project.noPlan')}</Typography.Text>
        )}
        {project.plan ? <Typography.Text type="secondary">{formatSize(project.plan.size)}</Typography.Text> : null}
        {project.abilities.edit ? (
          <Upload
            accept={PLAN_ACCEPT}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="project-plan-upload">
              {project.plan ? t('project.replacePlan') : t('project.uploadPlan')}
            </Button>
          </Upload>
        ) : null}
      </Flex>
      {project.abilities.edit ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('project.planRules')}
        </Typography.Text>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="project-plan-error" /> : null}
    </div>
  );
}

import { DownloadOutlined, InboxOutlined, SolutionOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Grid, Radio, Skeleton, Space, Steps, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { ImportResult } from '../../../../../common/schemas/teachers.js';
import { ApiError, api, showError } from '../../../api/client.js';
import { type ImportMode, importActions, XLSX_TYPE } from '../../../api/imports.js';
import { PageContainer } from '../../../components/page-container.js';
import { ImportResultView } from './components/import-result.js';
import { IMPORTS_KEY, RecentImports } from './components/recent-imports.js';

const RULES = ['ruleRequired', 'ruleIdText', 'ruleChoices', 'ruleSafe', 'rulePassword'] as const;

/**
 * TCH-2 批量导入: 1 download the template, 2 upload the filled workbook (all-or-nothing or the valid
 * rows), 3 read what happened and download the rows not imported. A result has its own URL (`?result=`).
 */
export default function TeacherImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const resultId = Number(params.get('result')) || null;
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all');
  const [uploading, setUploading] = useState(false);
  /** Why the server refused the file (not an .xlsx, required columns missing, too large…), shown next to it. */
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [templateBusy, setTemplateBusy] = useState(false);
  /** The result the file in hand produced: only then can it be sent again with 只导入正确的行. */
  const [uploadedAs, setUploadedAs] = useState<number | null>(null);
  const isPhone = Grid.useBreakpoint().md === false;
  const k = (key: string) => t(`teacherImport.${key}`);

  const { data: result, isError } = useQuery({
    queryKey: [...IMPORTS_KEY, resultId],
    queryFn: () => api.get<ImportResult>(`/api/teacher-imports/${resultId}`),
    enabled: resultId !== null,
  });

  const downloadTemplate = async () => {
    setTemplateBusy(true);
    try {
      await importActions.downloadTemplate();
    } catch (err) {
      showError(err);
    } finally {
      setTemplateBusy(false);
    }
  };

  const start = async (as: ImportMode) => {
    if (!file) {
      message.warning(k('chooseFile'));
      return;
    }
    setUploading(true);
    setUploadError(null);
    try {
      const r = await importActions.upload(file, as);
      queryClient.setQueryData([...IMPORTS_KEY, r.id], r);
      void queryClient.invalidateQueries({ queryKey: IMPORTS_KEY, exact: true });
      if (r.created > 0) {
        void queryClient.invalidateQueries({ queryKey: ['/api/teachers'] });
        void queryClient.invalidateQueries({ queryKey: ['/api/teachers/stats'] });
      }
      setMode(as);
      setUploadedAs(r.id);
      setParams({ result: String(r.id) });
    } catch (err) {
      if (err instanceof ApiError && !err.handled && resultId === null) setUploadError(err.message);
      else showError(err);
    } finally {
      setUploading(false);
    }
  };

  const again = () => {
    setFile(null);
    setUploadError(null);
    setUploadedAs(null);
    setMode('all');
    setStep(1);
    setParams({});
  };

  const current = resultId !== null ? 2 : step;

  let body: ReactNode;
  if (current === 2) {
    body = result ? (
      <ImportResultView
        result={result}
        busy={uploading}
        onAgain={again}
        onImportValid={uploadedAs === result.id && file ? () => void start('valid') : undefined}
      />
    ) : isError ? (
      <Button onClick={again}>{k('again')}</Button>
    ) : (
      <Skeleton active />
    );
  } else if (current === 0) {
    body = (
      <div data-testid="import-step-template">
        <Typography.Paragraph>{k('templateIntro')}</Typography.Paragraph>
        <ul style={{ paddingInlineStart: 20, margin: '0 0 16px', lineHeight: 1.9 }}>
          {RULES.map((r) => (
            <li key={r}>{k(r)}</li>
          ))}
        </ul>
        <Flex gap={8} wrap>
          <Button type="primary" icon={<DownloadOutlined />} loading={templateBusy} onClick={downloadTemplate} data-testid="import-template">
            {k('downloadTemplate')}
          </Button>
          <Button onClick={() => setStep(1)} data-testid="import-next">
            {k('next')}
          </Button>
        </Flex>
      </div>
    );
  } else {
    body = (
      <div data-testid="import-step-upload">
        <div data-testid="import-dragger" style={{ marginBottom: 16 }}>
          <Upload.Dragger
            accept={`.xlsx,${XLSX_TYPE}`}
            maxCount={1}
            disabled={uploading}
            fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : []}
            beforeUpload={(f) => {
              if (!/\.xlsx$/i.test(f.name)) {
                message.error(k('notXlsx'));
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              setUploadError(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setUploadError(null);
              return true;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{k('dragger')}</p>
            <p className="ant-upload-hint">{k('draggerHint')}</p>
          </Upload.Dragger>
        </div>
        <Typography.Text strong>{k('mode')}</Typography.Text>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} disabled={uploading} style={{ display: 'block', margin: '8px 0 16px' }}>
          <Space orientation="vertical" size={8}>
            {(['all', 'valid'] as const).map((m) => (
              <Radio key={m} value={m} data-testid={`import-mode-${m}`}>
                <span>{k(m === 'all' ? 'modeAll' : 'modeValid')}</span>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {k(m === 'all' ? 'modeAllHint' : 'modeValidHint')}
                </Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        {uploadError ? <Alert type="error" showIcon title={uploadError} style={{ marginBottom: 16 }} data-testid="import-error" /> : null}
        <Flex gap={8} wrap align="center">
          <Button disabled={uploading} onClick={() => setStep(0)}>
            {k('prev')}
          </Button>
          <Button type="primary" icon={<UploadOutlined />} loading={uploading} disabled={!file} onClick={() => void start(mode)} data-testid="import-start">
            {k('start')}
          </Button>
          {uploading ? <Typography.Text type="secondary">{k('importing')}</Typography.Text> : null}
        </Flex>
      </div>
    );
  }

  return (
    <PageContainer
      title={t('menu.teacherImport')}
      extra={
        <Link to="/teachers">
          <Button icon={<SolutionOutlined />}>{k('backToTeachers')}</Button>
        </Link>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isPhone ? 16 : 24 } }}>
        <Steps
          current={current}
          onChange={(next) => {
            if (uploading || next === 2) return;
            setStep(next);
            if (resultId !== null) setParams({});
          }}
          items={[{ title: k('stepTemplate') }, { title: k('stepUpload') }, { title: k('stepResult'), disabled: resultId === null }]}
          style={{ marginBottom: 24 }}
        />
        {body}
      </Card>
      <RecentImports current={resultId ?? undefined} />
    </PageContainer>
  );
}

import { DownloadOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../../../common/schemas/teachers.js';
import { showError } from '../../../../api/client.js';
import { importActions } from '../../../../api/imports.js';
import { formatTime } from '../../../../labels.js';

type Issue = ImportResult['issues'][number];

/** The server lists at most this many issues; the rejected-rows workbook has them all. */
const ISSUES_SHOWN = 200;

/** TCH-2: what an import did, in one sentence, then the counts, ignored columns and the problems row by row. */
export function ImportResultView({
  result,
  onImportValid,
  onAgain,
  busy,
}: {
  result: ImportResult;
  /** Re-sends the same file in `valid` mode (only while the file is still in hand). */
  onImportValid?: () => void;
  onAgain: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [downloading, setDownloading] = useState(false);
  const k = (key: string) => t(`teacherImport.${key}`);
  const ok = result.totalRows - result.rejected;

  const downloadRejected = async () => {
    setDownloading(true);
    try {
      await importActions.downloadRejected(result);
    } catch (err) {
      showError(err);
    } finally {
      setDownloading(false);
    }
  };

  const rejected = result.state === 'rejected';
  const status = rejected ? 'error' : result.rejected > 0 ? 'warning' : 'success';
  const title = rejected
    ? t('teacherImport.rejectedTitle', { count: result.rejected })
    : t('teacherImport.committedTitle', { created: result.created, existing: result.existing, rejected: result.rejected });
  const hint = rejected
    ? ok > 0
      ? t('teacherImport.rejectedHint', { total: result.totalRows, ok })
      : t('teacherImport.rejectedNoneOk', { total: result.totalRows })
    : result.rejected > 0
      ? k('committedRejectedHint')
      : result.created > 0
        ? k('committedHint')
        : null;

  const actions = [
    rejected && ok > 0 && onImportValid ? (
      <Button key="valid" type="primary" icon={<UploadOutlined />} loading={busy} onClick={onImportValid} data-testid="import-valid">
        {k('importValid')}
      </Button>
    ) : null,
    result.rejected > 0 ? (
      <Button key="rejected" icon={<DownloadOutlined />} loading={downloading} onClick={downloadRejected} data-testid="import-download-rejected">
        {k('downloadRejected')}
      </Button>
    ) : null,
    <Button key="again" icon={<ReloadOutlined />} disabled={busy} onClick={onAgain} data-testid="import-again">
      {k('again')}
    </Button>,
  ].filter(Boolean);

  const columns: TableColumnsType<Issue> = [
    { title: k('row'), dataIndex: 'row', width: 64 },
    { title: k('column'), dataIndex: 'column', width: 96 },
    { title: k('reason'), dataIndex: 'message' },
  ];

  return (
    <div data-testid="import-result" data-state={result.state}>
      <Result status={status} title={title} subTitle={hint} extra={actions} style={{ padding: '16px 0 24px' }} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(['totalRows', 'created', 'existing', 'rejected'] as const).map((key) => (
          <Col key={key} xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={k(key)}
                value={result[key]}
                styles={{ content: key === 'rejected' && result.rejected > 0 ? { color: '#cf1322' } : undefined }}
                data-testid={`import-stat-${key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'fileName', label: k('fileName'), children: <Typography.Text style={{ wordBreak: 'break-all' }}>{result.fileName}</Typography.Text> },
          { key: 'mode', label: k('mode'), children: t(`teacherImport.modeShort.${result.mode}`) },
          { key: 'school', label: k('school'), children: result.schoolName },
          { key: 'uploadedBy', label: k('uploadedBy'), children: result.uploadedBy },
          { key: 'createdAt', label: k('createdAt'), children: formatTime(result.createdAt) },
        ]}
      />
      {result.ignoredColumns.length > 0 ? (
        <Alert
          type="info"
          showIcon
          title={t('teacherImport.ignoredColumns', { columns: result.ignoredColumns.join(t('teacher.listSeparator')) })}
          style={{ marginBottom: 16 }}
          data-testid="import-ignored"
        />
      ) : null}
      {result.issues.length > 0 ? (
        <>
          <Typography.Title level={5}>{k('issues')}</Typography.Title>
          {result.issues.length >= ISSUES_SHOWN ? (
            <Typography.Paragraph type="secondary">{t('teacherImport.issuesMore', { count: ISSUES_SHOWN })}</Typography.Paragraph>
          ) : null}
          <Table<Issue>
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            columns={columns}
            dataSource={result.issues}
            size="small"
            pagination={result.issues.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            data-testid="import-issues"
          />
        </>
      ) : null}
    </div>
  );
}

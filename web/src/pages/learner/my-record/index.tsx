import { DownloadOutlined, ReadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Grid, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HOUR_CATEGORIES } from '../../../../../common/training.js';
import { showError } from '../../../api/client.js';
import { enrolmentActions, TRAINING_RECORD_KEY, type TrainingRecord } from '../../../api/enrolment.js';
import { PageContainer } from '../../../components/page-container.js';
import { dateRange, formatTime, hoursText } from '../../../labels.js';
import { ResultTag } from '../components/enrolment-tags.js';

type Entry = TrainingRecord['entries'][number];
type LedgerRow = TrainingRecord['ledger'][number];

/** Signed hours: +16 / −16. */
function signed(hours: number) {
  return hours > 0 ? `+${hoursText(hours)}` : hours < 0 ? `−${hoursText(-hours)}` : '0';
}

/**
 * DLV-6 培训档案 (teacher): hours per year by category (公需 / 专业 / 个人选修), the trainings
 * attended with their results, and the ledger behind the hours (HRS-1; a correction is a reversing
 * entry, marked 冲正, and the entry it cancels 已冲正); 下载学习证明 gives the printable PDF.
 */
export default function MyRecordPage() {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const { data, error, refetch } = useQuery({ queryKey: TRAINING_RECORD_KEY, queryFn: enrolmentActions.record, meta: { quiet: true } });
  const [downloading, setDownloading] = useState(false);

  const downloadProof = async () => {
    setDownloading(true);
    try {
      await enrolmentActions.downloadProof(`${t('learnerRecord.proofFile')}.pdf`);
    } catch (err) {
      showError(err);
    } finally {
      setDownloading(false);
    }
  };

  const proofButton = (
    <Button
      type="primary"
      icon={<DownloadOutlined />}
      loading={downloading}
      onClick={downloadProof}
      data-testid="record-proof"
      size={isPhone ? 'large' : 'middle'}
    >
      {t('learnerRecord.downloadProof')}
    </Button>
  );

  if (!data) {
    return (
      <PageContainer title={t('menu.myRecord')}>
        <Card>
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error.message}
              action={
                <Button size="small" onClick={() => refetch()}>
                  {t('common.retry')}
                </Button>
              }
            />
          ) : (
            <Skeleton active />
          )}
        </Card>
      </PageContainer>
    );
  }

  const reversed = new Set(data.ledger.map((l) => l.reverses).filter((id): id is number => id !== null));
  const categoryLabel = (c: string) => t(`enrol.hourCategory.${c}`);

  const entryColumns: TableColumnsType<Entry> = [
    {
      title: t('learnerRecord.training'),
      key: 'title',
      render: (_, r) => (
        <div style={{ minWidth: isPhone ? 0 : 220 }}>
          <div style={{ overflowWrap: 'anywhere' }}>{r.title}</div>
          {isPhone ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[r.institutionName, r.startDate && r.endDate ? dateRange(r.startDate, r.endDate) : null].filter(Boolean).join(' · ')}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { title: t('enrol.institution'), dataIndex: 'institutionName', responsive: ['md'], render: (v: string | null) => v ?? '-' },
    {
      title: t('enrol.dates'),
      key: 'dates',
      responsive: ['md'],
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{r.startDate && r.endDate ? dateRange(r.startDate, r.endDate) : '-'}</span>,
    },
    { title: t('learnerRecord.category'), dataIndex: 'category', responsive: ['lg'], render: categoryLabel },
    {
      title: t(isPhone ? 'learnerRecord.result' : 'enrol.resultLabel'),
      dataIndex: 'result',
      render: (v: Entry['result']) => (v ? <ResultTag result={v} /> : <Typography.Text type="secondary">{t('learnerRecord.ungraded')}</Typography.Text>),
    },
    {
      title: t(isPhone ? 'enrol.hours' : 'learnerRecord.hoursEarned'),
      dataIndex: 'hours',
      align: 'right',
      width: isPhone ? 56 : undefined,
      render: (v: number) => hoursText(v),
    },
  ];

  const ledgerColumns: TableColumnsType<LedgerRow> = [
    {
      title: t('learnerRecord.entry'),
      key: 'title',
      render: (_, r) => (
        <div style={{ minWidth: isPhone ? 0 : 240 }}>
          <Flex gap={6} wrap align="center">
            <span style={{ overflowWrap: 'anywhere', textDecoration: reversed.has(r.id) ? 'line-through' : undefined }}>{r.title}</span>
            {r.reverses !== null ? (
              <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid={`ledger-reversal-${r.id}`}>
                {t('learnerRecord.reversal')}
              </Tag>
            ) : null}
            {reversed.has(r.id) ? (
              <Tag style={{ marginInlineEnd: 0 }} data-testid={`ledger-reversed-${r.id}`}>
                {t('learnerRecord.reversed')}
              </Tag>
            ) : null}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {isPhone ? `${r.year} · ${categoryLabel(r.category)} · ${formatTime(r.at)}` : null}
            {!isPhone && r.reverses !== null ? t('learnerRecord.reversesLine', { id: r.reverses }) : null}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('learnerRecord.entryNo'), dataIndex: 'id', responsive: ['lg'] },
    { title: t('learnerRecord.year'), dataIndex: 'year', responsive: ['md'] },
    { title: t('learnerRecord.category'), dataIndex: 'category', responsive: ['md'], render: categoryLabel },
    { title: t('learnerRecord.at'), dataIndex: 'at', responsive: ['md'], render: formatTime },
    {
      title: t('enrol.hours'),
      dataIndex: 'hours',
      align: 'right',
      width: isPhone ? 60 : undefined,
      render: (v: number) => (
        <Typography.Text type={v < 0 ? 'danger' : undefined} strong style={{ whiteSpace: 'nowrap' }}>
          {signed(v)}
        </Typography.Text>
      ),
    },
  ];

  const empty = data.entries.length === 0 && data.ledger.length === 0;
  return (
    <PageContainer title={t('menu.myRecord')} extra={proofButton}>
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 3 }}
            items={[
              { key: 'name', label: t('teacher.name'), children: data.teacher.name },
              { key: 'shixunNo', label: t('teacher.shixunNo'), children: data.teacher.shixunNo },
              { key: 'school', label: t('teacher.school'), children: data.teacher.schoolName ?? '-' },
            ]}
          />
        </Card>
        {empty ? (
          <Card>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('learnerRecord.empty')} data-testid="record-empty">
              <Link to="/catalogue">
                <Button icon={<ReadOutlined />}>{t('menu.catalogue')}</Button>
              </Link>
            </Empty>
          </Card>
        ) : null}
        {data.years.length > 0 ? (
          <Card title={t('learnerRecord.years')} size="small" data-testid="record-years">
            <Row gutter={[12, 12]}>
              {data.years.map((y) => (
                <Col key={y.year} xs={24} md={12} xl={8}>
                  <Card type="inner" size="small" title={t('learnerRecord.yearTitle', { year: y.year })}>
                    <Row gutter={[8, 8]}>
                      <Col span={24}>
                        <Statistic title={t('learnerRecord.earned')} value={hoursText(y.earned)} suffix={t('enrol.hoursUnit')} />
                      </Col>
                      {HOUR_CATEGORIES.map((c) => (
                        <Col key={c} span={8}>
                          <Statistic title={categoryLabel(c)} value={hoursText(y[c])} styles={{ content: { fontSize: 18 } }} />
                        </Col>
                      ))}
                    </Row>
                  </Card>
                </Col>
              ))}
            </Row>
          </Card>
        ) : null}
        {data.entries.length > 0 ? (
          <Card title={t('learnerRecord.trainings')} size="small">
            <Table<Entry>
              rowKey="id"
              columns={entryColumns}
              dataSource={data.entries}
              pagination={data.entries.length > 20 ? { pageSize: 20, size: 'small' } : false}
              scroll={isPhone ? undefined : { x: 'max-content' }}
              size="small"
              data-testid="record-trainings"
            />
          </Card>
        ) : null}
        {data.ledger.length > 0 ? (
          <Card title={t('learnerRecord.ledger')} size="small">
            <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
              {t('learnerRecord.ledgerHint')}
            </Typography.Paragraph>
            <Table<LedgerRow>
              rowKey="id"
              columns={ledgerColumns}
              dataSource={data.ledger}
              pagination={data.ledger.length > 20 ? { pageSize: 20, size: 'small' } : false}
              scroll={isPhone ? undefined : { x: 'max-content' }}
              size="small"
              data-testid="record-ledger"
            />
          </Card>
        ) : null}
      </Flex>
    </PageContainer>
  );
}

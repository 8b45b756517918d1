import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Alert, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CollectiveResult } from '../../../../api/enrolment.js';
import { classTitle } from '../../../../labels.js';
import { type PickedClass, type PickedTeacher, teacherLabel } from './pickers.js';

type Row = CollectiveResult['results'][number];

type Props = {
  result: CollectiveResult;
  teachers: Map<number, PickedTeacher>;
  classes: Map<number, PickedClass>;
};

/** ENR-8: what became of each pair (teacher, class): enrolled, or the reason it was refused. */
export function CollectiveResults({ result, teachers, classes }: Props) {
  const { t } = useTranslation();
  const failed = result.results.length - result.accepted;
  const columns: TableColumnsType<Row> = [
    {
      title: t('teacher.name'),
      key: 'teacher',
      render: (_, r) => {
        const who = teachers.get(r.teacherId);
        return who ? teacherLabel(who) : `#${r.teacherId}`;
      },
    },
    {
      title: t('catalogue.class'),
      key: 'class',
      render: (_, r) => {
        const c = classes.get(r.classId);
        return c ? classTitle(t, c.seq, c.projectName) : `#${r.classId}`;
      },
    },
    {
      title: t('collective.outcome'),
      key: 'outcome',
      render: (_, r) =>
        r.ok ? (
          <Typography.Text type="success">
            <CheckCircleFilled /> {t('collective.ok')}
          </Typography.Text>
        ) : (
          <Typography.Text type="danger" style={{ overflowWrap: 'anywhere' }}>
            <CloseCircleFilled /> {r.reason}
          </Typography.Text>
        ),
    },
  ];
  return (
    <Card size="small" title={t('collective.resultTitle')} data-testid="collective-result" style={{ marginTop: 16 }}>
      <Alert
        type={failed === 0 ? 'success' : result.accepted === 0 ? 'error' : 'warning'}
        showIcon
        title={t('collective.summary', { accepted: result.accepted, failed })}
        description={result.accepted > 0 ? t('collective.summaryHint') : undefined}
        style={{ marginBottom: 12 }}
      />
      <Table<Row>
        rowKey={(r) => `${r.teacherId}-${r.classId}`}
        columns={columns}
        dataSource={[...result.results].sort((a, b) => Number(a.ok) - Number(b.ok))}
        pagination={result.results.length > 20 ? { pageSize: 20, size: 'small' } : false}
        size="small"
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

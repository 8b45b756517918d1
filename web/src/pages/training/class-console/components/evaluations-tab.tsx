import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ClassPeriod, classApi } from '../../../../api/training.js';
import { formatTime } from '../../../../labels.js';
import { DimensionBars, formatScore, scoreColor } from '../../components/evaluation-scores.js';

/**
 * DLV-3 评教 of one class: how many attendees rated it, the averages per dimension (内容 / 授课 /
 * 组织 / 效果, 1–5), late (overdue) evaluations and the comments, newest first.
 */
export function EvaluationsTab({ cls, evaluationDays }: { cls: ClassPeriod; evaluationDays: number }) {
  const { t } = useTranslation();
  const { data, isLoading } = useQuery({ queryKey: ['/api/classes', cls.id, 'evaluations'], queryFn: () => classApi.evaluations(cls.id) });
  if (isLoading || !data) return <Skeleton active />;
  if (data.count === 0)
    return <Empty description={t('classConsole.emptyEvaluations', { end: cls.endDate, days: evaluationDays })} data-testid="console-evaluations" />;
  return (
    <Row gutter={[16, 16]} data-testid="console-evaluations">
      <Col xs={24} lg={10}>
        <Card size="small">
          <Row gutter={[8, 8]}>
            <Col span={8}>
              <Statistic title={t('classConsole.evalAverage')} value={formatScore(data.average)} styles={{ content: { color: scoreColor(data.average) } }} />
            </Col>
            <Col span={8}>
              <Statistic title={t('classConsole.evalCount')} value={data.count} suffix={`/ ${data.attendees}`} />
            </Col>
            <Col span={8}>
              <Statistic title={t('classConsole.evalOverdue')} value={data.overdue} />
            </Col>
          </Row>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('classConsole.evalDimensions')}
          </Typography.Title>
          <DimensionBars dimensions={data.dimensions} />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('classConsole.evalComments', { count: data.comments.length })}>
          {data.comments.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classConsole.noComments')} />
          ) : (
            <Flex vertical>
              {data.comments.map((c, i) => (
                <div
                  // biome-ignore lint/suspicious/noArrayIndexKey: comments have no id; the list is read-only
                  key={i}
                  style={{ padding: '10px 0', borderBottom: i < data.comments.length - 1 ? '1px solid rgba(5, 5, 5, 0.06)' : undefined }}
                >
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{c.comment}</Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('classConsole.commentMeta', { average: formatScore(c.average), at: formatTime(c.at) })}
                  </Typography.Text>
                  {c.overdue ? (
                    <Tag color="orange" style={{ marginInlineStart: 8 }}>
                      {t('classConsole.overdue')}
                    </Tag>
                  ) : null}
                </div>
              ))}
            </Flex>
          )}
        </Card>
      </Col>
    </Row>
  );
}

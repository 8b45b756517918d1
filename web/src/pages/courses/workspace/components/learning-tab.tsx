import { CheckOutlined, TrophyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Radio, Row, Segmented, Select, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedback } from '../../../../api/client.js';
import type { Course } from '../../../../api/courses.js';
import { type Award, LEARNING_KEYS, learningApi, type ProgressGrid } from '../../../../api/learning.js';
import { selectRule } from '../../../../components/rules.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { formatTime } from '../../../../labels.js';

type GridRow = ProgressGrid['items'][number];

/** 每个课时学习进度: students × published lessons, the watched share of each video and the whole ones. */
function ProgressCard({ course }: { course: Course }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'all' | 'learner' | 'internet'>('internet');
  const [page, setPage] = useState(1);
  const query = { kind: kind === 'all' ? undefined : kind, page, pageSize: 20 };
  const { data, isFetching } = useQuery({
    queryKey: [...LEARNING_KEYS.progress(course.id), query],
    queryFn: () => learningApi.progress(course.id, query),
    placeholderData: (prev) => prev,
  });
  const columns: TableColumnsType<GridRow> = [
    { title: t('course.students.name'), dataIndex: 'name', fixed: 'left', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
    { title: t('course.score.progress'), dataIndex: 'progress', align: 'right', render: (v: number) => `${Math.round(v * 100)}%` },
    { title: t('course.learning.wholeVideos'), dataIndex: 'wholeVideos', align: 'right' },
    ...(data?.lessons ?? []).map((l) => ({
      title: (
        <Tooltip title={l.title}>
          <span>{t('course.learning.lessonNo', { n: l.position })}</span>
        </Tooltip>
      ),
      key: `l${l.id}`,
      align: 'center' as const,
      render: (_: unknown, r: GridRow) => {
        const cell = r.cells.find((c) => c.lessonId === l.id);
        if (!cell || cell.fraction === 0) return <Typography.Text type="secondary">-</Typography.Text>;
        return cell.whole ? (
          <Tag color="green" icon={<CheckOutlined />} style={{ marginInlineEnd: 0 }}>
            100%
          </Tag>
        ) : (
          <span>{Math.round(cell.fraction * 100)}%</span>
        );
      },
    })),
  ];
  return (
    <Card size="small" title={t('course.learning.progressTitle')} data-testid="progress-grid">
      <Segmented
        value={kind}
        onChange={(v) => {
          setKind(v as typeof kind);
          setPage(1);
        }}
        options={[
          { value: 'internet', label: t('course.studentKind.internet') },
          { value: 'learner', label: t('course.studentKind.learner') },
          { value: 'all', label: t('common.all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Table<GridRow>
        rowKey="accountId"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching && !data}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
      />
    </Card>
  );
}

type AwardValues = { accountId: number; kind: 'points' | 'medal'; points?: number; note?: string };

/** 赋分 (a course budget of 100 points) and 授勋 (5 medals), for students who earned the credit; once spent, none is left. */
function AwardsCard({ course }: { course: Course }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AwardValues>();
  const kind: AwardValues['kind'] = Form.useWatch('kind', form) ?? 'points';
  const [page, setPage] = useState(1);
  const { data } = useQuery({
    queryKey: [...LEARNING_KEYS.awards(course.id), page],
    queryFn: () => learningApi.awards(course.id, { page, pageSize: 10 }),
    placeholderData: (prev) => prev,
  });
  const { data: credited } = useQuery({
    queryKey: [...LEARNING_KEYS.students(course.id), 'credited'],
    queryFn: () => learningApi.students(course.id, { credited: 'yes', page: 1, pageSize: 100 }),
  });
  const candidates = (credited?.items ?? []).filter((s) => s.can.award);
  const bonusLeft = data?.bonusLeft ?? course.bonusLeft;
  const medalsLeft = data?.medalsLeft ?? course.medalsLeft;
  const { saving, submit } = useFormSubmit(form, async (v: AwardValues) => {
    queryClient.setQueryData([...LEARNING_KEYS.awards(course.id), 1], await learningApi.award(course.id, { ...v, note: v.note?.trim() || undefined }));
    setPage(1);
    form.resetFields();
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.students(course.id) });
    feedback.message.success(t('course.learning.awarded'));
  });
  const writable = course.can.edit;
  const columns: TableColumnsType<Award> = [
    { title: t('course.students.name'), dataIndex: 'studentName' },
    {
      title: t('course.learning.award'),
      key: 'award',
      render: (_, a) =>
        a.kind === 'medal' ? (
          <Tag color="gold" icon={<TrophyOutlined />}>
            {t('course.learning.medal')}
          </Tag>
        ) : (
          t('course.score.bonus', { points: a.points })
        ),
    },
    { title: t('course.learning.note'), dataIndex: 'note', render: (v: string | null) => v ?? '-' },
    { title: t('course.learning.awardedAt'), dataIndex: 'createdAt', responsive: ['md'], render: formatTime },
  ];
  return (
    <Card size="small" title={t('course.learning.awardsTitle')} data-testid="awards">
      <Row gutter={[16, 16]}>
        <Col xs={12}>
          <Statistic title={t('course.learning.bonusLeft')} value={bonusLeft} suffix={`/ ${data?.bonusBudget ?? 100}`} />
        </Col>
        <Col xs={12}>
          <Statistic title={t('course.learning.medalsLeft')} value={medalsLeft} suffix={`/ ${data?.medalBudget ?? 5}`} />
        </Col>
      </Row>
      {writable ? (
        candidates.length === 0 ? (
          <Alert type="info" showIcon title={t('course.learning.noCandidates')} style={{ marginTop: 16 }} />
        ) : (
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'points' }} style={{ marginTop: 16 }} requiredMark={false}>
            <Form.Item name="accountId" label={t('course.learning.student')} rules={[selectRule(t, t('course.learning.student'))]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={candidates.map((s) => ({ value: s.accountId, label: s.name }))}
                data-testid="award-student"
              />
            </Form.Item>
            <Form.Item name="kind">
              <Radio.Group
                options={[
                  { value: 'points', label: t('course.learning.givePoints'), disabled: bonusLeft <= 0 },
                  { value: 'medal', label: t('course.learning.giveMedal'), disabled: medalsLeft <= 0 },
                ]}
              />
            </Form.Item>
            {kind === 'points' ? (
              <Form.Item
                name="points"
                label={t('course.learning.points')}
                rules={[{ required: true, message: t('common.required', { label: t('course.learning.points') }) }]}
              >
                <InputNumber min={1} max={Math.max(1, bonusLeft)} precision={0} style={{ width: 160 }} data-testid="award-points" />
              </Form.Item>
            ) : null}
            <Form.Item name="note" label={t('course.learning.note')}>
              <Input maxLength={200} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} disabled={kind === 'points' ? bonusLeft <= 0 : medalsLeft <= 0} data-testid="award-save">
              {kind === 'points' ? t('course.learning.givePoints') : t('course.learning.giveMedal')}
            </Button>
          </Form>
        )
      ) : null}
      <Table<Award>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        style={{ marginTop: 16 }}
        scroll={{ x: 'max-content' }}
        pagination={(data?.total ?? 0) > 10 ? { current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage } : false}
      />
    </Card>
  );
}

/** 学习管理 (CRS-11/12, 000 §7): per-lesson progress of every student, and 赋分 / 授勋 for those with the credit. */
export function LearningTab({ course }: { course: Course }) {
  return (
    <Flex vertical gap={16}>
      <ProgressCard course={course} />
      <AwardsCard course={course} />
    </Flex>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, Button, Card, Drawer, Flex, Form, Grid, Input, InputNumber, Radio, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HOMEWORK_MARKS, MAX_SUBMISSIONS } from '../../../../../../common/courses.js';
import { feedback } from '../../../../api/client.js';
import type { Course } from '../../../../api/courses.js';
import { type GradeInput, type Homework, LEARNING_KEYS, learningApi } from '../../../../api/learning.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { formatTime } from '../../../../labels.js';
import { HomeworkView, MarkTag } from '../../components/exercise-view.js';

type GradeValues = { mark: NonNullable<Homework['mark']>; score: number | null; comment: string | null };

/** 批阅 one submission: 优秀 (20 points towards the credit), 合格, or 不合格 (the student may submit again), with an optional score and comment. */
function GradeDrawer({ course, homework, onClose }: { course: Course; homework: Homework; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isPhone = Grid.useBreakpoint().sm === false;
  const [form] = Form.useForm<GradeValues>();
  const [shown, setShown] = useState(homework);
  const { saving, submit } = useFormSubmit(form, async (v: GradeValues) => {
    const body: GradeInput = { mark: v.mark, score: v.score ?? null, comment: v.comment?.trim() || null };
    setShown(await learningApi.grade(homework.id, body));
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.homework(course.id) });
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.exercises(course.id) });
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.students(course.id) });
    feedback.message.success(t('course.homework.graded'));
    onClose();
  });
  return (
    <Drawer
      open
      onClose={onClose}
      size={isPhone ? '100%' : 600}
      title={`${homework.studentName} · ${homework.exerciseTitle}`}
      destroyOnHidden
      footer={
        shown.can.grade ? (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="grade-save">
              {t('course.homework.grade')}
            </Button>
          </Flex>
        ) : null
      }
    >
      <Flex vertical gap={16}>
        <HomeworkView homework={shown} />
        {shown.can.grade ? (
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{ mark: shown.mark ?? undefined, score: shown.score, comment: shown.comment }}
            requiredMark={false}
          >
            <Form.Item
              name="mark"
              label={t('course.homework.markLabel')}
              rules={[{ required: true, message: t('common.select', { label: t('course.homework.markLabel') }) }]}
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={HOMEWORK_MARKS.map((m) => ({ value: m, label: t(`course.homework.mark.${m}`) }))}
                data-testid="grade-mark"
              />
            </Form.Item>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -12 }}>
              {t('course.homework.markHint')}
            </Typography.Paragraph>
            <Form.Item name="score" label={t('course.homework.score')}>
              <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="comment" label={t('course.homework.comment')}>
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="grade-comment" />
            </Form.Item>
          </Form>
        ) : homework.latest ? null : (
          <Alert type="info" showIcon title={t('course.homework.superseded')} />
        )}
      </Flex>
    </Drawer>
  );
}

/**
 * 作业管理 (CRS-8, 000 §9): submissions newest first, 待批阅 by default, filtered by exercise; each
 * opens to read text and images and to grade the latest attempt.
 */
export function HomeworkTab({ course }: { course: Course }) {
  const { t } = useTranslation();
  const [exerciseId, setExerciseId] = useState<number | undefined>(undefined);
  const [mark, setMark] = useState<string | undefined>('ungraded');
  const [page, setPage] = useState(1);
  const [grading, setGrading] = useState<Homework | null>(null);
  const query = { exerciseId, mark, page, pageSize: 20 };
  const { data: exercises = [] } = useQuery({ queryKey: LEARNING_KEYS.exercises(course.id), queryFn: () => learningApi.exercises(course.id) });
  const { data, isFetching } = useQuery({
    queryKey: [...LEARNING_KEYS.homework(course.id), query],
    queryFn: () => learningApi.homework(course.id, query),
    placeholderData: (prev) => prev,
  });
  const columns: TableColumnsType<Homework> = [
    {
      title: t('course.students.name'),
      dataIndex: 'studentName',
      render: (v: string, h) => (
        <Typography.Link onClick={() => setGrading(h)} data-testid={`homework-open-${h.id}`}>
          {v}
        </Typography.Link>
      ),
    },
    { title: t('course.exercises.title'), dataIndex: 'exerciseTitle', render: (v: string) => <div style={{ minWidth: 120, maxWidth: 260 }}>{v}</div> },
    { title: t('course.homework.attemptTitle'), dataIndex: 'attempt', render: (v: number) => `${v}/${MAX_SUBMISSIONS}` },
    { title: t('course.homework.submittedAt'), dataIndex: 'submittedAt', responsive: ['md'], render: formatTime },
    {
      title: t('course.homework.markLabel'),
      key: 'mark',
      render: (_, h) => (
        <Flex gap={4} wrap>
          <MarkTag mark={h.mark} />
          {h.late ? <Tag color="orange">{t('course.homework.late')}</Tag> : null}
          {h.latest ? null : <Tag>{t('course.homework.old')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, h) => (
        <Button type="link" size="small" onClick={() => setGrading(h)} data-testid={`homework-grade-${h.id}`}>
          {h.can.grade ? t('course.homework.grade') : t('common.view')}
        </Button>
      ),
    },
  ];
  return (
    <Card size="small">
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t('course.homework.allExercises')}
          value={exerciseId}
          onChange={(v) => {
            setExerciseId(v);
            setPage(1);
          }}
          options={exercises.map((e) => ({ value: e.id, label: `${e.lessonTitle} · ${e.title}` }))}
        />
        <Select
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('common.all')}
          value={mark}
          onChange={(v) => {
            setMark(v);
            setPage(1);
          }}
          options={['ungraded', ...HOMEWORK_MARKS].map((m) => ({ value: m, label: t(`course.homework.mark.${m}`) }))}
          data-testid="homework-filter-mark"
        />
      </Flex>
      <Table<Homework>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching && !data}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
      />
      {grading ? <GradeDrawer course={course} homework={grading} onClose={() => setGrading(null)} /> : null}
    </Card>
  );
}

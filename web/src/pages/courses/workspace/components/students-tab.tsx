import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Card, Drawer, Flex, Grid, Input, Segmented, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_CREDITED_STUDENTS, MIN_INTERNET_STUDENTS } from '../../../../../../common/courses.js';
import { showError } from '../../../../api/client.js';
import { COURSE_KEYS, type Course } from '../../../../api/courses.js';
import { type CourseStudent, LEARNING_KEYS, learningApi } from '../../../../api/learning.js';
import { formatTime } from '../../../../labels.js';
import { ScoreSheetView } from '../../components/score-sheet.js';

/** One student's score sheet, for the instructor. */
function StudentScore({ course, student, onClose }: { course: Course; student: CourseStudent; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().sm === false;
  const { data } = useQuery({
    queryKey: LEARNING_KEYS.score(course.id, student.accountId),
    queryFn: () => learningApi.score(course.id, student.accountId),
  });
  return (
    <Drawer open onClose={onClose} size={isPhone ? '100%' : 560} title={t('course.students.scoreOf', { name: student.name })} destroyOnHidden>
      {data ? <ScoreSheetView sheet={data} /> : <Skeleton active />}
    </Drawer>
  );
}

/**
 * 学员管理 (CRS-7, 000 §6): everyone enrolled is a 网络学员; the instructor sets students as 互联网学生
 * (within the declared places) so they may submit homework, start topics and review the course; a
 * student who earned the credit keeps their status. The thresholds of 结课 are shown above.
 */
export function StudentsTab({ course }: { course: Course }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'all' | 'learner' | 'internet'>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [viewing, setViewing] = useState<CourseStudent | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const query = { kind: kind === 'all' ? undefined : kind, q: q || undefined, page, pageSize };
  const { data, isFetching } = useQuery({
    queryKey: [...LEARNING_KEYS.students(course.id), query],
    queryFn: () => learningApi.students(course.id, query),
    placeholderData: (prev) => prev,
  });

  const setStudentKind = async (s: CourseStudent, next: 'learner' | 'internet') => {
    setBusy(s.accountId);
    try {
      await learningApi.setKind(course.id, s.accountId, next);
      void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.students(course.id) });
      void queryClient.invalidateQueries({ queryKey: COURSE_KEYS.course(course.id), exact: true });
      message.success(t(next === 'internet' ? 'course.students.promoted' : 'course.students.demoted', { name: s.name }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<CourseStudent> = [
    {
      title: t('course.students.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, s) => (
        <Flex vertical>
          <Typography.Link onClick={() => setViewing(s)} data-testid={`student-${s.accountId}`}>
            {name}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.shixunNo ?? ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('course.students.school'), dataIndex: 'schoolName', responsive: ['lg'], render: (v: string | null) => v ?? '-' },
    {
      title: t('course.students.kind'),
      dataIndex: 'kind',
      render: (v: CourseStudent['kind'], s) => (
        <Tag color={v === 'internet' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }} data-testid={`student-kind-${s.accountId}`}>
          {t(`course.studentKind.${v}`)}
        </Tag>
      ),
    },
    { title: t('course.students.enrolledAt'), dataIndex: 'enrolledAt', responsive: ['lg'], render: formatTime },
    { title: t('course.score.total'), key: 'total', align: 'right', render: (_, s) => s.score.total },
    { title: t('course.score.progress'), key: 'progress', align: 'right', responsive: ['md'], render: (_, s) => `${Math.round(s.score.progress * 100)}%` },
    {
      title: t('course.students.credit'),
      dataIndex: 'creditAt',
      render: (v: string | null) =>
        v ? (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('course.students.credited')}
          </Tag>
        ) : (
          '-'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) => (
        <Flex gap={0} wrap>
          {s.can.promote ? (
            <Button
              type="link"
              size="small"
              loading={busy === s.accountId}
              onClick={() => setStudentKind(s, 'internet')}
              data-testid={`student-promote-${s.accountId}`}
            >
              {t('course.students.promote')}
            </Button>
          ) : null}
          {s.can.demote ? (
            <Button
              type="link"
              size="small"
              loading={busy === s.accountId}
              onClick={() => setStudentKind(s, 'learner')}
              data-testid={`student-demote-${s.accountId}`}
            >
              {t('course.students.demote')}
            </Button>
          ) : null}
          <Button type="link" size="small" onClick={() => setViewing(s)}>
            {t('course.students.score')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={t('course.students.intro', { min: MIN_INTERNET_STUDENTS, credited: MIN_CREDITED_STUDENTS })} />
      <Flex gap={16} wrap>
        <Card size="small" style={{ flex: '1 1 160px' }}>
          <Statistic title={t('course.students.internet')} value={data?.internetStudents ?? 0} suffix={`/ ${data?.internetPlaces ?? course.internetPlaces}`} />
        </Card>
        <Card size="small" style={{ flex: '1 1 160px' }}>
          <Statistic title={t('course.students.creditedCount')} value={data?.creditedStudents ?? 0} suffix={`/ ${MIN_CREDITED_STUDENTS}`} />
        </Card>
        <Card size="small" style={{ flex: '1 1 160px' }}>
          <Statistic title={t('course.students.all')} value={course.studentCount} />
        </Card>
      </Flex>
      <Card size="small">
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={kind}
            onChange={(v) => {
              setKind(v as typeof kind);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'learner', label: t('course.studentKind.learner') },
              { value: 'internet', label: t('course.studentKind.internet') },
            ]}
          />
          <Input.Search
            allowClear
            placeholder={t('course.students.search')}
            style={{ width: 240, maxWidth: '100%' }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            data-testid="students-search"
          />
        </Flex>
        <Table<CourseStudent>
          rowKey="accountId"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching && !data}
          scroll={{ x: 'max-content' }}
          data-testid="students-table"
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, ps) => {
              setPage(ps !== pageSize ? 1 : p);
              setPageSize(ps);
            },
          }}
        />
      </Card>
      {viewing ? <StudentScore course={course} student={viewing} onClose={() => setViewing(null)} /> : null}
    </Flex>
  );
}

import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, EditOutlined, FlagOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Grid, List, Progress, Row, Skeleton, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_CREDITED_STUDENTS, MIN_INTERNET_STUDENTS, MIN_LESSONS } from '../../../../../../common/courses.js';
import { showError } from '../../../../api/client.js';
import { COURSE_KEYS, type Course, courseApi } from '../../../../api/courses.js';
import { HistoryTimeline } from '../../../training/components/history-timeline.js';
import { DeclarationFacts } from '../../components/declaration-facts.js';
import { DeclarationDrawer } from '../../components/declaration-form.js';
import { useCourseUpdates } from '../../components/use-course.js';

/** What the course's state means for its instructor, and what comes next (seed 000 §4–§11). */
function stateAlert(t: TFunction, c: Course) {
  const lastReject = [...c.history].reverse().find((h) => h.action === 'reject');
  switch (c.state) {
    case 'pending':
      return { type: 'warning' as const, text: t('course.workspace.pendingHint') };
    case 'rejected':
      return { type: 'error' as const, text: t('course.workspace.rejectedHint', { reason: lastReject?.reason ?? '-' }) };
    case 'approved':
      return { type: 'info' as const, text: t('course.workspace.approvedHint', { min: MIN_LESSONS }) };
    case 'published':
      return { type: 'success' as const, text: t('course.workspace.publishedHint') };
    default:
      return { type: 'success' as const, text: t('course.workspace.completedHint') };
  }
}

/** CRS-14 建设要求: each requirement ticked or not, with the lessons whose video length is off. */
function ChecklistCard({ course }: { course: Course }) {
  const { t } = useTranslation();
  const { data, isPending } = useQuery({ queryKey: COURSE_KEYS.checklist(course.id), queryFn: () => courseApi.checklist(course.id) });
  return (
    <Card size="small" title={t('course.checklist.title')} data-testid="course-checklist" style={{ height: '100%' }}>
      {isPending || !data ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('course.checklist.intro', { stage: t(`stage.${course.stage}`), minutes: t(`course.checklist.minutes.${course.stage}`) })}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={data.items}
            renderItem={(item) => (
              <List.Item data-testid={`checklist-${item.key}`} style={{ paddingInline: 0 }}>
                <Flex gap={8} align="flex-start" style={{ width: '100%' }}>
                  {item.ok ? (
                    <CheckCircleFilled style={{ color: '#52c41a', marginTop: 4 }} />
                  ) : (
                    <CloseCircleFilled style={{ color: item.key === 'videoLength' ? '#faad14' : '#ff4d4f', marginTop: 4 }} />
                  )}
                  <div style={{ minWidth: 0 }}>
                    <div>{t(`course.checklist.item.${item.key}`, { defaultValue: item.key })}</div>
                    {item.count !== null || item.lessons.length > 0 ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                        {item.count !== null
                          ? t('course.checklist.count', { count: item.count, min: MIN_LESSONS })
                          : item.lessons
                              .map((l) =>
                                l.minutes === null
                                  ? t('course.checklist.noVideo', { title: l.title })
                                  : t('course.checklist.offLength', { title: l.title, minutes: l.minutes }),
                              )
                              .join(t('course.checklist.separator'))}
                      </Typography.Text>
                    ) : null}
                  </div>
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

/** CRS-13 结课: the three thresholds, 申请结课 when they hold, and the 结课报告 once completed. */
function CompletionCard({ course: c }: { course: Course }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const updates = useCourseUpdates();
  const [downloading, setDownloading] = useState(false);
  const s = c.completion;
  if (!s) return null;
  const rows = [
    { key: 'lessons', value: s.lessons, min: MIN_LESSONS },
    { key: 'internetStudents', value: s.internetStudents, min: MIN_INTERNET_STUDENTS },
    { key: 'creditedStudents', value: s.creditedStudents, min: MIN_CREDITED_STUDENTS },
  ];
  const complete = () =>
    modal.confirm({
      title: t('course.completion.confirm', { name: c.name }),
      content: t('course.completion.confirmHint'),
      okText: t('course.completion.complete'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          updates.course(await courseApi.complete(c.id));
          message.success(t('course.completion.completed'));
        } catch (err) {
          showError(err);
        }
      },
    });
  const report = async () => {
    setDownloading(true);
    try {
      await courseApi.downloadReport(c);
    } catch (err) {
      showError(err);
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Card size="small" title={t('course.completion.title')} data-testid="course-completion" style={{ height: '100%' }}>
      <Flex vertical gap={12}>
        {rows.map((r) => (
          <div key={r.key} data-testid={`completion-${r.key}`}>
            <Flex justify="space-between">
              <span>{t(`course.completion.${r.key}`)}</span>
              <Typography.Text type={r.value >= r.min ? 'success' : 'secondary'}>
                {r.value} / {r.min}
              </Typography.Text>
            </Flex>
            <Progress
              percent={Math.min(100, Math.round((r.value / r.min) * 100))}
              showInfo={false}
              size="small"
              status={r.value >= r.min ? 'success' : 'normal'}
            />
          </div>
        ))}
        <Flex gap={8} wrap justify="flex-end">
          {c.state === 'published' ? (
            <Tooltip title={c.can.complete ? undefined : t('course.completion.notYet')}>
              <Button type="primary" icon={<FlagOutlined />} disabled={!c.can.complete} onClick={complete} data-testid="course-complete">
                {t('course.completion.complete')}
              </Button>
            </Tooltip>
          ) : null}
          {c.can.report ? (
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={report} data-testid="course-report">
              {t('course.completion.report')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

/**
 * 课程概况: where the course stands and what to do next, the declaration (edit; correct and resubmit
 * after a rejection), 发布课程 (≥ 12 published lessons), the construction checklist, 结课 and every
 * review step.
 */
export function OverviewTab({ course: c }: { course: Course }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const updates = useCourseUpdates();
  const [editing, setEditing] = useState(false);
  const alert = stateAlert(t, c);
  const publishedLessons = c.completion?.lessons ?? 0;
  const isPhone = Grid.useBreakpoint().md === false;

  const publish = () =>
    modal.confirm({
      title: t('course.workspace.publishConfirm', { name: c.name }),
      content: t('course.workspace.publishHint'),
      okText: t('course.workspace.publish'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          updates.course(await courseApi.publish(c.id));
          message.success(t('course.workspace.published'));
        } catch (err) {
          showError(err);
        }
      },
    });

  const actions = (
    <Flex gap={8} wrap>
      {c.can.publish ? (
        <Tooltip title={publishedLessons < MIN_LESSONS ? t('course.workspace.publishNeeds', { min: MIN_LESSONS, count: publishedLessons }) : undefined}>
          <Button type="primary" icon={<SendOutlined />} disabled={publishedLessons < MIN_LESSONS} onClick={publish} data-testid="course-publish">
            {t('course.workspace.publish')}
          </Button>
        </Tooltip>
      ) : null}
      {c.can.edit ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="course-edit">
          {c.can.resubmit ? t('course.workspace.fixAndResubmit') : t('course.workspace.editDeclaration')}
        </Button>
      ) : null}
    </Flex>
  );
  return (
    <Flex vertical gap={16}>
      <Alert type={alert.type} showIcon title={alert.text} data-testid="course-state-hint" action={isPhone ? undefined : actions} />
      {isPhone ? <Flex justify="flex-end">{actions}</Flex> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ChecklistCard course={c} />
        </Col>
        <Col xs={24} lg={12}>
          {c.completion && (c.state === 'published' || c.state === 'completed') ? (
            <CompletionCard course={c} />
          ) : (
            <Card size="small" title={t('course.history')} style={{ height: '100%' }}>
              <HistoryTimeline history={c.history} stepKey="course.step" testId="course-history" />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={c.state === 'published' || c.state === 'completed' ? 16 : 24}>
          <Card size="small" title={t('course.workspace.declaration')}>
            <DeclarationFacts course={c} />
          </Card>
        </Col>
        {c.state === 'published' || c.state === 'completed' ? (
          <Col xs={24} lg={8}>
            <Card size="small" title={t('course.history')} style={{ height: '100%' }}>
              <HistoryTimeline history={c.history} stepKey="course.step" testId="course-history" />
            </Card>
          </Col>
        ) : null}
      </Row>
      {c.can.edit ? <DeclarationDrawer open={editing} course={c} onClose={() => setEditing(false)} /> : null}
    </Flex>
  );
}

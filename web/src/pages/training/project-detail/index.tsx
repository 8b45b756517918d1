import { ArrowLeftOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { showError } from '../../../api/client.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';
import { type Project, projectApi, TRAINING_KEYS } from '../../../api/training.js';
import { LoadFallback } from '../../../components/exception-result.js';
import { PageContainer } from '../../../components/page-container.js';
import { useCurrentYear } from '../../../hooks/use-current-year.js';
import { classTitle, feeLabel } from '../../../labels.js';
import { HistoryTimeline } from '../components/history-timeline.js';
import { CategoryTag, listOrAll, ProjectStateTag } from '../components/labels.js';
import { ProjectActions } from '../components/project-actions.js';
import { ClassesCard } from './components/classes-card.js';
import { PlanField } from './components/plan-field.js';
import { QuotasCard } from './components/quotas-card.js';

/** What the project's state means for the one reading it, and what to do next. */
function stateAlert(t: TFunction, p: Project) {
  const lastReject = [...p.history].reverse().find((h) => h.action === 'reject');
  const reviewer = p.reviewer.name;
  const mine = p.abilities.manage;
  switch (p.state) {
    case 'draft':
      return {
        type: 'info' as const,
        text: mine ? t(p.category === 'directive' ? 'project.draftDirectiveHint' : 'project.draftHint', { reviewer }) : t('project.draftOther'),
      };
    case 'pending':
      return { type: 'warning' as const, text: p.abilities.review ? t('project.pendingMine') : t('project.pendingHint', { reviewer }) };
    case 'rejected':
      return { type: 'error' as const, text: t(mine ? 'project.rejectedMine' : 'project.rejectedHint', { reason: lastReject?.reason ?? '-' }) };
    default:
      return { type: 'success' as const, text: t(p.category === 'directive' ? 'project.approvedDirective' : 'project.approvedHint') };
  }
}

/**
 * PRJ-2..7 one project: every declared field, the reviewing bureau, the plan, its class periods
 * with what each identity may do, quotas (provincial projects), PRJ-6 placing, and every review step.
 */
export default function ProjectDetailPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useCurrentMe();
  const isProvince = activeRole(me)?.role === 'province_admin';
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { data: p, error } = useQuery({
    queryKey: TRAINING_KEYS.project(id),
    queryFn: () => projectApi.get(id),
    enabled: Number.isInteger(id) && id > 0,
    meta: { quiet: true },
  });

  const { data: year } = useCurrentYear();
  /** PRJ-6: the classes the server would close now (not started, fewer live enrolees than the minimum). */
  const underfilled = (project: Project) =>
    project.classes.filter((c) => !c.cancelled && project.minClassSize !== null && c.taken < project.minClassSize && (!year || c.startDate > year.today));
  /** Placing is for after enrolment: until round 2 of the project's year ends, classes may still fill. */
  const enrolmentOpen = (project: Project) => !!year && project.year === year.year && year.today <= year.round2End;

  const placeUnderfilled = (project: Project) => {
    const closing = underfilled(project);
    const all = closing.length === project.classes.filter((c) => !c.cancelled).length;
    modal.confirm({
      title: t('project.placeTitle'),
      content: (
        <>
          <p>{t('project.placeHint', { min: project.minClassSize })}</p>
          <p>{t('project.placeClasses', { classes: closing.map((c) => `${classTitle(t, c.seq)}（${c.taken}）`).join(t('teacher.listSeparator')) })}</p>
          {all ? <Alert type="warning" showIcon title={t('project.placeAll')} /> : null}
        </>
      ),
      okText: t('project.placeAction'),
      okButtonProps: { danger: all },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await projectApi.placeUnderfilled(project.id);
          message.success(t('project.placed', r));
          await queryClient.invalidateQueries({ queryKey: TRAINING_KEYS.projects });
        } catch (err) {
          showError(err);
        }
      },
    });
  };

  let body = <LoadFallback notFound={!valid} error={error} />;
  if (valid && !error && p) {
    const alert = stateAlert(t, p);
    const label = (k: string) => t(`project.${k}`);
    const canPlace = p.state === 'approved' && p.minClassSize !== null && (p.abilities.manage || isProvince);
    body = (
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card
              style={{ height: '100%' }}
              title={
                <Flex gap={8} align="center" wrap style={{ padding: '8px 0' }}>
                  <span style={{ whiteSpace: 'normal' }}>{p.name}</span>
                  <ProjectStateTag state={p.state} />
                  <CategoryTag category={p.category} />
                </Flex>
              }
            >
              <Alert type={alert.type} showIcon title={alert.text} style={{ marginBottom: 16 }} data-testid="project-state-hint" />
              <Flex justify="flex-end" style={{ marginBottom: 16 }}>
                <ProjectActions project={p} variant="detail" />
              </Flex>
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, sm: 1, md: 2 }}
                styles={{ label: { whiteSpace: 'nowrap' }, content: { wordBreak: 'break-word' } }}
                data-testid="project-detail"
                items={[
                  { key: 'institution', label: label('institution'), children: p.institutionName },
                  { key: 'year', label: label('year'), children: p.year },
                  { key: 'reviewer', label: label('reviewer'), children: p.reviewer.name },
                  { key: 'mode', label: label('mode'), children: t(`training.mode.${p.mode}`) },
                  {
                    key: 'regions',
                    label: label('targetRegions'),
                    span: 'filled' as const,
                    children: p.targetRegions.map((r) => r.name).join(t('teacher.listSeparator')),
                  },
                  { key: 'stages', label: label('stages'), children: listOrAll(t, p.stages, 'stage') },
                  { key: 'subjects', label: label('subjects'), children: listOrAll(t, p.subjects, 'subject') },
                  { key: 'posts', label: label('posts'), span: 'filled' as const, children: listOrAll(t, p.posts, 'teacherPost') },
                  {
                    key: 'hours',
                    label: label('hours'),
                    children: t('project.hoursValue', { hours: p.hours, category: t(`training.hourCategory.${p.hourCategory}`) }),
                  },
                  { key: 'fee', label: label('fee'), children: feeLabel(t, p.feeFen) },
                  ...(p.minClassSize !== null ? [{ key: 'min', label: label('minClassSize'), children: p.minClassSize }] : []),
                  { key: 'plan', label: label('plan'), span: 'filled' as const, children: <PlanField project={p} /> },
                  {
                    key: 'description',
                    label: label('description'),
                    span: 'filled' as const,
                    children: p.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.description}</Typography.Paragraph> : '-',
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={label('history')} size="small" style={{ height: '100%' }}>
              <HistoryTimeline history={p.history} testId="project-history" />
            </Card>
          </Col>
        </Row>
        {canPlace ? (
          <Alert
            type="info"
            showIcon
            title={t('project.placeIntro', { min: p.minClassSize })}
            action={
              <Tooltip
                title={enrolmentOpen(p) ? t('project.placeWait', { end: year?.round2End }) : underfilled(p).length === 0 ? t('project.placeNone') : undefined}
              >
                <Button
                  size="small"
                  icon={<NodeIndexOutlined />}
                  disabled={enrolmentOpen(p) || underfilled(p).length === 0}
                  onClick={() => placeUnderfilled(p)}
                  data-testid="project-place-underfilled"
                >
                  {t('project.placeAction')}
                </Button>
              </Tooltip>
            }
          />
        ) : null}
        <ClassesCard project={p} />
        {p.category === 'provincial' ? <QuotasCard project={p} canEdit={isProvince} /> : null}
      </Flex>
    );
  }

  return (
    <PageContainer
      title={t('menu.projectDetail')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
      }
    >
      {body}
    </PageContainer>
  );
}

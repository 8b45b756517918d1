import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { classApi } from '../../../api/training.js';
import { LoadFallback } from '../../../components/exception-result.js';
import { PageContainer } from '../../../components/page-container.js';
import { useCurrentYear } from '../../../hooks/use-current-year.js';
import { classTitle, dateRange } from '../../../labels.js';
import { ClassStatusTags } from '../components/labels.js';
import { AttendanceTab } from './components/attendance-tab.js';
import { EnrolmentsTab } from './components/enrolments-tab.js';
import { EvaluationsTab } from './components/evaluations-tab.js';
import { GradesTab } from './components/grades-tab.js';
import { LotteryTab } from './components/lottery-tab.js';
import { MaterialsTab } from './components/materials-tab.js';
import { useClassInfo } from './components/use-class-info.js';

const TABS = ['enrolments', 'lottery', 'attendance', 'grades', 'evaluations', 'materials'] as const;
type TabKey = (typeof TABS)[number];

/**
 * 班期管理 (institution; bureaus over the project read): 报名复核, 筛选, 报到 and 签到码, 成绩,
 * 评教 and 过程性材料 of one class period. The open tab is in the URL (`?tab=`).
 */
export default function ClassConsolePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const classId = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const hint = Number(params.get('project')) || null;
  const picked = params.get('tab') as TabKey | null;
  const tab: TabKey = picked && TABS.includes(picked) ? picked : 'enrolments';
  const { project, cls, notFound, error, loading } = useClassInfo(classId, hint);
  const { data: year } = useCurrentYear();
  const manage = !!project?.abilities.manage;
  const { data: roster, isLoading: rosterLoading } = useQuery({
    queryKey: ['/api/classes', classId, 'roster'],
    queryFn: () => classApi.roster(classId),
    // Only the attendance and grades tabs show the roster.
    enabled: !!cls && (tab === 'attendance' || tab === 'grades'),
  });

  const setTab = (key: string) => {
    const next = new URLSearchParams(params);
    next.set('tab', key);
    if (project) next.set('project', String(project.id));
    setParams(next, { replace: true });
  };

  let body = <LoadFallback notFound={notFound} error={error} />;
  if (!notFound && !error && project && cls && !loading) {
    const today = year?.today;
    const running = !!today && today >= cls.startDate && today <= cls.endDate;
    const ended = !!today && today > cls.endDate;
    body = (
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            title={
              <Flex gap={8} wrap align="center" style={{ whiteSpace: 'normal' }}>
                <Link to={`/projects/${project.id}`}>{project.name}</Link>
                <span>{classTitle(t, cls.seq)}</span>
                {running ? <Tag color="processing">{t('classConsole.running')}</Tag> : null}
                {ended ? <Tag>{t('classConsole.ended')}</Tag> : null}
                <ClassStatusTags cls={cls} />
              </Flex>
            }
            items={[
              { key: 'institution', label: t('project.institution'), children: project.institutionName },
              { key: 'dates', label: t('project.dates'), children: dateRange(cls.startDate, cls.endDate) },
              { key: 'place', label: t('project.place'), children: cls.place },
              { key: 'hours', label: t('project.hours'), children: project.hours },
              {
                key: 'capacity',
                label: t('project.capacity'),
                children:
                  cls.capacity === cls.plannedCapacity ? cls.capacity : `${cls.capacity}（${t('project.expandedFrom', { planned: cls.plannedCapacity })}）`,
              },
              { key: 'taken', label: t('project.taken'), children: `${cls.taken} / ${cls.capacity}` },
            ]}
          />
          {!manage ? <Alert type="info" showIcon title={t('classConsole.readOnly')} style={{ marginTop: 8 }} /> : null}
          {cls.cancelled ? (
            <Alert type="error" showIcon title={t('classConsole.cancelledHint', { reason: cls.cancelReason ?? '-' })} style={{ marginTop: 8 }} />
          ) : null}
        </Card>
        <Card size="small" styles={{ body: { paddingTop: 0 } }}>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            destroyOnHidden
            items={[
              {
                key: 'enrolments',
                label: t('classConsole.tabEnrolments'),
                children: <EnrolmentsTab cls={cls} manage={manage} onOpenLottery={() => setTab('lottery')} />,
              },
              { key: 'lottery', label: t('classConsole.tabLottery'), children: <LotteryTab cls={cls} project={project} year={year} manage={manage} /> },
              {
                key: 'attendance',
                label: t('classConsole.tabAttendance'),
                children: rosterLoading ? <Skeleton active /> : <AttendanceTab cls={cls} roster={roster} today={today} manage={manage && !cls.cancelled} />,
              },
              {
                key: 'grades',
                label: t('classConsole.tabGrades'),
                children: rosterLoading ? <Skeleton active /> : <GradesTab cls={cls} project={project} roster={roster} today={today} manage={manage} />,
              },
              {
                key: 'evaluations',
                label: t('classConsole.tabEvaluations'),
                children: <EvaluationsTab cls={cls} evaluationDays={year?.evaluationDays ?? 10} />,
              },
              { key: 'materials', label: t('classConsole.tabMaterials'), children: <MaterialsTab cls={cls} manage={manage && !cls.cancelled} /> },
            ]}
          />
        </Card>
      </Flex>
    );
  }

  return (
    <PageContainer
      title={t('menu.classConsole')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => (project ? navigate(`/projects/${project.id}`) : navigate(-1))}>
          {t('classConsole.backToProject')}
        </Button>
      }
    >
      {body}
    </PageContainer>
  );
}

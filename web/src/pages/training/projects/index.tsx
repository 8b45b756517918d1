import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, Button, ConfigProvider, Empty, Form, Input, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { PROJECT_STATES } from '../../../../../common/machines.js';
import type { Query } from '../../../api/client.js';
import { type Project, TRAINING_KEYS, yearApi } from '../../../api/training.js';
import { ListPage } from '../../../components/list-page.js';
import { formatTime } from '../../../labels.js';
import { CategoryTag, ProjectStateTag } from '../components/labels.js';
import { ProjectActions } from '../components/project-actions.js';
import { ProjectFormDrawer } from '../components/project-form.js';

/** The classes of a project as one line: 2 期 · 2026-12-12 ~ 2027-01-03. */
function classesSummary(p: Project, t: (k: string, o?: Record<string, unknown>) => string) {
  const live = p.classes.filter((c) => !c.cancelled);
  if (live.length === 0) return t('project.noLiveClasses');
  const start = live.map((c) => c.startDate).sort()[0];
  const end = live
    .map((c) => c.endDate)
    .sort()
    .at(-1);
  return `${t('project.classCount', { count: live.length })} · ${start === end ? start : `${start} ~ ${end}`}`;
}

/**
 * PRJ-2/PRJ-3: 我的项目 for an institution (declare, plan, submit, withdraw, resubmit after 退回) and
 * 项目审核 for bureaus and the province (待我审核 by default; approve or return with a reason).
 * The same page: the route (`/projects/review`) decides which.
 */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [params, setParams] = useSearchParams();
  const reviewing = pathname === '/projects/review';
  const [creating, setCreating] = useState(false);
  const { data: years } = useQuery({ queryKey: TRAINING_KEYS.years, queryFn: yearApi.list, meta: { quiet: true } });
  const toReview = params.get('toReview') ?? 'true';

  const columns: TableColumnsType<Project> = [
    {
      title: t('project.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, r) => (
        <div style={{ minWidth: 140, maxWidth: 320 }}>
          <Link to={`/projects/${r.id}`} data-testid={`project-link-${r.id}`}>
            {name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {classesSummary(r, t)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    ...(reviewing ? [{ title: t('project.institution'), dataIndex: 'institutionName', responsive: ['md' as const] }] : []),
    { title: t('project.category'), dataIndex: 'category', responsive: ['md'], render: (v: Project['category']) => <CategoryTag category={v} /> },
    { title: t('project.hours'), dataIndex: 'hours', align: 'right', responsive: ['md'] },
    { title: t('project.year'), dataIndex: 'year', responsive: ['lg'] },
    { title: t('project.reviewer'), key: 'reviewer', responsive: ['md'], render: (_, r) => r.reviewer.name },
    { title: t('project.state'), dataIndex: 'state', render: (v: Project['state']) => <ProjectStateTag state={v} /> },
    { title: t('project.updatedAt'), dataIndex: 'updatedAt', responsive: ['lg'], render: formatTime },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0} wrap>
          <Link to={`/projects/${r.id}`}>
            <Button type="link" size="small">
              {t('common.detail')}
            </Button>
          </Link>
          <ProjectActions project={r} variant="row" />
        </Space>
      ),
    },
  ];

  const filtered = ['q', 'state', 'year'].some((k) => params.get(k));
  const emptyText = filtered
    ? t('project.emptyFiltered')
    : reviewing
      ? toReview === 'true'
        ? t('project.emptyToReview')
        : t('project.emptyScope')
      : t('project.emptyMine');

  return (
    <ConfigProvider
      renderEmpty={(name) =>
        name === 'Table' ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.none')} />
        )
      }
    >
      <ListPage<Project>
        title={t(reviewing ? 'menu.projectReview' : 'menu.projects')}
        url="/api/projects"
        columns={columns}
        filterNames={reviewing ? ['q', 'state', 'year', 'toReview'] : ['q', 'state', 'year']}
        fixedQuery={reviewing ? { toReview: 'true' } : undefined}
        fromQuery={(q) => ({ ...q, year: q.year ? Number(q.year) : undefined })}
        // 待我审核 / 全部 sits above the form and survives 查询 and 重置.
        toQuery={(v) => (reviewing ? { ...v, toReview: params.get('toReview') ?? undefined } : v) as Query}
        header={
          <>
            <Alert type="info" showIcon title={t(reviewing ? 'project.reviewIntro' : 'project.mineIntro')} style={{ marginBottom: 16 }} />
            {reviewing ? (
              <Segmented
                value={toReview}
                onChange={(v) => {
                  const next = new URLSearchParams(params);
                  next.delete('page');
                  next.set('toReview', String(v));
                  setParams(next);
                }}
                options={[
                  { value: 'true', label: t('project.toReview') },
                  { value: 'false', label: t('project.allInScope') },
                ]}
                style={{ marginBottom: 16 }}
                data-testid="filter-to-review"
              />
            ) : null}
          </>
        }
        extra={
          reviewing ? null : (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-create">
              {t('project.create')}
            </Button>
          )
        }
        filters={
          <>
            <Form.Item name="q" label={t('common.keyword')}>
              <Input allowClear placeholder={t('project.keywordPlaceholder')} data-testid="filter-q" />
            </Form.Item>
            <Form.Item name="state" label={t('project.state')}>
              <Select
                allowClear
                placeholder={t('common.all')}
                options={PROJECT_STATES.map((s) => ({ value: s, label: t(`training.projectState.${s}`) }))}
                data-testid="filter-state"
              />
            </Form.Item>
            <Form.Item name="year" label={t('project.year')}>
              <Select
                allowClear
                placeholder={t('common.all')}
                options={(years ?? []).map((y) => ({ value: y.year, label: y.year }))}
                data-testid="filter-year"
              />
            </Form.Item>
          </>
        }
      />
      {reviewing ? null : <ProjectFormDrawer open={creating} onClose={() => setCreating(false)} />}
    </ConfigProvider>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Grid, Progress, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type ClassPeriod, classApi, type Project, TRAINING_KEYS } from '../../../../api/training.js';
import { ReasonModal } from '../../../../components/reason-modal.js';
import { classTitle, dateRange } from '../../../../labels.js';
import { ClassStatusTags } from '../../components/labels.js';
import { ExpandModal, maxCapacity, ParticipantsModal } from './class-modals.js';

type Dialog = { kind: 'expand' | 'cancel' | 'participants'; cls: ClassPeriod } | null;

/**
 * The class periods of a project: dates, place, capacity (planned and after 扩班), places taken, and
 * what each identity may do: the institution opens 班期管理 (or, for a directive draft, its
 * participant list); the bureau over the project expands or cancels; bureaus read the console.
 */
export function ClassesCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isPhone = Grid.useBreakpoint().md === false;
  const [dialog, setDialog] = useState<Dialog>(null);
  const a = project.abilities;
  const approved = project.state === 'approved';
  const canOpenConsole = approved && (a.manage || a.adjust);
  const directiveDraft = project.category === 'directive' && a.edit;

  const done = (text: string) => {
    setDialog(null);
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: TRAINING_KEYS.projects });
  };

  const columns: TableColumnsType<ClassPeriod> = [
    {
      title: t('project.seq'),
      dataIndex: 'seq',
      fixed: isPhone ? undefined : 'left',
      render: (seq: number, c) =>
        canOpenConsole && !c.cancelled ? (
          <Link to={`/classes/${c.id}?project=${project.id}`} data-testid={`class-link-${c.id}`}>
            {classTitle(t, seq)}
          </Link>
        ) : (
          classTitle(t, seq)
        ),
    },
    { title: t('project.dates'), key: 'dates', render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{dateRange(c.startDate, c.endDate)}</span> },
    {
      title: t('project.place'),
      dataIndex: 'place',
      responsive: ['md'],
      render: (v: string) => <div style={{ maxWidth: 200, whiteSpace: 'normal' }}>{v}</div>,
    },
    {
      title: t('project.capacity'),
      key: 'capacity',
      render: (_, c) =>
        c.capacity === c.plannedCapacity ? (
          c.capacity
        ) : (
          <Tooltip title={t('project.expandedFrom', { planned: c.plannedCapacity })}>
            <span>
              {c.capacity}
              <Typography.Text type="secondary">{` / ${c.plannedCapacity}`}</Typography.Text>
            </span>
          </Tooltip>
        ),
    },
    {
      title: t('project.taken'),
      key: 'taken',
      render: (_, c) => (
        <div style={{ minWidth: 110 }}>
          <span>{`${c.taken} / ${c.capacity}`}</span>
          <Progress
            percent={Math.min(100, Math.round((c.taken / Math.max(1, c.capacity)) * 100))}
            size="small"
            showInfo={false}
            status={c.taken > c.capacity ? 'exception' : c.full ? 'success' : 'normal'}
          />
        </div>
      ),
    },
    {
      title: t('project.checkpoint'),
      dataIndex: 'checkpointLevel',
      responsive: ['lg'],
      render: (v: ClassPeriod['checkpointLevel']) => (v ? t(`training.checkpoint.${v}`) : t('common.none')),
    },
    {
      title: t('project.classStatus'),
      key: 'status',
      render: (_, c) => (
        <>
          <ClassStatusTags cls={c} />
          {c.cancelled && c.cancelReason ? (
            <div style={{ maxWidth: 180, whiteSpace: 'normal' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('training.reasonLine', { reason: c.cancelReason })}
              </Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      render: (_, c) => (
        <Space size={0} wrap>
          {canOpenConsole && !c.cancelled ? (
            <Link to={`/classes/${c.id}?project=${project.id}`}>
              <Button type="link" size="small" data-testid={`class-console-${c.id}`}>
                {a.manage ? t('project.manageClass') : t('project.viewClass')}
              </Button>
            </Link>
          ) : null}
          {directiveDraft ? (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'participants', cls: c })} data-testid={`class-participants-${c.id}`}>
              {t('project.participants')}
            </Button>
          ) : null}
          {a.adjust && !c.cancelled ? (
            <>
              <Tooltip title={c.capacity >= maxCapacity(c) ? t('project.expandMaxed', { max: maxCapacity(c) }) : undefined}>
                <Button
                  type="link"
                  size="small"
                  disabled={c.capacity >= maxCapacity(c)}
                  onClick={() => setDialog({ kind: 'expand', cls: c })}
                  data-testid={`class-expand-${c.id}`}
                >
                  {t('project.expand')}
                </Button>
              </Tooltip>
              <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'cancel', cls: c })} data-testid={`class-cancel-${c.id}`}>
                {t('project.cancelClass')}
              </Button>
            </>
          ) : null}
        </Space>
      ),
    },
  ];

  const title = (c: ClassPeriod) => classTitle(t, c.seq, project.name);
  return (
    <Card title={t('project.classes')} size="small" styles={{ body: { padding: 0 } }} data-testid="project-classes">
      <Table<ClassPeriod> rowKey="id" columns={columns} dataSource={project.classes} pagination={false} scroll={{ x: 'max-content' }} size="middle" />
      {dialog?.kind === 'expand' ? (
        <ExpandModal cls={dialog.cls} title={t('project.expandTitle', { name: title(dialog.cls) })} onDone={done} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'participants' ? (
        <ParticipantsModal cls={dialog.cls} title={t('project.participantsTitle', { name: title(dialog.cls) })} onDone={done} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'cancel' ? (
        <ReasonModal
          title={t('project.cancelTitle', { name: title(dialog.cls) })}
          hint={t('project.cancelHint', { taken: dialog.cls.taken })}
          okText={t('project.cancelClass')}
          danger
          label={t('project.cancelReason')}
          placeholder={t('project.cancelReasonPlaceholder')}
          testIds={{ input: 'class-cancel-reason', submit: 'class-cancel-submit' }}
          onClose={() => setDialog(null)}
          onSubmit={async (reason) => {
            await classApi.cancel(dialog.cls.id, reason);
            done(t('project.classCancelledDone'));
          }}
        />
      ) : null}
    </Card>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError } from '../../../api/client.js';
import { type Project, projectApi, TRAINING_KEYS } from '../../../api/training.js';
import { ReasonModal } from '../../../components/reason-modal.js';
import { ProjectFormDrawer } from './project-form.js';

type Props = {
  project: Project;
  /** `row`: link buttons in a table row (test ids end in the project id); `detail`: ordinary buttons. */
  variant: 'row' | 'detail';
};

/**
 * What the server lets the current identity do with a project (`abilities`): the institution edits,
 * submits (resubmits after 退回) and withdraws; the routed bureau approves, or returns it with a reason.
 */
export function ProjectActions({ project, variant }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const a = project.abilities;
  const row = variant === 'row';
  const suffix = row ? `-${project.id}` : '';
  const small = row ? ({ type: 'link', size: 'small' } as const) : {};
  const needsPlan = project.category !== 'directive' && !project.plan;

  const done = (updated: Project, text: string) => {
    queryClient.setQueryData(TRAINING_KEYS.project(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: TRAINING_KEYS.projects });
    message.success(text);
  };
  const run = async (action: () => Promise<Project>, text: string) => {
    try {
      done(await action(), text);
    } catch (err) {
      showError(err);
    }
  };

  const submit = () =>
    modal.confirm({
      title: t('project.submitConfirm', { name: project.name }),
      content: t('project.submitHint', { reviewer: project.reviewer.name }),
      okText: t('project.submit'),
      cancelText: t('common.cancel'),
      onOk: () => run(() => projectApi.act(project.id, project.state === 'rejected' ? 'resubmit' : 'submit'), t('project.submitted')),
    });
  const withdraw = () =>
    modal.confirm({
      title: t('project.withdrawConfirm', { name: project.name }),
      content: t('project.withdrawHint'),
      okText: t('project.withdraw'),
      cancelText: t('common.cancel'),
      onOk: () => run(() => projectApi.act(project.id, 'withdraw'), t('project.withdrawn')),
    });
  const approve = () =>
    modal.confirm({
      title: t('project.approveConfirm', { name: project.name }),
      content: t('project.approveHint'),
      okText: t('project.approve'),
      cancelText: t('common.cancel'),
      onOk: () => run(() => projectApi.review(project.id, 'approve'), t('project.approved')),
    });

  if (!a.edit && !a.submit && !a.withdraw && !a.review) return null;
  return (
    <>
      <Space size={row ? 0 : 8} wrap>
        {a.review ? (
          <>
            <Button {...small} type={row ? 'link' : 'primary'} onClick={approve} data-testid={`project-approve${suffix}`}>
              {t('project.approve')}
            </Button>
            <Button {...small} danger onClick={() => setRejecting(true)} data-testid={`project-reject${suffix}`}>
              {t('project.reject')}
            </Button>
          </>
        ) : null}
        {a.edit ? (
          <Button {...small} onClick={() => setEditing(true)} data-testid={`project-edit${suffix}`}>
            {t('common.edit')}
          </Button>
        ) : null}
        {a.submit ? (
          <Tooltip title={needsPlan ? t('project.planFirst') : undefined}>
            <Button {...small} type={row ? 'link' : 'primary'} disabled={needsPlan} onClick={submit} data-testid={`project-submit${suffix}`}>
              {project.state === 'rejected' ? t('project.resubmit') : t('project.submit')}
            </Button>
          </Tooltip>
        ) : null}
        {a.withdraw ? (
          <Button {...small} onClick={withdraw} data-testid={`project-withdraw${suffix}`}>
            {t('project.withdraw')}
          </Button>
        ) : null}
      </Space>
      {a.edit ? <ProjectFormDrawer open={editing} project={project} onClose={() => setEditing(false)} /> : null}
      {rejecting ? (
        <ReasonModal
          title={t('project.rejectTitle', { name: project.name })}
          hint={t('project.rejectHint')}
          okText={t('project.reject')}
          danger
          label={t('project.reason')}
          placeholder={t('project.reasonPlaceholder')}
          testIds={{ input: 'project-reject-reason', submit: 'project-reject-submit' }}
          onClose={() => setRejecting(false)}
          onSubmit={async (reason) => {
            const updated = await projectApi.review(project.id, 'reject', reason);
            setRejecting(false);
            done(updated, t('project.rejected'));
          }}
        />
      ) : null}
    </>
  );
}

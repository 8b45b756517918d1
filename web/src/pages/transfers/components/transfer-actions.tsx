import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Transfer } from '../../../../../common/schemas/teachers.js';
import { showError } from '../../../api/client.js';
import { transferActions } from '../../../api/transfers.js';
import { ReasonModal } from '../../../components/reason-modal.js';

type Props = {
  transfer: Transfer;
  /** `row`: small link buttons in a table row (test ids end in the transfer id); `detail`: ordinary buttons. */
  variant: 'row' | 'detail';
  /** Called with the transfer as it now is. */
  onDone?: (updated: Transfer) => void;
};

/**
 * The steps the server allows the current identity (`transfer.actions`): the applicant school
 * 撤回; the routed bureau 批准, or 驳回 with a reason. Each after a confirmation.
 */
export function TransferActions({ transfer, variant, onDone }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  if (transfer.actions.length === 0) return null;

  const row = variant === 'row';
  const suffix = row ? `-${transfer.id}` : '';
  const buttonProps = row ? ({ type: 'link', size: 'small' } as const) : {};
  const names = { name: transfer.teacherName, from: transfer.fromSchool.name, to: transfer.toSchool.name };

  const done = (updated: Transfer, text: string) => {
    void queryClient.invalidateQueries({ queryKey: ['/api/transfers'] });
    // An approved transfer moves the teacher between the schools' lists.
    if (updated.state === 'approved') void queryClient.invalidateQueries({ queryKey: ['/api/teachers'] });
    message.success(text);
    onDone?.(updated);
  };

  const run = async (action: () => Promise<Transfer>, text: string) => {
    try {
      done(await action(), text);
    } catch (err) {
      showError(err);
    }
  };

  const approve = () =>
    modal.confirm({
      title: t('transfer.approveConfirm', names),
      content: t('transfer.approveHint'),
      okText: t('transfer.approve'),
      cancelText: t('common.cancel'),
      onOk: () => run(() => transferActions.review(transfer.id, 'approve'), t('transfer.approved')),
    });

  const withdraw = () =>
    modal.confirm({
      title: t('transfer.withdrawConfirm', names),
      okText: t('transfer.withdraw'),
      cancelText: t('common.cancel'),
      onOk: () => run(() => transferActions.withdraw(transfer.id), t('transfer.withdrawn')),
    });

  return (
    <>
      <Space size={row ? 0 : 8} wrap>
        {transfer.actions.includes('approve') ? (
          <Button {...buttonProps} type={row ? 'link' : 'primary'} onClick={approve} data-testid={`transfer-approve${suffix}`}>
            {t('transfer.approve')}
          </Button>
        ) : null}
        {transfer.actions.includes('reject') ? (
          <Button {...buttonProps} danger onClick={() => setRejecting(true)} data-testid={`transfer-reject${suffix}`}>
            {t('transfer.reject')}
          </Button>
        ) : null}
        {transfer.actions.includes('withdraw') ? (
          <Button {...buttonProps} onClick={withdraw} data-testid={`transfer-withdraw${suffix}`}>
            {t('transfer.withdraw')}
          </Button>
        ) : null}
      </Space>
      {rejecting ? (
        <ReasonModal
          title={t('transfer.rejectTitle', { name: transfer.teacherName })}
          okText={t('transfer.reject')}
          danger
          label={t('transfer.reason')}
          placeholder={t('transfer.reasonPlaceholder')}
          testIds={{ input: 'transfer-reject-reason', submit: 'transfer-reject-submit' }}
          onClose={() => setRejecting(false)}
          onSubmit={async (reason) => {
            const updated = await transferActions.review(transfer.id, 'reject', reason);
            setRejecting(false);
            done(updated, t('transfer.rejected'));
          }}
        />
      ) : null}
    </>
  );
}

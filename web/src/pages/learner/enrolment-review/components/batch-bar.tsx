import { App, Button, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError } from '../../../../api/client.js';
import { type BatchResult, type Enrolment, type EnrolmentReviewAction, enrolmentActions } from '../../../../api/enrolment.js';
import { ReasonModal } from '../../../../components/reason-modal.js';
import { classTitle } from '../../../../labels.js';
import { BATCH_ACTIONS, REASON_ACTIONS, useEnrolmentsRefresh } from './review-actions.js';

type Props = {
  /** The selected rows, as last seen. */
  selected: Enrolment[];
  onClear: () => void;
};

/**
 * The same step on every selected enrolment (POST /api/enrolments/review): the buttons are those
 * at least one selected row allows; each refusal comes back with its reason and is listed by teacher.
 */
export function BatchBar({ selected, onClear }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const refresh = useEnrolmentsRefresh();
  const [asking, setAsking] = useState<EnrolmentReviewAction | null>(null);
  const [result, setResult] = useState<{ action: EnrolmentReviewAction; out: BatchResult; rows: Map<number, Enrolment> } | null>(null);
  const ids = selected.map((e) => e.id);
  const allowed = BATCH_ACTIONS.filter((a) => selected.some((e) => e.abilities[a]));

  const finish = (action: EnrolmentReviewAction, out: BatchResult) => {
    // The rows as they were, to name the refused ones after the selection is cleared.
    const rows = new Map(selected.map((e) => [e.id, e]));
    refresh();
    onClear();
    if (out.failed.length === 0) message.success(t('enrolReview.batchDone', { count: out.done }));
    else setResult({ action, out, rows });
  };

  const run = (action: EnrolmentReviewAction) => {
    if (REASON_ACTIONS.includes(action)) {
      setAsking(action);
      return;
    }
    modal.confirm({
      title: t('enrolReview.batchConfirm', { action: t(`enrolReview.action.${action}`), count: ids.length }),
      content: t(`enrolReview.hint.${action}`),
      okText: t(`enrolReview.action.${action}`),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          finish(action, await enrolmentActions.batchReview(ids, action));
        } catch (err) {
          showError(err);
        }
      },
    });
  };

  return (
    <>
      {selected.length === 0 ? null : (
        <Flex
          gap={8}
          align="center"
          wrap
          style={{ padding: '8px 12px', marginBottom: 12, background: '#e6f4ff', border: '1px solid #91caff', borderRadius: 6 }}
          data-testid="batch-bar"
        >
          <Typography.Text>{t('enrolReview.selected', { count: selected.length })}</Typography.Text>
          {allowed.map((a) => (
            <Button
              key={a}
              size="small"
              type={REASON_ACTIONS.includes(a) ? 'default' : 'primary'}
              danger={REASON_ACTIONS.includes(a)}
              onClick={() => run(a)}
              data-testid={`batch-${a}`}
            >
              {t('enrolReview.batchAction', { action: t(`enrolReview.action.${a}`) })}
            </Button>
          ))}
          {allowed.length === 0 ? <Typography.Text type="secondary">{t('enrolReview.batchNone')}</Typography.Text> : null}
          <Button size="small" type="link" onClick={onClear}>
            {t('enrolReview.clearSelection')}
          </Button>
        </Flex>
      )}
      {asking ? (
        <ReasonModal
          title={t('enrolReview.batchConfirm', { action: t(`enrolReview.action.${asking}`), count: ids.length })}
          hint={t(`enrolReview.hint.${asking}`)}
          okText={t(`enrolReview.action.${asking}`)}
          danger
          label={t('enrolReview.reason')}
          placeholder={t('enrolReview.reasonPlaceholder')}
          testIds={{ input: 'batch-reason', submit: 'batch-reason-submit' }}
          onClose={() => setAsking(null)}
          onSubmit={async (reason) => {
            const out = await enrolmentActions.batchReview(ids, asking, reason);
            setAsking(null);
            finish(asking, out);
          }}
        />
      ) : null}
      {result ? (
        <Modal
          open
          title={t('enrolReview.batchResult', { action: t(`enrolReview.action.${result.action}`), done: result.out.done, failed: result.out.failed.length })}
          onCancel={() => setResult(null)}
          footer={
            <Button type="primary" onClick={() => setResult(null)}>
              {t('common.close')}
            </Button>
          }
          data-testid="batch-result"
        >
          <Flex vertical gap={10} data-testid="batch-failures">
            {result.out.failed.map((f) => {
              const e = result.rows.get(f.id);
              return (
                <div key={f.id} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
                  <Typography.Text strong>{e ? `${e.teacherName}（${e.shixunNo}）` : `#${f.id}`}</Typography.Text>
                  {e ? (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {classTitle(t, e.seq, e.projectName)}
                      </Typography.Text>
                    </div>
                  ) : null}
                  <div>
                    <Typography.Text type="danger">{f.reason}</Typography.Text>
                  </div>
                </div>
              );
            })}
          </Flex>
        </Modal>
      ) : null}
    </>
  );
}

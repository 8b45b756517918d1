import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client.js';
import { CATALOGUE_URL, type CatalogueItem, ENROLMENTS_URL, enrolmentActions, type TrainingYear } from '../../../../api/enrolment.js';
import { classTitle, dateRange, feeLabel, hoursText } from '../../../../labels.js';

type Props = {
  item: CatalogueItem;
  year: TrainingYear | undefined;
  /** Hours of my live enrolments this year (against the cap). */
  usedHours: number | undefined;
  onClose: () => void;
};

/**
 * 报名 after a look at what it means in the open round. A refusal (hour cap, overlapping dates,
 * evaluation owed, the round-2 rule, full…) stays in the dialog, word for word as the server gave it.
 */
export function EnrolModal({ item, year, usedHours, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async () => {
    setSaving(true);
    setRefusal(null);
    try {
      await enrolmentActions.enrol(item.classId);
      void queryClient.invalidateQueries({ queryKey: [CATALOGUE_URL] });
      void queryClient.invalidateQueries({ queryKey: [ENROLMENTS_URL] });
      message.success(t('catalogue.enrolled'));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.handled) return;
      setRefusal(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  const after = usedHours === undefined ? undefined : usedHours + item.hours;
  return (
    <Modal
      open
      title={t('catalogue.enrolTitle')}
      okText={t('catalogue.enrolConfirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, size: 'large', 'data-testid': 'enrol-submit' }}
      cancelButtonProps={{ size: 'large' }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'class', label: t('enrol.project'), children: classTitle(t, item.seq, item.projectName) },
          { key: 'institution', label: t('enrol.institution'), children: item.institutionName },
          { key: 'dates', label: t('enrol.dates'), children: dateRange(item.startDate, item.endDate) },
          { key: 'place', label: t('enrol.place'), children: item.place },
          { key: 'hours', label: t('enrol.hours'), children: t('enrol.hoursValue', { hours: hoursText(item.hours) }) },
          { key: 'fee', label: t('enrol.fee'), children: feeLabel(t, item.feeFen) },
        ]}
      />
      {year?.openRound === 1 ? (
        <Alert type="info" showIcon title={t(item.full ? 'catalogue.round1Oversubscribed' : 'catalogue.round1Hint')} style={{ marginBottom: 12 }} />
      ) : null}
      {year?.openRound === 2 ? <Alert type="warning" showIcon title={t('catalogue.round2Hint')} style={{ marginBottom: 12 }} /> : null}
      {year && after !== undefined ? (
        <Alert
          type={after > year.hourCap ? 'warning' : 'info'}
          showIcon
          title={t('catalogue.hoursAfter', { after: hoursText(after), cap: hoursText(year.hourCap) })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {refusal ? <Alert type="error" showIcon title={t('catalogue.refused')} description={refusal} data-testid="enrol-refusal" /> : null}
    </Modal>
  );
}

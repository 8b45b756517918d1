import { StarOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, type DescriptionsProps, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { showError } from '../../../../api/client.js';
import { CATALOGUE_URL, ENROLMENTS_URL, type Enrolment, enrolmentActions } from '../../../../api/enrolment.js';
import { EnrolmentStateTag } from '../../../../components/enrolment-state-tag.js';
import { classTitle, dateRange, hoursText } from '../../../../labels.js';
import { EnrolmentHistory } from '../../components/enrolment-history.js';
import { ResultTag } from '../../components/enrolment-tags.js';

type Props = {
  enrolment: Enrolment;
  /** Opened from a message (`?id=`): drawn out. */
  highlighted?: boolean;
  onEvaluate: (e: Enrolment) => void;
};

/** DLV-3: whether the evaluation is open, due, late, or done. */
function EvaluationLine({ e }: { e: Enrolment }) {
  const { t } = useTranslation();
  if (e.evaluated) return <Tag color="green">{t('myEnrol.evaluatedTag')}</Tag>;
  if (!e.evaluationDue) return null;
  if (!e.abilities.evaluate) return <Typography.Text type="secondary">{t('myEnrol.evaluateFrom', { date: e.endDate, due: e.evaluationDue })}</Typography.Text>;
  const late = e.evaluationDue < dayjs().format('YYYY-MM-DD');
  return (
    <Typography.Text type={late ? 'danger' : 'warning'} data-testid={`enrolment-due-${e.id}`}>
      {t(late ? 'myEnrol.evaluateOverdue' : 'myEnrol.evaluateDue', { date: e.evaluationDue })}
    </Typography.Text>
  );
}

/** One of my enrolments: the class, where it stands, every review step with its reason, and 退选 / 评教 when allowed. */
export function EnrolmentCard({ enrolment: e, highlighted, onEvaluate }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();

  const withdraw = () =>
    modal.confirm({
      title: t('myEnrol.withdrawConfirm', { name: classTitle(t, e.seq, e.projectName) }),
      content: t('myEnrol.withdrawHint'),
      okText: t('myEnrol.withdraw'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await enrolmentActions.withdraw(e.id);
          void queryClient.invalidateQueries({ queryKey: [ENROLMENTS_URL] });
          void queryClient.invalidateQueries({ queryKey: [CATALOGUE_URL] });
          message.success(t('myEnrol.withdrawn'));
        } catch (err) {
          showError(err);
        }
      },
    });

  const facts: NonNullable<DescriptionsProps['items']> = [
    { key: 'institution', label: t('enrol.institution'), children: e.institutionName },
    { key: 'dates', label: t('enrol.dates'), children: dateRange(e.startDate, e.endDate) },
    { key: 'place', label: t('enrol.place'), children: e.place },
    {
      key: 'hours',
      label: t('enrol.hours'),
      children: `${t('enrol.hoursValue', { hours: hoursText(e.hours) })} · ${t(`enrol.round.r${e.round}`, { defaultValue: String(e.round) })}`,
    },
  ];
  if (e.result) facts.push({ key: 'result', label: t('enrol.resultLabel'), children: <ResultTag result={e.result} score={e.score} /> });
  if (e.leaveReason) facts.push({ key: 'leave', label: t('myEnrol.leaveReason'), children: e.leaveReason });
  if (e.evaluated || e.evaluationDue) facts.push({ key: 'evaluation', label: t('myEnrol.evaluation'), children: <EvaluationLine e={e} /> });

  return (
    <Card
      size="small"
      data-testid={`enrolment-${e.id}`}
      style={highlighted ? { borderColor: '#1677ff', boxShadow: '0 0 0 2px rgba(22,119,255,0.2)' } : undefined}
      title={
        <Typography.Text strong style={{ whiteSpace: 'normal' }}>
          {classTitle(t, e.seq, e.projectName)}
        </Typography.Text>
      }
      extra={<EnrolmentStateTag state={e.state} testId={`enrolment-state-${e.id}`} />}
      styles={{ header: { paddingBlock: 10, gap: 8 } }}
    >
      {e.abilities.evaluate ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('myEnrol.evaluateNow')}
          action={
            <Button type="primary" icon={<StarOutlined />} onClick={() => onEvaluate(e)} data-testid={`enrolment-evaluate-${e.id}`}>
              {t('myEnrol.evaluate')}
            </Button>
          }
        />
      ) : null}
      <Descriptions size="small" column={1} items={facts} styles={{ label: { minWidth: '5.5em', whiteSpace: 'nowrap' } }} />
      <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0' }}>
        {t('enrol.history')}
      </Typography.Text>
      <EnrolmentHistory history={e.history} testId={`enrolment-history-${e.id}`} />
      {e.abilities.withdraw ? (
        <Flex justify="flex-end" style={{ marginTop: 8 }}>
          <Button size="large" danger onClick={withdraw} data-testid={`enrolment-withdraw-${e.id}`}>
            {t('myEnrol.withdraw')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}

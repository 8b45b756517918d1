import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Flex, Form, InputNumber, Row, Select, Skeleton, Steps, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVALUATION_DAYS_DEFAULT, HOUR_CAP_DEFAULT } from '../../../../../common/training.js';
import { TRAINING_KEYS, type TrainingYear, yearApi } from '../../../api/training.js';
import { PageContainer } from '../../../components/page-container.js';
import { CURRENT_YEAR_KEY } from '../../../hooks/use-current-year.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';
import { dateRange } from '../../../labels.js';

const DATE = 'YYYY-MM-DD';
const DATE_FIELDS = ['round1Start', 'round1End', 'round2Start', 'round2End'] as const;
type DateField = (typeof DATE_FIELDS)[number];
type Values = Record<DateField, Dayjs | undefined> & { evaluationDays: number; hourCap: number; round2OpenToAll: boolean; isCurrent: boolean };

function toValues(y: TrainingYear | undefined): Values {
  return {
    round1Start: y ? dayjs(y.round1Start) : undefined,
    round1End: y ? dayjs(y.round1End) : undefined,
    round2Start: y ? dayjs(y.round2Start) : undefined,
    round2End: y ? dayjs(y.round2End) : undefined,
    evaluationDays: y?.evaluationDays ?? EVALUATION_DAYS_DEFAULT,
    hourCap: y?.hourCap ?? HOUR_CAP_DEFAULT,
    round2OpenToAll: y?.round2OpenToAll ?? false,
    isCurrent: y?.isCurrent ?? false,
  };
}

/** Where today falls in the year: 0 before round 1, 1 round 1, 2 lottery (between rounds), 3 round 2, 4 after. */
function phaseOf(y: TrainingYear) {
  if (y.today < y.round1Start) return 0;
  if (y.today <= y.round1End) return 1;
  if (y.today < y.round2Start) return 2;
  if (y.today <= y.round2End) return 3;
  return 4;
}

function OpenRoundTag({ year, t }: { year: TrainingYear; t: TFunction }) {
  if (year.openRound === 1) return <Tag color="green">{t('training.year.round1Open')}</Tag>;
  if (year.openRound === 2) return <Tag color="blue">{t('training.year.round2Open')}</Tag>;
  return <Tag>{t('training.year.noRoundOpen')}</Tag>;
}

/** Today, the open round and the year's calendar at a glance. */
function YearStatus({ year }: { year: TrainingYear }) {
  const { t } = useTranslation();
  const phase = phaseOf(year);
  const k = (key: string) => t(`training.year.${key}`);
  return (
    <Card size="small" title={t('training.year.statusTitle', { year: year.year })} data-testid="year-status">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'today', label: k('today'), children: <strong data-testid="year-today">{year.today}</strong> },
          { key: 'open', label: k('openRound'), children: <OpenRoundTag year={year} t={t} /> },
          { key: 'cap', label: k('hourCap'), children: t('training.year.hoursValue', { hours: year.hourCap }) },
          { key: 'round2', label: k('round2Who'), children: year.round2OpenToAll ? k('round2All') : k('round2Rule') },
        ]}
      />
      <Steps
        size="small"
        current={phase === 0 ? 0 : phase - 1}
        status={phase === 0 ? 'wait' : phase === 4 ? 'finish' : 'process'}
        style={{ marginTop: 16 }}
        responsive
        items={[
          { title: k('round1'), content: dateRange(year.round1Start, year.round1End) },
          { title: k('lottery'), content: k('lotteryWhen') },
          { title: k('round2'), content: dateRange(year.round2Start, year.round2End) },
          { title: k('evaluation'), content: t('training.year.evaluationWhen', { days: year.evaluationDays }) },
        ]}
      />
    </Card>
  );
}

/**
 * PRJ-1 培训年度 (province): the enrolment windows of a year (一轮报名, 二轮补报; dates are
 * Asia/Shanghai days, both ends included), the evaluation period, the yearly hour cap and whether
 * round 2 is open to every teacher. The server enforces the windows; this page shows where today is.
 */
export default function TrainingYearPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { data: years, isLoading } = useQuery({ queryKey: TRAINING_KEYS.years, queryFn: yearApi.list });
  const current = years?.find((y) => y.isCurrent);
  const [picked, setPicked] = useState<number | null>(null);
  const year = picked ?? current?.year ?? dayjs().year();
  const shown = years?.find((y) => y.year === year);
  const k = (key: string) => t(`training.year.${key}`);

  useEffect(() => {
    if (isLoading) return;
    form.resetFields();
    form.setFieldsValue(toValues(shown));
    if (!shown) form.setFieldValue('isCurrent', !current);
  }, [isLoading, shown, current, form]);

  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    const body = {
      round1Start: (v.round1Start as Dayjs).format(DATE),
      round1End: (v.round1End as Dayjs).format(DATE),
      round2Start: (v.round2Start as Dayjs).format(DATE),
      round2End: (v.round2End as Dayjs).format(DATE),
      evaluationDays: v.evaluationDays,
      hourCap: v.hourCap,
      round2OpenToAll: v.round2OpenToAll,
      isCurrent: v.isCurrent,
    };
    await yearApi.save(year, body);
    message.success(t('training.year.saved', { year }));
    await queryClient.invalidateQueries({ queryKey: TRAINING_KEYS.years });
    void queryClient.invalidateQueries({ queryKey: CURRENT_YEAR_KEY });
  });

  const knownYears = (years ?? []).map((y) => y.year);
  const base = Math.max(dayjs().year(), ...knownYears);
  const choices = [...new Set([...knownYears, base, base + 1])].sort((a, b) => b - a);

  // Each date must follow the one before it (round 2 starts after round 1 ends).
  const after = (prev: DateField, strict: boolean) => ({
    validator: (_: unknown, value: Dayjs | undefined) => {
      const before: Dayjs | undefined = form.getFieldValue(prev);
      if (!value || !before) return Promise.resolve();
      const ok = strict ? value.isAfter(before, 'day') : !value.isBefore(before, 'day');
      return ok ? Promise.resolve() : Promise.reject(new Error(k(strict ? 'mustBeAfter' : 'mustNotBeBefore')));
    },
  });
  const dateItem = (name: DateField, prev?: DateField, strict = false) => (
    <Col xs={12}>
      <Form.Item
        name={name}
        label={k(name)}
        dependencies={prev ? [prev] : undefined}
        rules={[{ required: true, message: t('common.select', { label: k(name) }) }, ...(prev ? [after(prev, strict)] : [])]}
      >
        <DatePicker style={{ width: '100%' }} data-testid={`year-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <PageContainer
      title={t('menu.trainingYear')}
      extra={
        <Flex gap={8} align="center">
          <Typography.Text>{k('year')}</Typography.Text>
          <Select
            value={year}
            onChange={setPicked}
            style={{ width: 140 }}
            options={choices.map((y) => ({
              value: y,
              label: knownYears.includes(y)
                ? y === current?.year
                  ? t('training.year.currentOption', { year: y })
                  : String(y)
                : t('training.year.newOption', { year: y }),
            }))}
            data-testid="year-select"
          />
        </Flex>
      }
    >
      {isLoading ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {shown ? (
            <YearStatus year={shown} />
          ) : (
            <Alert type="info" showIcon title={t(current ? 'training.year.newYearHint' : 'training.year.noYearHint', { year })} data-testid="year-new" />
          )}
          <Card size="small" title={t('training.year.formTitle', { year })}>
            <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 1080 }}>
              <Row gutter={24}>
                <Col xs={24} lg={12}>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {k('round1')}
                  </Typography.Title>
                  <Typography.Paragraph type="secondary">{k('round1Help')}</Typography.Paragraph>
                  <Row gutter={16}>
                    {dateItem('round1Start')}
                    {dateItem('round1End', 'round1Start')}
                  </Row>
                </Col>
                <Col xs={24} lg={12}>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {k('round2')}
                  </Typography.Title>
                  <Typography.Paragraph type="secondary">{k('round2Help')}</Typography.Paragraph>
                  <Row gutter={16}>
                    {dateItem('round2Start', 'round1End', true)}
                    {dateItem('round2End', 'round2Start')}
                  </Row>
                </Col>
              </Row>
              <Form.Item name="round2OpenToAll" label={k('round2OpenToAll')} extra={k('round2OpenToAllHelp')} valuePropName="checked">
                <Switch data-testid="year-round2-open" />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={12} md={6}>
                  <Form.Item
                    name="evaluationDays"
                    label={k('evaluationDays')}
                    extra={k('evaluationDaysHelp')}
                    rules={[{ required: true, message: t('common.required', { label: k('evaluationDays') }) }]}
                  >
                    <InputNumber min={1} max={60} precision={0} suffix={k('days')} style={{ width: '100%' }} data-testid="year-evaluation-days" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    name="hourCap"
                    label={k('hourCap')}
                    extra={k('hourCapHelp')}
                    rules={[{ required: true, message: t('common.required', { label: k('hourCap') }) }]}
                  >
                    <InputNumber min={1} max={500} step={1} suffix={k('hours')} style={{ width: '100%' }} data-testid="year-hour-cap" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="isCurrent" label={k('isCurrent')} extra={k('isCurrentHelp')} valuePropName="checked">
                <Switch disabled={shown?.isCurrent} data-testid="year-is-current" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="year-save">
                {t('training.year.save', { year })}
              </Button>
            </Form>
          </Card>
        </Flex>
      )}
    </PageContainer>
  );
}

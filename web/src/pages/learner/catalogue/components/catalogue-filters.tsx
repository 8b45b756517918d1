import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Checkbox, DatePicker, Drawer, Flex, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_MODES } from '../../../../../../common/training.js';
import { FilterButtons } from '../../../../components/list-page.js';
import { subjectOptions, teacherStageOptions } from '../../../../labels.js';

export const CATALOGUE_FILTERS = ['q', 'subject', 'stage', 'mode', 'from', 'to', 'available'] as const;

type FormValues = { q?: string; subject?: string; stage?: string; mode?: string; from?: Dayjs | null; to?: Dayjs | null; available?: boolean };
type Props = {
  /** The filters as they are in the URL. */
  values: Record<string, string>;
  onApply: (values: Record<string, string | boolean | undefined>) => void;
  /** Phone: a search box and a 筛选 button opening the other filters in a bottom drawer. */
  compact: boolean;
};

function toForm(v: Record<string, string>): FormValues {
  return {
    q: v.q,
    subject: v.subject,
    stage: v.stage,
    mode: v.mode,
    from: v.from ? dayjs(v.from) : null,
    to: v.to ? dayjs(v.to) : null,
    available: v.available === 'true',
  };
}

function toQuery(v: FormValues) {
  return {
    q: v.q?.trim() || undefined,
    subject: v.subject,
    stage: v.stage,
    mode: v.mode,
    from: v.from ? v.from.format('YYYY-MM-DD') : undefined,
    to: v.to ? v.to.format('YYYY-MM-DD') : undefined,
    available: v.available ? 'true' : undefined,
  };
}

/** ENR-1 catalogue filters: keyword, subject, stage, mode, dates, only classes with a free place. */
export function CatalogueFilters({ values, onApply, compact }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState(values.q ?? '');
  const key = JSON.stringify(values);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refill the form when the URL changes (back/forward, reset)
  useEffect(() => {
    form.setFieldsValue(toForm(values));
    setQ(values.q ?? '');
  }, [key]);

  const fields = (
    <>
      {compact ? null : (
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('catalogue.keywordPlaceholder')} data-testid="catalogue-q" />
        </Form.Item>
      )}
      <Form.Item name="subject" label={t('catalogue.subject')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.all')}
          options={subjectOptions(t)}
          data-testid="catalogue-subject"
        />
      </Form.Item>
      <Form.Item name="stage" label={t('catalogue.stage')}>
        <Select allowClear placeholder={t('common.all')} options={teacherStageOptions(t)} data-testid="catalogue-stage" />
      </Form.Item>
      <Form.Item name="mode" label={t('enrol.modeLabel')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          options={TRAINING_MODES.map((m) => ({ value: m, label: t(`enrol.mode.${m}`) }))}
          data-testid="catalogue-mode"
        />
      </Form.Item>
      <Form.Item name="from" label={t('catalogue.from')}>
        <DatePicker inputReadOnly={compact} style={{ width: compact ? '100%' : 150 }} data-testid="catalogue-from" />
      </Form.Item>
      <Form.Item name="to" label={t('catalogue.to')}>
        <DatePicker inputReadOnly={compact} style={{ width: compact ? '100%' : 150 }} data-testid="catalogue-to" />
      </Form.Item>
      <Form.Item name="available" valuePropName="checked">
        <Checkbox data-testid="catalogue-available">{t('catalogue.availableOnly')}</Checkbox>
      </Form.Item>
    </>
  );

  const reset = () => {
    form.resetFields();
    form.setFieldsValue(toForm({}));
    setQ('');
    onApply({});
  };

  if (!compact) {
    return (
      <Form form={form} layout="inline" className="sx-filters" initialValues={toForm(values)} onFinish={(v) => onApply(toQuery(v))}>
        {fields}
        <FilterButtons onReset={reset} />
      </Form>
    );
  }

  const active = CATALOGUE_FILTERS.filter((n) => n !== 'q' && values[n]).length;
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          value={q}
          onChange={(e) => setQ(e.target.value)}
          allowClear
          size="large"
          placeholder={t('catalogue.keywordPlaceholder')}
          onSearch={(v) => onApply({ ...values, q: v.trim() || undefined })}
          data-testid="catalogue-q"
        />
        <Badge count={active} size="small">
          <Button size="large" icon={<FilterOutlined />} onClick={() => setOpen(true)} data-testid="catalogue-filter-open">
            {t('catalogue.filter')}
          </Button>
        </Badge>
      </Flex>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="bottom"
        size="auto"
        title={t('catalogue.filter')}
        forceRender
        footer={
          <Flex gap={8}>
            <Button
              size="large"
              block
              onClick={() => {
                reset();
                setOpen(false);
              }}
            >
              {t('common.reset')}
            </Button>
            <Button size="large" block type="primary" onClick={() => form.submit()} data-testid="catalogue-filter-apply">
              {t('common.search')}
            </Button>
          </Flex>
        }
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={toForm(values)}
          onFinish={(v) => {
            onApply({ ...toQuery(v), q: q.trim() || undefined });
            setOpen(false);
          }}
        >
          {fields}
        </Form>
      </Drawer>
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Form, Skeleton, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { feedback } from '../../../api/client.js';
import { COURSE_KEYS, windowApi } from '../../../api/courses.js';
import { PageContainer } from '../../../components/page-container.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';
import { dateRange } from '../../../labels.js';

const DATE = 'YYYY-MM-DD';
type Values = { dates: [Dayjs, Dayjs] };

/**
 * 课程申报时间 (CRS-1, province): the days of this year in which teachers may declare online
 * synchronous courses (Asia/Shanghai days, both ends included). The server refuses declarations
 * outside it; the instructors' page shows it.
 */
export default function CourseWindowPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { data: w, isPending } = useQuery({ queryKey: COURSE_KEYS.window, queryFn: windowApi.current });
  const label = (k: string, o?: Record<string, unknown>) => t(`course.window.${k}`, o);
  // The year is the one "today" (from the server) falls in: the window belongs to this year's declarations.
  const today = w?.today ?? dayjs().format(DATE);
  const year = w?.year ?? Number(today.slice(0, 4));

  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    const saved = await windowApi.save(year, { opensOn: v.dates[0].format(DATE), closesOn: v.dates[1].format(DATE) });
    queryClient.setQueryData(COURSE_KEYS.window, saved);
    feedback.message.success(t('common.saved'));
  });

  return (
    <PageContainer title={t('menu.courseWindow')}>
      <Flex vertical gap={16} style={{ maxWidth: 720 }}>
        <Alert type="info" showIcon title={label('intro')} />
        <Card size="small" title={label('current', { year })} data-testid="course-window-current">
          {isPending ? (
            <Skeleton active paragraph={{ rows: 1 }} />
          ) : (
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 3 }}
              items={[
                { key: 'today', label: label('today'), children: today },
                { key: 'dates', label: label('dates'), children: w ? dateRange(w.opensOn, w.closesOn) : label('notSet') },
                {
                  key: 'open',
                  label: label('status'),
                  children: w?.open ? <Tag color="green">{label('open')}</Tag> : <Tag>{label('closed')}</Tag>,
                },
              ]}
            />
          )}
        </Card>
        {isPending ? null : (
          <Card size="small" title={label('set', { year })}>
            <Form
              form={form}
              layout="vertical"
              onFinish={submit}
              initialValues={w ? { dates: [dayjs(w.opensOn), dayjs(w.closesOn)] } : undefined}
              requiredMark={false}
            >
              <Form.Item name="dates" label={label('dates')} rules={[{ required: true, message: t('common.select', { label: label('dates') }) }]}>
                <DatePicker.RangePicker
                  style={{ width: '100%', maxWidth: 360 }}
                  minDate={dayjs(`${year}-01-01`)}
                  maxDate={dayjs(`${year}-12-31`)}
                  data-testid="course-window-dates"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="course-window-save">
                {t('common.save')}
              </Button>
            </Form>
          </Card>
        )}
      </Flex>
    </PageContainer>
  );
}

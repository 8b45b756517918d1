import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Form, Grid, Input, Pagination, Result, Row, Segmented, Select, Skeleton, Tag } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { COURSES_URL, courseApi } from '../../../api/courses.js';
import { PageContainer } from '../../../components/page-container.js';
import { subjectOptions } from '../../../labels.js';
import { useUrlQuery } from '../../learner/components/use-url-query.js';
import { CourseCard } from '../components/course-card.js';
import { CourseStateTag, courseStageOptions } from '../components/labels.js';

const FILTERS = ['view', 'q', 'stage', 'subject'] as const;

/**
 * 网络同步课 (CRS-3, everyone logged in; phone first): published courses to browse by 学段 and 学科
 * or by name/instructor, and 我学习的 (courses I enrolled in). A card opens the course page, where
 * 试看 lessons play without enrolling and 报名 makes me a 网络学员.
 */
export default function CourseCataloguePage() {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const { values, page, pageSize, apply, setPage } = useUrlQuery(FILTERS, 12);
  const [form] = Form.useForm();
  const view = values.view === 'enrolled' ? 'enrolled' : 'catalogue';
  const query = { ...values, view, page, pageSize };
  const list = useQuery({
    queryKey: [COURSES_URL, query],
    queryFn: () => courseApi.list(query),
    placeholderData: (prev) => prev,
    meta: { quiet: true },
  });
  useEffect(() => {
    form.setFieldsValue({ q: values.q, stage: values.stage, subject: values.subject });
  }, [form, values.q, values.stage, values.subject]);
  const items = list.data?.items ?? [];
  const filtered = Boolean(values.q || values.stage || values.subject);

  let body: ReactNode;
  if (list.error && !list.data) {
    body = <Result status="warning" title={list.error.message} extra={<Button onClick={() => list.refetch()}>{t('common.retry')}</Button>} />;
  } else if (!list.data) {
    body = <Skeleton active />;
  } else if (items.length === 0) {
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t(filtered ? 'course.catalogue.emptyFiltered' : view === 'enrolled' ? 'course.catalogue.emptyEnrolled' : 'course.catalogue.empty')}
        data-testid="course-catalogue-empty"
      />
    );
  } else {
    body = (
      <Row gutter={[16, 16]} data-testid="course-catalogue">
        {items.map((c) => (
          <Col key={c.id} xs={24} sm={12} lg={8} xxl={6}>
            <CourseCard
              course={c}
              to={`/courses/${c.id}`}
              tags={
                c.state === 'completed' ? (
                  <CourseStateTag state={c.state} />
                ) : view === 'enrolled' ? (
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {t('course.catalogue.enrolledTag')}
                  </Tag>
                ) : null
              }
            />
          </Col>
        ))}
      </Row>
    );
  }

  const total = list.data?.total ?? 0;
  return (
    <PageContainer title={t('menu.courseCatalogue')}>
      <Card size="small" styles={{ body: { padding: isPhone ? 12 : 16 } }}>
        <Segmented
          block={isPhone}
          value={view}
          onChange={(v) => apply({ ...values, view: v === 'enrolled' ? 'enrolled' : undefined })}
          options={[
            { value: 'catalogue', label: t('course.catalogue.all') },
            { value: 'enrolled', label: t('course.catalogue.mine') },
          ]}
          style={{ marginBottom: 12 }}
          data-testid="course-catalogue-view"
        />
        <Form form={form} layout="inline" className="sx-filters" onFinish={(v) => apply({ ...v, view: values.view })}>
          <Form.Item name="q">
            <Input.Search
              allowClear
              placeholder={t('course.catalogue.search')}
              onSearch={() => form.submit()}
              style={{ width: isPhone ? '100%' : 260 }}
              data-testid="course-catalogue-q"
            />
          </Form.Item>
          <Form.Item name="stage">
            <Select
              allowClear
              placeholder={t('course.declare.stage')}
              options={courseStageOptions(t)}
              onChange={() => form.submit()}
              data-testid="course-catalogue-stage"
            />
          </Form.Item>
          <Form.Item name="subject">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('course.declare.subject')}
              options={subjectOptions(t)}
              onChange={() => form.submit()}
              data-testid="course-catalogue-subject"
            />
          </Form.Item>
        </Form>
        <div style={{ marginTop: 4 }}>{body}</div>
        {total > pageSize || page > 1 ? (
          <Flex justify={isPhone ? 'center' : 'flex-end'} style={{ marginTop: 16 }}>
            <Pagination current={page} pageSize={pageSize} total={total} simple={isPhone} showSizeChanger={false} onChange={setPage} />
          </Flex>
        ) : null}
      </Card>
    </PageContainer>
  );
}

import { ReadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Grid, Pagination, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Page } from '../../../../../common/schemas/common.js';
import { api } from '../../../api/client.js';
import { ENROLMENTS_URL, type Enrolment, enrolmentActions } from '../../../api/enrolment.js';
import { PageContainer } from '../../../components/page-container.js';
import { useUrlQuery } from '../components/use-url-query.js';
import { EnrolmentCard } from './components/enrolment-card.js';
import { EvaluationModal } from './components/evaluation-modal.js';

const PAGE_SIZE = 10;

/**
 * ENR-10 我的报名 (teacher, phone first): each enrolment with its state, every review step (who,
 * when, reason), the result, and 退选 / 评教 when the server allows them. `?id=N` (from a message)
 * puts that enrolment first, drawn out.
 */
export default function MyEnrolmentsPage() {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const { page, pageSize, setPage, params, setParams } = useUrlQuery([], PAGE_SIZE);
  const focusId = Number(params.get('id')) || null;
  const [evaluating, setEvaluating] = useState<Enrolment | null>(null);
  const query = { page, pageSize };
  const list = useQuery({
    queryKey: [ENROLMENTS_URL, query],
    queryFn: () => api.get<Page<Enrolment>>(ENROLMENTS_URL, query),
    placeholderData: (prev) => prev,
    meta: { quiet: true },
  });
  const focus = useQuery({
    queryKey: [ENROLMENTS_URL, 'one', focusId],
    queryFn: () => enrolmentActions.get(focusId as number),
    enabled: focusId !== null,
    meta: { quiet: true },
  });

  const items = (list.data?.items ?? []).filter((e) => e.id !== focus.data?.id);
  const total = list.data?.total ?? 0;
  const showAll = () => {
    const next = new URLSearchParams(params);
    next.delete('id');
    setParams(next);
  };

  return (
    <PageContainer
      title={t('menu.myEnrolments')}
      extra={
        <Link to="/catalogue">
          <Button icon={<ReadOutlined />}>{t('menu.catalogue')}</Button>
        </Link>
      }
    >
      {focusId !== null && focus.error ? (
        <Alert type="warning" showIcon title={focus.error.message} style={{ marginBottom: 16 }} closable onClose={showAll} />
      ) : null}
      {focus.data ? (
        <div style={{ marginBottom: 16 }}>
          <EnrolmentCard enrolment={focus.data} highlighted onEvaluate={setEvaluating} />
          <Flex justify="center" style={{ marginTop: 8 }}>
            <Button type="link" onClick={showAll}>
              {t('myEnrol.showAll')}
            </Button>
          </Flex>
        </div>
      ) : null}
      {list.error && !list.data ? <Alert type="error" showIcon title={list.error.message} /> : null}
      {!list.data && !list.error ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : null}
      {list.data && total === 0 ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myEnrol.empty')} data-testid="my-enrolments-empty">
            <Link to="/catalogue">
              <Button type="primary" size="large">
                {t('myEnrol.goCatalogue')}
              </Button>
            </Link>
          </Empty>
        </Card>
      ) : null}
      <Row gutter={[16, 16]} data-testid="my-enrolments">
        {items.map((e) => (
          <Col key={e.id} xs={24} xl={12}>
            <EnrolmentCard enrolment={e} onEvaluate={setEvaluating} />
          </Col>
        ))}
      </Row>
      {total > pageSize ? (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Pagination current={page} pageSize={pageSize} total={total} simple={isPhone} onChange={(p) => setPage(p)} />
        </Flex>
      ) : null}
      {evaluating ? <EvaluationModal enrolment={evaluating} onClose={() => setEvaluating(null)} /> : null}
    </PageContainer>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Grid, Pagination, Result, Skeleton } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../../common/schemas/common.js';
import { api } from '../../../api/client.js';
import { CATALOGUE_URL, type CatalogueItem } from '../../../api/enrolment.js';
import { PageContainer } from '../../../components/page-container.js';
import { useCurrentYear } from '../../../hooks/use-current-year.js';
import { useUrlQuery } from '../components/use-url-query.js';
import { useYearHours } from '../components/use-year-hours.js';
import { YearBanner } from '../components/year-banner.js';
import { CATALOGUE_FILTERS, CatalogueFilters } from './components/catalogue-filters.js';
import { CatalogueCards, CatalogueTable } from './components/catalogue-views.js';
import { EnrolModal } from './components/enrol-modal.js';

/**
 * ENR-1/ENR-2 自主选课 (teacher, phone first): the classes open to me with the round banner,
 * filters, places taken and my state; 报名 after a confirmation that keeps any refusal on screen.
 * Cards on a phone, a table on a desktop.
 */
export default function CataloguePage() {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const { values, page, pageSize, apply, setPage } = useUrlQuery(CATALOGUE_FILTERS);
  const [enrolling, setEnrolling] = useState<CatalogueItem | null>(null);
  const year = useCurrentYear();
  const usedHours = useYearHours(year.data?.year);
  const query = { ...values, page, pageSize };
  const list = useQuery({
    queryKey: [CATALOGUE_URL, query],
    queryFn: () => api.get<Page<CatalogueItem>>(CATALOGUE_URL, query),
    placeholderData: (prev) => prev,
    meta: { quiet: true },
  });
  const items = list.data?.items ?? [];
  const filtered = Object.keys(values).length > 0;

  let body: ReactNode;
  if (list.error && !list.data) {
    body = (
      <Result
        status="warning"
        title={list.error.message}
        extra={<Button onClick={() => list.refetch()}>{t('common.retry')}</Button>}
        data-testid="catalogue-error"
      />
    );
  } else if (!list.data) {
    body = <Skeleton active />;
  } else if (items.length === 0) {
    body = (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(filtered ? 'catalogue.emptyFiltered' : 'catalogue.empty')} data-testid="catalogue-empty">
        {filtered ? <Button onClick={() => apply({})}>{t('catalogue.clearFilters')}</Button> : null}
      </Empty>
    );
  } else if (isPhone) {
    body = <CatalogueCards items={items} year={year.data} onEnrol={setEnrolling} />;
  } else {
    body = <CatalogueTable items={items} year={year.data} onEnrol={setEnrolling} loading={list.isFetching} />;
  }

  const total = list.data?.total ?? 0;
  return (
    <PageContainer title={t('menu.catalogue')}>
      {year.data ? <YearBanner year={year.data} usedHours={usedHours} /> : null}
      <Card size="small" styles={{ body: { padding: isPhone ? 12 : 16 } }}>
        <CatalogueFilters values={values} onApply={apply} compact={isPhone} />
        {body}
        {total > pageSize || page > 1 ? (
          <Flex justify={isPhone ? 'center' : 'flex-end'} style={{ marginTop: 16 }}>
            <Pagination
              current={page}
              pageSize={pageSize}
              total={total}
              simple={isPhone}
              showSizeChanger={!isPhone}
              showTotal={isPhone ? undefined : (n) => t('common.total', { total: n })}
              onChange={setPage}
            />
          </Flex>
        ) : null}
      </Card>
      {enrolling ? <EnrolModal item={enrolling} year={year.data} usedHours={usedHours} onClose={() => setEnrolling(null)} /> : null}
    </PageContainer>
  );
}

import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Button, Card, Flex, Form, Grid, Table } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Page } from '../../../common/schemas/common.js';
import { api, type Query } from '../api/client.js';
import { PageContainer } from './page-container.js';

type FormValues = Record<string, unknown>;

export type ListPageProps<T> = {
  title: ReactNode;
  /** API path answering `{items,total,page,pageSize}`. */
  url: string;
  columns: TableColumnsType<T>;
  rowKey?: keyof T & string;
  /** Filter form items; their names become query parameters (kept in the page URL too). */
  filters?: ReactNode;
  /** Filter names, so the form can be filled back from the URL. */
  filterNames?: string[];
  /** Convert form values to query parameters (default: as they are) and back. */
  toQuery?(values: FormValues): Query;
  fromQuery?(query: Record<string, string>): FormValues;
  extra?: ReactNode;
  /** Shown above the table, e.g. a hint. */
  header?: ReactNode;
  /** Keep-alive refresh in ms. */
  refetchInterval?: number;
  /** Extra query parameters (not shown in the URL). */
  fixedQuery?: Query;
  /** Called with the current query, e.g. for an export button. */
  children?: (query: Query) => ReactNode;
  /** Ask only when this holds (e.g. a search that must name someone); until then the table shows `notReadyText`. */
  ready?: (query: Query) => boolean;
  notReadyText?: ReactNode;
};

/** A filter form's 查询 (submits the form) and 重置 buttons, then anything else (e.g. an export button). */
export function FilterButtons({ onReset, children }: { onReset: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} style={{ marginBottom: 12 }}>
      <Button type="primary" htmlType="submit" data-testid="list-search">
        {t('common.search')}
      </Button>
      <Button onClick={onReset}>{t('common.reset')}</Button>
      {children}
    </Flex>
  );
}

/** The shared list page: filter form + paged table, state in the URL (`page`, `pageSize`, filters). */
export function ListPage<T extends object>(props: ListPageProps<T>) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm();
  // Fixed columns leave no room to scroll on a phone.
  const isPhone = Grid.useBreakpoint().md === false;
  const columns = isPhone ? props.columns.map((c) => ({ ...c, fixed: undefined })) : props.columns;
  const names = props.filterNames ?? [];
  const raw: Record<string, string> = {};
  for (const n of names) {
    const v = params.get(n);
    if (v) raw[n] = v;
  }
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const query: Query = { ...props.fixedQuery, ...raw, page, pageSize };

  const ready = props.ready ? props.ready(query) : true;
  const { data, isFetching } = useQuery({
    queryKey: [props.url, query],
    queryFn: () => api.get<Page<T>>(props.url, query),
    enabled: ready,
    placeholderData: (prev) => prev,
    refetchInterval: props.refetchInterval,
  });

  const apply = (values: FormValues) => {
    const q = props.toQuery ? props.toQuery(values) : (values as Query);
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') next.set(k, String(v));
    if (pageSize !== 20) next.set('pageSize', String(pageSize));
    setParams(next);
  };

  return (
    <PageContainer title={props.title} extra={props.extra}>
      {props.header}
      <Card size="small" styles={{ body: { padding: 16 } }}>
        {props.filters ? (
          <Form form={form} layout="inline" className="sx-filters" initialValues={props.fromQuery ? props.fromQuery(raw) : raw} onFinish={apply}>
            {props.filters}
            <FilterButtons
              onReset={() => {
                form.resetFields();
                for (const n of names) form.setFieldValue(n, undefined);
                apply({});
              }}
            >
              {props.children?.(query)}
            </FilterButtons>
          </Form>
        ) : null}
        <Table<T>
          rowKey={props.rowKey ?? ('id' as keyof T & string)}
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching && !data}
          locale={ready ? undefined : { emptyText: props.notReadyText }}
          scroll={{ x: 'max-content' }}
          size="middle"
          pagination={{
            current: data?.page ?? page,
            pageSize: data?.pageSize ?? pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, ps) => {
              const next = new URLSearchParams(params);
              next.set('page', String(ps !== pageSize ? 1 : p));
              next.set('pageSize', String(ps));
              setParams(next);
            },
          }}
        />
      </Card>
    </PageContainer>
  );
}

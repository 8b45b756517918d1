import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Input, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../../../common/schemas/common.js';
import type { Teacher } from '../../../../../../common/schemas/teachers.js';
import { api, type Query } from '../../../../api/client.js';
import { CATALOGUE_URL, type CatalogueItem } from '../../../../api/enrolment.js';
import { useDebounced } from '../../../../hooks/use-debounced.js';
import { classTitle, dateRange, hoursText, subjectsLabel } from '../../../../labels.js';
import { Places } from '../../catalogue/components/catalogue-views.js';

export type PickedTeacher = Pick<Teacher, 'id' | 'name' | 'shixunNo'>;
export type PickedClass = Pick<CatalogueItem, 'classId' | 'projectName' | 'seq' | 'startDate' | 'endDate'>;

const TEACHERS_URL = '/api/teachers';

/** 姓名（师训号）. */
export function teacherLabel(t: PickedTeacher) {
  return `${t.name}（${t.shixunNo}）`;
}

/** 按课程 step 1: one open class of the catalogue, searched by project or institution name. */
export function ClassSelect({ value, onChange }: { value: CatalogueItem | null; onChange: (item: CatalogueItem | null) => void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const query = { q, page: 1, pageSize: 50 };
  const { data, isFetching } = useQuery({ queryKey: [CATALOGUE_URL, query], queryFn: () => api.get<Page<CatalogueItem>>(CATALOGUE_URL, query) });
  const items = data?.items ?? [];
  const options = items.map((i) => ({
    value: i.classId,
    label: `${classTitle(t, i.seq, i.projectName)}（${dateRange(i.startDate, i.endDate)}）`,
  }));
  if (value && !options.some((o) => o.value === value.classId)) {
    options.unshift({ value: value.classId, label: `${classTitle(t, value.seq, value.projectName)}（${dateRange(value.startDate, value.endDate)}）` });
  }
  return (
    <Select
      value={value?.classId}
      onChange={(id) => onChange(items.find((i) => i.classId === id) ?? (value?.classId === id ? value : null))}
      onClear={() => onChange(null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setInput }}
      options={options}
      loading={isFetching}
      placeholder={t('collective.classPlaceholder')}
      style={{ width: '100%', maxWidth: 640 }}
      notFoundContent={isFetching ? undefined : t('collective.noClass')}
      data-testid="collective-class"
    />
  );
}

/** 按教师 step 1: one in-service teacher of my school, searched by name, ID number or 师训号. */
export function TeacherSelect({ value, onChange }: { value: PickedTeacher | null; onChange: (teacher: PickedTeacher | null) => void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const query = { q, status: 'in_service', page: 1, pageSize: 20 };
  const { data, isFetching } = useQuery({ queryKey: [TEACHERS_URL, query], queryFn: () => api.get<Page<Teacher>>(TEACHERS_URL, query) });
  const items = data?.items ?? [];
  const options = items.map((i) => ({ value: i.id, label: teacherLabel(i) }));
  if (value && !options.some((o) => o.value === value.id)) options.unshift({ value: value.id, label: teacherLabel(value) });
  return (
    <Select
      value={value?.id}
      onChange={(id) => onChange(items.find((i) => i.id === id) ?? (value?.id === id ? value : null))}
      onClear={() => onChange(null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setInput }}
      options={options}
      loading={isFetching}
      placeholder={t('collective.teacherPlaceholder')}
      style={{ width: '100%', maxWidth: 420 }}
      data-testid="collective-teacher"
    />
  );
}

type Selection<T> = { selected: T[]; onChange: (rows: T[]) => void };

type PickerTableProps<T> = Selection<T> & {
  /** A list endpoint taking `q`, `page` and `pageSize` (and `filters`) and answering a page of T. */
  url: string;
  filters?: Query;
  idOf: (row: T) => number;
  columns: TableColumnsType<T>;
  placeholder: string;
  testIds: { search: string; table: string };
  emptyText?: string;
  /** At most this many may be ticked. */
  max?: number;
};

/** A searched, paged list whose rows are ticked across pages (the rows of other pages are kept as they were picked). */
function PickerTable<T extends object>({ url, filters, idOf, columns, placeholder, testIds, emptyText, selected, onChange, max }: PickerTableProps<T>) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts on page 1
  useEffect(() => setPaging((p) => ({ ...p, page: 1 })), [q]);
  const query = { q, ...filters, ...paging };
  const { data, isFetching } = useQuery({
    queryKey: [url, query],
    queryFn: () => api.get<Page<T>>(url, query),
    placeholderData: (prev) => prev,
  });
  const picked = new Set(selected.map(idOf));
  return (
    <>
      <Input.Search
        allowClear
        value={input}
        onChange={(e) => setInput(e.target.value)}
        placeholder={placeholder}
        style={{ maxWidth: 360, marginBottom: 12 }}
        data-testid={testIds.search}
      />
      <Table<T>
        rowKey={idOf}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching && !data}
        size="small"
        scroll={{ x: 'max-content' }}
        data-testid={testIds.table}
        locale={emptyText ? { emptyText } : undefined}
        rowSelection={{
          selectedRowKeys: [...picked],
          preserveSelectedRowKeys: true,
          getCheckboxProps: max === undefined ? undefined : (r) => ({ disabled: !picked.has(idOf(r)) && selected.length >= max }),
          onChange: (keys, rows) => {
            const known = new Map([...selected, ...rows.filter(Boolean)].map((r) => [idOf(r), r]));
            onChange(keys.map((k) => known.get(Number(k))).filter((r): r is T => !!r));
          },
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          size: 'small',
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
        }}
      />
    </>
  );
}

/** 按课程 step 2: in-service teachers of my school, searched and ticked across pages. */
export function TeacherTable({ selected, onChange }: Selection<Teacher>) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Teacher> = [
    { title: t('teacher.name'), dataIndex: 'name' },
    { title: t('teacher.shixunNo'), dataIndex: 'shixunNo' },
    { title: t('teacher.stage'), dataIndex: 'stage', render: (v: Teacher['stage']) => (v ? t(`stage.${v}`) : '-') },
    { title: t('teacher.subjects'), dataIndex: 'subjects', render: (v: Teacher['subjects']) => subjectsLabel(t, v) || '-' },
    { title: t('teacher.post'), dataIndex: 'post', render: (v: Teacher['post']) => (v ? t(`teacherPost.${v}`) : '-') },
  ];
  return (
    <PickerTable<Teacher>
      url={TEACHERS_URL}
      filters={{ status: 'in_service' }}
      idOf={(r) => r.id}
      columns={columns}
      placeholder={t('teacher.keywordPlaceholder')}
      testIds={{ search: 'collective-teacher-q', table: 'collective-teachers' }}
      selected={selected}
      onChange={onChange}
    />
  );
}

/** 按教师 step 2: open classes of the catalogue (at most `max`), ticked across pages. */
export function ClassTable({ selected, onChange, max }: Selection<CatalogueItem> & { max: number }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CatalogueItem> = [
    {
      title: t('catalogue.class'),
      key: 'class',
      render: (_, r) => (
        <div style={{ minWidth: 220 }}>
          <div>{classTitle(t, r.seq, r.projectName)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.institutionName}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('enrol.dates'), key: 'dates', render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{dateRange(r.startDate, r.endDate)}</span> },
    { title: t('enrol.hours'), dataIndex: 'hours', align: 'right', render: (v: number) => hoursText(v) },
    { title: t('enrol.modeLabel'), dataIndex: 'mode', render: (v: CatalogueItem['mode']) => t(`enrol.mode.${v}`) },
    { title: t('catalogue.placesTitle'), key: 'places', render: (_, r) => <Places item={r} /> },
  ];
  return (
    <PickerTable<CatalogueItem>
      url={CATALOGUE_URL}
      idOf={(r) => r.classId}
      columns={columns}
      placeholder={t('catalogue.keywordPlaceholder')}
      testIds={{ search: 'collective-class-q', table: 'collective-classes' }}
      emptyText={t('collective.noClass')}
      selected={selected}
      onChange={onChange}
      max={max}
    />
  );
}

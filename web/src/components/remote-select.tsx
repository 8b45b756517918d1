import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../common/schemas/common.js';
import { api } from '../api/client.js';
import { useDebounced } from '../hooks/use-debounced.js';

type Props = {
  /** A list endpoint taking `q` and answering a page of `{id, name}`. */
  url: string;
  value?: number;
  onChange?: (value: number) => void;
  /** Label for the initial value, before any search (e.g. my own unit). */
  initialOption?: { value: number; label: string };
  testId?: string;
};

/** A select that searches a paged list endpoint by name as the user types. */
export function RemoteSelect({ url, value, onChange, initialOption, testId }: Props) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const query = { q, page: 1, pageSize: 20 };
  const { data, isFetching } = useQuery({
    queryKey: [url, query],
    queryFn: () => api.get<Page<{ id: number; name: string }>>(url, query),
  });
  const options = (data?.items ?? []).map((i) => ({ value: i.id, label: i.name }));
  if (initialOption && !options.some((o) => o.value === initialOption.value)) options.unshift(initialOption);
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setInput }}
      options={options}
      loading={isFetching}
      placeholder={t('admin.searchUnit')}
      data-testid={testId}
    />
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { download, type Query, showError } from '../api/client.js';

type Props = {
  /** API path answering the .xlsx file. */
  url: string;
  /** The list's query; `page` and `pageSize` are left out (an export holds every matching row). */
  query: Query;
  /** The file name before the date, used when the server names no file. */
  fileName: string;
  label: string;
  /** Shown once the file has arrived. */
  doneText: string;
  testId: string;
};

/**
 * An Excel export button. The download goes through the request wrapper, so a server asking for
 * SMS re-verification (ACC-5) opens the re-verification modal and the download resumes after it.
 */
export function ExportButton({ url, query, fileName, label, doneText, testId }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const run = async () => {
    setBusy(true);
    try {
      await download(url, filters, `${fileName}-${dayjs().format('YYYYMMDD')}.xlsx`);
      message.success(doneText);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run} data-testid={testId}>
      {label}
    </Button>
  );
}

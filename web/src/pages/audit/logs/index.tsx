import type { TableColumnsType } from 'antd';
import { DatePicker, Form, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../../common/schemas/audit.js';
import type { Query } from '../../../api/client.js';
import { useCurrentMe } from '../../../api/session.js';
import { ExportButton } from '../../../components/export-button.js';
import { ListPage } from '../../../components/list-page.js';
import { auditActionLabel, auditActionOptions, formatTime, roleLabel } from '../../../labels.js';

type FilterValues = { action?: string; q?: string; range?: [Dayjs | null, Dayjs | null] | null };

const DAY = 'YYYY-MM-DD';

function toQuery(v: FilterValues): Query {
  return { action: v.action, q: v.q?.trim(), from: v.range?.[0]?.format(DAY), to: v.range?.[1]?.format(DAY) };
}

function fromQuery(q: Record<string, string>): FilterValues {
  return { action: q.action, q: q.q, range: q.from || q.to ? [q.from ? dayjs(q.from) : null, q.to ? dayjs(q.to) : null] : null };
}

/** ACC-8: the audit log in scope, with an Excel export that needs SMS re-verification (ACC-5). */
export default function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const canExport = me.abilities.includes('audit.export');

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', render: formatTime, fixed: 'left' },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (name: string | null, e) => (
        <span>
          {name ?? '-'}
          {e.actorRole ? <Typography.Text type="secondary"> · {roleLabel(t, e.actorRole)}</Typography.Text> : null}
        </span>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => (
        <Tag color={a.includes('failed') || a.includes('locked') ? 'red' : a.startsWith('auth.') ? 'blue' : 'geekblue'}>
          {auditActionLabel(a, i18n.language)}
        </Tag>
      ),
    },
    { title: t('audit.target'), dataIndex: 'targetLabel', render: (v: string | null) => v ?? '-' },
    { title: t('audit.ip'), dataIndex: 'ip' },
    {
      title: t('audit.detail'),
      dataIndex: 'detail',
      render: (d: AuditEntry['detail']) => {
        const text = d
          ? Object.entries(d)
              .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
              .join('; ')
          : '';
        return text ? (
          <Typography.Text type="secondary" ellipsis={{ tooltip: text }} style={{ maxWidth: 260 }}>
            {text}
          </Typography.Text>
        ) : null;
      },
    },
  ];

  return (
    <ListPage<AuditEntry>
      title={t('menu.audit')}
      url="/api/audit"
      columns={columns}
      filterNames={['action', 'q', 'from', 'to']}
      toQuery={toQuery}
      fromQuery={fromQuery}
      filters={
        <>
          <Form.Item name="action" label={t('audit.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              options={auditActionOptions(i18n.language)}
              style={{ minWidth: 180 }}
              data-testid="filter-action"
            />
          </Form.Item>
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('audit.keywordPlaceholder')} data-testid="filter-q" />
          </Form.Item>
          <Form.Item name="range" label={t('audit.dateRange')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="filter-range" />
          </Form.Item>
        </>
      }
    >
      {canExport
        ? (query) => (
            <ExportButton
              url="/api/audit/export"
              query={query}
              fileName={t('audit.fileName')}
              label={t('audit.export')}
              doneText={t('audit.exported')}
              testId="audit-export"
            />
          )
        : undefined}
    </ListPage>
  );
}

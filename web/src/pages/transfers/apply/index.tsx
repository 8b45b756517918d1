import { SearchOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Transfer } from '../../../../../common/schemas/teachers.js';
import { type TransferPreview, transferActions } from '../../../api/transfers.js';
import { PageContainer } from '../../../components/page-container.js';
import { requiredRule } from '../../../components/rules.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';
import { TeacherStatusTag } from '../../teachers/components/teacher-tags.js';
import { blockerMessage } from '../components/blockers.js';
import { TransferTable } from '../components/transfer-table.js';

const SHIXUN_NO = /^\d{12}$/;

/**
 * TCH-5 for the receiving school: 调动申请 by 师训号 (preview, who approves, what blocks), then
 * the school's applications (调入申请, 撤回 while pending) and the teachers leaving it (调出记录).
 */
export default function TransfersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'out' ? 'out' : 'applied';
  const [lookupForm] = Form.useForm<{ shixunNo: string }>();
  const [preview, setPreview] = useState<TransferPreview | null>(null);

  const lookup = useFormSubmit(lookupForm, async (v: { shixunNo: string }) => {
    setPreview(null);
    setPreview(await transferActions.lookup(v.shixunNo.trim()));
  });

  // Arriving from 添加教师 with a known ID number: the 师训号 is filled in and looked up at once.
  const linked = params.get('shixunNo');
  useEffect(() => {
    if (!linked || !/^\d{12}$/.test(linked)) return;
    lookupForm.setFieldsValue({ shixunNo: linked });
    lookupForm.submit();
  }, [linked, lookupForm]);

  const onApplied = (created: Transfer) => {
    message.success(t('transfer.appliedDone', { approver: created.approverName }));
    setPreview(null);
    lookupForm.resetFields();
    void queryClient.invalidateQueries({ queryKey: ['/api/transfers'] });
    setParams({});
  };

  const label = (k: string) => t(`teacher.${k}`);

  return (
    <PageContainer
      title={t('menu.transfers')}
      extra={
        <Link to="/teacher-pool">
          <Button icon={<UsergroupAddOutlined />}>{t('menu.teacherPool')}</Button>
        </Link>
      }
    >
      <Card size="small" title={t('transfer.applyTitle')} style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <Typography.Paragraph type="secondary">{t('transfer.applyHint')}</Typography.Paragraph>
        <Form
          form={lookupForm}
          layout="inline"
          className="sx-filters"
          onFinish={lookup.submit}
          onValuesChange={() => setPreview(null)}
          data-testid="transfer-lookup-form"
        >
          <Form.Item
            name="shixunNo"
            label={label('shixunNo')}
            rules={[requiredRule(t, label('shixunNo')), { pattern: SHIXUN_NO, message: t('transfer.shixunNoInvalid') }]}
          >
            <Input maxLength={12} inputMode="numeric" autoComplete="off" placeholder={t('transfer.shixunNoPlaceholder')} data-testid="transfer-shixun-no" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={lookup.saving} data-testid="transfer-lookup">
              {t('common.search')}
            </Button>
          </Form.Item>
        </Form>

        {preview ? (
          <div data-testid="transfer-preview" style={{ marginTop: 8 }}>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                { key: 'name', label: label('name'), children: preview.name },
                { key: 'gender', label: label('gender'), children: t(`gender.${preview.gender}`) },
                { key: 'shixunNo', label: label('shixunNo'), children: preview.shixunNo },
                { key: 'idNumber', label: label('idNumber'), children: preview.idNumber },
                { key: 'school', label: t('transfer.currentSchool'), children: preview.schoolName ?? t('transfer.inPool') },
                { key: 'county', label: label('county'), children: preview.countyName ?? '-' },
                { key: 'status', label: label('status'), children: <TeacherStatusTag status={preview.status} /> },
              ]}
            />
            {preview.approverName && preview.approverLevel ? (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 16 }}
                data-testid="transfer-approver"
                title={t('transfer.approvedBy', { approver: preview.approverName, level: t(`transferLevel.${preview.approverLevel}`) })}
              />
            ) : null}
            {preview.blockers.map((code) => (
              <Alert
                key={code}
                type="error"
                showIcon
                style={{ marginTop: 16 }}
                data-testid={`transfer-blocker-${code}`}
                title={blockerMessage(code)}
                action={
                  code === 'IN_FREE_POOL' ? (
                    <Link to={`/teacher-pool?q=${preview.shixunNo}`} data-testid="transfer-to-pool">
                      {t('transfer.goToPool')}
                    </Link>
                  ) : undefined
                }
              />
            ))}
            <ApplyForm key={preview.shixunNo} preview={preview} onApplied={onApplied} />
          </div>
        ) : null}
      </Card>

      <Card size="small" styles={{ body: { padding: '0 16px 16px' } }}>
        <Tabs
          destroyOnHidden
          activeKey={tab}
          onChange={(key) => setParams(key === 'applied' ? {} : { tab: key })}
          items={[
            {
              key: 'applied',
              label: t('transfer.tabApplied'),
              children: <TransferTable box="applied" hide={['toSchool']} actionable testId="transfers-applied" />,
            },
            { key: 'out', label: t('transfer.tabOut'), children: <TransferTable box="out" hide={['fromSchool']} testId="transfers-out" /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}

/** 备注 and 提交调动申请; refused up front while the preview shows a blocker. */
function ApplyForm({ preview, onApplied }: { preview: TransferPreview; onApplied: (created: Transfer) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const blocked = preview.blockers.length > 0;
  const { saving, submit } = useFormSubmit(form, async (v: { note?: string }) => {
    onApplied(await transferActions.apply(preview.shixunNo, v.note?.trim() || undefined));
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} disabled={blocked} style={{ marginTop: 16 }}>
      <Form.Item name="note" label={t('transfer.note')}>
        <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('transfer.notePlaceholder')} data-testid="transfer-note" />
      </Form.Item>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={saving} data-testid="transfer-submit">
          {t('transfer.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

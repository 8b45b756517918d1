import { CheckOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Empty, Flex, Grid, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Page } from '../../../../../common/schemas/common.js';
import { api, showError } from '../../../api/client.js';
import { enrolmentActions, NOTIFICATIONS_URL, type Notice, UNREAD_COUNT_KEY } from '../../../api/enrolment.js';
import { PageContainer } from '../../../components/page-container.js';
import { formatTime } from '../../../labels.js';
import { useUrlQuery } from '../components/use-url-query.js';
import { noticeText } from './components/notice-text.js';

/**
 * MSG-2 我的消息 (everyone): state changes told to me, newest first, as sentences in my language.
 * Opening one marks it read and goes to what it is about; 全部已读 marks them all.
 */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const isPhone = Grid.useBreakpoint().md === false;
  const { values, page, pageSize, apply, setPage } = useUrlQuery(['unread']);
  const unreadOnly = values.unread === 'true';
  const query = { unread: unreadOnly ? 'true' : undefined, page, pageSize };
  const list = useQuery({
    queryKey: [NOTIFICATIONS_URL, query],
    queryFn: () => api.get<Page<Notice>>(NOTIFICATIONS_URL, query),
    placeholderData: (prev) => prev,
    meta: { quiet: true },
  });
  const unread = useQuery({ queryKey: UNREAD_COUNT_KEY, queryFn: enrolmentActions.unreadCount, meta: { quiet: true } });
  const [marking, setMarking] = useState(false);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_URL] });
    void queryClient.invalidateQueries({ queryKey: UNREAD_COUNT_KEY });
  };

  const markAll = async () => {
    setMarking(true);
    try {
      await enrolmentActions.markRead();
      refresh();
      message.success(t('notice.allRead'));
    } catch (err) {
      showError(err);
    } finally {
      setMarking(false);
    }
  };

  const open = async (n: Notice) => {
    if (!n.read) {
      try {
        await enrolmentActions.markRead([n.id]);
        refresh();
      } catch (err) {
        showError(err);
      }
    }
    if (n.link?.startsWith('/')) navigate(n.link);
  };

  const items = list.data?.items ?? [];
  const count = unread.data?.count ?? 0;
  return (
    <PageContainer
      title={t('menu.notifications')}
      extra={
        <Button icon={<CheckOutlined />} disabled={count === 0} loading={marking} onClick={markAll} data-testid="notice-read-all">
          {t('notice.readAll')}
        </Button>
      }
    >
      <Card size="small" styles={{ body: { padding: isPhone ? 8 : 16 } }}>
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => apply({ unread: v === 'unread' ? 'true' : undefined })}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'unread', label: count > 0 ? t('notice.unreadCount', { count }) : t('notice.unread') },
          ]}
          style={{ marginBottom: 8 }}
          data-testid="notice-filter"
        />
        {list.error && !list.data ? <Alert type="error" showIcon title={list.error.message} /> : null}
        {!list.data && !list.error ? <Skeleton active /> : null}
        {list.data && items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(unreadOnly ? 'notice.emptyUnread' : 'notice.empty')} data-testid="notice-empty" />
        ) : null}
        {items.length > 0 ? (
          <Flex vertical gap={4} data-testid="notice-list">
            {items.map((n) => (
              <button
                key={n.id}
                type="button"
                onClick={() => void open(n)}
                style={{
                  display: 'flex',
                  gap: 10,
                  alignItems: 'flex-start',
                  width: '100%',
                  minHeight: 56,
                  padding: '10px 8px',
                  border: 'none',
                  borderBottom: '1px solid #f0f0f0',
                  borderRadius: 6,
                  background: n.read ? 'transparent' : '#f0f7ff',
                  textAlign: 'start',
                  font: 'inherit',
                  cursor: 'pointer',
                }}
                data-testid={`notice-${n.id}`}
              >
                <Badge status={n.read ? 'default' : 'processing'} style={{ marginTop: 2, visibility: n.read ? 'hidden' : 'visible' }} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong={!n.read} style={{ overflowWrap: 'anywhere' }}>
                    {noticeText(t, n)}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(n.createdAt)}
                    </Typography.Text>
                  </div>
                </div>
                {n.link ? <RightOutlined style={{ color: '#bfbfbf', marginTop: 4 }} /> : null}
              </button>
            ))}
          </Flex>
        ) : null}
        {(list.data?.total ?? 0) > pageSize ? (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Pagination current={page} pageSize={pageSize} total={list.data?.total ?? 0} simple={isPhone} onChange={setPage} />
          </Flex>
        ) : null}
      </Card>
    </PageContainer>
  );
}

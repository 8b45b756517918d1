import { IdcardOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MY_PROFILE_KEY, profileActions } from '../../../api/profile.js';
import { ChangeStateTag } from '../../teachers/components/profile-change.js';

/** A teacher's way in: 我的档案 with its 已认证/未认证 and the open change request, if any. */
export function MyProfileCard() {
  const { t } = useTranslation();
  const { data } = useQuery({ queryKey: MY_PROFILE_KEY, queryFn: profileActions.get, meta: { quiet: true } });
  const open = data?.requests.find((r) => r.state === 'pending' || r.state === 'returned');
  return (
    <Card
      title={
        <span>
          <IdcardOutlined style={{ color: '#1677ff' }} /> {t('menu.myProfile')}
        </span>
      }
      data-testid="home-my-profile"
    >
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Flex vertical gap={6} style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{t('home.profileHint')}</Typography.Text>
          {data ? (
            <Flex gap={8} align="center" wrap>
              {data.teacher.verified ? <Tag color="green">{t('teacher.verifiedYes')}</Tag> : <Tag>{t('teacher.verifiedNo')}</Tag>}
              {open ? (
                <>
                  <Typography.Text>{t('home.profileRequest')}</Typography.Text>
                  <ChangeStateTag state={open.state} />
                </>
              ) : null}
            </Flex>
          ) : null}
        </Flex>
        <Link to="/my-profile">
          <Button type="primary" data-testid="home-my-profile-open">
            {t('home.openProfile')} <RightOutlined />
          </Button>
        </Link>
      </Flex>
    </Card>
  );
}

import { CheckCircleFilled } from '@ant-design/icons';
import { Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WatchState } from './use-watch-progress.js';

/** 已观看 3/5 段, or 已完整观看 (5 points towards the credit once every segment is watched). */
export function WatchStatus({ state }: { state: WatchState }) {
  const { t } = useTranslation();
  if (!state.recorded || state.segments === 0) return null;
  const percent = Math.round((state.watched / state.segments) * 100);
  return (
    <Flex gap={8} align="center" data-testid="player-watch-status">
      {state.whole ? (
        <Tag color="success" icon={<CheckCircleFilled />} style={{ marginInlineEnd: 0 }} data-testid="player-whole">
          {t('course.player.whole')}
        </Tag>
      ) : (
        <>
          <Progress type="circle" size={22} percent={percent} showInfo={false} />
          <Typography.Text type="secondary" data-testid="player-watched">
            {t('course.player.watched', { watched: state.watched, total: state.segments })}
          </Typography.Text>
        </>
      )}
    </Flex>
  );
}

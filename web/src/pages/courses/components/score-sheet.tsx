import { CheckCircleFilled, TrophyOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScoreSheet } from '../../../api/learning.js';

const REVIEW_COLOR: Record<ScoreSheet['reviewState'], string> = { none: 'default', pending: 'gold', approved: 'green', rejected: 'red' };

/**
 * 系统空间学分赋分 (CRS-11): the seed's table for one student — whole videos, excellent homework and
 * answered topics with their caps, the total against 60, course progress against 50 %, the review
 * (必做), and whether the 系统学分 is earned or what still stands in the way.
 */
export function ScoreSheetView({ sheet: s }: { sheet: ScoreSheet }) {
  const { t } = useTranslation();
  const label = (k: string) => t(`course.score.${k}`);
  const part = (key: 'video' | 'homework' | 'topics') => {
    const p = s[key];
    return (
      <Flex vertical gap={2} data-testid={`score-${key}`}>
        <Flex justify="space-between" gap={8}>
          <span>{label(`part.${key}`)}</span>
          <Typography.Text strong>
            {p.points} / {p.cap}
          </Typography.Text>
        </Flex>
        <Progress percent={Math.round((p.points / Math.max(1, p.cap)) * 100)} showInfo={false} size="small" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`course.score.rule.${key}`, { count: p.count, per: p.per, cap: p.cap })}
        </Typography.Text>
      </Flex>
    );
  };
  const progress = Math.round(s.progress * 100);
  return (
    <Flex vertical gap={16} data-testid="score-sheet">
      {s.creditAt || s.earnsCredit ? (
        <Alert type="success" showIcon icon={<CheckCircleFilled />} title={label('earned')} data-testid="score-earned" />
      ) : s.missing.length > 0 ? (
        <Alert
          type="info"
          showIcon
          title={label('missingTitle')}
          description={s.missing.map((m) => label(`missing.${m}`)).join(t('teacher.listSeparator'))}
          data-testid="score-missing"
        />
      ) : null}
      <Flex gap={24} wrap>
        <Flex vertical align="center" gap={4} style={{ flex: 'none' }}>
          <Progress
            type="circle"
            size={96}
            percent={Math.min(100, Math.round((s.total / s.creditPoints) * 100))}
            format={() => s.total}
            data-testid="score-total"
          />
          <Typography.Text type="secondary">{t('course.score.totalOf', { points: s.creditPoints })}</Typography.Text>
        </Flex>
        <Flex vertical gap={12} style={{ flex: '1 1 240px', minWidth: 0 }}>
          {part('video')}
          {part('homework')}
          {part('topics')}
        </Flex>
      </Flex>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'progress',
            label: label('progress'),
            children: (
              <span data-testid="score-progress">
                {progress}% / {Math.round(s.creditProgress * 100)}%
              </span>
            ),
          },
          {
            key: 'review',
            label: label('review'),
            children: (
              <Tag color={REVIEW_COLOR[s.reviewState]} style={{ marginInlineEnd: 0 }}>
                {label(`reviewState.${s.reviewState}`)}
              </Tag>
            ),
          },
          { key: 'kind', label: label('kind'), children: t(`course.studentKind.${s.kind}`) },
          {
            key: 'awards',
            label: label('awards'),
            children: (
              <span>
                {t('course.score.bonus', { points: s.bonusPoints })} · <TrophyOutlined /> {t('course.score.medals', { count: s.medals })}
              </span>
            ),
          },
        ]}
      />
    </Flex>
  );
}

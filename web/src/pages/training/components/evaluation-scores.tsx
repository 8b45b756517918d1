import { Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EVALUATION_DIMENSIONS } from '../../../../../common/training.js';

/** A 1–5 average as "4.25" (or "-" when nobody rated). */
export const formatScore = (v: number | null | undefined) => (v === null || v === undefined ? '-' : v.toFixed(2));

/** Colour of a 1–5 average: good, fair, poor. */
export const scoreColor = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v >= 4 ? '#52c41a' : v >= 3 ? '#faad14' : '#ff4d4f');

/** The averages per dimension (内容 / 授课 / 组织 / 效果), each as a bar out of 5. */
export function DimensionBars({ dimensions, compact }: { dimensions: Record<string, number | null>; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={compact ? 2 : 8} style={{ minWidth: compact ? 180 : undefined }}>
      {EVALUATION_DIMENSIONS.map((d) => {
        const v = dimensions[d] ?? null;
        return (
          <Flex key={d} align="center" gap={8}>
            <Typography.Text style={{ width: compact ? 36 : 56, flex: 'none', fontSize: compact ? 12 : undefined }}>
              {t(`training.dimension.${d}`)}
            </Typography.Text>
            <Progress
              percent={v === null ? 0 : (v / 5) * 100}
              strokeColor={scoreColor(v)}
              size={compact ? 'small' : 'medium'}
              format={() => formatScore(v)}
              style={{ flex: 1, margin: 0 }}
            />
          </Flex>
        );
      })}
    </Flex>
  );
}

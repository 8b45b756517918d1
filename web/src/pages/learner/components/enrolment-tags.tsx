import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** 合格 / 不合格, with the score when there is one. */
export function ResultTag({ result, score }: { result: 'pass' | 'fail' | null; score?: number | null }) {
  const { t } = useTranslation();
  if (!result) return null;
  const text = t(`enrol.result.${result}`);
  return (
    <Tag color={result === 'pass' ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
      {score === null || score === undefined ? text : `${text} · ${t('enrol.scoreValue', { score })}`}
    </Tag>
  );
}

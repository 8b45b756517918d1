import { Alert, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingYear } from '../../../api/enrolment.js';
import { dateRange, hoursText } from '../../../labels.js';

/**
 * PRJ-1 / ENR-5 / ENR-7: where the current training year stands — 一轮报名 (不设上限, the lottery
 * settles oversubscribed classes), 二轮补报 (先到先得, who may take part), or when the next
 * window opens — and, for a teacher, the hours already held against the yearly cap.
 */
export function YearBanner({ year, usedHours, extra }: { year: TrainingYear; usedHours?: number; extra?: ReactNode }) {
  const { t } = useTranslation();
  const r1 = dateRange(year.round1Start, year.round1End);
  const r2 = dateRange(year.round2Start, year.round2End);
  let type: 'success' | 'info' | 'warning' = 'info';
  let title: string;
  let lines: string[];
  if (year.openRound === 1) {
    type = 'success';
    title = t('enrol.window.round1Open', { year: year.year, dates: r1 });
    lines = [t('enrol.window.round1Rule'), t('enrol.window.round2Next', { dates: r2 })];
  } else if (year.openRound === 2) {
    type = 'warning';
    title = t('enrol.window.round2Open', { year: year.year, dates: r2 });
    lines = [t('enrol.window.round2Rule'), t(year.round2OpenToAll ? 'enrol.window.round2All' : 'enrol.window.round2Who')];
  } else if (year.today < year.round1Start) {
    title = t('enrol.window.before', { year: year.year, dates: r1 });
    lines = [t('enrol.window.round1Rule')];
  } else if (year.today < year.round2Start) {
    title = t('enrol.window.between', { year: year.year, dates: r2 });
    lines = [t('enrol.window.round2Rule'), t(year.round2OpenToAll ? 'enrol.window.round2All' : 'enrol.window.round2Who')];
  } else {
    title = t('enrol.window.closed', { year: year.year });
    lines = [];
  }
  const cap =
    usedHours === undefined
      ? t('enrol.window.cap', { cap: hoursText(year.hourCap) })
      : t('enrol.window.used', { used: hoursText(usedHours), cap: hoursText(year.hourCap) });
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="year-banner"
      title={<Typography.Text strong>{title}</Typography.Text>}
      description={
        <Flex vertical gap={2}>
          {lines.map((l) => (
            <span key={l}>{l}</span>
          ))}
          <span>{cap}</span>
          {extra}
        </Flex>
      }
    />
  );
}

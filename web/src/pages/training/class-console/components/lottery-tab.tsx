import { ExperimentOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Card, Descriptions, Flex, Result, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError } from '../../../../api/client.js';
import { ENROLMENTS_URL } from '../../../../api/enrolment.js';
import { type ClassPeriod, classApi, type Lottery, type Project, TRAINING_KEYS, type TrainingYear } from '../../../../api/training.js';
import { formatTime } from '../../../../labels.js';
import { useAllClassEnrolments } from './use-class-info.js';

/** SHA-256 of "<seed>:<id>" as hex, the draw's ordering key (see `method`). */
async function drawKey(seed: string, id: number) {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${seed}:${id}`));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Re-runs the draw in the browser from the published seed and candidates. */
async function redraw(l: Lottery) {
  const keyed = await Promise.all(l.candidates.map(async (id) => ({ id, key: await drawKey(l.seed, id) })));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const mine = keyed.slice(0, l.places).map((k) => k.id);
  const same = mine.length === l.selected.length && mine.every((id) => l.selected.includes(id));
  return { same, keys: new Map(keyed.map((k) => [k.id, k.key])) };
}

/** A shell command that re-runs the draw with nothing but sha256sum. */
function shellCommand(l: Lottery) {
  return `seed=${l.seed}; for id in ${l.candidates.join(' ')}; do printf '%s %s\\n' "$(printf '%s' "$seed:$id" | sha256sum | cut -c1-64)" "$id"; done | sort | head -n ${l.places}`;
}

/** Whether the lottery may run now, and if not, why. */
function blocker(t: (k: string, o?: Record<string, unknown>) => string, cls: ClassPeriod, project: Project, year: TrainingYear | undefined, manage: boolean) {
  if (!manage) return t('classConsole.lotteryInstitutionOnly');
  if (cls.cancelled) return t('classConsole.lotteryCancelled');
  if (cls.taken <= cls.capacity) return t('classConsole.lotteryNotNeeded', { taken: cls.taken, capacity: cls.capacity });
  if (year && project.year === year.year && year.today <= year.round1End) return t('classConsole.lotteryAfterRound1', { end: year.round1End });
  return null;
}

type Props = { cls: ClassPeriod; project: Project; year: TrainingYear | undefined; manage: boolean };

/**
 * ENR-5 筛选: after round 1 closes, an oversubscribed class draws its places once. The draw is
 * published (seed, candidates, selection, method), so anyone can re-run it, here or in a shell.
 */
export function LotteryTab({ cls, project, year, manage }: Props) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [check, setCheck] = useState<{ same: boolean; keys: Map<number, string> } | null>(null);
  const { data: lottery, error } = useQuery({
    queryKey: ['/api/classes', cls.id, 'lottery'],
    queryFn: () => classApi.lottery(cls.id),
    enabled: cls.lotteryRun,
    meta: { quiet: true },
  });
  const { data: enrolments } = useAllClassEnrolments(cls.id, cls.lotteryRun);
  const names = new Map((enrolments ?? []).map((e) => [e.id, e]));
  const reason = blocker(t, cls, project, year, manage);

  const run = () =>
    modal.confirm({
      title: t('classConsole.lotteryConfirm'),
      content: t('classConsole.lotteryConfirmHint', { taken: cls.taken, capacity: cls.capacity }),
      okText: t('classConsole.runLottery'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const l = await classApi.runLottery(cls.id);
          queryClient.setQueryData(['/api/classes', cls.id, 'lottery'], l);
          message.success(t('classConsole.lotteryRan', { selected: l.selected.length, candidates: l.candidates.length }));
          void queryClient.invalidateQueries({ queryKey: TRAINING_KEYS.projects });
          void queryClient.invalidateQueries({ queryKey: [ENROLMENTS_URL] });
        } catch (err) {
          showError(err);
        }
      },
    });

  const verify = async () => {
    if (!lottery) return;
    try {
      setCheck(await redraw(lottery));
    } catch {
      message.error(t('classConsole.verifyUnavailable'));
    }
  };

  if (!cls.lotteryRun) {
    return (
      <div data-testid="console-lottery">
        <Alert type="info" showIcon title={t('classConsole.lotteryRule')} description={t('classConsole.lotteryRuleDetail')} style={{ marginBottom: 16 }} />
        <Result
          icon={<ExperimentOutlined />}
          title={t('classConsole.lotteryNotRun')}
          subTitle={reason ?? t('classConsole.lotteryReady', { taken: cls.taken, capacity: cls.capacity })}
          extra={
            manage ? (
              <Tooltip title={reason}>
                <Button type="primary" disabled={!!reason} onClick={run} data-testid="lottery-run">
                  {t('classConsole.runLottery')}
                </Button>
              </Tooltip>
            ) : null
          }
        />
      </div>
    );
  }
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!lottery) return <Card loading />;

  const selected = new Set(lottery.selected);
  type Row = { id: number };
  const columns: TableColumnsType<Row> = [
    { title: t('classConsole.enrolmentId'), dataIndex: 'id' },
    {
      title: t('classConsole.teacher'),
      key: 'teacher',
      render: (_, r) => {
        const e = names.get(r.id);
        return e ? `${e.teacherName}（${e.shixunNo}）` : '-';
      },
    },
    {
      title: t('classConsole.drawResult'),
      key: 'result',
      render: (_, r) =>
        selected.has(r.id) ? <Tag color="green">{t('classConsole.selected')}</Tag> : <Tag color="volcano">{t('classConsole.notSelected')}</Tag>,
    },
    ...(check
      ? [
          {
            title: t('classConsole.drawKey'),
            key: 'key',
            render: (_: unknown, r: Row) => <Typography.Text code style={{ fontSize: 11 }}>{`${check.keys.get(r.id)?.slice(0, 16)}…`}</Typography.Text>,
          },
        ]
      : []),
  ];
  const rows = check
    ? [...lottery.candidates].sort((a, b) => ((check.keys.get(a) ?? '') < (check.keys.get(b) ?? '') ? -1 : 1)).map((id) => ({ id }))
    : lottery.candidates.map((id) => ({ id }));

  return (
    <Flex vertical gap={16} data-testid="console-lottery">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          { key: 'runAt', label: t('classConsole.lotteryRunAt'), children: formatTime(lottery.runAt) },
          { key: 'places', label: t('classConsole.lotteryPlaces'), children: lottery.places },
          { key: 'candidates', label: t('classConsole.lotteryCandidates'), children: lottery.candidates.length },
          { key: 'selected', label: t('classConsole.lotterySelected'), children: lottery.selected.length },
          {
            key: 'seed',
            label: t('classConsole.lotterySeed'),
            span: 'filled' as const,
            children: (
              <Typography.Text code copyable data-testid="lottery-seed" style={{ wordBreak: 'break-all' }}>
                {lottery.seed}
              </Typography.Text>
            ),
          },
          {
            key: 'method',
            label: t('classConsole.lotteryMethod'),
            span: 'filled' as const,
            children: (
              <div data-testid="lottery-method">
                <div>{t('classConsole.lotteryMethodText', { places: lottery.places })}</div>
                {i18n.language === 'en-US' ? null : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {lottery.method}
                  </Typography.Text>
                )}
              </div>
            ),
          },
          {
            key: 'shell',
            label: t('classConsole.lotteryShell'),
            span: 'filled' as const,
            children: (
              <Typography.Paragraph copyable={{ text: shellCommand(lottery) }} style={{ margin: 0 }}>
                <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0, fontSize: 12 }}>{shellCommand(lottery)}</pre>
              </Typography.Paragraph>
            ),
          },
        ]}
      />
      <Flex gap={8} align="center" wrap>
        <Button icon={<SafetyCertificateOutlined />} onClick={verify} data-testid="lottery-verify">
          {t('classConsole.verify')}
        </Button>
        {check ? (
          <Alert
            type={check.same ? 'success' : 'error'}
            showIcon
            title={t(check.same ? 'classConsole.verifySame' : 'classConsole.verifyDiffers')}
            style={{ padding: '4px 12px' }}
            data-testid="lottery-verify-result"
          />
        ) : null}
      </Flex>
      <Table<Row> rowKey="id" columns={columns} dataSource={rows} pagination={false} size="small" scroll={{ x: 'max-content' }} />
    </Flex>
  );
}
